/**
 * Word classes taken from compromise's built-in lexicon (first names, surnames,
 * countries, cities, organisations, demonyms, role nouns, common words).
 * We read the lexicon as a dictionary rather than running compromise's tagger:
 * the lookups are what helps name finding, and the tagger is what costs time.
 *
 * The table is generated once (`npm run lexicon`) into assets/public/lexicon.txt, a
 * file the extension ships beside its scripts rather than inside them: the
 * background's script stays small, so every start of its worker parses less,
 * and the words are read only by a context about to analyse (the import of a
 * corpus batch, a saved page), once: not at every start, since parsing the
 * file takes some 35 ms on a first call (Node, a busy two-core machine) and a
 * woken worker mostly looks names up, which needs no lexicon. Node (tests,
 * eval, benchmarks) installs the same file from disk.
 */

/** The classes, in the order the file's section headers may name them: append only, then run `npm run lexicon`. */
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

/** The file's name at the root of the extension package (and under assets/public/ in the repository). */
export const LEXICON_FILE = 'lexicon.txt';

/**
 * The file's format: sections, each a header line `= class class…` naming the
 * classes its words have, then its words, lower case, sorted, one a line.
 * Two sections hold the suffix lists instead, headed `= orgSuffix` and
 * `= placeSuffix`. Lines starting with `#` are comments. Each word line is
 * front-coded: one digit, the length of the prefix it shares with the word
 * above ("3ya" after "aada" is "aadya"), then the rest. Compressed (the package
 * is a zip), that is a quarter smaller than the plain words: 49 kB gzip
 * against 65 kB.
 */
export const LEXICON_HEADER = '=';
export const LEXICON_COMMENT = '#';
/** Longest shared prefix written, so the count stays one digit. */
export const MAX_SHARED_PREFIX = 9;
export const ORG_SUFFIX_SECTION = 'orgSuffix';
export const PLACE_SUFFIX_SECTION = 'placeSuffix';

const ZERO = '0'.charCodeAt(0);

interface Lexicon {
  classes: Map<string, ReadonlySet<WordClass>>;
  orgSuffixes: Set<string>;
  placeSuffixes: Set<string>;
}

/** Reads the file's text; throws on a header naming no known class, so a stale file fails loudly. */
export function parseLexicon(text: string): Lexicon {
  const lexicon: Lexicon = { classes: new Map(), orgSuffixes: new Set(), placeSuffixes: new Set() };
  const known = new Set<string>(WORD_CLASSES);
  // The section being read: a class set (shared by its words) or a suffix list.
  let classes: ReadonlySet<WordClass> | null = null;
  let suffixes: Set<string> | null = null;
  let previous = '';
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith(LEXICON_COMMENT)) continue;
    if (!line.startsWith(LEXICON_HEADER)) {
      previous = previous.slice(0, line.charCodeAt(0) - ZERO) + line.slice(1);
      if (classes) lexicon.classes.set(previous, classes);
      else if (suffixes) suffixes.add(previous);
      else throw new Error(`lexicon: "${line}" comes before any section header`);
      continue;
    }
    previous = '';
    const names = line.slice(LEXICON_HEADER.length).trim().split(' ');
    if (names.length === 1 && (names[0] === ORG_SUFFIX_SECTION || names[0] === PLACE_SUFFIX_SECTION)) {
      suffixes = names[0] === ORG_SUFFIX_SECTION ? lexicon.orgSuffixes : lexicon.placeSuffixes;
      classes = null;
      continue;
    }
    const unknown = names.filter((name) => !known.has(name));
    if (unknown.length > 0) throw new Error(`lexicon: unknown classes ${unknown.join(', ')}`);
    classes = new Set(names as WordClass[]);
    suffixes = null;
  }
  return lexicon;
}

let installed: Lexicon | null = null;
let loading: Promise<void> | null = null;

/** Makes the file's text the lexicon every lookup below reads. */
export function installLexicon(text: string): void {
  installed = parseLexicon(text);
}

/**
 * Resolves once the lexicon is installed, reading the shipped file the first
 * time it is asked for (in Node, tests and scripts install it first). Every
 * extension context that analyses (the service worker, Firefox's background
 * page, the options page and its import worker) is a page or worker of the
 * extension's own origin, so the file is read from its package: no network.
 * Await it before analysing or merging, outside any database transaction.
 */
export function lexiconReady(): Promise<void> {
  if (installed) return Promise.resolve();
  loading ??= fetch(new URL(`/${LEXICON_FILE}`, globalThis.location.origin))
    .then((response) => {
      if (!response.ok) throw new Error(`lexicon: ${response.status} reading ${LEXICON_FILE}`);
      return response.text();
    })
    .then(installLexicon)
    .catch((error: unknown) => {
      loading = null; // a failed read is tried again by the next caller
      throw error;
    });
  return loading;
}

function lexicon(): Lexicon {
  if (!installed) throw new Error('lexicon: not loaded (await lexiconReady() before analysing)');
  return installed;
}

/** The classes of a word (case-insensitive); empty for unknown words. */
export function wordClasses(word: string): ReadonlySet<WordClass> {
  return lexicon().classes.get(word.toLowerCase()) ?? EMPTY;
}
const EMPTY: ReadonlySet<WordClass> = new Set();

export function hasClass(word: string, cls: WordClass): boolean {
  return wordClasses(word).has(cls);
}

/** Last words that make a capitalised phrase an organisation ("Ministry", "Institute", "Times"). */
export function isOrgSuffix(word: string): boolean {
  return lexicon().orgSuffixes.has(word.toLowerCase());
}

/** Last words that make a capitalised phrase a place ("River", "Province", "Airport"). */
export function isPlaceSuffix(word: string): boolean {
  return lexicon().placeSuffixes.has(word.toLowerCase());
}
