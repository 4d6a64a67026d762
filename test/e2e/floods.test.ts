import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, servePages, waitForCorpusReady, type ExtensionSession, type PageServer } from './harness';
import { FULL_FLOODS, floodRoutes, measureLatencies, openFloods, workerAlive } from './flood-helpers';
import { percentile } from '../bench/stats';
import { mainWorldHighlights, waitFor } from './content-helpers';

/** A bound with a wide margin, not a benchmark (npm run bench -- hostile has the figures): the worker answers within 50 ms at the 95th percentile during every flood. */
const P95_BOUND_MS = 50;
/** Shorter than the benchmark's: long enough for each flood to be in full swing. */
const WARM_UP_MS = 1_500;
const MEASURE_MS = 3_000;

let session: ExtensionSession;
let server: PageServer;
let popup: Page;

beforeAll(async () => {
  session = await launchExtension();
  await waitForCorpusReady(session);
  server = await servePages(import.meta.dirname, floodRoutes(FULL_FLOODS));
  popup = await session.page('popup.html');
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function duringFlood(paths: string[]) {
  const pages = await openFloods(session, server.origin, paths);
  try {
    await popup.waitForTimeout(WARM_UP_MS);
    return { pages, figures: await measureLatencies(popup, MEASURE_MS) };
  } finally {
    await Promise.all(pages.map((p) => p.close()));
  }
}

describe('floods', () => {
  it('keeps the background answering while three tabs append 300,000 characters of names every 250 ms', async () => {
    const pages = await openFloods(session, server.origin, ['/flood-append.html', '/flood-append.html', '/flood-append.html']);
    try {
      // The floods are read: names are marked in them.
      await waitFor(() => mainWorldHighlights(pages[0]), (h) => (h['backstory-person']?.length ?? 0) > 0, 15_000, 'marks in a flooding page');
      const figures = await measureLatencies(popup, MEASURE_MS);
      expect(figures.failures).toBe(0);
      expect(figures.roundTrips.length).toBeGreaterThan(10);
      expect(percentile(figures.roundTrips, 95)).toBeLessThanOrEqual(P95_BOUND_MS);
      expect(workerAlive(session)).toBe(true);
    } finally {
      await Promise.all(pages.map((p) => p.close()));
    }
  });

  it('keeps the background answering while twenty 2 MB frames reload ten times a second', async () => {
    const { figures } = await duringFlood(['/flood-frames.html']);
    expect(figures.failures).toBe(0);
    expect(figures.roundTrips.length).toBeGreaterThan(10);
    expect(percentile(figures.roundTrips, 95)).toBeLessThanOrEqual(P95_BOUND_MS);
    expect(workerAlive(session)).toBe(true);
  });

  it('keeps the background answering while a page adds 10,000 new names a second', async () => {
    const { figures } = await duringFlood(['/flood-names.html']);
    expect(figures.failures).toBe(0);
    expect(figures.roundTrips.length).toBeGreaterThan(10);
    expect(percentile(figures.roundTrips, 95)).toBeLessThanOrEqual(P95_BOUND_MS);
    expect(workerAlive(session)).toBe(true);
  });
});
