/**
 * Direct quotations and who said them.
 *
 * Attribution follows the conventions of news copy, in this order:
 * 1. the reporting clause of the quotation's own sentence ("“…,” Tusk said",
 *    "said Donald Jensen, a …", "Nuland said on Sunday: “…”", "called it a “good sign”");
 *    its subject is a named person, a pronoun resolved to the person the text is
 *    about, or a description ("the spokesperson") when nobody is named;
 * 2. a quotation that runs on from the previous paragraph keeps that speaker;
 * 3. an unattributed quotation takes the speaker of its paragraph's other quotations,
 *    or, when the paragraph is nothing but the quotation, of the paragraph before;
 * 4. a short quotation with no reporting clause is a scare quote, and a quoted
 *    title is a title: neither is given a speaker.
 */
import type { AnalysisInput, Entity, Mention, Quote } from './types';
import { findSpeechVerbs, type SpeechVerb } from './speech-verbs';
import {
  QUOTE_FILLER,
  findQuoteSpans,
  maskQuotes,
  paragraphsOf,
  sentencesOf,
  type Paragraph,
  type QuoteSpan,
  type Sentence,
} from './quote-spans';

/**
 * Longest quotation treated as a possible scare quote ("happy camper", "special
 * relationship", "one iota"): such quotations need a reporting verb in their own
 * sentence. Three words is the brief's bound; real fragments that are speech at
 * this length come with a verb ("support “one iota,”" after "Tusk said").
 */
export const SCARE_QUOTE_MAX_WORDS = 3;
/** A reporting clause after a quotation starts within this many words ("…,” US … press secretary Sabrina Singh said"). */
const TRAILING_ATTRIBUTION_MAX_WORDS = 12;
/** A speaker described rather than named is a short noun phrase ("a spokesperson for the Polish foreign ministry"). */
const DESCRIPTION_MAX_WORDS = 8;
/** How many sentences back a "he"/"she" may look for the person it stands for. */
const PRONOUN_LOOKBACK_SENTENCES = 3;

type Subject =
  | { kind: 'entity'; id: string }
  | { kind: 'pronoun'; at: number; word: string }
  | { kind: 'description'; text: string };

interface Attribution {
  speakerId: string | null;
  speakerDescription: string | null;
}

interface EntityMention {
  start: number;
  end: number;
  entity: Entity;
}

interface ArticleView {
  id: string;
  text: string;
  masked: string;
  paragraphs: Paragraph[];
  spans: QuoteSpan[];
  sentences: Sentence[];
  /** Mentions outside quotations, in text order. */
  mentions: EntityMention[];
  /** The people this article mentions, for a surname or "Mr Hess" the mentions missed. */
  people: Entity[];
  attributions: (Attribution | null)[];
}

/** Every quotation in one article, with its speaker where the text says who it is. */
export function findQuotes(input: AnalysisInput, mentions: Mention[], entities: ReadonlyMap<string, Entity>): Quote[] {
  const view = buildView(input, mentions, entities);
  view.spans.forEach((span, i) => {
    view.attributions[i] = attributeFromSentence(view, span);
  });
  shareAlongRunOns(view);
  inheritFromNeighbours(view);
  return view.spans.map((span, i) => ({
    id: `${input.id}#${span.start}`,
    articleId: input.id,
    text: input.text.slice(span.start, span.end),
    start: span.start,
    end: span.end,
    speakerId: view.attributions[i]?.speakerId ?? null,
    speakerDescription: view.attributions[i]?.speakerDescription ?? null,
  }));
}

