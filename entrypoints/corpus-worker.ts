/**
 * The corpus worker (an unlisted script, /corpus-worker.js): everything that
 * parses or analyses. The options page starts one for each import; the
 * background starts one for the bundled corpus and saved pages (Chrome's
 * service worker, which cannot start workers, through its offscreen
 * document; Firefox's background page itself).
 */
import { BUNDLED_INDEX_FILE } from '../lib/store/bundled-digest';
import { openDb } from '../lib/store/db';
import { analyzeInThisThread } from '../lib/store/ingest';
import { ANALYSIS_WORKER_NAME, corpusWorkerAnalyzer, serveAnalysis, type AnalysisScope } from '../lib/worker/analysis';
import { serveCorpusJobs } from '../lib/worker/serve';
import type { WorkerScope } from '../lib/worker/protocol';

/** A file of the extension's package: the worker's origin is the extension's. */
const fromPackage = (path: string) => fetch(new URL(path, globalThis.location.origin));

export default defineUnlistedScript(() => {
  // The same script, started by a corpus worker, is its analysis worker (lib/worker/analysis.ts).
  if ((self as unknown as { name?: string }).name === ANALYSIS_WORKER_NAME) {
    serveAnalysis(self as unknown as AnalysisScope);
    return;
  }
  serveCorpusJobs(
    self as unknown as WorkerScope,
    openDb,
    {
      readIndex: async () => (await fromPackage(`/${BUNDLED_INDEX_FILE}`)).json(),
      readFile: async (path) => new Uint8Array(await (await fromPackage(`/${path}`)).arrayBuffer()),
    },
    // Firefox (ESR 153) now and then blocks a worker for good in `new Worker` when it starts one of its own (some
    // starts in ten on a busy machine; no error, and the worker's own timers stop too): there batches are analysed here.
    import.meta.env.FIREFOX ? analyzeInThisThread : corpusWorkerAnalyzer(globalThis.location.href),
  );
});
