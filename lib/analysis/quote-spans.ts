/**
 * Where the quotation marks are: pairs of opening and closing marks within a
 * paragraph, and quotations that run on into the next paragraph (news style:
 * the paragraph ends without a closing mark and the next one reopens with “).
 * Also the sentences around them, with quoted text masked so that a full stop
 * inside a quotation does not end the reporting sentence.
 */
import { endsSentenceAt as endsSentence } from '../text/sentences';

export interface QuoteSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just past the closing mark, or the paragraph end when there is none. */
  close: number;
  /** The quoted text, marks, edge spaces and the reporting clause's comma excluded. */
  start: number;
  end: number;
  paragraph: number;
  /** Index (in the returned list) of the span this one continues from the previous paragraph. */
  continues: number | null;
}

export interface Paragraph {
  start: number;
  end: number;
}

const OPENING_MARKS = new Set(['“', '„', '«']);
const CLOSING_MARKS = new Set(['”', '»']);
const STRAIGHT_MARK = '"';

/**
 * Paragraphs are lines (articleText joins body paragraphs with "\n"). Blank lines
 * are skipped, so that in a raw file ("--whole") the paragraph after a blank line
 * still counts as the next one for a run-on quotation.
 */
export function paragraphsOf(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      if (/\S/u.test(text.slice(start, i))) paragraphs.push({ start, end: i });
      start = i + 1;
    }
  }
  return paragraphs;
}

type MarkRole = 'open' | 'close' | 'either' | null;

/**
 * A straight mark opens after a space or bracket and closes after a word;
 * between two spaces it could be either. Curly marks say what they are.
 */
