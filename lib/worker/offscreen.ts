/**
 * The background's way to the corpus worker on Chrome: its offscreen
 * document (reason WORKERS), created when a job first needs it, and a port
 * to it. A service worker may find the document already there (it outlives
 * the worker that created it), and concurrent jobs share one creation.
 */
import { stoppedReason } from './client';
import type { CorpusJob, FromCorpusWorker, JobEndpoint } from './protocol';
import { CORPUS_JOBS_PORT } from './relay';

/** As much of Chrome's API as opening the document takes. */
export interface OffscreenApi {
  runtime: {
    getURL(path: string): string;
    getContexts(filter: { contextTypes: string[]; documentUrls: string[] }): Promise<unknown[]>;
    connect(info: { name: string }): {
      postMessage(message: CorpusJob): void;
      onMessage: { addListener(listener: (reply: FromCorpusWorker) => void): void };
      onDisconnect: { addListener(listener: () => void): void };
    };
    readonly lastError?: { message?: string };
  };
  offscreen: {
    createDocument(parameters: { url: string; reasons: string[]; justification: string }): Promise<void>;
    closeDocument(): Promise<void>;
  };
}

export function offscreenConnector(api: OffscreenApi, path: string): () => Promise<JobEndpoint> {
  const url = api.runtime.getURL(path);
  let creating: Promise<void> | null = null;
  // A document being closed is gone before the next one is looked for.
  let closing: Promise<void> = Promise.resolve();
  const ensureDocument = () =>
    (creating ??= (async () => {
      await closing;
      const existing = await api.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
      if (existing.length > 0) return;
      await api.offscreen.createDocument({
        url,
        reasons: ['WORKERS'],
        justification: 'Parses and analyses articles (the bundled corpus, saved pages) in a Web Worker, which a service worker cannot start.',
      });
    })().finally(() => (creating = null)));

  return async () => {
    await ensureDocument();
    const port = api.runtime.connect({ name: CORPUS_JOBS_PORT });
    return {
      // Closing the document ends its worker; a document already closed is no error.
      close: () => void (closing = api.offscreen.closeDocument().catch(() => undefined)),
      postMessage: (job) => port.postMessage(job),
      onReply: (listener) => port.onMessage.addListener(listener),
      onStopped: (listener) => port.onDisconnect.addListener(() => listener(stoppedReason(api.runtime.lastError?.message ?? 'its document closed'))),
    };
  };
}
