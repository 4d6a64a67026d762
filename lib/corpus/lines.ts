/**
 * Turning raw file text into paragraph lines, and the shape tests that the
 * other corpus modules share (does a line end mid-sentence, is it cut off).
 */

const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/;

/**
 * Non-blank lines of a file, trimmed. Handles CRLF and CR line ends, Unicode
 * line separators and trailing whitespace. String.trim also removes a byte
 * order mark (U+FEFF) and the no-break spaces that HTML scrapes leave behind.
 */
export function splitLines(text: string): string[] {
  return text
    .split(LINE_BREAK)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

export function wordCount(line: string): number {
  const words = line.trim().split(/\s+/);
  return words[0] === '' ? 0 : words.length;
}

const WORD = /\S+/g;

/** `wordCount(line) <= max`, reading no further than word max + 1: the rules ask it of every line, most of them whole paragraphs. */
export function hasAtMostWords(line: string, max: number): boolean {
  WORD.lastIndex = 0;
  for (let words = 0; WORD.exec(line); ) if (++words > max) return false;
  return true;
}

/**
 * A line that stops in the middle of a sentence: its last character is a
 * letter, a digit, or a comma or semicolon. Closing quotes and brackets are
 * not counted as mid-sentence, because complete paragraphs often end on them.
 */
export function endsMidSentence(line: string): boolean {
  return /[\p{L}\p{N},;]$/u.test(line);
}

/** An explicit cut marker, as excerpt pages put at the end of a preview. */
export function endsWithEllipsis(line: string): boolean {
  return /(?:…|\.\.\.)$/.test(line);
}

/**
 * Shortest unmarked line that counts as cut off inside an article. Previews
 * are cut at a character budget of a few hundred characters; a shorter line
 * that merely lacks a final period is far more often the article's own
 * sign-off, a list item or a typo.
 */
const MIN_CUT_CHARS_IN_ARTICLE = 200;

/**
 * Shortest unmarked line that counts as cut off once an article has ended
 * (after its credit line or before a run of teasers). There is no body left
 * for such a line to belong to, so shorter previews count too; but not as
 * short as a headline (rarely over 150 characters), so that a headline
 * printed above a teaser is still read as its title.
 */
const MIN_CUT_CHARS_AFTER_ARTICLE = 150;

/**
 * Shortest line ending in "…" that counts as cut off. The ellipsis already
 * says "truncated"; the length only keeps out promo stubs such as "More…".
 */
const MIN_MARKED_CUT_CHARS = 60;

/** Where a paragraph stands: inside an article, or after one has ended. */
export type Position = 'in-article' | 'after-article';

/** A paragraph that was cut off: the truncated opening of a longer text. */
export function looksCutOff(line: string, position: Position): boolean {
  if (endsWithEllipsis(line)) return line.length >= MIN_MARKED_CUT_CHARS;
  const minChars = position === 'in-article' ? MIN_CUT_CHARS_IN_ARTICLE : MIN_CUT_CHARS_AFTER_ARTICLE;
  return endsMidSentence(line) && line.length >= minChars;
}

/**
 * The next line continues the previous one's sentence (a hard-wrapped
 * paragraph): the previous line stops mid-sentence and the next starts with
 * a lower-case word, which a new paragraph or a new teaser never does.
 * Words like "iPhone" contain a capital and are not taken as continuations.
 */
export function continuesPreviousLine(previous: string, next: string): boolean {
  const previousIsOpen = endsMidSentence(previous) || previous.endsWith('-');
  const nextIsContinuation = /^\p{Ll}[\p{Ll}'’-]*(?=[\s,.;:!?]|$)/u.test(next);
  return previousIsOpen && nextIsContinuation;
}

/** Join a hard-wrapped line onto the one before; a trailing hyphen joins without a space. */
export function joinWrapped(previous: string, next: string): string {
  return previous.endsWith('-') ? previous + next : `${previous} ${next}`;
}
