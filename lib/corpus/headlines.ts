/** Headlines: a short line without a final period at the top of an article. */

import { wordCount } from './lines';

/**
 * Fewest words in a headline. Shorter lines at the top of a scrape are
 * nearly always section labels ("World", "Live updates", "Russia-Ukraine
 * war"); real headlines are rarely under four words.
 */
const MIN_HEADLINE_WORDS = 4;

/**
 * Most words in a headline. Headlines run to about fifteen words, long ones
 * to twenty-five; a longer line without a period is a cut-off paragraph.
 */
const MAX_HEADLINE_WORDS = 25;

/**
 * A headline-shaped line: short, and not ending like a sentence or a clause
 * (a question or exclamation mark is fine: headlines use them).
 */
export function looksLikeHeadline(line: string): boolean {
  const words = wordCount(line);
  if (words < MIN_HEADLINE_WORDS || words > MAX_HEADLINE_WORDS) return false;
  return !/[.,;:…]["”’')\]]*$/u.test(line);
}
