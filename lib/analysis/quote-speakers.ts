/**
 * Who a reporting clause names as the speaker: the subject of a reporting verb
 * ("Tusk said", "said Donald Jensen", "according to local authorities"), read
 * as a named entity, a pronoun to resolve, or a description of someone unnamed.
 */
import { QUOTE_FILLER } from './quote-spans';
import type { Sentence } from './quote-spans';
import { findSpeechVerbs, type SpeechVerb } from './speech-verbs';
import { genderOfHonorific, goesWithFirstName, isHonorific } from './titles';
import type { Entity } from './types';
import { lastWord, type ArticleView, type Attribution, type EntityMention } from './quote-view';

/**
 * A speaker described rather than named is a short noun phrase: the seed's
 * longest is seven words ("a spokesperson for the Polish foreign ministry");
 * anything much longer is a clause, not a description.
 */
const DESCRIPTION_MAX_WORDS = 8;
/**
 * How many sentences back a "he"/"she" may look for the person it stands for:
 * a news paragraph is one to three sentences, and the seed's pronouns all find
 * their person in the sentence before.
 */
const PRONOUN_LOOKBACK_SENTENCES = 3;

export type Subject =
  | { kind: 'entity'; id: string }
  | { kind: 'pronoun'; at: number; word: string }
  | { kind: 'description'; text: string };

interface Range {
  start: number;
  end: number;
}

