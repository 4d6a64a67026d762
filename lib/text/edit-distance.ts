/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions),
 * abandoned as soon as it must exceed `max`; null when it does. Serves whole-word
 * typo tolerance in search, where fuse.js's Bitap would also match a word inside
 * a longer one ("tusk" inside "status"), and spelling variants of one name
 * ("Zelenskiy"/"Zelensky") in entity clustering.
 */
export function editDistanceWithin(a: string, b: string, max: number): number | null {
  if (Math.abs(a.length - b.length) > max) return null;
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width * 2);
  // Three rows of the table in one reused buffer: search compares a query word with every word of its letter, and a fresh array per row was most of that time.
  let beforePrevious = 0;
  let previous = width;
  let current = 2 * width;
  for (let j = 0; j < width; j++) rows[previous + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[current] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let value = Math.min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) value = Math.min(value, rows[beforePrevious + j - 2] + 1);
      rows[current + j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return null;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  const distance = rows[previous + b.length];
  return distance <= max ? distance : null;
}

/** The table rows `editDistanceWithin` works in, grown as longer words come. */
let rows = new Int32Array(3 * 64);
