/**
 * One article as the quotation finder reads it: the text, the same text with the
 * quotations masked, its paragraphs, sentences and quotation spans, and the
 * entity mentions that stand outside quotations.
 */
import { blankPartyNotes } from './party-notes';
import type { AnalysisInput, Entity, Mention } from './types';
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

export interface Attribution {
  speakerId: string | null;
  speakerDescription: string | null;
}

export interface EntityMention {
  start: number;
  end: number;
  entity: Entity;
}

export interface ArticleView {
  text: string;
  /** The text with every quotation replaced by QUOTE_FILLER: reporting clauses only. */
  masked: string;
  paragraphs: Paragraph[];
  spans: QuoteSpan[];
  sentences: Sentence[];
  /** Mentions outside quotations, in text order. */
  mentions: EntityMention[];
  /** The people this article mentions, for a surname or "Mr Hess" the mentions missed. */
  people: Entity[];
  /** One per span, filled in as attribution goes. */
  attributions: (Attribution | null)[];
}

export function buildView(input: AnalysisInput, mentions: Mention[], entities: ReadonlyMap<string, Entity>): ArticleView {
  const text = input.text;
  const paragraphs = paragraphsOf(text);
  const spans = findQuoteSpans(text, paragraphs);
  // Reporting clauses read without party-state notes: "Gov. Tom Hale (R-Utah), said" is Hale speaking.
  const masked = blankPartyNotes(maskQuotes(text, spans));
  const outside = mentions
    .filter((m) => m.articleId === input.id && entities.has(m.entityId) && masked[m.start] !== QUOTE_FILLER)
    .map((m) => ({ start: m.start, end: m.end, entity: entities.get(m.entityId)! }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const people = [...new Map(outside.filter((m) => m.entity.type === 'person').map((m) => [m.entity.id, m.entity])).values()];
  return {
    text,
    masked,
    paragraphs,
    spans,
    sentences: sentencesOf(text, masked, paragraphs, spans),
    mentions: outside,
    people,
    attributions: spans.map(() => null),
  };
}

export function sentenceIndexAt(view: ArticleView, offset: number): number {
  return view.sentences.findIndex((s) => s.start <= offset && offset < s.end);
}

export function quotedText(view: ArticleView, span: QuoteSpan): string {
  return view.text.slice(span.start, span.end);
}

/** Words outside quotations in text[from, to). */
export function hasWordsOutsideQuotes(view: ArticleView, from: number, to: number): boolean {
  return /[\p{L}\p{N}]/u.test(view.masked.slice(from, to));
}

export function wordCount(text: string): number {
  return text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function lastWord(name: string): string {
  return name.trim().split(/\s+/u).pop() ?? '';
}
