import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { extensionSuite } from './suite';
import { FULL_FLOODS, floodRoutes, measureLatencies, openFloods, probeWorkerDelays, workerAlive, type Latencies } from './flood-helpers';
import { median, percentile } from '../bench/stats';
import { mainWorldHighlights, waitFor } from './content-helpers';

/**
 * A bound with a wide margin, not a benchmark (npm run bench -- hostile has
 * the figures): during a flood the worker's own thread is never busy long
 * enough to keep an answer waiting 50 ms, at the 95th percentile. Measured in
 * the worker: the round trips from the popup also wait on the browser's
 * threads, which a flood keeps busy whatever the extension does (and other
 * work on a shared machine with them).
 */
const P95_BOUND_MS = 50;
/** Shorter than the benchmark's: long enough for each flood to be in full swing. */
const WARM_UP_MS = 1_500;
const MEASURE_MS = 3_000;

const suite = extensionSuite(import.meta.dirname, floodRoutes(FULL_FLOODS));

async function duringFlood(paths: string[], whileFlooding?: (pages: Page[]) => Promise<unknown>): Promise<Latencies & { workerDelays: number[] }> {
  const pages = await openFloods(suite.session, suite.server.origin, paths);
  try {
    await (whileFlooding?.(pages) ?? suite.popup.waitForTimeout(WARM_UP_MS));
    const stopProbe = await probeWorkerDelays(suite.session);
    const figures = await measureLatencies(suite.popup, MEASURE_MS);
    const workerDelays = await stopProbe();
    console.log(`${paths[0]}: worker delay p95 ${percentile(workerDelays, 95).toFixed(1)} ms; from the popup, round trip median ${median(figures.roundTrips).toFixed(1)} p95 ${percentile(figures.roundTrips, 95).toFixed(1)} ms, search median ${median(figures.searches).toFixed(1)} p95 ${percentile(figures.searches, 95).toFixed(1)} ms`);
    return { ...figures, workerDelays };
  } finally {
    await Promise.all(pages.map((p) => p.close()));
  }
}

/** Every round trip and search answered, and the worker that started still answers once the flood is gone. */
async function expectWorkerSurvived(figures: Latencies) {
  expect(figures.failures).toBe(0);
  expect(figures.roundTrips.length).toBeGreaterThan(0);
  expect(figures.searches.length).toBeGreaterThan(0);
  expect(workerAlive(suite.session)).toBe(true);
  const after = await suite.popup.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'corpus/status' }));
  expect(after).toMatchObject({ ok: true, value: { state: 'ready' } });
}

describe('floods', () => {
  it('keeps the background answering while three tabs append 300,000 characters of names every 250 ms', async () => {
    const flood = Array(3).fill('/flood-append.html');
    // The floods are read: names are marked in them.
    const figures = await duringFlood(flood, (pages) => waitFor(() => mainWorldHighlights(pages[0]), (h) => (h['backstory-person']?.length ?? 0) > 0, 15_000, 'marks in a flooding page'));
    await expectWorkerSurvived(figures);
    expect(percentile(figures.workerDelays, 95)).toBeLessThanOrEqual(P95_BOUND_MS);
  });

  it('keeps the background answering while a page adds 10,000 new names a second', async () => {
    const figures = await duringFlood(['/flood-names.html']);
    await expectWorkerSurvived(figures);
    expect(percentile(figures.workerDelays, 95)).toBeLessThanOrEqual(P95_BOUND_MS);
  });

  it('keeps its worker answering while twenty 2 MB frames reload ten times a second', async () => {
    const figures = await duringFlood(['/flood-frames.html']);
    await expectWorkerSurvived(figures);
    // The round trips themselves go through the browser's own threads, which four hundred megabytes of pages a second
    // keep busy whatever the extension does: `npm run bench -- hostile` reports them against the same flood with
    // Backstory paused. What the extension controls is its worker's own thread.
    expect(percentile(figures.workerDelays, 95)).toBeLessThanOrEqual(P95_BOUND_MS);
  });
});
