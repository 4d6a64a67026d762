/**
 * What the evaluations share: predicted spans matched against gold ones,
 * counted from both sides, and precision and recall from those counts.
 */

export interface MatchCounts {
  gold: number;
  predicted: number;
  /** Gold spans matched by a predicted one. */
  found: number;
  /** Predicted spans matching a gold one. */
  correct: number;
}

export interface MatchScore extends MatchCounts {
  precision: number;
  recall: number;
}

/** Precision over the predictions that count (all of them unless told), recall over gold; 1 where there is nothing to divide. */
export function precisionRecall(c: MatchCounts, counted = c.predicted): { precision: number; recall: number } {
  return { precision: counted === 0 ? 1 : c.correct / counted, recall: c.gold === 0 ? 1 : c.found / c.gold };
}
