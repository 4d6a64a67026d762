/**
 * Decides whether a name is a person, a place or an organisation, from the
 * name's own words first (organisation and place words, gazetteers, first
 * names) and then from its context (a title before it, "said" after it).
 */
import { fixedName, isInstitution, isKnownPlace, isOrgSuffixWord, isTrailingPlaceWord } from './gazetteer';
import { hasClass, isOrgSuffix, isPlaceSuffix, wordClasses } from './lexicon';
import { isTitleHead } from './titles';
import { isAcronym } from './tokens';
import { isOrdinaryWord, type Vocabulary } from './vocabulary';
import type { EntityType } from './types';

export interface NameContext {
  vocabulary: Vocabulary;
  /** A person's title or honorific was written before the name. */
  titled: boolean;
  /** The word before the name, lower case ("in", "from", "said"). */
  previousWord: string;
  /** The word after the name, lower case. */
  nextWord: string;
}

/** Verbs of saying that follow a person's name ("Tusk said"). */
const SPEECH_VERBS = new Set(['said', 'says', 'told', 'added', 'wrote', 'argued', 'believes', 'believed', 'thinks', 'explained', 'noted', 'warned', 'insisted', 'claimed', 'stated', 'declared', 'announced', 'tweeted', 'asked', 'replied', 'acknowledged', 'admitted', 'recalled', 'suggested', 'urged', 'who']);
/** Prepositions that put a single unknown name in a location ("in Kharkiv"). */
const LOCATIVE_PREPOSITIONS = new Set(['in', 'near', 'outside', 'across', 'throughout']);

/**
 * The type a name's own words give it (gazetteers, organisation and place
 * words), strong enough that no title inside it is split off ("Justice Department").
 */
export function typeFromWords(words: string[]): EntityType | null {
  const phrase = words.join(' ');
  const fixed = fixedName(phrase);
  if (fixed) return fixed.type;
  const last = words[words.length - 1];
  if (isInstitution(phrase)) return 'org';
  if (words.length > 1 && isOrgWord(last)) return 'org';
  // "Institute of Peace", "Bank of England", "Gulf of Mexico": the head before "of" decides.
  const of = words.findIndex((w, i) => i > 0 && (w === 'of' || w === 'for'));
  if (of > 0 && isOrgWord(words[of - 1])) return 'org';
  if (of > 0 && isPlaceSuffix(words[of - 1]) && !words.some(isTitleHead)) return 'place';
  if (isKnownPlace(phrase)) return 'place';
  const whole = wordClasses(phrase);
  if (whole.has('country') || whole.has('city') || whole.has('region') || whole.has('place')) return 'place';
  if (whole.has('org')) return 'org';
  // "Secretary of State" is a title, not a state.
  if (words.length > 1 && isPlaceSuffix(last) && !hasClass(words[0], 'firstName') && !hasClass(words[0], 'person') && !words.some(isTitleHead)) return 'place';
  return null;
}

export function classifyName(words: string[], context: NameContext): EntityType | null {
  const strong = typeFromWords(words);
  if (strong) return strong;
  const phrase = words.join(' ');
  const last = words[words.length - 1];
  const whole = wordClasses(phrase);
  if (context.titled) return 'person';
  if (words.length === 1 && isAcronym(last)) return 'org';
  if (whole.has('person') || (whole.has('firstName') && words.length === 1 && SPEECH_VERBS.has(context.nextWord))) return 'person';
  if (words.length > 1 && hasClass(words[0], 'firstName')) return 'person';
  if (words.length > 1 && hasClass(last, 'lastName')) return 'person';
  // Two to four capitalised words with no organisation or place word: a person, unless every word is ordinary ("Foreign Policy").
  if (words.length > 1 && words.length <= MAX_PERSON_WORDS && words.every((w) => /^\p{Lu}/u.test(w)) && !words.every((w) => isOrdinaryWord(w, context.vocabulary))) {
    if (!isOrdinaryWord(last, context.vocabulary) || !isOrdinaryWord(words[0], context.vocabulary)) return 'person';
  }
  // "child, Gloria": a first name alone.
  if (words.length === 1 && hasClass(last, 'firstName') && !isOrdinaryWord(last, context.vocabulary)) return 'person';
  if (words.length === 1 && !isOrdinaryWord(last, context.vocabulary) && SPEECH_VERBS.has(context.nextWord)) return 'person';
  if (words.length === 1 && !isOrdinaryWord(last, context.vocabulary) && LOCATIVE_PREPOSITIONS.has(context.previousWord)) return 'place';
  // "the Kursk region"
  if (isTrailingPlaceWord(context.nextWord)) return 'place';
  return null;
}

const isOrgWord = (word: string) => isOrgSuffixWord(word) || isOrgSuffix(word);

/** Person names rarely run longer than this many words ("Mohammed bin Salman Al Saud" is five). */
const MAX_PERSON_WORDS = 4;

