/**
 * Word classes taken from compromise's built-in lexicon (first names, surnames,
 * countries, cities, organisations, demonyms, role nouns, common words).
 * We read the lexicon as a dictionary rather than running compromise's tagger:
 * the lookups are what helps name finding, and the tagger is what costs time.
 * The table is generated once into lexicon-data.ts (`npm run lexicon`), so the
 * extension ships a word list instead of compromise.
 */
import { ORG_SUFFIXES, PLACE_SUFFIXES, WORDS_BY_CLASS_MASK } from './lexicon-data';

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

/** Front coding of lexicon-data.ts: the shared-prefix length is written as the character FRONT_CODE_ZERO + length ('0' for none). */
export const FRONT_CODE_ZERO = 48;
/** Longest shared prefix written, so the length character stays a letter or digit (never a quote or backslash). */
export const MAX_SHARED_PREFIX = 35;

/** The words of one front-coded group: each item is the shared-prefix length, then the rest of the word. */
export function decodeWords(coded: string): string[] {
  let previous = '';
  return coded.split('|').map((item) => {
    previous = previous.slice(0, item.charCodeAt(0) - FRONT_CODE_ZERO) + item.slice(1);
    return previous;
  });
}

let classes: Map<string, ReadonlySet<WordClass>> | null = null;
let orgSuffixes: Set<string> | null = null;
let placeSuffixes: Set<string> | null = null;

/** Unpacked on first use: one set per distinct class mask, shared by its words. */
function build(): Map<string, ReadonlySet<WordClass>> {
  const map = new Map<string, ReadonlySet<WordClass>>();
  for (const [mask, words] of Object.entries(WORDS_BY_CLASS_MASK)) {
    const set = new Set(WORD_CLASSES.filter((_, i) => Number(mask) & (1 << i)));
    for (const word of decodeWords(words)) map.set(word, set);
  }
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
