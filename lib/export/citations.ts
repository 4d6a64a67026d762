/**
 * Quotes with their citations as files a reader can take elsewhere: CSV for
 * spreadsheets, Markdown for notes. Pure functions over plain rows; the rows
 * come from lib/export/citation-rows.ts.
 */
import { formatDate } from '../ui/format';

/** One quote and where it was said: every line of an export carries all of it. */
export interface CitationRow {
  /** The speaker's name, or how the article describes them; '' when unknown. */
  speaker: string;
  quote: string;
  /** The headline, or the first sentence of an untitled article. */
  articleTitle: string;
  /** The site's name, or the address's host; '' when neither is known (the bundled corpus). */
  site: string;
  /** ISO yyyy-mm-dd, or '' when the article is undated. */
  date: string;
  /** '' when the article has no address. */
  url: string;
}

export const CSV_COLUMNS = ['speaker', 'quote', 'article title', 'site', 'date', 'url'] as const;

/**
 * A spreadsheet reads a cell that starts with one of these as a formula
 * (OWASP, "CSV injection"); a quote like "=HYPERLINK(…)" or "-1 + 2" must stay text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** RFC 4180: a header line, every field quoted (quotes doubled), lines ended by CRLF. */
export function quotesToCsv(rows: CitationRow[]): string {
  const lines = [CSV_COLUMNS.map(csvField).join(',')];
  for (const row of rows) {
    lines.push([row.speaker, row.quote, row.articleTitle, row.site, row.date, row.url].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Text inside one Markdown list item: line breaks would end the item, and
 * these characters would start emphasis, links, code, HTML or tables.
 */
function mdText(value: string): string {
  return value
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]<>|~#!&]/g, (c) => `\\${c}`)
    .trim();
}

/** An address as a Markdown autolink when it is a plain http(s) address; otherwise as escaped text. */
function mdUrl(url: string): string {
  return /^https?:\/\/[^\s<>]+$/i.test(url) ? `<${url}>` : mdText(url);
}

/**
 * A heading, then one list item per quote:
 * `- “…” — Donald Tusk, in “Title”, Site, 22 November 2024, <https://…>`.
 */
export function quotesToMarkdown(rows: CitationRow[], heading: string): string {
  const lines = [`# ${mdText(heading)}`, ''];
  if (rows.length === 0) lines.push('No quotes.');
  for (const row of rows) {
    const parts = [
      `- “${mdText(row.quote)}” — ${mdText(row.speaker) || 'unknown speaker'}`,
      `in “${mdText(row.articleTitle)}”`,
      ...(row.site ? [mdText(row.site)] : []),
      formatDate(row.date || null),
      ...(row.url ? [mdUrl(row.url)] : []),
    ];
    lines.push(parts.join(', '));
  }
  return `${lines.join('\n')}\n`;
}
