/**
 * How much of one document's text Backstory reads: the first read's
 * allowance, then a bounded trickle for text the page adds later. What does
 * not fit is dropped, not queued: a page that keeps adding text (a flood, a
 * feed that never ends) costs at most the trickle, however fast it writes.
 * The page scanner keeps one per document, so the page's thread does not read
 * what would be refused; the background keeps its own per document too, so
 * the bound holds whatever a page script sends.
 */
import { MAX_READ_CHARS } from './run-settings';

/** The trickle after the first read: a feed appending a long article (10,000 words, ~60,000 characters) every few seconds still gets read whole. */
export const TRICKLE_CHARS = 100_000;
export const TRICKLE_WINDOW_MS = 10_000;

/** The budget's state, plain data (the background keeps it in session storage across worker restarts). */
export interface CharBudgetState {
  /** Left of the first read's allowance. */
  first: number;
  /** Left of the trickle at `at` (a token bucket: it refills at TRICKLE_CHARS per TRICKLE_WINDOW_MS, up to TRICKLE_CHARS). */
  trickle: number;
  at: number;
}

export const freshBudget = (now: number, first = MAX_READ_CHARS): CharBudgetState => ({ first, trickle: TRICKLE_CHARS, at: now });

/**
 * Takes up to `wanted` characters from the budget and returns how many were
 * granted (0 when it is spent): the first read's allowance first, then the
 * trickle.
 */
export function takeChars(state: CharBudgetState, wanted: number, now: number): number {
  const elapsed = Math.max(0, now - state.at);
  state.trickle = Math.min(TRICKLE_CHARS, state.trickle + (elapsed * TRICKLE_CHARS) / TRICKLE_WINDOW_MS);
  state.at = now;
  const fromFirst = Math.min(Math.max(0, wanted), state.first);
  state.first -= fromFirst;
  const fromTrickle = Math.min(wanted - fromFirst, Math.floor(state.trickle));
  state.trickle -= fromTrickle;
  return fromFirst + fromTrickle;
}

/** The first `max` characters of `pieces`, the last piece cut where the budget ends. */
export function firstOfPieces(pieces: readonly string[], max: number): string[] {
  const kept: string[] = [];
  let left = max;
  for (const piece of pieces) {
    if (left <= 0) break;
    kept.push(piece.length <= left ? piece : piece.slice(0, left));
    left -= piece.length;
  }
  return kept;
}
