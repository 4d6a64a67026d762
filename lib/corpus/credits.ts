/**
 * Credit lines at the foot of an article: "With assistance from …",
 * "Reporting by …; Editing by …", "Additional reporting by …". A credit line
 * ends the article it belongs to.
 */

import { hasAtMostWords } from './lines';

const CREDIT_OPENING =
  /^(?:with (?:additional )?(?:assistance|reporting|contributions?) (?:from|by)|(?:additional |further |extra )?reporting (?:by|from)|(?:editing|writing|research|graphics|photography) by|(?:written|edited|compiled|reported|produced) by|contributing\s*:)\s*/i;

/** Words that join names in a credit line and say nothing about prose. */
const CREDIT_JOINERS = new Set([
  'and', '&', 'in', 'at', 'from', 'by', 'with', 'of', 'the', 'for',
  'editing', 'writing', 'reporting', 'additional', 'research', 'graphics', 'assistance',
]);

/**
 * Longest credit line. Long wire credits list a dozen names with their
 * cities; anything longer is a paragraph that happens to open the same way.
 */
const MAX_CREDIT_WORDS = 60;

/**
 * Share of the non-joining words that must be capitalised. Credits are lists
 * of names and places; prose such as "Reporting by the BBC has shown that …"
 * is mostly lower-case words.
 */
const MIN_CAPITALISED_SHARE = 0.7;

/**
 * Longest byline ("By Jane Doe and John Smith, Reuters"). Bylines name a few
 * writers and an outlet; a longer line opening with "By" is a sentence
 * ("By Tuesday, the talks had collapsed …").
 */
const MAX_BYLINE_WORDS = 12;

/**
 * The credit text of a line ("With assistance from A and B"), without the
 * dashes or brackets some sites wrap it in, or null when the line is not one.
 */
export function parseCreditLine(line: string): string | null {
  const credit = unwrap(line);
  const opening = CREDIT_OPENING.exec(credit);
  if (!opening || !hasAtMostWords(credit, MAX_CREDIT_WORDS)) return null;
  return listsNames(credit.slice(opening[0].length)) ? credit : null;
}

/** A byline under the headline: page furniture the article model has no field for. */
export function isByline(line: string): boolean {
  const byline = /^by\s+(.*)$/i.exec(line.trim());
  return byline !== null && hasAtMostWords(line, MAX_BYLINE_WORDS) && listsNames(byline[1]);
}

function unwrap(line: string): string {
  const undashed = line.trim().replace(/^[-–—\s]+/u, '');
  const bracketed = /^\((.*)\)\.?$/s.exec(undashed);
  return (bracketed ? bracketed[1] : undashed).trim();
}

/** Mostly capitalised words once joiners are set aside: a list of names and places, not prose. */
function listsNames(rest: string): boolean {
  const words = rest
    .split(/[\s,;/]+/)
    .map((word) => word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
    .filter((word) => word.length > 0 && !CREDIT_JOINERS.has(word.toLowerCase()));
  if (words.length === 0) return false;
  const capitalised = words.filter((word) => /^\p{Lu}/u.test(word)).length;
  return capitalised / words.length >= MIN_CAPITALISED_SHARE;
}
