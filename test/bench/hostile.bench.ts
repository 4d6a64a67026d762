/**
 * Hostile pages, in real Chromium with the built extension: while each flood
 * runs, the background's round trip ('corpus/status' from an extension page,
 * over the port the popup asks on and by runtime messaging, which passes
 * through the browser's main thread) and the popup's search latency (query
 * typed → results shown), as median and p95, and their ratio to the quiet
 * baseline measured in the same run.
 * (a) quiet: one ordinary page open; (b) three tabs each appending 300,000
 * characters of names every 250 ms; (c) twenty 2 MB frames reloading ten
 * times a second; (d) a page adding 10,000 new distinct names a second.
 * Also how late a timer fires inside the service worker: its own thread's
 * stalls, apart from the browser's threads the round trips also wait on.
 * BACKSTORY_HOSTILE_MS sets how long each is measured (default 10 s).
 */
import { launchExtension, servePages, waitForCorpusReady, type ExtensionSession } from '../e2e/harness';
import { FULL_FLOODS, floodRoutes, measureLatencies, openFloods, probeWorkerDelays, workerAlive, type Latencies } from '../e2e/flood-helpers';
import { median, percentile } from './stats';

const MEASURE_MS = Number(process.env.BACKSTORY_HOSTILE_MS ?? 10_000);
/** Time for a flood to get into full swing before measuring. */
const WARM_UP_MS = 2_000;

/** Name, pages, and whether Backstory is paused meanwhile (the page's own cost to the browser, for comparison). */
const SCENARIOS: Array<[string, string[], boolean?]> = [
  ['(a) quiet', ['/quiet.html']],
  ['(b) 3 tabs appending 300,000 chars of names every 250 ms', ['/flood-append.html', '/flood-append.html', '/flood-append.html']],
  ['(b, paused) the same tabs with Backstory paused: what the flood alone costs the browser', ['/flood-append.html', '/flood-append.html', '/flood-append.html'], true],
  ['(c) 20 frames of 2 MB reloading 10 times a second', ['/flood-frames.html']],
  ['(c, paused) the same frames with Backstory paused: what the flood alone costs the browser', ['/flood-frames.html'], true],
  ['(d) 10,000 new names a second', ['/flood-names.html']],
  ['(d, paused) the same page with Backstory paused', ['/flood-names.html'], true],
];

const setPaused = (session: ExtensionSession, paused: boolean) => session.worker.evaluate((p) => (globalThis as any).chrome.storage.local.set({ 'backstory.paused': p }), paused);

const f = (n: number) => n.toFixed(1);

export default async function hostileBench() {
  const server = await servePages(import.meta.dirname, floodRoutes(FULL_FLOODS));
  const session = await launchExtension();
  try {
    await waitForCorpusReady(session);
    const popup = await session.page('popup.html');
    const results: Array<[string, Latencies, boolean, number[]]> = [];
    for (const [name, paths, paused] of SCENARIOS) {
      if (paused) await setPaused(session, true);
      const pages = await openFloods(session, server.origin, paths);
      await popup.waitForTimeout(WARM_UP_MS);
      const stopProbe = await probeWorkerDelays(session);
      const figures = await measureLatencies(popup, MEASURE_MS);
      results.push([name, figures, workerAlive(session), await stopProbe()]);
      await Promise.all(pages.map((p) => p.close()));
      if (paused) await setPaused(session, false);
      await popup.waitForTimeout(1_000);
    }
    const [, quiet] = results[0];
    console.log(`each measured for ${MEASURE_MS / 1000} s after ${WARM_UP_MS / 1000} s of warm-up; ratios against (a) quiet, same run`);
    for (const [name, r, alive, delays] of results) {
      const trips = (label: string, of: (l: Latencies) => number[]) =>
        `${label} median ${f(median(of(r)))} ms p95 ${f(percentile(of(r), 95))} ms (×${f(median(of(r)) / median(of(quiet)))} / ×${f(percentile(of(r), 95) / percentile(of(quiet), 95))}, n=${of(r).length})`;
      const rt = `${trips('round trip over the popup’s port', (l) => l.roundTrips)}\n  ${trips('round trip by runtime messaging', (l) => l.runtimeRoundTrips)}`;
      const search = trips('search', (l) => l.searches);
      const busy = `worker's own thread: a 10 ms timer late by median ${f(median(delays))} ms p95 ${f(percentile(delays, 95))} ms max ${f(Math.max(...delays))} ms`;
      console.log(`${name}\n  ${rt}\n  ${search}\n  ${busy}\n  unanswered ${r.failures}, worker ${alive ? 'alive' : 'GONE'}`);
    }
  } finally {
    await session.close();
    await server.close();
  }
}
