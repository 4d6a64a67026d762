/**
 * A country's name often stands for something that acts: its national team in
 * a match report ("Sweden beat South Korea 1 – 0", "Panama coach") or its state
 * ("North Korea fired artillery", "South Korea says …"). Those mentions are
 * organisations, not places. The article decides (settleActingCountries in
 * classify.ts): one act alone does not make a country an organisation.
 */
import { fixedName } from './gazetteer';
import { wordClasses } from './lexicon';
import type { Token } from './tokens';

/**
 * How a country acts here: beside a score ("Belgium 3 – 0 Panama"), as the
 * subject of a match verb ("Sweden defeated"), owning a side's word ("Panama
 * coach", "the US team"), or as a state ("North Korea fired").
 */
export type CountryRole = 'result' | 'matchVerb' | 'teamNoun' | 'state';

/** Verbs whose subject, in a match report, is a side ("Sweden defeated", "England won"). */
const TEAM_VERBS = new Set([
  'beat', 'beats', 'defeated', 'defeats', 'faced', 'faces', 'drew', 'draws', 'won', 'wins', 'lost', 'loses',
  'scored', 'scores', 'equalised', 'equalized', 'trailed', 'thrashed', 'edged', 'eliminated', 'conceded', 'substituted',
]);

/** Nouns a side owns ("Panama coach", "Tunisia’s goalkeeper", "the US team"). */
const TEAM_NOUNS = new Set([
  'team', 'squad', 'coach', 'captain', 'goalkeeper', 'striker', 'midfielder', 'defender', 'manager', 'players', 'fans',
]);

export const isTeamNoun = (word: string) => TEAM_NOUNS.has(word.toLowerCase());

/**
 * Verbs whose subject is a state, not a territory: statements and acts of
 * force ("North Korea stated", "South Korea evacuated"). Auxiliaries are left
 * out: "Thailand has cracked down" is as often said of the country as a place.
 */
const STATE_VERBS = new Set([
  'said', 'says', 'stated', 'states', 'announced', 'announces', 'declared', 'warned', 'warns', 'threatened', 'threatens',
  'vowed', 'accused', 'demanded', 'condemned', 'fired', 'fires', 'shelled', 'attacked', 'invaded', 'retaliated',
  'launched', 'evacuated', 'deployed',
]);

/** A match result written between or after sides: "1 – 0", "3-0". */
const SCORE_AFTER = /^\s*\d{1,2}\s?[–-]\s?\d{1,2}(?!\d)/u;
const SCORE_BEFORE = /(?<!\d)\d{1,2}\s?[–-]\s?\d{1,2}\s*(?:to\s+)?$/u;
/** How far around a name to look for a score. */
const SCORE_WINDOW = 12;

/** A whole country's name, or a country form news writes ("U.S.", "Britain"). */
export function isCountryName(phrase: string): boolean {
  const classes = wordClasses(phrase);
  if (classes.has('country') && !classes.has('demonym')) return true;
  const fixed = fixedName(phrase);
  return fixed !== null && fixed.type === 'place' && phrase.toLowerCase() !== 'washington';
}

/** What the country named by tokens[first..last] does here, if anything but lie on a map. */
export function countryRole(tokens: Token[], first: number, last: number, text: string): CountryRole | null {
  const end = tokens[last].end;
  if (SCORE_AFTER.test(text.slice(end, end + SCORE_WINDOW))) return 'result';
  const start = tokens[first].start;
  if (SCORE_BEFORE.test(text.slice(Math.max(0, start - SCORE_WINDOW), start))) return 'result';
  let next = last + 1;
  if (tokens[next]?.text === '’s') next++;
  const word = tokens[next];
  if (!word || word.before !== '') return null;
  const lower = word.text.toLowerCase();
  if (isTeamNoun(lower)) return 'teamNoun';
  if (next > last + 1) return null;
  if (TEAM_VERBS.has(lower)) return 'matchVerb';
  if (STATE_VERBS.has(lower)) return 'state';
  return null;
}

/**
 * A report that names sides this often, one of them beside a score, is a match
 * report; without a score, "Russia lost ground … Ukraine won time" is not.
 */
export const MIN_TEAM_MENTIONS_FOR_MATCH_REPORT = 3;
/**
 * Outside match reports, a country is an actor throughout an article when at
 * least this many of its mentions act as a state or own a side's word, making
 * at least this share of them. Match verbs do not count there: "Russia lost
 * ground" says nothing of a team.
 */
export const MIN_ACTING_MENTIONS = 2;
export const MIN_ACTING_SHARE = 1 / 3;
