/**
 * What a scan sends to the background: a root's text (one `textContent`
 * read), with scripts and styles cut out, as requests within the size limit.
 * The reader (page-reader.ts) and the scanner (page-scanner.ts) both read
 * pages this way.
 */
import { MAX_TEXT_CHARS } from '../messages';
import { readableRanges } from './dom-text';

/** A root's text as read when its scan began, and the parts of it that are prose. */
export interface ReadText {
  root: Node;
  text: string;
  readable: Array<[number, number]>;
}

export function readText(root: Node): ReadText {
  const text = root.textContent ?? '';
  return { root, text, readable: readableRanges(root, text) };
}

/** The prose of a read text, in pieces no longer than a request may carry. */
export function prosePieces({ text, readable }: ReadText): string[] {
  const pieces: string[] = [];
  for (const [from, to] of readable) {
    for (let start = from, end = from; start < to; start = end) {
      end = chunkEnd(text, start, to);
      pieces.push(text.slice(start, end));
    }
  }
  return pieces;
}

/**
 * The texts with their prose cut after the first `max` characters, in the
 * order prosePieces hands them out: what was looked up. Names found there are
 * marked there only — a flood appending 300,000 characters of names would
 * otherwise have every name of the part within budget marked across all of it.
 */
export function firstReadable(texts: readonly ReadText[], max: number): ReadText[] {
  let left = max;
  return texts.map((read) => {
    const readable: Array<[number, number]> = [];
    for (const [from, to] of read.readable) {
      if (left <= 0) break;
      const end = Math.min(to, from + left);
      readable.push([from, end]);
      left -= end - from;
    }
    return { ...read, readable };
  });
}

/** Where a piece of text ends: `to`, or the last space that keeps it within a request's limit. */
function chunkEnd(text: string, start: number, to: number): number {
  if (to - start <= MAX_TEXT_CHARS) return to;
  const space = text.lastIndexOf(' ', start + MAX_TEXT_CHARS - 1);
  return space > start ? space : start + MAX_TEXT_CHARS;
}
