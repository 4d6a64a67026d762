/**
 * Splits an article's paragraphs into runs of plain text, entity links and
 * quotes. Mention and quote offsets index articleText() (paragraphs joined by
 * '\n'), so each paragraph starts one character after the previous one ends.
 */
import type { Mention, Quote } from '../../analysis/types';

export interface Run {
  text: string;
  /** Set when the run is (part of) a mention of a corpus entity. */
  entityId?: string;
}

export type Piece =
  | ({ kind: 'text' } & Run)
  | { kind: 'quote'; quoteId: string; runs: Run[] };

type Span = Pick<Mention, 'start' | 'end'>;

/** Quote marks that sit just outside a quote's offsets and belong to it visually. */
const OPENING_MARKS = '“"‘«„';
const CLOSING_MARKS = '”"’»“';

export function paragraphPieces(
  paragraphs: string[],
  mentions: Pick<Mention, 'start' | 'end' | 'entityId'>[],
  quotes: Pick<Quote, 'id' | 'start' | 'end'>[],
): Piece[][] {
  const result: Piece[][] = [];
  let offset = 0;
  for (const paragraph of paragraphs) {
    const end = offset + paragraph.length;
    const local = <T extends Span>(spans: T[]) =>
      spans
        .filter((s) => s.start < end && s.end > offset && s.end > s.start)
        .map((s) => ({ ...s, start: Math.max(s.start, offset) - offset, end: Math.min(s.end, end) - offset }))
        .sort((a, b) => a.start - b.start);
    result.push(piecesOf(paragraph, local(mentions), widenToMarks(paragraph, local(quotes))));
    offset = end + 1; // the '\n' between paragraphs
  }
  return result;
}

function widenToMarks<T extends Span>(text: string, quotes: T[]): T[] {
  return quotes.map((q) => {
    let { start, end } = q;
    if (start > 0 && OPENING_MARKS.includes(text[start - 1])) start--;
    if (end < text.length && CLOSING_MARKS.includes(text[end])) end++;
    return { ...q, start, end };
  });
}

function piecesOf(text: string, mentions: (Span & { entityId: string })[], quotes: (Span & { id: string })[]): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  // Overlapping quotes would be an analysis bug; the later one is dropped rather than nested.
  for (const quote of quotes) {
    if (quote.start < at) continue;
    pieces.push(...runs(text, at, quote.start, mentions).map((r) => ({ kind: 'text' as const, ...r })));
    pieces.push({ kind: 'quote', quoteId: quote.id, runs: runs(text, quote.start, quote.end, mentions) });
    at = quote.end;
  }
  pieces.push(...runs(text, at, text.length, mentions).map((r) => ({ kind: 'text' as const, ...r })));
  return pieces.filter((p) => (p.kind === 'quote' ? p.runs.length > 0 : p.text.length > 0));
}

/** Text of [from, to) as runs, mentions (clipped to the range) as links. */
function runs(text: string, from: number, to: number, mentions: (Span & { entityId: string })[]): Run[] {
  const out: Run[] = [];
  let at = from;
  for (const m of mentions) {
    const start = Math.max(m.start, at);
    const end = Math.min(m.end, to);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start) });
    out.push({ text: text.slice(start, end), entityId: m.entityId });
    at = end;
  }
  if (at < to) out.push({ text: text.slice(at, to) });
  return out;
}
