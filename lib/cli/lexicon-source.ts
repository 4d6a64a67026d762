/**
 * The text of assets/public/lexicon.txt: the word classes the analysis reads from
 * compromise's built-in lexicon (first names, surnames, countries, cities,
 * organisations, role nouns, common words…), and its organisation and place
 * suffixes. The extension ships this file instead of compromise, which stays a
 * development dependency: `npm run lexicon` writes it again after updating compromise.
 */
import nlp from 'compromise';
import { LEXICON_COMMENT, LEXICON_HEADER, MAX_SHARED_PREFIX, ORG_SUFFIX_SECTION, PLACE_SUFFIX_SECTION, WORD_CLASSES, type WordClass } from '../analysis/lexicon';

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

/** The classes that say a word or phrase names someone or something. */
const NAMING_CLASSES = new Set<WordClass>(['firstName', 'lastName', 'person', 'country', 'city', 'region', 'place', 'org', 'demonym', 'role', 'honorific']);

function classesOf(tags: string[]): Set<WordClass> {
  const set = new Set<WordClass>();
  for (const tag of tags) {
    const cls = TAG_CLASSES[tag];
    if (cls) set.add(cls);
    if (COMMON_TAGS.has(tag)) set.add('common');
    if (VERB_TAGS.has(tag)) set.add('verb');
    if (tag === 'Plural') set.add('plural');
  }
  if (tags.every((tag) => NOUN_TAGS.has(tag))) set.add('nounOnly');
  return set;
}

/** Each word as the length of the prefix it shares with the word above (one digit) and the rest. */
function frontCode(sorted: string[]): string[] {
  let previous = '';
  return sorted.map((word) => {
    let shared = 0;
    while (shared < MAX_SHARED_PREFIX && shared < previous.length && shared < word.length && previous[shared] === word[shared]) shared++;
    previous = word;
    return `${shared}${word.slice(shared)}`;
  });
}

/**
 * The file's text (format: parseLexicon in lexicon.ts): one section per class
 * set, in WORD_CLASSES order of their masks, each word sorted within it; then
 * the two suffix lists.
 */
export function formatLexicon(entries: [word: string, classes: WordClass[]][], orgSuffixes: string[], placeSuffixes: string[], note: string[]): string {
  const sections = new Map<string, string[]>();
  for (const [word, classes] of entries) {
    if (/[A-Z\n]/u.test(word) || word === '') throw new Error(`"${word}": lexicon words are lower case, on one line`);
    const key = WORD_CLASSES.filter((cls) => classes.includes(cls)).join(' ');
    sections.get(key)?.push(word) ?? sections.set(key, [word]);
  }
  const mask = (key: string) => key.split(' ').reduce((m, cls) => m | (1 << WORD_CLASSES.indexOf(cls as WordClass)), 0);
  const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const section = (header: string, words: string[]) => [`${LEXICON_HEADER} ${header}`, ...frontCode([...words].sort(byCodeUnit))];
  return [
    ...note.map((line) => `${LEXICON_COMMENT} ${line}`),
    ...[...sections.keys()].sort((a, b) => mask(a) - mask(b)).flatMap((key) => section(key, sections.get(key)!)),
    ...section(ORG_SUFFIX_SECTION, orgSuffixes),
    ...section(PLACE_SUFFIX_SECTION, placeSuffixes),
    '',
  ].join('\n');
}

export function lexiconSource(): { source: string; words: number } {
  const model = nlp.model() as {
    one: { lexicon: Record<string, string | string[]> };
    two: { orgWords: Record<string, unknown>; placeWords: Record<string, unknown> };
  };
  const entries: [string, WordClass[]][] = [];
  for (const [word, tagOrTags] of Object.entries(model.one.lexicon)) {
    const set = classesOf(Array.isArray(tagOrTags) ? tagOrTags : [tagOrTags]);
    if (set.size === 0) continue;
    // Phrases are looked up only for what names them ("new york", "united nations"):
    // phrasal verbs and idioms ("bring about") would ship for nothing.
    if (word.includes(' ') && ![...set].some((cls) => NAMING_CLASSES.has(cls))) continue;
    entries.push([word, [...set]]);
  }
  const source = formatLexicon(entries, Object.keys(model.two.orgWords), Object.keys(model.two.placeWords), [
    `Generated by \`npm run lexicon\` (lib/cli/lexicon.ts) from compromise ${nlp.version}'s lexicon. Do not edit.`,
    'Each "=" line names the classes of the words below it; each word is the length of the prefix it shares with the word above, then the rest.',
  ]);
  return { source, words: entries.length };
}
