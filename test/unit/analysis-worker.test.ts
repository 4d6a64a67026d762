/**
 * The analysis worker a corpus worker starts (lib/worker/analysis.ts): its
 * body and the analyzer that talks to it, connected in one thread, and a
 * load whose batches go through it stores what one analysed in place stores.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadBundledCorpus, makeBundledIndex } from '../../lib/store/bundled';
import { analyzeInThisThread, type AnalysedBatch, type Analyzer } from '../../lib/store/ingest';
import { serveAnalysis, workerAnalyzer, type AnalysisScope, type AnalysisWorker } from '../../lib/worker/analysis';
import { bundledCorpusFiles, deleteTestDbs, testDb } from './helpers';

afterEach(deleteTestDbs);

/** A worker whose body (serveAnalysis) runs in this thread; `fail` is the browser reporting its script failed. */
function inThreadAnalysisWorker(analyze: Analyzer = analyzeInThisThread) {
  const listeners = { message: [] as Array<(event: MessageEvent) => void>, error: [] as Array<(event: ErrorEvent) => void> };
  const toWorker: Array<(event: MessageEvent) => void> = [];
  const state = { terminated: false, received: 0 };
  const scope: AnalysisScope = {
    postMessage: (message) => void setTimeout(() => !state.terminated && listeners.message.forEach((l) => l({ data: structuredClone(message) } as MessageEvent))),
    addEventListener: (_type, listener) => void toWorker.push(listener as (event: MessageEvent) => void),
  };
  serveAnalysis(scope, analyze);
  const worker: AnalysisWorker = {
    postMessage: (message) =>
      void setTimeout(() => {
        if (state.terminated) return;
        state.received++;
        toWorker.forEach((l) => l({ data: structuredClone(message) } as MessageEvent));
      }),
    addEventListener: ((type: 'message' | 'error', listener: never) => void listeners[type].push(listener)) as AnalysisWorker['addEventListener'],
    terminate: () => void (state.terminated = true),
  };
  const fail = (message: string) => listeners.error.forEach((l) => l({ message } as ErrorEvent));
  return { worker, state, fail };
}

const text = 'Donald Tusk met Giorgia Meloni in Rome. "We agree," Tusk said.';

describe('the analysis worker', () => {
  it('answers each batch with the analysis this thread makes of it', async () => {
    const started: Array<ReturnType<typeof inThreadAnalysisWorker>> = [];
    const analyze = workerAnalyzer(() => (started.push(inThreadAnalysisWorker()), started.at(-1)!.worker));
    const inputs = [{ id: 'a', text }];
    const [first, second] = await Promise.all([analyze(inputs), analyze([{ id: 'b', text: 'Kyiv is far from Lisbon.' }])]);
    expect(first).toEqual(await analyzeInThisThread(inputs));
    expect(first.entities.map((e) => e.name)).toEqual(expect.arrayContaining(['Donald Tusk', 'Giorgia Meloni']));
    expect(second.mentions.every((m) => m.articleId === 'b')).toBe(true);
    // One worker serves every batch.
    expect(started).toHaveLength(1);
  });

  it('passes on why a batch could not be analysed, and goes on with the next', async () => {
    let calls = 0;
    const flaky: Analyzer = (inputs) => (++calls === 1 ? Promise.reject(new Error('lexicon: 404 reading lexicon.txt')) : analyzeInThisThread(inputs));
    const analyze = workerAnalyzer(() => inThreadAnalysisWorker(flaky).worker);
    await expect(analyze([{ id: 'a', text }])).rejects.toThrow('lexicon: 404 reading lexicon.txt');
    expect((await analyze([{ id: 'a', text }])).entities.length).toBeGreaterThan(0);
  });

  it('terminates a worker that failed, fails the batches it held, and starts a new one for the next', async () => {
    const started: Array<ReturnType<typeof inThreadAnalysisWorker>> = [];
    // The first worker never answers: its script failed.
    const never: Analyzer = () => new Promise<AnalysedBatch>(() => {});
    const analyze = workerAnalyzer(() => (started.push(inThreadAnalysisWorker(started.length === 0 ? never : analyzeInThisThread)), started.at(-1)!.worker));
    const held = analyze([{ id: 'a', text }]);
    await new Promise((r) => setTimeout(r, 5));
    started[0].fail('out of memory');
    await expect(held).rejects.toThrow('the analysis worker stopped: out of memory');
    expect(started[0].state.terminated).toBe(true);
    expect((await analyze([{ id: 'a', text }])).entities.length).toBeGreaterThan(0);
    expect(started).toHaveLength(2);
    expect(started[1].state.terminated).toBe(false);
  });

  it('terminates the worker once no batch came for a while, and starts a new one for the next', async () => {
    const started: Array<ReturnType<typeof inThreadAnalysisWorker>> = [];
    const analyze = workerAnalyzer(() => (started.push(inThreadAnalysisWorker()), started.at(-1)!.worker), 20);
    await analyze([{ id: 'a', text }]);
    await analyze([{ id: 'b', text }]);
    expect(started).toHaveLength(1);
    expect(started[0].state.terminated).toBe(false);
    await vi.waitFor(() => expect(started[0].state.terminated).toBe(true));
    expect((await analyze([{ id: 'c', text }])).entities.length).toBeGreaterThan(0);
    expect(started).toHaveLength(2);
  });

  it('stores the same corpus through the worker as analysed in place', async () => {
    const files = bundledCorpusFiles();
    const byName = new Map(files.map((f) => [f.name, f.bytes]));
    const index = await makeBundledIndex(files);
    const load = async (analyze: Analyzer) => {
      const db = testDb();
      await loadBundledCorpus(db, index, async (file) => byName.get(file)!, undefined, 20_000, analyze);
      const [entities, quotes, mentions] = await Promise.all([db.entities.toArray(), db.quotes.toArray(), db.entityMentions.toCollection().primaryKeys()]);
      return { entities, quotes, mentions };
    };
    const inPlace = await load(analyzeInThisThread);
    const throughWorker = await load(workerAnalyzer(() => inThreadAnalysisWorker().worker));
    expect(throughWorker).toEqual(inPlace);
    expect(inPlace.entities.length).toBeGreaterThan(0);
  });
});
