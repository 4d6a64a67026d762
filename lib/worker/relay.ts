/**
 * The offscreen document's part (Chrome): Chrome's service worker cannot
 * start a Worker, so the background connects a port to this document, which
 * holds one corpus worker and passes jobs and replies between them. The
 * worker outlives the port: a service worker stopped mid-load leaves the load
 * running, and the next one to ask follows it.
 */
import { stoppedReason } from './client';
import type { CorpusJob, FromCorpusWorker } from './protocol';

/** The name of the background's port to the offscreen document. */
export const CORPUS_JOBS_PORT = 'backstory-corpus-jobs';

/** As much of chrome.runtime.Port as the relay uses. */
export interface RelayPort {
  postMessage(message: FromCorpusWorker): void;
  onMessage: { addListener(listener: (job: CorpusJob) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export type RelayWorker = Pick<Worker, 'postMessage' | 'addEventListener' | 'terminate'>;

export function createJobRelay(createWorker: () => RelayWorker) {
  let worker: RelayWorker | null = null;
  // The worker's job ids are the relay's: each port numbers its own jobs.
  let nextId = 1;
  const routes = new Map<number, { port: RelayPort; id: number }>();

  const started = (): RelayWorker => {
    if (worker) return worker;
    const current = createWorker();
    current.addEventListener('message', (event) => {
      const reply = (event as MessageEvent<FromCorpusWorker>).data;
      const route = routes.get(reply.id);
      if (!route) return; // its port is gone
      if (reply.type !== 'progress') routes.delete(reply.id);
      route.port.postMessage({ ...reply, id: route.id });
    });
    current.addEventListener('error', (event) => {
      // A worker that failed to start, or threw outside a job: every job still running fails, and the next one starts a new worker.
      current.terminate();
      if (worker === current) worker = null;
      const failed = [...routes.values()];
      routes.clear();
      for (const { port, id } of failed) port.postMessage({ id, type: 'failed', message: stoppedReason((event as ErrorEvent).message) });
    });
    return (worker = current);
  };

  return {
    accept(port: RelayPort): void {
      port.onMessage.addListener((job) => {
        const id = nextId++;
        routes.set(id, { port, id: job.id });
        started().postMessage({ ...job, id });
      });
      port.onDisconnect.addListener(() => {
        for (const [id, route] of routes) if (route.port === port) routes.delete(id);
      });
    },
  };
}
