/**
 * How much text Backstory reads, as a budget: a first allowance (a
 * document's first read), then a bounded trickle (a token bucket) for text
 * the page adds later. What does not fit is dropped, not queued: a page that
 * keeps adding text (a flood, a feed that never ends) costs at most the
 * trickle, however fast it writes. The page scanner keeps one per document,
 * so the page's thread does not read what would be refused; the background
 * keeps its own per document and per tab (lib/lookup/page-documents.ts), so the bound
 * holds whatever a page script sends.
 */
/** Most prose one read is looked up in: the first two million characters of a page. */
export const MAX_READ_CHARS = 2_000_000;

/** A document's trickle after its first read: a feed appending a long article (10,000 words, ~60,000 characters) every few seconds still gets read whole. */
export const TRICKLE_CHARS = 100_000;
export const TRICKLE_WINDOW_MS = 10_000;

/** A budget's state, plain data (the background keeps it in session storage across worker restarts). */
export interface CharBudgetState {
  /** Left of the first allowance. */
  first: number;
  /** Left of the trickle at `at`; it refills at `rate` characters per TRICKLE_WINDOW_MS, up to `rate`. */
  trickle: number;
  at: number;
  /** The trickle's size per window (TRICKLE_CHARS unless given). */
  rate?: number;
}

export const freshBudget = (now: number, first = MAX_READ_CHARS, rate = TRICKLE_CHARS): CharBudgetState => ({
  first,
  trickle: rate,
  at: now,
  ...(rate !== TRICKLE_CHARS && { rate }),
});

function refill(state: CharBudgetState, now: number): void {
  const rate = state.rate ?? TRICKLE_CHARS;
  const elapsed = Math.max(0, now - state.at);
  state.trickle = Math.min(rate, state.trickle + (elapsed * rate) / TRICKLE_WINDOW_MS);
  state.at = now;
}

/** Characters the budget would grant now. */
export function availableChars(state: CharBudgetState, now: number): number {
  refill(state, now);
  return state.first + Math.floor(state.trickle);
}

/**
 * Takes up to `wanted` characters from the budget and returns how many were
 * granted (0 when it is spent): the first allowance first, then the trickle.
 */
export function takeChars(state: CharBudgetState, wanted: number, now: number): number {
  refill(state, now);
  const fromFirst = Math.min(Math.max(0, wanted), state.first);
  state.first -= fromFirst;
  const fromTrickle = Math.max(0, Math.min(wanted - fromFirst, Math.floor(state.trickle)));
  state.trickle -= fromTrickle;
  return fromFirst + fromTrickle;
}

/** The first read is done: whatever it left of the first allowance is not for later text, which gets the trickle only. */
export function endFirstRead(state: CharBudgetState): void {
  state.first = 0;
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
