/**
 * Words the batch itself writes in lower case ("administration", "church"):
 * a capitalised form of one of them is likely an ordinary word at a sentence
 * start, or a common noun inside an organisation's name, rather than a
 * person's name. Complements compromise's lexicon, which lists base forms only.
 */
import { wordClasses } from './lexicon';

export type Vocabulary = ReadonlySet<string>;

const LOWER_CASE_WORD = /(?<![\p{L}\p{N}'’-])\p{Ll}[\p{Ll}'’]*(?![\p{L}\p{N}])/gu;

export function collectVocabulary(texts: string[]): Vocabulary {
  const words = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(LOWER_CASE_WORD)) words.add(match[0]);
  return words;
}

/** Ordinary vocabulary by the lexicon or by the batch's own lower-case usage, and no known name. */
export function isOrdinaryWord(word: string, vocabulary: Vocabulary): boolean {
  const classes = wordClasses(word);
  if (classes.has('firstName') || classes.has('lastName') || classes.has('country') || classes.has('city') || classes.has('org') || classes.has('region') || classes.has('place') || classes.has('person')) return false;
  return classes.has('common') || vocabulary.has(word.toLowerCase());
}

/**
 * "Enforcement", "Nutrition", "Conservative": English derivational endings the
 * lexicon's base forms miss. No surname ends so, bar a few the lexicon lists
 * as names ("Lawrence", "Clement"), so such a word does not make a phrase a person's name.
 */
const DERIVED_ENDING = /(?:tion|sion|ment|ness|ism|ology|ship|ive|ical|ance|ence|ity)$/u;
/** Shorter words with these endings are often names ("Clive", "Vance"). */
const MIN_DERIVED_LENGTH = 7;
export const isDerivedWord = (word: string) => word.length >= MIN_DERIVED_LENGTH && DERIVED_ENDING.test(word.toLowerCase());
