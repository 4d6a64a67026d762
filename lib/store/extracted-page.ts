/**
 * Checks what the extract script returned before it is stored: it ran beside
 * a page that may be hostile, and the page wrote every string in it. Fields
 * are rebuilt from their checked values and capped; anything else is dropped.
 */
import type { ExtractedPage } from './user-corpus';

/** The longest article stored from one page: a long-form feature is ~100,000 characters; beyond this it is not one article. */
export const MAX_SAVED_CHARS = 2_000_000;
/** Longest title, site name, byline or address kept. */
const MAX_FIELD_CHARS = 2_000;

const text = (v: unknown, max = MAX_FIELD_CHARS): string | null => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null);

export function parseExtractResult(raw: unknown): { ok: true; article: ExtractedPage } | { ok: false; reason: string } {
  const result = raw as { ok?: unknown; reason?: unknown; article?: Record<string, unknown> } | null;
  if (!result || typeof result !== 'object') return { ok: false, reason: 'The page could not be read, so nothing was saved.' };
  if (result.ok !== true) return { ok: false, reason: text(result.reason, 300) ?? 'No article was found on the page, so nothing was saved.' };
  const a = result.article ?? {};
  const url = text(a.url);
  if (!url || !/^https?:\/\//.test(url)) return { ok: false, reason: 'The page has no web address, so nothing was saved.' };
  const paragraphs: string[] = [];
  let chars = 0;
  for (const p of Array.isArray(a.paragraphs) ? a.paragraphs : []) {
    const para = text(p, MAX_SAVED_CHARS);
    if (!para) continue;
    if (chars + para.length > MAX_SAVED_CHARS) break;
    paragraphs.push(para);
    chars += para.length;
  }
  if (paragraphs.length === 0) return { ok: false, reason: 'No main text was found on the page, so nothing was saved.' };
  const published = typeof a.published === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(a.published) ? a.published : null;
  return {
    ok: true,
    article: { url, siteName: text(a.siteName) ?? new URL(url).hostname, title: text(a.title) ?? paragraphs[0].slice(0, 120), byline: text(a.byline), published, paragraphs },
  };
}
