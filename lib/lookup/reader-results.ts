/**
 * What the background accepts back from the reader it injected in a page:
 * pieces of prose, each within a request's limit, and no more of them than
 * the first read's allowance. Anything else is not a reader's result.
 */
import { MAX_TEXT_CHARS } from '../messages';
import { MAX_READ_CHARS } from '../char-budget';
import { firstChars, packTexts } from '../text/pieces';

/** A reader's result as pieces of prose within the first read's limit, or null when it is not one (a read repeated, a failure). */
export function readerPieces(result: unknown): string[] | null {
  if (!Array.isArray(result) || !result.every((piece) => typeof piece === 'string' && piece.length <= MAX_TEXT_CHARS)) return null;
  return firstChars(result as string[], MAX_READ_CHARS);
}

/** A reader's result (pieces of prose) as the texts to look up, or null when it is not one. */
export function readerTexts(result: unknown): string[] | null {
  const pieces = readerPieces(result);
  return pieces && packTexts(pieces);
}
