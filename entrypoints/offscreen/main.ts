/**
 * Chrome's offscreen document: holds the corpus worker the service worker
 * cannot start itself, and passes the background's jobs to it (lib/worker/relay.ts).
 */
import { CORPUS_JOBS_PORT, createJobRelay, type RelayPort } from '../../lib/worker/relay';
import { CORPUS_WORKER_PATH } from '../../lib/worker/paths';

const relay = createJobRelay(() => new Worker(browser.runtime.getURL(CORPUS_WORKER_PATH)));
browser.runtime.onConnect.addListener((port) => {
  if (port.name === CORPUS_JOBS_PORT) relay.accept(port as unknown as RelayPort);
});
