/**
 * A saved web page (.html) → the article in it, inside the import worker.
 *
 * The page is parsed with linkedom, not the options page's DOMParser: measured
 * in Chromium over the 130 real pages in ../shared/pages, DOMParser alone takes
 * 4.9 ms on the median page but 64 ms at the 95th percentile and 186 ms on the
 * largest, one uninterrupted task each, too long for the page's main thread
 * (the budget is 50 ms). linkedom is slower (16 ms median, 132 ms p95 in Node)
 * but runs in the worker, where it holds up nothing the user sees.
 *
 * `findArticle` is the one place that turns a parsed page into an article;
 * it stands in for the shared page extraction ("Save this page") until that
 * module is wired here, so both paths give the same article for a page.
 */
// linkedom's self-contained worker build: its main build reaches for the optional `canvas` package, which a
// bundle cannot provide, and then fails on any page with a <canvas>.
import { DOMParser as LinkedomParser } from 'linkedom/worker';
import type { NewArticle } from '../store/user-corpus';

export type HtmlResult = { ok: true; article: NewArticle } | { ok: false; reason: string };

/** Paragraphs shorter than this are page furniture (share buttons, labels), not prose. */
const MIN_PARAGRAPH_CHARS = 40;

export function articleFromHtml(html: string, fileName: string): HtmlResult {
  const doc = new LinkedomParser().parseFromString(html, 'text/html') as unknown as Document;
  return findArticle(doc, fileName);
}

function meta(doc: Document, ...names: string[]): string | null {
  for (const name of names) {
    const element = doc.querySelector(`meta[property="${name}"], meta[name="${name}"]`);
    const content = element?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return null;
}

function isoDate(value: string | null): string | null {
  const match = value ? /^(\d{4}-\d{2}-\d{2})/.exec(value) : null;
  return match ? match[1] : null;
}

function absoluteHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function paragraphsIn(root: Element): string[] {
  return [...root.querySelectorAll('p')]
    .filter((p) => !p.closest('nav, header, footer, aside, figure, form'))
    .map((p) => clean(p.textContent))
    .filter((text) => text.length >= MIN_PARAGRAPH_CHARS);
}

function findArticle(doc: Document, fileName: string): HtmlResult {
  // The narrowest container that holds prose: some pages' <article> is a teaser card.
  const candidates: Array<Element | null> = [doc.querySelector('article'), doc.querySelector('main'), doc.body];
  const roots = candidates.filter((r): r is Element => !!r);
  const paragraphs = roots.map(paragraphsIn).find((found) => found.length > 0) ?? [];
  if (paragraphs.length === 0) return { ok: false, reason: 'no article text found in this page' };
  const title = clean(meta(doc, 'og:title', 'twitter:title') ?? doc.querySelector('h1')?.textContent ?? doc.title) || null;
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
  return {
    ok: true,
    article: {
      origin: fileName,
      title,
      date: isoDate(meta(doc, 'article:published_time', 'datePublished', 'date', 'DC.date.issued')),
      credits: null,
      captions: [],
      paragraphs,
      complete: true,
      url: absoluteHttpUrl(canonical) ?? absoluteHttpUrl(meta(doc, 'og:url')),
      siteName: meta(doc, 'og:site_name', 'application-name'),
      byline: meta(doc, 'author', 'article:author'),
    },
  };
}
