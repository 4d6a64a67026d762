/**
 * Cheap candidate names in page text: runs of capitalised words and acronyms,
 * possessives cut off. The background runs this over the text a page sends,
 * then looks the candidates up in its name index; nothing here knows any name.
 *
 * Only the distinct candidates are kept, not where they occur: the index
 * finds few names among them, and the page's scanner looks those few up in
 * its text afterwards. Every step is one native call over a whole string
 * (match, Set, join, replace), with no JavaScript per candidate: this ran in
 * the content script once, where code runs once per page in V8's interpreter,
 * and it is as cheap in the background.
 */
import { MAX_CANDIDATE_LENGTH } from '../messages';
import { LETTER, UPPER } from '../text/letters';

// A capitalised word ("Tusk", "O’Brien", "Jean-Claude", "NATO", "G7") or a
// dotted acronym ("U.S."). A hyphen joins only capitalised parts, so
// "Zelensky-led" yields "Zelensky". An apostrophe stays inside a word unless
// it starts a possessive: "Zelenskiy’s" and "Jones’" end before it. A word
// longer than any name's (a base64 blob) is no word at all.
const WORD = `(?:(?:[${UPPER}]\\.){2,}|[${UPPER}][${LETTER}0-9]{0,39}(?![${LETTER}0-9])(?:['’](?!s(?![${LETTER}]))[${LETTER}]+|-[${UPPER}][${LETTER}]*)*)`;
// Lower-case particles that sit inside names: "Charles de Gaulle", "Ursula von der Leyen", "Bank of England".
const PARTICLE = '(?:de|da|del|der|di|du|la|le|van|von|bin|al|of)';
/**
 * Words joined by white space within a line, at most twelve: a Title Case
 * headline becomes a few candidates rather than one too long to look up.
 */
const SEQUENCE = new RegExp(`${WORD}(?:[ \\t\\u00a0]+(?:${PARTICLE}[ \\t\\u00a0]+)*${WORD}){0,11}`, 'g');

/**
 * A small letter right before a capital inside one word: where a page's text
 * joins two blocks with nothing between ("Kyiv</h2><p>Tusk" reads
 * "KyivTusk"), and in names written that way ("DeSantis", "McDonald"). Such
 * candidates go out in both readings, whole and in parts; the scanner keeps
 * a part only where the DOM really separates it.
 */
const JOIN = new RegExp(`[a-zß-öø-ÿа-яёα-ω](?=[${UPPER}])`, 'g');
/** One candidate per line, no longer than a name can be: longer ones (a banner in capitals) are not names. */
const FITS = new RegExp(`^.{1,${MAX_CANDIDATE_LENGTH}}$`, 'gm');

/**
 * The distinct candidates in `text` (pieces of a page joined by line breaks,
 * which no candidate crosses), in order of first appearance, then the parts
 * of joined words.
 */
export function extractCandidates(text: string): string[] {
  const distinct = [...new Set(text.match(SEQUENCE))].join('\n');
  // Split every joined word and read the lot again: the parts are new, the rest comes back unchanged and the Set drops it.
  const parts = distinct.replace(JOIN, '$&\n').match(SEQUENCE) ?? [];
  return [...new Set(`${distinct}\n${parts.join('\n')}`.match(FITS))];
}
