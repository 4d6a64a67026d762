/**
 * A saved web page (.html) → the article in it, inside the import worker, by
 * the same extraction as "Save this page" (lib/corpus/page-extract.ts).
 *
 * The page is parsed with linkedom, not the options page's DOMParser: measured
 * in Chromium over the 130 real pages in ../shared/pages, DOMParser alone takes
 * 4.9 ms on the median page but 64 ms at the 95th percentile and 186 ms on the
 * largest, one uninterrupted task each, too long for the page's main thread
 * (the budget is 50 ms). linkedom is slower (16 ms median, 132 ms p95 in Node)
 * but runs in the worker, where it holds up nothing the user sees.
 */
// linkedom's self-contained worker build: its main build reaches for the optional `canvas` package, which a
// bundle cannot provide, and then fails on any page with a <canvas>.
import { DOMParser as LinkedomParser } from 'linkedom/worker';
import { extractArticle } from '../corpus/page-extract';
import { parseExtractResult } from '../store/extracted-page';
import { articleFromPage, type NewArticle } from '../store/user-corpus';

export type HtmlResult = { ok: true; article: NewArticle } | { ok: false; reason: string };

/**
 * A saved file has no address of its own: the extraction reads it as if at
 * this one, and an address still under it afterwards (the page declared no
 * canonical URL) is dropped rather than stored.
 */
const NO_ADDRESS = 'https://saved-file.invalid/';

export function articleFromHtml(html: string, fileName: string): HtmlResult {
  const doc = new LinkedomParser().parseFromString(html, 'text/html') as unknown as Document;
  const extracted = parseExtractResult(extractArticle(doc, NO_ADDRESS + encodeURIComponent(fileName)));
  if (!extracted.ok) return { ok: false, reason: extracted.reason };
  const article = articleFromPage(extracted.article);
  const url = article.url?.startsWith(NO_ADDRESS) ? null : article.url;
  const siteName = extracted.article.siteName === new URL(NO_ADDRESS).hostname ? null : article.siteName;
  return { ok: true, article: { ...article, origin: fileName, url, siteName } };
}
