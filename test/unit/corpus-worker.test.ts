/**
 * The corpus worker's body and its askers, connected in one thread: the
 * options page's imports, the background's bundled load and saved pages,
 * Chrome's offscreen relay, and workers that stop. Only the thread boundary
 * is replaced; both ends are the shipped code.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startImport, type WorkerLike } from '../../lib/import/client';
import type { ImportProgress } from '../../lib/import/progress';
import { makeBundledIndex } from '../../lib/store/bundled';
import type { LoadProgress } from '../../lib/store/bundled-digest';
import type { BackstoryDb } from '../../lib/store/db';
import { CorpusWorkerClient, workerEndpoint } from '../../lib/worker/client';
import { offscreenConnector, type OffscreenApi } from '../../lib/worker/offscreen';
import type { CorpusJob, FromCorpusWorker, WorkerScope } from '../../lib/worker/protocol';
import { CORPUS_JOBS_PORT, createJobRelay, type RelayPort } from '../../lib/worker/relay';
import { serveCorpusJobs, type BundledFiles } from '../../lib/worker/serve';
import { bundledCorpusFiles, deleteTestDbs, readGold, testDb } from './helpers';

afterEach(deleteTestDbs);

const noBundledCorpus: BundledFiles = {
  readIndex: () => Promise.reject(new Error('no bundled corpus in this test')),
  readFile: () => Promise.reject(new Error('no bundled corpus in this test')),
};

/** A worker whose body runs in this thread, messages delivered asynchronously as between threads. */
function inThreadWorker(openDb: () => BackstoryDb, bundled: BundledFiles = noBundledCorpus) {
  const listeners = { message: [] as Array<(event: MessageEvent) => void>, error: [] as Array<(event: ErrorEvent) => void> };
  const toWorker: Array<(event: MessageEvent<CorpusJob>) => void> = [];
  const state = { terminated: false, posted: [] as FromCorpusWorker[] };
  const scope: WorkerScope = {
    postMessage(message) {
      if (state.terminated) return;
      state.posted.push(message);
      setTimeout(() => !state.terminated && listeners.message.forEach((l) => l({ data: structuredClone(message) } as MessageEvent)));
    },
    addEventListener: (_type, listener) => void toWorker.push(listener),
  };
  serveCorpusJobs(scope, openDb, bundled);
  const worker: WorkerLike = {
    postMessage: (message: CorpusJob) => setTimeout(() => !state.terminated && toWorker.forEach((l) => l({ data: message } as MessageEvent<CorpusJob>))),
    terminate: () => void (state.terminated = true),
    addEventListener: ((type: 'message' | 'error', listener: never) => void listeners[type]?.push(listener)) as WorkerLike['addEventListener'],
  };
  /** What the browser does when the worker's script throws outside a job, or fails to load. */
  const fail = (message: string) => listeners.error.forEach((l) => l({ message } as ErrorEvent));
  return { worker, state, fail };
}

const refused = () => [new File(['%PDF'], 'a.pdf'), new File([''], 'b.txt'), new File(['{'], 'c.json')];

