/**
 * Importing saved pages on the options page, in real Chromium with the built
 * extension: each of the real pages (../shared/pages, or the fixtures) goes
 * through the import worker as a file, and the page's main thread is watched
 * for long tasks (50 ms or more) meanwhile. Per-file time is the time between
 * the worker's reports. Baseline in the same run: parsing the same page with
 * DOMParser on the options page's main thread, the alternative the worker
 * replaces (DOMParser does not exist in workers).
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchExtension, servePages, waitForCorpusReady } from '../e2e/harness';
import { summary } from './stats';
import { CORPUS_WORKER_PATH } from '../../lib/worker/paths';

const repoRoot = resolve(import.meta.dirname, '../..');
const sharedPages = resolve(repoRoot, '../shared/pages');
const pagesDir = resolve(repoRoot, process.env.BACKSTORY_PAGES_DIR ?? (existsSync(sharedPages) ? sharedPages : 'test/fixtures/pages'));
/** The Long Tasks API's threshold, and the budget for one task on the options page. */
const LONG_TASK_MS = 50;

interface Figures {
  perFileMs: number[];
  workerLongTasks: number[];
  domParserMs: number[];
  failures: Record<string, number>;
}

export default async function importBench() {
  const names = readdirSync(pagesDir).filter((f) => f.endsWith('.html')).sort();
  const server = await servePages(pagesDir);
  const session = await launchExtension();
  try {
    await waitForCorpusReady(session);
    const page = await session.page('options.html');
    const figures = (await page.evaluate(
      async ({ origin, names, longTaskMs, workerPath }) => {
        const files = await Promise.all(
          names.map(async (name) => new File([await (await fetch(`${origin}/${name}`)).arrayBuffer()], name, { type: 'text/html' })),
        );
        const longTasks: number[] = [];
        const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
        observer.observe({ type: 'longtask' });

        // Through the worker, as the options page imports.
        const worker = new Worker((globalThis as any).chrome.runtime.getURL(workerPath));
        const perFileMs: number[] = [];
        let last = performance.now();
        let lastDone = 0;
        const failures: Record<string, number> = {};
        await new Promise<void>((done) => {
          worker.onmessage = ({ data }) => {
            const now = performance.now();
            // A job's replies: its progress as it goes, and the last progress as its result.
            const progress = data.type === 'done' ? data.result : data.progress;
            if (progress.filesDone > lastDone) {
              perFileMs.push(now - last);
              lastDone = progress.filesDone;
            }
            last = now;
            if (data.type === 'done') {
              for (const f of progress.failures) {
                const reason = f.reason.replace(/\(.*\)/, '(…)');
                failures[reason] = (failures[reason] ?? 0) + 1;
              }
              done();
            }
          };
          worker.postMessage({ id: 1, type: 'import', label: 'Import benchmark', files });
        });
        worker.terminate();
        await new Promise((r) => setTimeout(r, 100)); // let the observer deliver the last entries
        const workerLongTasks = longTasks.splice(0).filter((d) => d >= longTaskMs);

        // Baseline: DOMParser on this page's main thread, each page once.
        const domParserMs: number[] = [];
        for (const file of files) {
          const text = await file.text();
          const start = performance.now();
          new DOMParser().parseFromString(text, 'text/html').body?.textContent?.length;
          domParserMs.push(performance.now() - start);
          await new Promise((r) => setTimeout(r, 0));
        }
        observer.disconnect();
        return { perFileMs, workerLongTasks, domParserMs, failures };
      },
      { origin: server.origin, names, longTaskMs: LONG_TASK_MS, workerPath: CORPUS_WORKER_PATH },
    )) as Figures;

    console.log(`${names.length} saved pages from ${pagesDir}`);
    console.log(`import worker, per file (read, parse with linkedom, extract, store): ${summary(figures.perFileMs, 1)} ms`);
    console.log(`options page during the import: ${figures.workerLongTasks.length} tasks of ${LONG_TASK_MS} ms or more` +
      (figures.workerLongTasks.length ? ` (longest ${Math.max(...figures.workerLongTasks).toFixed(0)} ms)` : ''));
    const overBudget = figures.domParserMs.filter((ms) => ms >= LONG_TASK_MS).length;
    console.log(`baseline, DOMParser on the page's main thread: ${summary(figures.domParserMs, 1)} ms; ${overBudget} of ${names.length} pages ≥ ${LONG_TASK_MS} ms in one task`);
    console.log('files not stored, by reason:', JSON.stringify(figures.failures));
  } finally {
    await session.close();
    await server.close();
  }
}
