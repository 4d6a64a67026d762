import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { extensionSuite } from './suite';
import { FULL_FLOODS, floodRoutes, measureLatencies, openFloods, probeWorkerDelays, workerAlive, type Latencies } from './flood-helpers';
import { median, percentile } from '../bench/stats';
import { mainWorldHighlights, waitFor } from './content-helpers';

/**
 * The bound, not a benchmark (npm run bench -- hostile has the
 * figures): at the 95th percentile during each flood, the popup's round trip
 * to the background (over its port: lib/background-channel.ts) and its search
 * take at most 50 ms, and the worker's own thread is never busy long enough
 * to keep an answer waiting that long. Runtime messaging, which passes through
 * the browser's main thread, is printed beside them and not bound: twenty
 * frames reloading keep that thread busy whatever the extension does.
 */
const P95_BOUND_MS = 50;
/** Shorter than the benchmark's: long enough for each flood to be in full swing. */
const WARM_UP_MS = 2_000;
const MEASURE_MS = 5_000;

const suite = extensionSuite(import.meta.dirname, floodRoutes(FULL_FLOODS));

async function duringFlood(paths: string[], whileFlooding?: (pages: Page[]) => Promise<unknown>): Promise<Latencies & { workerDelays: number[] }> {
  const pages = await openFloods(suite.session, suite.server.origin, paths);
  try {
    await (whileFlooding?.(pages) ?? suite.popup.waitForTimeout(WARM_UP_MS));
    const stopProbe = await probeWorkerDelays(suite.session);
    const figures = await measureLatencies(suite.popup, MEASURE_MS);
    const workerDelays = await stopProbe();
    const figure = (label: string, ms: number[]) => `${label} median ${median(ms).toFixed(1)} p95 ${percentile(ms, 95).toFixed(1)} ms`;
    console.log(`${paths[0]}: worker delay p95 ${percentile(workerDelays, 95).toFixed(1)} ms; from the popup, ${figure('round trip', figures.roundTrips)}, ${figure('search', figures.searches)}; ${figure('by runtime messaging', figures.runtimeRoundTrips)}`);
    return { ...figures, workerDelays };
  } finally {
    await Promise.all(pages.map((p) => p.close()));
  }
}

/**
 * Every round trip and search answered, within the bound at p95 (the worker's
 * own thread too), and the worker that started still answers once the flood is gone.
 */
async function expectWorkerAnswered(figures: Latencies & { workerDelays: number[] }) {
  expect(figures.failures).toBe(0);
  expect(figures.roundTrips.length).toBeGreaterThan(0);
  expect(figures.searches.length).toBeGreaterThan(0);
  expect(percentile(figures.roundTrips, 95)).toBeLessThanOrEqual(P95_BOUND_MS);
  expect(percentile(figures.searches, 95)).toBeLessThanOrEqual(P95_BOUND_MS);
  expect(percentile(figures.workerDelays, 95)).toBeLessThanOrEqual(P95_BOUND_MS);
  expect(workerAlive(suite.session)).toBe(true);
  const after = await suite.popup.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'corpus/status' }));
  expect(after).toMatchObject({ ok: true, value: { state: 'ready' } });
}

describe('floods', () => {
  it('keeps the background answering while three tabs append 300,000 characters of names every 250 ms', async () => {
    const flood = Array(3).fill('/flood-append.html');
    // The floods are read: names are marked in them.
    const figures = await duringFlood(flood, (pages) => waitFor(() => mainWorldHighlights(pages[0]), (h) => (h['backstory-person']?.length ?? 0) > 0, 15_000, 'marks in a flooding page'));
    await expectWorkerAnswered(figures);
  });

  it('keeps the background answering while a page adds 10,000 new names a second', async () => {
    const figures = await duringFlood(['/flood-names.html']);
    await expectWorkerAnswered(figures);
  });

  it('keeps its worker answering while twenty 2 MB frames reload ten times a second', async () => {
    const figures = await duringFlood(['/flood-frames.html']);
    await expectWorkerAnswered(figures);
  });
});
