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

/** Where a piece of text ends: `to`, or the last space that keeps it within a request's limit. */
function chunkEnd(text: string, start: number, to: number): number {
  if (to - start <= MAX_TEXT_CHARS) return to;
  const space = text.lastIndexOf(' ', start + MAX_TEXT_CHARS - 1);
  return space > start ? space : start + MAX_TEXT_CHARS;
}