/** The seed corpus as the package holds it, counting what is read. */
async function seedPackage() {
  const files = bundledCorpusFiles();
  const byName = new Map(files.map((f) => [f.name, f.bytes]));
  const index = await makeBundledIndex(files);
  const reads = { index: 0, files: 0 };
  const bundled: BundledFiles = {
    readIndex: async () => (reads.index++, index),
    readFile: async (path) => (reads.files++, byName.get(path.replace(/^corpus\//, ''))!),
  };
  return { files, index, reads, bundled };
}

const page = {
  url: 'https://news.example/tusk',
  siteName: 'Example News',
  title: 'Tusk speaks in Warsaw',
  byline: null,
  published: '2024-11-22',
  paragraphs: ['Donald Tusk spoke in Warsaw on Monday.', '“We will not give up,” Tusk said.'],
};

describe('an import through the worker', () => {
  it('reports progress for each file and ends with the result', async () => {
    const { worker, state } = inThreadWorker(testDb);
    const seen: ImportProgress[] = [];
    const handle = startImport(() => worker, refused(), 'Import of test', (p) => seen.push(p));
    const outcome = await handle.finished;
    expect(outcome.state).toBe('done');
    expect(outcome.filesDone).toBe(3);
    expect(outcome.failures.map((f) => f.file)).toEqual(['a.pdf', 'b.txt', 'c.json']);
    expect(seen.map((p) => p.filesDone)).toEqual([0, 1, 2, 3, 3]);
    expect(state.terminated).toBe(true); // a finished import leaves no worker behind
  });

  it('cancels by ending the worker and keeps what was reported before', async () => {
    const { worker, state } = inThreadWorker(testDb);
    const seen: ImportProgress[] = [];
    let handle!: ReturnType<typeof startImport>;
    handle = startImport(() => worker, refused(), 'Import of test', (p) => {
      seen.push(p);
      if (p.filesDone === 1) handle.cancel();
    });
    const outcome = await handle.finished;
    expect(state.terminated).toBe(true);
    expect(outcome).toMatchObject({ state: 'cancelled', filesDone: 1, current: null });
    expect(outcome.failures.map((f) => f.file)).toEqual(['a.pdf']);
    // Nothing reaches the page after the cancel.
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.at(-1)!.filesDone).toBe(1);
  });

  it('says so when the worker cannot open the database', async () => {
    const { worker } = inThreadWorker(() => {
      throw new Error('IndexedDB is not available');
    });
    const outcome = await startImport(() => worker, refused(), 'x', () => undefined).finished;
    expect(outcome).toMatchObject({ state: 'failed', error: 'IndexedDB is not available', filesDone: 0 });
  });

  it('fails the import with the reason when the worker stops', async () => {
    const { worker, fail } = inThreadWorker(testDb);
    const handle = startImport(() => worker, refused(), 'x', () => undefined);
    await new Promise((r) => setTimeout(r));
    fail('out of memory');
    expect(await handle.finished).toMatchObject({ state: 'failed', error: 'the corpus worker stopped: out of memory' });
  });
});

describe('the background’s jobs', () => {
  it('loads the bundled corpus once for two askers, both following its progress to the end', async () => {
    const db = testDb();
    const seed = await seedPackage();
    const { worker } = inThreadWorker(() => db, seed.bundled);
    const client = new CorpusWorkerClient(async () => workerEndpoint(worker));
    const first: LoadProgress[] = [];
    const second: LoadProgress[] = [];
    // A second service worker asking while the first one's load runs.
    const [a, b] = await Promise.all([client.run('load-bundled', {}, (p) => first.push(p)), client.run('load-bundled', {}, (p) => second.push(p))]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ changed: true, errors: [] });
    expect([seed.reads.index, seed.reads.files]).toEqual([1, seed.files.length]);
    expect(await db.articles.count()).toBe(readGold('seed-gold.json').articles.length);
    for (const seen of [first, second]) expect(seen.at(-1)).toMatchObject({ filesDone: seed.files.length, filesTotal: seed.files.length });
    expect(first[0]).toMatchObject({ filesDone: 0 });
    // Asked again once loaded: nothing read but the index's digest.
    expect(await client.run('load-bundled', {})).toEqual({ changed: false, errors: [], words: 0 });
    expect(seed.reads.files).toBe(seed.files.length);
  });

  it('stores a saved page and says what it found', async () => {
    const db = testDb();
    const { worker } = inThreadWorker(() => db);
    const client = new CorpusWorkerClient(async () => workerEndpoint(worker));
    const report = await client.run('add-page', { page });
    expect(report).toMatchObject({ added: 1, updated: 0, found: { quotes: 1 } });
    expect(report.found.person).toBeGreaterThanOrEqual(1);
    const stored = await db.articles.get(report.articleIds[0]);
    expect(stored).toMatchObject({ url: page.url, title: page.title, source: 'user', sourceId: 'saved' });
    // Saving the same address again updates it.
    expect(await client.run('add-page', { page: { ...page, paragraphs: [...page.paragraphs, 'He left on Tuesday.'] } })).toMatchObject({ added: 0, updated: 1, articleIds: report.articleIds });
  });

  it('fails every running job when the worker stops, and starts a new one for the next', async () => {
    const db = testDb();
    const seed = await seedPackage();
    const started: Array<ReturnType<typeof inThreadWorker>> = [];
    const client = new CorpusWorkerClient(async () => {
      started.push(inThreadWorker(() => db, seed.bundled));
      return workerEndpoint(started.at(-1)!.worker);
    });
    const load = client.run('load-bundled', {});
    await new Promise((r) => setTimeout(r));
    started[0].fail('script error');
    await expect(load).rejects.toThrow('the corpus worker stopped: script error');
    expect((await client.run('add-page', { page })).added).toBe(1);
    expect(started).toHaveLength(2);
  });
});

/** Both ends of a chrome.runtime port, delivering asynchronously. */
function portPair() {
  type Listeners<T> = Array<(message: T) => void>;
  const toRelay: Listeners<CorpusJob> = [];
  const toBackground: Listeners<FromCorpusWorker> = [];
  const disconnects: Array<() => void> = [];
  const state = { connected: true };
  const relayEnd: RelayPort = {
    postMessage: (message) => void setTimeout(() => state.connected && toBackground.forEach((l) => l(structuredClone(message)))),
    onMessage: { addListener: (l) => void toRelay.push(l) },
    onDisconnect: { addListener: (l) => void disconnects.push(l) },
  };
  const backgroundEnd = {
    postMessage: (job: CorpusJob) => void setTimeout(() => state.connected && toRelay.forEach((l) => l(structuredClone(job)))),
    onMessage: { addListener: (l: (reply: FromCorpusWorker) => void) => void toBackground.push(l) },
    onDisconnect: { addListener: (l: () => void) => void disconnects.push(l) },
    disconnect: () => {
      state.connected = false;
      disconnects.forEach((l) => l());
    },
  };
  return { relayEnd, backgroundEnd };
}

describe('Chrome’s offscreen document', () => {
  it('is created once for concurrent jobs, not when it exists, and relays each port’s jobs to one worker', async () => {
    const db = testDb();
    const workers: Array<ReturnType<typeof inThreadWorker>> = [];
    // The document's relay: a new one for each document opened.
    let relay = createJobRelay(() => (workers.push(inThreadWorker(() => db)), workers.at(-1)!.worker));
    const documents: string[] = [];
    const ports: Array<ReturnType<typeof portPair>> = [];
    const api: OffscreenApi = {
      runtime: {
        getURL: (path) => `chrome-extension://backstory${path}`,
        getContexts: async ({ documentUrls }) => documents.filter((url) => documentUrls.includes(url)),
        connect: ({ name }) => {
          expect(name).toBe(CORPUS_JOBS_PORT);
          const pair = portPair();
          ports.push(pair);
          relay.accept(pair.relayEnd);
          return pair.backgroundEnd;
        },
      },
      offscreen: {
        createDocument: async ({ url, reasons }) => {
          expect(reasons).toEqual(['WORKERS']);
          if (documents.includes(url)) throw new Error('Only a single offscreen document may be created.');
          relay = createJobRelay(() => (workers.push(inThreadWorker(() => db)), workers.at(-1)!.worker));
          await new Promise((r) => setTimeout(r, 5));
          documents.push(url);
        },
        closeDocument: async () => {
          // The document's worker and its ports go with it.
          documents.splice(0);
          for (const port of ports) port.backgroundEnd.disconnect();
          workers.at(-1)!.worker.terminate();
        },
      },
    };
    // Two service workers' lifetimes: each its own connector, the document shared.
    const first = new CorpusWorkerClient(offscreenConnector(api, '/offscreen.html'));
    const second = new CorpusWorkerClient(offscreenConnector(api, '/offscreen.html'));
    const [a, b] = await Promise.all([first.run('add-page', { page }), first.run('add-page', { page: { ...page, url: 'https://news.example/other', title: 'Other', paragraphs: ['Olaf Scholz spoke in Berlin on Tuesday.'] } })]);
    expect(documents).toEqual(['chrome-extension://backstory/offscreen.html']);
    expect(a.articleIds[0]).not.toBe(b.articleIds[0]);
    expect((await second.run('add-page', { page })).articleIds).toEqual(a.articleIds);
    expect(documents).toHaveLength(1);
    expect(workers).toHaveLength(1);
    // A stopped service worker's port: the document and its worker stay, the next one connects again.
    ports[0].backgroundEnd.disconnect();
    expect((await first.run('add-page', { page })).articleIds).toEqual(a.articleIds);
    expect(ports).toHaveLength(3);
    expect(workers).toHaveLength(1);
    // Released with no job running (after a load): the document closes, and the next job opens another, with a new worker.
    await first.release();
    await new Promise((r) => setTimeout(r));
    expect(documents).toEqual([]);
    const next = first.run('add-page', { page });
    await first.release(); // a job is running: nothing closes
    expect((await next).articleIds).toEqual(a.articleIds);
    expect(documents).toHaveLength(1);
    expect(workers).toHaveLength(2);
  });
});
