/**
 * Word classes taken from compromise's built-in lexicon (first names, surnames,
 * countries, cities, organisations, demonyms, role nouns, common words).
 * We read the lexicon as a dictionary rather than running compromise's tagger:
 * the lookups are what helps name finding, and the tagger is what costs time.
 * The table is generated once into lexicon-data.ts (`npm run lexicon`), so the
 * extension ships a word list instead of compromise.
 */
import { CLASS_MASKS, ORG_SUFFIXES, PLACE_SUFFIXES, WORDS } from './lexicon-data';

/** The classes, in the order of their bits in lexicon-data.ts: append only, then run `npm run lexicon`. */
export const WORD_CLASSES = [
  'firstName',
  'lastName',
  'person',
  'country',
  'city',
  'region',
  'place',
  'org',
  'demonym',
  'role',
  'honorific',
  'common',
  'month',
  'weekday',
  /** Ordinary vocabulary that is only ever a noun ("max", "press"): may still open a name. */
  'nounOnly',
  /** A plural noun ("people", "workers"): may own a name ("People’s Liberation Army"). */
  'plural',
  /** A verb form ("said", "retired"): ends an apposition. */
  'verb',
] as const;

export type WordClass = (typeof WORD_CLASSES)[number];

/**
 * The encoding of lexicon-data.ts: every word in one sorted list, each written
 * as the length of the prefix it shares with the word before (one character,
 * FRONT_CODE_ZERO + length), the rest of the word, and one character closing
 * it that names its class mask (MASK_CODE_ZERO + the mask's index in
 * CLASS_MASKS). Words are lower case and the closing characters capitals, so
 * no separator is needed: a sixth smaller once compressed than one list per
 * class mask with separators.
 */
export const FRONT_CODE_ZERO = 48;
/** Longest shared prefix written, so the length character stays a digit or capital letter (never a quote or backslash). */
export const MAX_SHARED_PREFIX = 35;
/** The first closing character; the mask indexes run on from it, within the capitals. */
export const MASK_CODE_ZERO = 65;
const isClosing = (code: number) => code >= MASK_CODE_ZERO && code <= 90;

/** The words of the encoded list with the index of their class mask, in order. */
export function* decodeLexicon(coded: string): Generator<[word: string, maskIndex: number]> {
  let previous = '';
  let i = 0;
  while (i < coded.length) {
    const shared = coded.charCodeAt(i) - FRONT_CODE_ZERO;
    let end = i + 1;
    while (!isClosing(coded.charCodeAt(end))) end++;
    previous = previous.slice(0, shared) + coded.slice(i + 1, end);
    yield [previous, coded.charCodeAt(end) - MASK_CODE_ZERO];
    i = end + 1;
  }
}

let classes: Map<string, ReadonlySet<WordClass>> | null = null;
let orgSuffixes: Set<string> | null = null;
let placeSuffixes: Set<string> | null = null;

/** Unpacked on first use: one set per distinct class mask, shared by its words. */
function build(): Map<string, ReadonlySet<WordClass>> {
  const sets = CLASS_MASKS.map((mask) => new Set(WORD_CLASSES.filter((_, i) => mask & (1 << i))));
  const map = new Map<string, ReadonlySet<WordClass>>();
  for (const [word, maskIndex] of decodeLexicon(WORDS)) map.set(word, sets[maskIndex]);
  orgSuffixes = new Set(ORG_SUFFIXES.split('|'));
  placeSuffixes = new Set(PLACE_SUFFIXES.split('|'));
  return map;
}

/** The classes of a word (case-insensitive); empty for unknown words. */
export function wordClasses(word: string): ReadonlySet<WordClass> {
  if (!classes) classes = build();
  return classes.get(word.toLowerCase()) ?? EMPTY;
}
const EMPTY: ReadonlySet<WordClass> = new Set();

export function hasClass(word: string, cls: WordClass): boolean {
  return wordClasses(word).has(cls);
}

/** Last words that make a capitalised phrase an organisation ("Ministry", "Institute", "Times"). */
export function isOrgSuffix(word: string): boolean {
  if (!classes) classes = build();
  return orgSuffixes!.has(word.toLowerCase());
}

/** Last words that make a capitalised phrase a place ("River", "Province", "Airport"). */
export function isPlaceSuffix(word: string): boolean {
  if (!classes) classes = build();
  return placeSuffixes!.has(word.toLowerCase());
}
