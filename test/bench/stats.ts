/** Small statistics for benchmark reports. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values: number[]) => percentile(values, 50);

export function summary(values: number[], digits = 2): string {
  const f = (n: number) => n.toFixed(digits);
  return `median ${f(median(values))}  p95 ${f(percentile(values, 95))}  max ${f(Math.max(...values))}  (n=${values.length})`;
}
