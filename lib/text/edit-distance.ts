/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions),
 * abandoned as soon as it must exceed `max`; null when it does. Serves whole-word
 * typo tolerance in search, where fuse.js's Bitap would also match a word inside
 * a longer one ("tusk" inside "status"), and spelling variants of one name
 * ("Zelenskiy"/"Zelensky") in entity clustering.
 */
export function editDistanceWithin(a: string, b: string, max: number): number | null {
  if (Math.abs(a.length - b.length) > max) return null;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, beforePrevious[j - 2] + 1);
      current[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return null;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] <= max ? previous[b.length] : null;
}