function markRole(text: string, i: number, paragraph: Paragraph): MarkRole {
  const ch = text[i];
  const curly = OPENING_MARKS.has(ch) || CLOSING_MARKS.has(ch);
  if (!curly && ch !== STRAIGHT_MARK) return null;
  const before = i > paragraph.start ? text[i - 1] : ' ';
  const after = i + 1 < paragraph.end ? text[i + 1] : ' ';
  const spaceOrOpener = (c: string) => /[\s([{\u2014\u2013-]/u.test(c);
  const opensByPosition = spaceOrOpener(before) && !/\s/u.test(after);
  const closesByPosition = !spaceOrOpener(before) && /[\s,.;:!?)\u2014\u2013]/u.test(after);
  if (curly) {
    // A curly mark says which it is, unless its position plainly says the opposite
    // (typed the wrong way round: "… decision.“ However").
    if (OPENING_MARKS.has(ch)) return closesByPosition ? 'close' : 'open';
    return opensByPosition && /[\p{L}\p{N}]/u.test(after) ? 'open' : 'close';
  }
  if (opensByPosition) return 'open';
  if (!spaceOrOpener(before)) return 'close';
  return 'either';
}

/**
 * Where the quotation opening at `inner` closes, when it is nested in the one
 * opening at `outer`; -1 when the later mark rather restarts the quotation.
 * Curly marks nest when the inner pair closes and a closing mark follows it
 * before any other opening (“… what he calls “hell” than …”). A straight mark
 * before a curly pair restarts, as before: it opens a pasted excerpt more often
 * than a quotation, and the curly pairs inside are the quotations.
 */
function nestedCloseAt(text: string, paragraph: Paragraph, outer: number, inner: number): number {
  if (text[outer] !== '“' || text[inner] !== '“') return -1;
  let innerClose = -1;
  for (let i = inner + 1; i < paragraph.end; i++) {
    const role = markRole(text, i, paragraph);
    if (!role || text[i] === STRAIGHT_MARK) continue;
    if (role === 'open') return -1;
    if (innerClose >= 0) return innerClose;
    innerClose = i;
  }
  return -1;
}

/** First character of the paragraph that is not white space opens a quotation. */
function opensWithQuote(text: string, paragraph: Paragraph | undefined): boolean {
  if (!paragraph) return false;
  for (let i = paragraph.start; i < paragraph.end; i++) {
    if (/\s/u.test(text[i])) continue;
    const role = markRole(text, i, paragraph);
    return role === 'open' || role === 'either';
  }
  return false;
}

/** Quoted text without edge spaces, and without the comma that belongs to "…,” she said". */
function trimQuoted(text: string, from: number, to: number): { start: number; end: number } {
  let start = from;
  let end = to;
  while (start < end && /\s/u.test(text[start])) start++;
  while (end > start && /[\s,;:]/u.test(text[end - 1])) end--;
  // A fragment ("a “good sign.”") borrows the host sentence's full stop; a full sentence keeps its own.
  if (end - start > 1 && text[end - 1] === '.' && /^\p{Ll}/u.test(text[start])) end--;
  return { start, end };
}

export function findQuoteSpans(text: string, paragraphs: Paragraph[] = paragraphsOf(text)): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let runningOn: number | null = null;
  paragraphs.forEach((paragraph, p) => {
    let openAt = -1;
    let continues: number | null = runningOn;
    runningOn = null;
    const push = (close: number, quotedEnd: number) => {
      const { start, end } = trimQuoted(text, openAt + 1, quotedEnd);
      if (end > start) spans.push({ open: openAt, close, start, end, paragraph: p, continues });
      continues = null;
      openAt = -1;
    };
    for (let i = paragraph.start; i < paragraph.end; i++) {
      const role = markRole(text, i, paragraph);
      if (!role) continue;
      if (openAt < 0) {
        if (role !== 'close') openAt = i;
      } else if (role !== 'open') {
        push(i + 1, i);
      } else {
        const innerClose = nestedCloseAt(text, paragraph, openAt, i);
        if (innerClose >= 0) {
          // A quotation inside the quotation (a title, a word someone used): part of the outer one's text.
          i = innerClose;
          continue;
        }
        // A second opening mark before any closing one: the first was never closed
        // (a typo or a truncated excerpt). Start again from the later mark.
        openAt = i;
        continues = null;
      }
    }
    if (openAt >= 0) {
      // Unclosed at the paragraph's end: a run-on when the next paragraph reopens,
      // otherwise a quotation cut off by truncation. Either way it ends here.
      const runsOn = opensWithQuote(text, paragraphs[p + 1]);
      push(paragraph.end, paragraph.end);
      if (runsOn && spans.length > 0 && spans[spans.length - 1].paragraph === p) runningOn = spans.length - 1;
    }
  });
  return spans;
}

/** The text with every quotation (marks included) replaced by a filler, offsets unchanged. */
export const QUOTE_FILLER = '\uE000';

export function maskQuotes(text: string, spans: QuoteSpan[]): string {
  const chars = text.split(''); // UTF-16 units, so offsets stay those of text
  for (const span of spans) for (let i = span.open; i < span.close; i++) chars[i] = QUOTE_FILLER;
  return chars.join('');
}

export interface Sentence {
  start: number;
  end: number;
  paragraph: number;
}

/**
 * Sentence boundaries on the masked text: quoted text cannot end a sentence, but a
 * quotation that itself ends in a full stop ends the sentence around it
 * (“… here.” Next sentence). A quotation ending in ? or ! usually continues
 * ("“Why?” he asked."), so it does not.
 */
export function sentencesOf(text: string, masked: string, paragraphs: Paragraph[], spans: QuoteSpan[]): Sentence[] {
  const closes = new Map(spans.map((s) => [s.close, s]));
  const sentences: Sentence[] = [];
  paragraphs.forEach((paragraph, p) => {
    let start = paragraph.start;
    for (let i = paragraph.start; i < paragraph.end; i++) {
      if (!endsSentenceHere(text, masked, i, closes)) continue;
      const next = nextNonSpace(text, i + 1, paragraph.end);
      if (next < 0) continue;
      if (!/[\p{Lu}\p{N}“"„«]/u.test(text[next])) continue;
      sentences.push({ start, end: i + 1, paragraph: p });
      start = next;
    }
    sentences.push({ start, end: paragraph.end, paragraph: p });
  });
  return sentences;
}

function endsSentenceHere(text: string, masked: string, i: number, closes: Map<number, QuoteSpan>): boolean {
  const quote = closes.get(i + 1);
  if (quote) return /\.$/u.test(text.slice(quote.open + 1, i).trimEnd());
  // Quoted text is masked, so a full stop inside a quotation ends nothing.
  return endsSentence(masked, i);
}

function nextNonSpace(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (!/\s/u.test(text[i])) return i;
  return -1;
}
