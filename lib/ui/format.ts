/**
 * Text formatting shared by the card, popup and side panel: dates, article
 * headings and quote citations. Pure functions, no locale lookups: the output
 * must be the same in every browser and in Node tests.
 */
import { firstSentence } from '../text/sentences';

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** "2024-11-22" → "22 November 2024"; null or malformed → "undated". */
export function formatDate(iso: string | null | undefined): string {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!match) return 'undated';
  const month = MONTHS[Number(match[2]) - 1];
  if (!month) return 'undated';
  return `${Number(match[3])} ${month} ${match[1]}`;
}

/** Longest heading shown for an untitled article before it is cut with an ellipsis. */
export const HEADING_MAX_CHARS = 120;

/**
 * What to call an article: its headline, or, for the many scraped articles
 * without one, its first sentence.
 */
export function articleHeading(article: { title: string | null; paragraphs: string[] }): string {
  const title = article.title?.trim();
  if (title) return title;
  const first = article.paragraphs.find((p) => p.trim())?.trim() ?? '';
  if (!first) return 'Untitled article';
  return truncate(firstSentence(first), HEADING_MAX_CHARS);
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

export interface CitationParts {
  text: string;
  /** The speaker's name, or how the article describes them; null when unknown. */
  speaker: string | null;
  article: { title: string | null; paragraphs: string[]; date: string | null };
}

/**
 * `“…” — Donald Tusk, in “<title or first sentence>”, 22 November 2024`
 * (or `undated`). Quote marks already inside the quote are kept as written.
 */
export function formatCitation({ text, speaker, article }: CitationParts): string {
  const who = speaker?.trim() || 'unknown speaker';
  return `“${text.trim()}” — ${who}, in “${articleHeading(article)}”, ${formatDate(article.date)}`;
}

/** "1 quote", "3 quotes". */
/** "1 article", "2,400 articles", "3 people". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
