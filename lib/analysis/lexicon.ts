/**
 * Word classes taken from compromise's built-in lexicon (first names, surnames,
 * countries, cities, organisations, demonyms, role nouns, common words).
 * We read the lexicon as a dictionary rather than running compromise's tagger:
 * the lookups are what helps name finding, and the tagger is what costs time.
 */
import nlp from 'compromise';

export type WordClass =
  | 'firstName'
  | 'lastName'
  | 'person'
  | 'country'
  | 'city'
  | 'region'
  | 'place'
  | 'org'
  | 'demonym'
  | 'role'
  | 'honorific'
  | 'common'
  | 'month'
  | 'weekday'
  /** Ordinary vocabulary that is only ever a noun ("max", "press"): may still open a name. */
  | 'nounOnly'
  /** A plural noun ("people", "workers"): may own a name ("People’s Liberation Army"). */
  | 'plural'
  /** A verb form ("said", "retired"): ends an apposition. */
  | 'verb';

const TAG_CLASSES: Record<string, WordClass> = {
  MaleName: 'firstName',
  FemaleName: 'firstName',
  FirstName: 'firstName',
  LastName: 'lastName',
  Person: 'person',
  Country: 'country',
  City: 'city',
  Region: 'region',
  Place: 'place',
  Organization: 'org',
  SportsTeam: 'org',
  Demonym: 'demonym',
  Actor: 'role',
  Honorific: 'honorific',
  Month: 'month',
  WeekDay: 'weekday',
};

/** Tags that mark a word as ordinary vocabulary rather than part of a name. */
const COMMON_TAGS = new Set([
  'Adjective', 'Adverb', 'Conjunction', 'Determiner', 'Preposition', 'Pronoun', 'Modal',
  'PastTense', 'PresentTense', 'Infinitive', 'Gerund', 'Participle', 'Plural', 'Singular',
  'Uncountable', 'Noun', 'Comparative', 'Superlative', 'QuestionWord', 'Expression',
  'Cardinal', 'Ordinal', 'TextValue', 'Reflexive', 'Copula', 'Auxiliary', 'Negative', 'Date',
  'Duration', 'Unit', 'Currency', 'Actor', 'Condition',
]);

const NOUN_TAGS = new Set(['Singular', 'Noun', 'Uncountable', 'ProperNoun']);
const VERB_TAGS = new Set(['PastTense', 'PresentTense', 'Infinitive', 'Gerund', 'Copula', 'Modal', 'Auxiliary']);

let classes: Map<string, Set<WordClass>> | null = null;
let orgSuffixes: Set<string> | null = null;
let placeSuffixes: Set<string> | null = null;

function build(): Map<string, Set<WordClass>> {
  const model = nlp.model() as {
    one: { lexicon: Record<string, string | string[]> };
    two: { orgWords: Record<string, unknown>; placeWords: Record<string, unknown> };
  };
  const map = new Map<string, Set<WordClass>>();
  for (const [word, tagOrTags] of Object.entries(model.one.lexicon)) {
    const set = new Set<WordClass>();
    const tags = Array.isArray(tagOrTags) ? tagOrTags : [tagOrTags];
    for (const tag of tags) {
      const cls = TAG_CLASSES[tag];
      if (cls) set.add(cls);
      if (COMMON_TAGS.has(tag)) set.add('common');
      if (VERB_TAGS.has(tag)) set.add('verb');
      if (tag === 'Plural') set.add('plural');
    }
    if (tags.every((tag) => NOUN_TAGS.has(tag))) set.add('nounOnly');
    if (set.size > 0) map.set(word, set);
  }
  orgSuffixes = new Set(Object.keys(model.two.orgWords));
  placeSuffixes = new Set(Object.keys(model.two.placeWords));
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
