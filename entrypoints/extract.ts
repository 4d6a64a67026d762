import { extractArticle } from '../lib/corpus/page-extract';

/**
 * "Save this page": extracts the article from the page it is injected into
 * (lib/corpus/page-extract.ts) and returns it as the injection's result. An
 * unlisted script the background injects into the isolated world on the
 * user's request only (entrypoints/background/save-page.ts).
 */
export default defineUnlistedScript(() => {
  try {
    return extractArticle(document, location.href);
  } catch (error) {
    return { ok: false, reason: `the page could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
});
