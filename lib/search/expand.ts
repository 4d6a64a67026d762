/**
 * Query words → the corpus words they stand for: the word itself, words it
 * begins (while the user is still typing: "Clint" → "clinton"), and close
 * spellings ("zelenskyy" → "zelensky", "tsuk" → "tusk").
 *
 * The vocabulary is read from IndexedDB one initial letter at a time and kept
 * for the session, so typing a word reads its letter's words once; typos in
 * the first letter are not looked for (as Lucene's fuzzy prefix length of 1),
 * which is what keeps that read to one letter's words.
 */
import type Dexie from 'dexie';
import { untilTableChanges } from '../store/until-changed';
import { editDistanceWithin } from '../text/edit-distance';
import { vocabularyStartingWith, type SearchDb } from './search-index';

/** Below this many letters a query word matches only exactly or as a prefix: typos of 2–3 letters are other words. */
const MIN_FUZZY_LENGTH = 4;
/** One typo per word up to this length, two beyond: "zelenskyy" → "zelensky", "tosk" → "tusk". */
const ONE_TYPO_MAX_LENGTH = 7;
/** Prefixes stand in for words still being typed ("Tus" → "tusk"). */
const MIN_PREFIX_LENGTH = 3;
/** Quality of a prefix match relative to an exact one. */
const PREFIX_QUALITY = 0.8;
/** How many corpus words one query word may expand to. */
const MAX_EXPANSIONS = 20;

export interface Expansion {
  word: string;
  /** 1 for the word itself, less for prefixes and typos. */
  quality: number;
}

type VocabularyDb = Dexie & Pick<SearchDb, 'searchVocabulary'>;

/** Per database, the sorted words per initial letter; dropped whenever the vocabulary changes. */
const wordsByLetter = untilTableChanges('searchVocabulary', () => new Map<string, Promise<string[]>>());

function wordsStartingWith(db: VocabularyDb, letter: string): Promise<string[]> {
  const letters = wordsByLetter(db);
  let words = letters.get(letter);
  if (!words) {
    words = vocabularyStartingWith(db, letter);
    letters.set(letter, words);
    words.catch(() => letters.delete(letter));
  }
  return words;
}

/**
 * Reads the whole vocabulary at once into the per-letter lists: the popup
 * does as it opens (0.2 MB at 10,000 articles), so a first keystroke does not
 * wait for its letter's words (7-34 ms measured in the popup at that size).
 */
export async function warmVocabulary(db: VocabularyDb): Promise<void> {
  const letters = wordsByLetter(db);
  const byLetter = new Map<string, string[]>();
  // Prefixes sort as the words they begin, so each letter's words arrive sorted.
  for (const row of await db.searchVocabulary.toArray()) {
    const words = row.words.split('\n');
    const letter = row.prefix[0];
    const list = byLetter.get(letter);
    if (list) for (const word of words) list.push(word);
    else byLetter.set(letter, words);
  }
  for (const [letter, words] of byLetter) if (!letters.has(letter)) letters.set(letter, Promise.resolve(words));
}

/** Query words whose expansions a context keeps, at most. */
const MAX_KEPT_EXPANSIONS = 1000;

/**
 * Per database, each query word's expansions, dropped whenever the vocabulary
 * changes: a typo's close spellings are looked for among all the words of its
 * letter (a few ms for a long word at 10,000 articles), and a reader typing,
 * deleting and typing again asks for the same words.
 */
const keptExpansions = untilTableChanges('searchVocabulary', () => new Map<string, Promise<Expansion[]>>());

/** The corpus words `queryWord` stands for, best first, at most MAX_EXPANSIONS. The answer is shared: not to be changed. */
export function expandWord(db: VocabularyDb, queryWord: string): Promise<Expansion[]> {
  const kept = keptExpansions(db);
  let expansions = kept.get(queryWord);
  if (!expansions) {
    if (kept.size >= MAX_KEPT_EXPANSIONS) kept.clear();
    expansions = expandAnew(db, queryWord);
    kept.set(queryWord, expansions);
    expansions.catch(() => kept.delete(queryWord));
  }
  return expansions;
}

async function expandAnew(db: VocabularyDb, queryWord: string): Promise<Expansion[]> {
  // Short words are read exactly: their postings say whether the corpus has them.
  if (queryWord.length < MIN_PREFIX_LENGTH) return [{ word: queryWord, quality: 1 }];
  const words = await wordsStartingWith(db, queryWord[0]);
  const expansions = new Map<string, number>([[queryWord, 1]]);
  const prefixed: string[] = [];
  for (let i = lowerBound(words, queryWord); i < words.length && words[i].startsWith(queryWord); i++) {
    if (words[i] !== queryWord) prefixed.push(words[i]);
  }
  // The shortest completions are the likeliest word being typed.
  prefixed.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  for (const word of prefixed.slice(0, MAX_EXPANSIONS)) expansions.set(word, PREFIX_QUALITY);
  if (queryWord.length >= MIN_FUZZY_LENGTH) {
    const maxTypos = queryWord.length <= ONE_TYPO_MAX_LENGTH ? 1 : 2;
    for (const word of words) {
      if (expansions.has(word)) continue;
      const distance = editDistanceWithin(queryWord, word, maxTypos);
      if (distance !== null) expansions.set(word, 1 - distance / queryWord.length);
    }
  }
  return [...expansions]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_EXPANSIONS)
    .map(([word, quality]) => ({ word, quality }));
}

function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