const PRONOUNS = new Set(['he', 'she']);
/** Words a reporting clause may put between its subject and the verb ("has also said", "later told"). */
const AUXILIARIES_AND_ADVERBS = /^(?:has|have|had|was|is|were|are|did|does|do|would|will|could|also|later|then|once|again|previously|earlier|further|not|never|\p{L}+ly)$/iu;
/** Words that join clauses rather than name anyone ("and said", "but a spokesperson added"). */
const CONJUNCTIONS = /^(?:and|but|while|as|although|though|however|meanwhile|so|yet|whereas|also|then)$/iu;
/** Articles that open a descriptive apposition after a name (", a longtime adviser,", ", the chief executive,"). */
const APPOSITION_OPENERS = /^(?:a|an|the)$/iu;
/** Openers of a relative clause between a name and its verb ("Nuland, who retired …, said"). */
const RELATIVE_OPENERS = /^(?:who|whom|whose|which|that|where)\b/iu;
const PREPOSITIONS = new Set([
  'with', 'to', 'from', 'by', 'about', 'against', 'for', 'of', 'at', 'on', 'in', 'into', 'over', 'between', 'among',
  'after', 'before', 'like', 'than', 'toward', 'towards', 'under', 'including', 'alongside', 'beside', 'behind',
  'despite', 'without', 'through', 'via', 'per', 'upon', 'within', 'during', 'unlike', 'following', 'since',
]);
/** A preposed adverbial ("After the match, …", "Speaking on Sunday, …") is never the subject. */
const ADVERBIAL_OPENERS = new Set([...PREPOSITIONS, 'when', 'while', 'as', 'although', 'though', 'if', 'because', 'speaking', 'asked', 'writing']);
/** Words that make a phrase a clause, not a description of a speaker. */
const NOT_IN_DESCRIPTIONS = new Set([
  'has', 'have', 'had', 'been', 'be', 'is', 'was', 'were', 'are', 'will', 'would', 'could', 'should', 'can', 'may',
  'might', 'did', 'does', 'do', 'not', 'that', 'which', 'who', 'if', 'because', 'it', 'this', 'they', 'we', 'i', 'you',
]);
/** Words a noun phrase cannot end with. */
const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'his', 'her', 'its', 'their', 'our', 'my', 'your', 'this', 'these', 'those', 'and', 'or', ...PREPOSITIONS]);
/** Things an author's words come in: "Cornyn's statement added" is Cornyn speaking, "PC World's recent analysis concluded" PC World. */
const DOCUMENT_NOUNS =
  /^['’]s?\s+(?:\p{Ll}+\s+){0,2}(?:statement|letter|tweet|post|message|note|memo|remarks|speech|blog|column|op-ed|website|account|analysis|report|study|survey)\b/u;

/** The speaker phrase of a reporting verb: after it ("said Donald Jensen") when nothing stands before it in its clause. */
export function subjectOfVerb(view: ArticleView, verb: SpeechVerb, clauseStart: number, sentence: Sentence): Subject | null {
  const nothingBefore = !/[\p{L}\p{N}]/u.test(view.masked.slice(clauseStart, verb.start));
  if (verb.speakerFollows) return subjectAfter(view, verb.end, sentence.end);
  // "footage of Hillary Clinton asking, “…”": a participle right after a named person is that person speaking.
  const speakerBefore = verb.word.endsWith('ing') ? personRightBefore(view, verb.start, clauseStart) : null;
  if (speakerBefore) return speakerBefore;
  // "“…,” adding: “…”": a participle never comes before its subject; it shares the main clause's.
  if (nothingBefore && verb.word.endsWith('ing')) return mainClauseSubject(view, sentence, verb.start);
  if (nothingBefore) return subjectAfter(view, verb.end, sentence.end);
  // "Smith stressed the point … and said: “…”": a verb coordinated with an earlier one shares its subject.
  if (COORDINATED_VERB.test(view.masked.slice(clauseStart, verb.start))) return mainClauseSubject(view, sentence, verb.start);
  return subjectBefore(view, clauseStart, verb.start, sentence);
}

/** Where the words before a verb start once auxiliaries and adverbs are set aside ("Smith has also said" → after "Smith"). */
function verbStemStart(view: ArticleView, from: number, to: number): number {
  let at = to;
  for (;;) {
    const word = /(\S+)\s*$/u.exec(view.masked.slice(from, at));
    if (!word || !AUXILIARIES_AND_ADVERBS.test(word[1])) return at;
    at = from + word.index;
  }
}

/** The first organisation in text[from, to) that can be a subject (no possessive, no preposition before it). */
function organisationSubject(view: ArticleView, from: number, to: number): Subject | null {
  const org = view.mentions.find(
    (m) => m.start >= from && m.end <= to && m.entity.type === 'org' && !isPossessive(view.text, m.end) && !followsPreposition(view.text, m.start),
  );
  return org ? { kind: 'entity', id: org.entity.id } : null;
}

/** A person named right before `at` (only spaces between), even after a preposition. */
function personRightBefore(view: ArticleView, at: number, from: number): Subject | null {
  const mention = view.mentions.findLast((m) => m.end <= at && m.start >= from);
  if (!mention || mention.entity.type !== 'person' || /\S/u.test(view.masked.slice(mention.end, at))) return null;
  return entitySubject(view, mention.entity);
}

/** "… and said", "…, but later added": the verb continues the clause before it, with no subject of its own. */
const COORDINATED_VERB = /\s(?:and|but)\s+(?:(?:also|then|later|again)\s+)?$/u;

/** The subject of the sentence's first reporting verb before `before`, else its first named person. */
function mainClauseSubject(view: ArticleView, sentence: Sentence, before: number): Subject | null {
  const first = findSpeechVerbs(view.masked, sentence.start, before)[0];
  if (first && !first.speakerFollows && /[\p{L}\p{N}]/u.test(view.masked.slice(sentence.start, first.start))) {
    const subject = subjectBefore(view, sentence.start, first.start, sentence);
    if (subject) return subject;
  }
  const person = subjectMention(view, sentence.start, before);
  return person?.entity.type === 'person' ? entitySubject(view, person.entity) : null;
}

/** The person a sentence is about: its first named person that is no preposition's object or possessive. */
export function sentenceSubjectPerson(view: ArticleView, sentence: Sentence): string | null {
  const subject = subjectMention(view, sentence.start, sentence.end);
  return subject?.entity.type === 'person' ? canonicalPerson(view, subject.entity).id : null;
}

/**
 * The named person a sentence opens with, as its subject ("Hoover estimated …",
 * "In the depths of the recession, Paul Ryan worried …", "Senator Ann Cole thought …"):
 * the first person before `before`, with only a title, or an opening phrase
 * closed by a comma, in front of them.
 */
export function openingSubjectPerson(view: ArticleView, sentence: Sentence, before: number): string | null {
  const subject = subjectMention(view, sentence.start, before);
  if (subject?.entity.type !== 'person') return null;
  const lead = view.masked.slice(sentence.start, subject.start);
  // "Like Waite, Smith’s …": a name inside the opening prepositional phrase is not the subject.
  if (OPENING_PREPOSITION.test(lead) && !/[,\uE000]/u.test(lead)) return null;
  return OPENS_WITH_SUBJECT.test(lead) ? canonicalPerson(view, subject.entity).id : null;
}

/** A sentence opening with a preposition (capitalised, so not caught where titles are skipped). */
const OPENING_PREPOSITION = new RegExp(`^\\s*(?:${[...PREPOSITIONS].join('|')})\\s`, 'iu');
/** Before a sentence's subject: an opening phrase closed by a comma, then capitalised title words at most. */
const OPENS_WITH_SUBJECT = /^\s*(?:[^,\uE000]*(?:,|\uE000+)\s*)?(?:\p{Lu}[\p{L}.'’-]*\s+)*$/u;

export function toAttribution(view: ArticleView, subject: Subject | null): Attribution | null {
  if (!subject) return null;
  if (subject.kind === 'entity') return { speakerId: subject.id, speakerDescription: null };
  if (subject.kind === 'description') {
    const person = personByRole(view, subject.text);
    return person ? { speakerId: person.id, speakerDescription: null } : { speakerId: null, speakerDescription: subject.text };
  }
  const id = resolvePronoun(view, subject.at, subject.word);
  return id ? { speakerId: id, speakerDescription: null } : null;
}

/** The speaker of a sentence's own reporting clause ("Smith said the plan was dead."), whatever it quotes. */
export function reportingClauseSpeaker(view: ArticleView, sentence: Sentence): Attribution | null {
  const verb = findSpeechVerbs(view.masked, sentence.start, sentence.end)[0];
  return verb ? toAttribution(view, subjectOfVerb(view, verb, sentence.start, sentence)) : null;
}

// ---------------------------------------------------------------------------

/**
 * Subject before the verb. The clause right before it ("Polish Prime Minister
 * Donald Tusk said", "a Western official said"), else, across appositives
 * ("Nuland, who retired …, said"; "Gomez, Panama coach, said"), the nearest name,
 * else the nearest description; when the verb is coordinated ("…, and said"),
 * the sentence's subject.
 */
function subjectBefore(view: ArticleView, from: number, to: number, sentence: Sentence): Subject | null {
  // "Clinton spokesman Jesse Lehrich said", "… ― Trump boasted": the name right before the verb is its subject.
  const stem = verbStemStart(view, from, to);
  const adjacentPerson = personRightBefore(view, stem, from);
  if (adjacentPerson) return adjacentPerson;
  // "The council condemned the test and pledged sanctions against what it called “…”": "it" is the sentence's organisation.
  if (/\bit\s*$/u.test(view.masked.slice(from, stem))) return organisationSubject(view, sentence.start, to);
  const chunks = clauseChunks(view.masked, from, to);
  const adjacent = chunks[chunks.length - 1];
  const adjacentWords = meaningfulWords(view.masked.slice(adjacent.start, adjacent.end));
  const described = describedPerson(view, chunks, chunks.length - 1, adjacentWords);
  if (described) return described;
  if (adjacentWords.length > 0) return subjectInChunk(view, adjacent);
  let named: Subject | null = null;
  let fallback: Subject | null = null;
  const firstWordOf = (i: number) => meaningfulWords(view.masked.slice(chunks[i].start, chunks[i].end))[0] ?? '';
  for (let i = chunks.length - 2; i >= 0; i--) {
    const words = meaningfulWords(view.masked.slice(chunks[i].start, chunks[i].end));
    if (words.length === 0 || RELATIVE_OPENERS.test(words[0]) || ADVERBIAL_OPENERS.has(words[0].toLowerCase())) continue;
    // "Thompson, curator at the University of Arkansas, Fayetteville, said": a piece after
    // a lower-case role continues that role (an address), it is not the speaker.
    if (i >= 2 && /^\p{Ll}/u.test(firstWordOf(i - 1))) continue;
    const person = describedPerson(view, chunks, i, words) ?? personInChunk(view, chunks[i]);
    if (person) return person;
    // A name the entity pass missed ("Kiara Perkins, a student, said") says more than the role beside it.
    if (words.every((w) => /^\p{Lu}/u.test(w)) && !subjectMention(view, chunks[i].start, chunks[i].end)) {
      named ??= describe(words.join(' '));
    }
    fallback ??= orgInChunk(view, chunks[i]) ?? describe(view.masked.slice(chunks[i].start, chunks[i].end));
  }
  if (named ?? fallback) return named ?? fallback;
  const sentenceSubject = subjectMention(view, sentence.start, to);
  return sentenceSubject?.entity.type === 'person' ? entitySubject(view, sentenceSubject.entity) : null;
}

/**
 * "Gene Ruiz, a longtime Patel adviser, said": a name inside a descriptive
 * apposition qualifies the role; the speaker is the person named in the piece
 * before it, which the apposition describes.
 */
function describedPerson(view: ArticleView, chunks: Range[], i: number, words: string[]): Subject | null {
  return i > 0 && APPOSITION_OPENERS.test(words[0] ?? '') ? personInChunk(view, chunks[i - 1]) : null;
}

/** Subject after the verb: "said Donald Jensen, a senior advisor", "said Mr Hess", "in the words of the prosecutor, Mark Tedeschi". */
function subjectAfter(view: ArticleView, from: number, sentenceEnd: number): Subject | null {
  // Not at full stops: the sentence bound already knows "Mr." and initials from sentence ends.
  const stop = view.masked.slice(from, sentenceEnd).search(/[!?:;\uE000]|\.\s*$/u);
  const chunks = clauseChunks(view.masked, from, stop < 0 ? sentenceEnd : from + stop);
  const [first, second] = chunks;
  const firstWords = meaningfulWords(view.masked.slice(first.start, first.end));
  if (firstWords.length > 0 && PRONOUNS.has(firstWords[0].toLowerCase())) {
    return { kind: 'pronoun', at: first.start + view.masked.slice(first.start, first.end).indexOf(firstWords[0]), word: firstWords[0].toLowerCase() };
  }
  // The name after the verb may be a preposition's object: "according to Jane Smith".
  const person = personInChunk(view, first, true);
  if (person) return person;
  const description = orgInChunk(view, first, true) ?? describe(view.masked.slice(first.start, first.end));
  // "the Crown prosecutor, Mark Tedeschi": a description whose appositive names the person.
  if (description?.kind === 'description' && second) return personInChunk(view, second, true) ?? description;
  return description;
}

/** The clause right before a verb: a person, a pronoun, an organisation, or a description. */
function subjectInChunk(view: ArticleView, chunk: Range): Subject | null {
  const words = meaningfulWords(view.masked.slice(chunk.start, chunk.end));
  const last = words[words.length - 1]?.toLowerCase() ?? '';
  if (PRONOUNS.has(last)) return { kind: 'pronoun', at: chunk.start + view.masked.slice(chunk.start, chunk.end).toLowerCase().lastIndexOf(last), word: last };
  // "…, with Boswell stating: “…”": in this absolute construction "with" introduces the speaker.
  const absolute = words[0]?.toLowerCase() === 'with';
  return (
    personInChunk(view, chunk, absolute) ??
    authorOfDocument(view, chunk) ??
    orgInChunk(view, chunk, absolute) ??
    describe(view.masked.slice(chunk.start, chunk.end))
  );
}

/** A person named in the range, by a mention or by a surname the article uses for one of its people. */
export function personInChunk(view: ArticleView, chunk: Range, afterPreposition = false): Subject | null {
  const mention = subjectMention(view, chunk.start, chunk.end, afterPreposition);
  if (mention?.entity.type === 'person') return entitySubject(view, mention.entity);
  const named = personByName(view, chunk, afterPreposition);
  return named ? { kind: 'entity', id: named.id } : null;
}

/**
 * An organisation that is the whole subject ("the Kremlin said"), or a country
 * or city standing for its government ("Japan warned", "Russia insisted"); one
 * that only qualifies a noun ("Home Office sources", "a YouGov poll") leaves a description.
 */
function orgInChunk(view: ArticleView, chunk: Range, afterPreposition = false): Subject | null {
  const mention = subjectMention(view, chunk.start, chunk.end, afterPreposition);
  if (!mention || mention.entity.type === 'person') return null;
  if (meaningfulWords(view.masked.slice(mention.end, chunk.end)).length > 0) return null;
  return { kind: 'entity', id: mention.entity.id };
}

/** "Cornyn's statement added": the statement speaks for its author. */
function authorOfDocument(view: ArticleView, chunk: Range): Subject | null {
  const author = view.mentions.find(
    (m) => m.start >= chunk.start && m.end <= chunk.end && m.entity.type !== 'place' && DOCUMENT_NOUNS.test(view.text.slice(m.end, m.end + 40)),
  );
  return author ? entitySubject(view, author.entity) : null;
}

function entitySubject(view: ArticleView, entity: Entity): Subject {
  return { kind: 'entity', id: canonicalPerson(view, entity).id };
}

/** A described speaker: a short noun phrase, not a clause, a pronoun or a prepositional phrase. */
function describe(phrase: string): Subject | null {
  if (phrase.includes(QUOTE_FILLER)) return null;
  const words = meaningfulWords(phrase);
  // "…, with one poster writing “…”": the absolute construction's subject.
  if (words[0]?.toLowerCase() === 'with') words.shift();
  if (words.length === 0 || words.length > DESCRIPTION_MAX_WORDS) return null;
  if (PREPOSITIONS.has(words[0].toLowerCase())) return null;
  if (words.some((w) => NOT_IN_DESCRIPTIONS.has(w.toLowerCase()))) return null;
  // A noun phrase ends in its noun, not in "the" or "of".
  if (!/^\p{L}{2,}/u.test(words[words.length - 1]) || FUNCTION_WORDS.has(words[words.length - 1].toLowerCase())) return null;
  const text = words.join(' ');
  // "A spokesperson for …" reads as "a spokesperson for …" when shown on its own.
  return { kind: 'description', text: text.replace(/^(A|An|The|One)\b/u, (d) => d.toLowerCase()) };
}

/** The words of a subject phrase without the conjunctions before it and the auxiliaries after it. */
function meaningfulWords(phrase: string): string[] {
  const words = phrase.trim().split(/\s+/u).filter(Boolean);
  while (words.length > 0 && CONJUNCTIONS.test(words[0])) words.shift();
  while (words.length > 0 && AUXILIARIES_AND_ADVERBS.test(words[words.length - 1])) words.pop();
  return words;
}

// ---------------------------------------------------------------------------
// Entities

/**
 * The first named person (then organisation) in a range that can be a subject:
 * not a possessive ("Scholz’s government") and not the object of a preposition
 * ("a rebuke from his boss", "with US President Joe Biden") — unless the range is
 * the object of the reporting phrase itself ("according to Jane Smith").
 */
function subjectMention(view: ArticleView, from: number, to: number, afterPreposition = false): EntityMention | null {
  const usable = view.mentions.filter(
    (m) =>
      m.start >= from &&
      m.end <= to &&
      !isPossessive(view.text, m.end) &&
      (afterPreposition || !followsPreposition(view.text, m.start)),
  );
  return (
    usable.find((m) => m.entity.type === 'person') ??
    usable.find((m) => m.entity.type === 'org') ??
    usable.find((m) => m.entity.type === 'place') ??
    null
  );
}

function isPossessive(text: string, end: number): boolean {
  return /^['’]s?(?![\p{L}])/u.test(text.slice(end, end + 3));
}

/** Walks back over the name's titles ("Minister of Defense") to the word that governs it. */
function followsPreposition(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 80), start).split(/\s+/u).filter(Boolean);
  while (before.length > 0) {
    const word = before.pop()!;
    // A clause or a quotation ends there ("…,” German Chancellor Angela Merkel told).
    if (/[,;:.()!?"“”]$/u.test(word)) return false;
    if (/^\p{Lu}/u.test(word)) continue;
    if ((word === 'of' || word === 'for' || word === 'and') && /^\p{Lu}/u.test(before[before.length - 1] ?? '')) continue;
    return PREPOSITIONS.has(word.toLowerCase());
  }
  return false;
}

/**
 * A name the entity pass did not mark where it stands ("Mr Hess", "Lord Cameron"):
 * its last capitalised word is the surname of exactly one of the article's people.
 */
function personByName(view: ArticleView, range: Range, afterPreposition = false): Entity | null {
  const names = [...view.masked.slice(range.start, range.end).matchAll(/(?:\p{Lu}[\p{L}\p{M}'’.-]*\s*)+/gu)];
  const name = names[names.length - 1];
  if (!name || (!afterPreposition && followsPreposition(view.text, range.start + name.index))) return null;
  // "Smith’s spokesman said": a possessive name is not the speaker.
  if (/['’]s?\s*$/u.test(name[0]) || isPossessive(view.text, range.start + name.index + name[0].trimEnd().length)) return null;
  return personBySurname(view, lastWord(name[0]));
}

/** The one person of the article whose name ends in this surname (compared as written, or case-blind for a shouted "PENCE"). */
export function personBySurname(view: ArticleView, surname: string, ignoreCase = false): Entity | null {
  const fold = (word: string) => (ignoreCase ? word.toLocaleLowerCase() : word);
  const wanted = fold(surname);
  const matches = view.people.filter((p) => [p.name, ...p.aliases].some((n) => fold(lastWord(n)) === wanted));
  return matches.length === 1 ? canonicalPerson(view, matches[0]) : null;
}

/** Longest role a definite description may repeat: "the shadow home secretary" is three words. */
const ROLE_REFERENCE_MAX_WORDS = 3;

/**
 * "the prime minister replied": a definite description that repeats the role this
 * article gave exactly one of its people ("Britain's Prime Minister Rishi Sunak").
 */
function personByRole(view: ArticleView, description: string): Entity | null {
  const match = /^the\s+(.+)$/iu.exec(description);
  if (!match || match[1].split(/\s+/u).length > ROLE_REFERENCE_MAX_WORDS) return null;
  const head = ` ${match[1].toLowerCase()}`;
  const fits = (role: string) => {
    // The role's own head, before what qualifies it ("a Eurasia analyst at the Institute" → "a eurasia analyst").
    const roleHead = role.toLowerCase().split(/\s(?:at|for|of|in|with|from)\s/u)[0];
    return view.text.includes(role) && ` ${roleHead}`.endsWith(head);
  };
  const matches = view.people.filter((p) => p.roles.some(fits));
  return matches.length === 1 ? canonicalPerson(view, matches[0]) : null;
}

/**
 * A short form ("Tusk", "Mr Hess", "Sir Keir") is the article's full-named person
 * it stands for, when exactly one person fits; otherwise it stays itself.
 */
function canonicalPerson(view: ArticleView, entity: Entity): Entity {
  if (entity.type !== 'person') return entity;
  const words = entity.name.trim().split(/\s+/u);
  const honorific = words.length === 2 && isHonorific(words[0]) ? words.shift()! : null;
  if (words.length !== 1) return entity;
  const byFirstName = honorific !== null && goesWithFirstName(honorific);
  const fuller = view.people.filter((p) => {
    const parts = p.name.trim().split(/\s+/u).filter((w) => !isHonorific(w));
    return p.id !== entity.id && parts.length > 1 && (byFirstName ? parts[0] : parts[parts.length - 1]) === words[0];
  });
  return fuller.length === 1 ? fuller[0] : entity;
}

// ---------------------------------------------------------------------------
// Pronouns

/** "he" / "she": the person the text was just about — the speaker or subject of the nearest sentence that has one. */
function resolvePronoun(view: ArticleView, at: number, pronoun: string): string | null {
  const index = view.sentences.findIndex((s) => s.start <= at && at < s.end);
  const here = view.sentences[index];
  const before = here ? subjectMention(view, here.start, at) : null;
  if (before?.entity.type === 'person' && agrees(view, before, pronoun)) return canonicalPerson(view, before.entity).id;
  for (let i = index - 1; i >= 0 && i >= index - PRONOUN_LOOKBACK_SENTENCES; i--) {
    const sentence = view.sentences[i];
    // A speaker the pronoun cannot be ("spokeswoman Maria Z. spoke. “…,” he said") is passed over, not given the words.
    const speaker = lastSpeakerIn(view, sentence);
    if (speaker && personAgrees(view, speaker, pronoun)) return speaker;
    const reported = reportingClauseSpeaker(view, sentence);
    if (reported?.speakerId && personAgrees(view, reported.speakerId, pronoun)) return reported.speakerId;
    // "A spokesperson said … “…,” she said": the pronoun is the unnamed speaker, not someone earlier.
    if (reported?.speakerDescription) return null;
    const subject = subjectMention(view, sentence.start, sentence.end);
    if (subject?.entity.type === 'person' && agrees(view, subject, pronoun)) return canonicalPerson(view, subject.entity).id;
  }
  return null;
}

/** Role words that say a person's gender ("spokeswoman", "chairman"). */
const GENDERED_ROLE_STEMS = '(?:spokes|chair|business|congress|council|police|fire|sales|anchor|front|gentle)';
const MASCULINE_ROLES = new RegExp(`\\b(?:${GENDERED_ROLE_STEMS}man|father|husband|son|brother|king|prince|actor)\\b`, 'iu');
const FEMININE_ROLES = new RegExp(`\\b(?:${GENDERED_ROLE_STEMS}woman|mother|wife|daughter|sister|queen|princess|actress)\\b`, 'iu');

/**
 * Whether a person can be "he" or "she": only what the text says counts — a title
 * before any of their mentions in the article ("Mr Hess"), or a gendered role
 * ("spokeswoman"); without either, any person agrees.
 */
function agrees(view: ArticleView, mention: EntityMention, pronoun: string): boolean {
  const entity = mention.entity;
  const titles = view.mentions
    .filter((m) => m.entity.id === entity.id)
    .map((m) => /(\p{L}+)\.?\s+$/u.exec(view.text.slice(Math.max(0, m.start - 9), m.start))?.[1] ?? '');
  const roles = entity.roles.join(' ');
  const masculine = titles.some((t) => genderOfHonorific(t) === 'masculine') || MASCULINE_ROLES.test(roles);
  const feminine = titles.some((t) => genderOfHonorific(t) === 'feminine') || FEMININE_ROLES.test(roles);
  if (masculine === feminine) return true;
  return pronoun === (masculine ? 'he' : 'she');
}

/** Whether the entity with this id, through any of its mentions, can be "he" or "she"; anyone else agrees. */
function personAgrees(view: ArticleView, id: string, pronoun: string): boolean {
  const mention = view.mentions.find((m) => m.entity.id === id);
  return !mention || mention.entity.type !== 'person' || agrees(view, mention, pronoun);
}

function lastSpeakerIn(view: ArticleView, sentence: Sentence): string | null {
  for (let i = view.spans.length - 1; i >= 0; i--) {
    const span = view.spans[i];
    if (span.open >= sentence.start && span.open < sentence.end && view.attributions[i]?.speakerId) return view.attributions[i]!.speakerId;
  }
  return null;
}

// ---------------------------------------------------------------------------

/** Comma-, dash- and bracket-separated pieces of text[from, to). */
function clauseChunks(text: string, from: number, to: number): Range[] {
  const chunks: Range[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    if (/[,;()\u2014\u2013]/u.test(text[i])) {
      chunks.push({ start, end: i });
      start = i + 1;
    }
  }
  chunks.push({ start, end: to });
  return chunks;
}