function buildView(input: AnalysisInput, mentions: Mention[], entities: ReadonlyMap<string, Entity>): ArticleView {
  const text = input.text;
  const paragraphs = paragraphsOf(text);
  const spans = findQuoteSpans(text, paragraphs);
  const masked = maskQuotes(text, spans);
  const own = mentions
    .filter((m) => m.articleId === input.id && entities.has(m.entityId) && masked[m.start] !== QUOTE_FILLER)
    .map((m) => ({ start: m.start, end: m.end, entity: entities.get(m.entityId)! }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const people = [...new Map(own.filter((m) => m.entity.type === 'person').map((m) => [m.entity.id, m.entity])).values()];
  return {
    id: input.id,
    text,
    masked,
    paragraphs,
    spans,
    sentences: sentencesOf(text, masked, paragraphs, spans),
    mentions: own,
    people,
    attributions: spans.map(() => null),
  };
}

// ---------------------------------------------------------------------------
// 1. The quotation's own sentence

function attributeFromSentence(view: ArticleView, span: QuoteSpan): Attribution | null {
  const quoted = view.text.slice(span.start, span.end);
  if (looksLikeTitle(quoted)) return null;
  const sentence = sentenceAt(view, span.open);
  const verb = reportingVerbFor(view, span, sentence);
  if (!verb) return null;
  const subject = subjectOf(view, verb, span, sentence);
  return subject ? speakerFromSubject(view, subject) : null;
}

/**
 * The reporting verb of a quotation: one right after it ("…,” she said) wins,
 * then the nearest before it ("Nuland said on Sunday: “…”"), then any later one
 * in the sentence ("an “intensive dialog” with allies, Buechner said").
 */
function reportingVerbFor(view: ArticleView, span: QuoteSpan, sentence: Sentence): SpeechVerb | null {
  const verbs = findSpeechVerbs(view.masked, sentence.start, sentence.end);
  // A verb after a later quotation reports that one, not this.
  const trailing = verbs.filter((v) => v.start >= span.close && !hasQuoteBetween(view, span.close, v.start));
  const leading = verbs.filter((v) => v.end <= span.open).reverse();
  const nearTrailing = trailing.find((v) => wordCount(view.masked.slice(span.close, v.start)) <= TRAILING_ATTRIBUTION_MAX_WORDS);
  return nearTrailing ?? leading[0] ?? trailing[0] ?? null;
}

/** The speaker phrase of a reporting verb: after it ("said Donald Jensen", "according to X"), or before it. */
function subjectOf(view: ArticleView, verb: SpeechVerb, span: QuoteSpan, sentence: Sentence): Subject | null {
  const clauseStart = verb.start >= span.close ? span.close : lastQuoteEndBefore(view, verb.start, sentence.start);
  const nothingBefore = !/[\p{L}\p{N}]/u.test(view.masked.slice(clauseStart, verb.start));
  if (verb.speakerFollows || nothingBefore) return subjectAfter(view, verb.end, sentence.end);
  return subjectBefore(view, clauseStart, verb.start);
}

function speakerFromSubject(view: ArticleView, subject: Subject): Attribution | null {
  if (subject.kind === 'entity') return { speakerId: subject.id, speakerDescription: null };
  if (subject.kind === 'description') return { speakerId: null, speakerDescription: subject.text };
  const id = resolvePronoun(view, subject.at, subject.word);
  return id ? { speakerId: id, speakerDescription: null } : null;
}

// ---------------------------------------------------------------------------
// Subjects

/** Words a reporting clause may put between its subject and the verb ("has also said", "later told"). */
const AUXILIARIES_AND_ADVERBS = /^(?:has|have|had|was|is|were|are|did|does|do|would|will|could|also|later|then|once|again|previously|earlier|further|not|never|\p{L}+ly)$/iu;
const PRONOUNS = new Set(['he', 'she']);
/** Words that open an appositive or a relative clause between a name and its verb ("Nuland, who retired …, said"). */
const APPOSITIVE_OPENERS = /^(?:who|whom|whose|which|that|a|an|the|one|its|his|her|their|now|then|formerly|also|herself|himself|\p{Ll})/u;
const PREPOSITIONS = new Set([
  'with', 'to', 'from', 'by', 'about', 'against', 'for', 'of', 'at', 'on', 'in', 'into', 'over', 'between', 'among',
  'after', 'before', 'like', 'than', 'toward', 'towards', 'under', 'including', 'alongside', 'beside', 'behind',
  'despite', 'without', 'through', 'via', 'per', 'upon', 'within', 'during', 'unlike',
]);
/** Words that join clauses rather than name a speaker ("but a spokesperson said"). */
const CLAUSE_OPENERS = /^(?:and|but|while|as|although|though|however|so|yet|because|whereas|since|when|where|if)\s+/iu;

/** Subject before the verb: the clause next to it, or, across an appositive ("X, a …, said"), the name before that. */
function subjectBefore(view: ArticleView, from: number, to: number): Subject | null {
  const chunks = clauseChunks(view.masked, from, to);
  const adjacent = chunks[chunks.length - 1];
  if (adjacent && hasWords(view.masked, adjacent)) return subjectInChunk(view, adjacent, true);
  for (let i = chunks.length - 2; i >= 0; i--) {
    const words = view.masked.slice(chunks[i].start, chunks[i].end).trim();
    if (!words) continue;
    if (i > 0 && APPOSITIVE_OPENERS.test(words)) continue;
    const subject = subjectInChunk(view, chunks[i], false);
    if (subject) return subject;
  }
  return null;
}

/** Subject after the verb: "said Donald Jensen, a senior advisor", "said Mr Hess", "according to local authorities". */
function subjectAfter(view: ArticleView, from: number, sentenceEnd: number): Subject | null {
  const stop = view.masked.slice(from, sentenceEnd).search(/[,;:.!?()\u2014\u2013\uE000]/u);
  const to = stop < 0 ? sentenceEnd : from + stop;
  const mention = subjectMention(view, from, to, false);
  if (mention) return { kind: 'entity', id: canonicalPerson(view, mention.entity).id };
  const phrase = view.masked.slice(from, to).trim();
  const firstWord = phrase.split(/\s+/u)[0]?.toLowerCase() ?? '';
  if (PRONOUNS.has(firstWord)) return { kind: 'pronoun', at: from + view.masked.slice(from).indexOf(phrase), word: firstWord };
  const named = personByName(view, phrase);
  if (named) return { kind: 'entity', id: named.id };
  return describe(phrase);
}

function subjectInChunk(view: ArticleView, chunk: Range, adjacent: boolean): Subject | null {
  const mention = subjectMention(view, chunk.start, chunk.end, !adjacent);
  if (mention?.entity.type === 'person') return { kind: 'entity', id: canonicalPerson(view, mention.entity).id };
  const phrase = stripAuxiliaries(view.masked.slice(chunk.start, chunk.end));
  const lastWord = phrase.split(/\s+/u).pop()?.toLowerCase() ?? '';
  if (adjacent && PRONOUNS.has(lastWord)) {
    return { kind: 'pronoun', at: chunk.start + view.masked.slice(chunk.start, chunk.end).toLowerCase().lastIndexOf(lastWord), word: lastWord };
  }
  const named = personByName(view, phrase);
  if (named) return { kind: 'entity', id: named.id };
  if (mention?.entity.type === 'org') return { kind: 'entity', id: mention.entity.id };
  return describe(phrase);
}

/** A described speaker: a short noun phrase, not a clause and not a bare pronoun. */
function describe(phrase: string): Subject | null {
  const text = phrase.replace(CLAUSE_OPENERS, '').trim();
  const words = text.split(/\s+/u).filter(Boolean);
  if (words.length === 0 || words.length > DESCRIPTION_MAX_WORDS) return null;
  if (/^(?:it|this|that|they|we|i|you|there|which|who)$/iu.test(text)) return null;
  if (text.includes(QUOTE_FILLER)) return null;
  // "A spokesperson for …" reads as "a spokesperson for …" when shown on its own.
  return { kind: 'description', text: text.replace(/^(A|An|The|One)\b/u, (d) => d.toLowerCase()) };
}

/**
 * The first named person (then organisation) in a range that can be a subject:
 * not a possessive ("Scholz’s government") and not the object of a preposition
 * ("rebuke from his boss", "with US President Joe Biden").
 */
function subjectMention(view: ArticleView, from: number, to: number, skipPrepositional: boolean): EntityMention | null {
  const inRange = view.mentions.filter((m) => m.start >= from && m.end <= to && !isPossessive(view.text, m.end));
  const usable = inRange.filter((m) => !skipPrepositional || !followsPreposition(view.text, m.start));
  return usable.find((m) => m.entity.type === 'person') ?? usable.find((m) => m.entity.type === 'org') ?? null;
}

function isPossessive(text: string, end: number): boolean {
  return /^['’]s?(?![\p{L}])/u.test(text.slice(end, end + 3));
}

/** Walks back over the name's titles ("Minister of Defense") to the word that governs it. */
function followsPreposition(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 80), start).split(/\s+/u).filter(Boolean);
  while (before.length > 0) {
    const word = before.pop()!;
    if (/[,;:.()]$/u.test(word)) return false;
    if (/^\p{Lu}/u.test(word)) continue;
    if ((word === 'of' || word === 'for' || word === 'and') && /^\p{Lu}/u.test(before[before.length - 1] ?? '')) continue;
    return PREPOSITIONS.has(word.toLowerCase());
  }
  return false;
}

/**
 * A name the entity pass did not mark where it stands ("Mr Hess", "Lord Cameron"):
 * its last capitalised word is the surname of one of the article's people.
 */
function personByName(view: ArticleView, phrase: string): Entity | null {
  const names = phrase.match(/(?:\p{Lu}[\p{L}\p{M}'’.-]*\s*)+/gu);
  if (!names) return null;
  const surname = names[names.length - 1].trim().split(/\s+/u).pop()!.replace(/['’]s$/u, '');
  const matches = view.people.filter((p) => [p.name, ...p.aliases].some((n) => lastWord(n) === surname));
  return matches.length === 1 ? canonicalPerson(view, matches[0]) : null;
}

/** A one-word person ("Tusk") is the article's full-named person with that surname, when there is exactly one. */
function canonicalPerson(view: ArticleView, entity: Entity): Entity {
  if (entity.type !== 'person' || /\s/u.test(entity.name.trim())) return entity;
  const fuller = view.people.filter((p) => p.id !== entity.id && /\s/u.test(p.name) && lastWord(p.name) === entity.name);
  return fuller.length === 1 ? fuller[0] : entity;
}

/** "he" / "she": the person the text was just about — the speaker or subject of the nearest sentence that has one. */
function resolvePronoun(view: ArticleView, at: number, pronoun: string): string | null {
  const index = view.sentences.findIndex((s) => s.start <= at && at < Math.max(s.end, s.start + 1));
  const here = view.sentences[index];
  const inThisSentence = here ? subjectMention(view, here.start, at, true) : null;
  if (inThisSentence?.entity.type === 'person' && agrees(view.text, inThisSentence, pronoun)) return canonicalPerson(view, inThisSentence.entity).id;
  for (let i = index - 1; i >= 0 && i >= index - PRONOUN_LOOKBACK_SENTENCES; i--) {
    const sentence = view.sentences[i];
    const speaker = lastSpeakerIn(view, sentence);
    if (speaker) return speaker;
    const subject = subjectMention(view, sentence.start, sentence.end, true);
    if (subject?.entity.type === 'person' && agrees(view.text, subject, pronoun)) return canonicalPerson(view, subject.entity).id;
  }
  return null;
}

/** Only a title says a name's gender here ("Mr Hess"); without one, any person agrees. */
function agrees(text: string, mention: EntityMention, pronoun: string): boolean {
  const title = /(\p{L}+)\.?\s+$/u.exec(text.slice(Math.max(0, mention.start - 6), mention.start))?.[1]?.toLowerCase();
  if (title === 'mr' || title === 'sir' || title === 'lord') return pronoun === 'he';
  if (title === 'mrs' || title === 'ms' || title === 'miss' || title === 'dame' || title === 'lady') return pronoun === 'she';
  return true;
}

function lastSpeakerIn(view: ArticleView, sentence: Sentence): string | null {
  for (let i = view.spans.length - 1; i >= 0; i--) {
    const span = view.spans[i];
    if (span.open >= sentence.start && span.open < sentence.end && view.attributions[i]?.speakerId) return view.attributions[i]!.speakerId;
  }
  return null;
}

// ---------------------------------------------------------------------------
// 2 and 3. Quotations without a reporting clause of their own

function shareAlongRunOns(view: ArticleView): void {
  // Forward first (the attribution usually comes in the first paragraph), then back.
  view.spans.forEach((span, i) => {
    if (span.continues !== null && !view.attributions[i]) view.attributions[i] = view.attributions[span.continues];
  });
  for (let i = view.spans.length - 1; i >= 0; i--) {
    const from = view.spans[i].continues;
    if (from !== null && !view.attributions[from]) view.attributions[from] = view.attributions[i];
  }
}

function inheritFromNeighbours(view: ArticleView): void {
  view.spans.forEach((span, i) => {
    if (view.attributions[i] || !canInherit(view, span)) return;
    view.attributions[i] = sameParagraphSpeaker(view, i) ?? previousParagraphSpeaker(view, span);
  });
}

/** Scare quotes and titles are nobody's words; only a reporting verb of their own makes them speech. */
function canInherit(view: ArticleView, span: QuoteSpan): boolean {
  const quoted = view.text.slice(span.start, span.end);
  return wordCount(quoted) > SCARE_QUOTE_MAX_WORDS && !looksLikeTitle(quoted);
}

/** A paragraph's quotations are one speaker's unless the text says otherwise: nearest earlier, then later. */
function sameParagraphSpeaker(view: ArticleView, i: number): Attribution | null {
  const paragraph = view.spans[i].paragraph;
  for (let j = i - 1; j >= 0 && view.spans[j].paragraph === paragraph; j--) if (view.attributions[j]) return view.attributions[j];
  for (let j = i + 1; j < view.spans.length && view.spans[j].paragraph === paragraph; j++) if (view.attributions[j]) return view.attributions[j];
  return null;
}

/** A paragraph that is nothing but a quotation goes on with the previous paragraph's speaker. */
function previousParagraphSpeaker(view: ArticleView, span: QuoteSpan): Attribution | null {
  const paragraph = view.paragraphs[span.paragraph];
  if (/[\p{L}\p{N}]/u.test(view.masked.slice(paragraph.start, paragraph.end))) return null;
  for (let j = view.spans.indexOf(span) - 1; j >= 0; j--) {
    if (view.spans[j].paragraph < span.paragraph - 1) break;
    if (view.spans[j].paragraph === span.paragraph - 1 && view.attributions[j]) return view.attributions[j];
  }
  return null;
}

// ---------------------------------------------------------------------------
// Small text helpers

interface Range {
  start: number;
  end: number;
}

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

function hasWords(text: string, range: Range): boolean {
  return /[\p{L}\p{N}]/u.test(text.slice(range.start, range.end));
}

function stripAuxiliaries(phrase: string): string {
  const words = phrase.trim().split(/\s+/u).filter(Boolean);
  while (words.length > 0 && AUXILIARIES_AND_ADVERBS.test(words[words.length - 1])) words.pop();
  return words.join(' ');
}

function wordCount(text: string): number {
  return text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function lastWord(name: string): string {
  return name.trim().split(/\s+/u).pop() ?? '';
}

/** Small words a title leaves lower-case ("Gone with the Wind"). */
const TITLE_SMALL_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from']);

/** "The Art of the Deal": several words, every main word capitalised, no sentence punctuation. */
function looksLikeTitle(quoted: string): boolean {
  const words = quoted.split(/\s+/u).filter(Boolean);
  if (words.length < 2 || /[,.!?;:]$/u.test(quoted)) return false;
  return words.every((w, i) => /^[\p{Lu}\p{N}]/u.test(w) || (i > 0 && TITLE_SMALL_WORDS.has(w)));
}

function sentenceAt(view: ArticleView, offset: number): Sentence {
  return view.sentences.find((s) => s.start <= offset && offset < s.end) ?? { start: offset, end: offset, paragraph: 0 };
}

function hasQuoteBetween(view: ArticleView, from: number, to: number): boolean {
  return view.spans.some((s) => s.open >= from && s.open < to);
}

/** The end of the last quotation between sentenceStart and offset, else sentenceStart. */
function lastQuoteEndBefore(view: ArticleView, offset: number, sentenceStart: number): number {
  let end = sentenceStart;
  for (const span of view.spans) if (span.close <= offset && span.close > end) end = span.close;
  return end;
}
