/**
 * Pieces of page text on their way to the background: cut to the first read's
 * allowance and packed into requests within the message size limit. The
 * reader and scanner in the page pack them; the background checks them.
 */
import { MAX_TEXT_CHARS } from '../messages';

/** The pieces that fit in the first `max` characters: a page longer than any article is looked up in its beginning. */
export function firstChars(pieces: readonly string[], max: number): string[] {
  let total = 0;
  let count = 0;
  while (count < pieces.length && total + pieces[count].length <= max) total += pieces[count++].length;
  return pieces.slice(0, count);
}

/**
 * Pieces of text as requests: joined by line breaks (no candidate crosses
 * one) into texts within a request's limit, so a page of many short pieces
 * costs few messages.
 */
export function packTexts(pieces: readonly string[]): string[] {
  const texts: string[] = [];
  let batch: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    if (length + piece.length > MAX_TEXT_CHARS && batch.length) {
      texts.push(batch.join('\n'));
      batch = [];
      length = 0;
    }
    batch.push(piece);
    length += piece.length + 1;
  }
  if (batch.length) texts.push(batch.join('\n'));
  return texts;
}
