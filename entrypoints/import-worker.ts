/**
 * The options page's import worker (an unlisted script, /import-worker.js):
 * reads, parses, analyses and stores the files the user imports, so none of
 * that runs on the options page's main thread.
 */
import { serveImports } from '../lib/import/worker';
import { openDb } from '../lib/store/db';

export default defineUnlistedScript(() => {
  serveImports(self as unknown as Parameters<typeof serveImports>[0], openDb);
});
