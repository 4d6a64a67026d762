/**
 * Where sentences end in news copy: the one rule the analysis (tokens,
 * reporting sentences) and the interface (an article's first sentence as its
 * heading) share, so that they agree on "Mr. Hess", "Aug. 6" and "Charles Q. Brown".
 */

/** Abbreviations whose dot does not end a sentence ("Mr. Hess", "Sen. Morrow", "Aug. 6", "Acme Corp. said"). */
export const DOTTED_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'lt', 'col', 'sen', 'sens', 'rep', 'reps', 'gov', 'prof', 'rev', 'capt', 'sgt', 'maj',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'no', 'vs', 'jr', 'sr', 'inc', 'corp', 'co',
]);

/** Words that start sentences and are never part of a name, so an initial before them ends a sentence ("in Washington D.C. The team …"). */
const SENTENCE_OPENERS = new Set([
  'The', 'A', 'An', 'In', 'On', 'At', 'It', 'He', 'She', 'They', 'We', 'I', 'This', 'That', 'These', 'Those',
  'But', 'And', 'However', 'Meanwhile', 'There', 'Its', 'His', 'Her', 'Their', 'After', 'Before', 'When', 'While',
]);

/**
 * Does the mark at text[i] ('.', '?' or '!') end a sentence? It must be
 * followed by white space; a full stop after an abbreviation does not, nor
 * one after a single initial unless a sentence opener follows.
 */
export function endsSentenceAt(text: string, i: number): boolean {
  const ch = text[i];
  if (ch !== '.' && ch !== '?' && ch !== '!') return false;
  if (!/\s/u.test(text[i + 1] ?? '')) return false;
  if (ch !== '.') return true;
  const word = /(\p{L}+)$/u.exec(text.slice(Math.max(0, i - 12), i))?.[1] ?? '';
  if (DOTTED_ABBREVIATIONS.has(word.toLowerCase())) return false;
  if (/^\p{Lu}$/u.test(word)) return SENTENCE_OPENERS.has(/^\s*(\p{L}+)/u.exec(text.slice(i + 1, i + 40))?.[1] ?? '');
  return true;
}

/** The first sentence of a text: up to the first mark that ends one and is followed by a capital, a digit or a quotation mark. */
export function firstSentence(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (!endsSentenceAt(text, i)) continue;
    const next = /\S/u.exec(text.slice(i + 1));
    if (next && /[\p{Lu}\p{N}“"‘„«]/u.test(next[0])) return text.slice(0, i + 1);
  }
  return text;
}
