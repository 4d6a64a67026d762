/**
 * How the background reaches the corpus worker (lib/worker/): Firefox's
 * background page starts the Worker itself; Chrome's service worker has no
 * Worker and goes through its offscreen document.
 */
import { CorpusWorkerClient, workerEndpoint } from '../../lib/worker/client';
import { offscreenConnector, type OffscreenApi } from '../../lib/worker/offscreen';
import { CORPUS_WORKER_PATH, OFFSCREEN_DOCUMENT_PATH } from '../../lib/worker/paths';

export function corpusWorkerClient(extensionUrl: (path: string) => string): CorpusWorkerClient {
  if (typeof Worker === 'function') {
    return new CorpusWorkerClient(async () => {
      const worker = new Worker(extensionUrl(CORPUS_WORKER_PATH));
      // A worker that stopped is ended: the next job starts another.
      worker.addEventListener('error', () => worker.terminate());
      return workerEndpoint(worker);
    });
  }
  return new CorpusWorkerClient(offscreenConnector((globalThis as unknown as { chrome: OffscreenApi }).chrome, OFFSCREEN_DOCUMENT_PATH));
}
