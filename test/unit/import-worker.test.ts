/**
 * The options page's import client and the worker's body, connected in one
 * thread: the messages, progress, cancel and a worker that cannot start.
 * Only the thread boundary is replaced; both ends are the shipped code.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startImport, type WorkerLike } from '../../lib/import/client';
import type { FromImportWorker, ToImportWorker, WorkerScope } from '../../lib/import/protocol';
import type { ImportProgress } from '../../lib/import/progress';
import { serveImports } from '../../lib/import/worker';
import type { BackstoryDb } from '../../lib/store/db';
import { deleteTestDbs, testDb } from './helpers';

afterEach(deleteTestDbs);

/** A worker whose body runs in this thread, messages delivered asynchronously as between threads. */
function inThreadWorker(openDb: () => BackstoryDb) {
  const toPage: Array<(event: MessageEvent) => void> = [];
  const toWorker: Array<(event: MessageEvent<ToImportWorker>) => void> = [];
  const state = { terminated: false, posted: [] as FromImportWorker[] };
  const scope: WorkerScope = {
    postMessage(message) {
      if (state.terminated) return;
      state.posted.push(message);
      setTimeout(() => !state.terminated && toPage.forEach((l) => l({ data: structuredClone(message) } as MessageEvent)));
    },
    addEventListener: (_type, listener) => void toWorker.push(listener),
  };
  serveImports(scope, openDb);
  const worker: WorkerLike = {
    postMessage: (message: ToImportWorker) => setTimeout(() => toWorker.forEach((l) => l({ data: message } as MessageEvent<ToImportWorker>))),
    terminate: () => void (state.terminated = true),
    addEventListener: ((type: string, listener: (event: MessageEvent) => void) => {
      if (type === 'message') toPage.push(listener);
    }) as WorkerLike['addEventListener'],
  };
  return { worker, state };
}

const refused = () => [new File(['%PDF'], 'a.pdf'), new File([''], 'b.txt'), new File(['{'], 'c.json')];

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
});
