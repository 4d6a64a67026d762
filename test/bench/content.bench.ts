/**
 * What Backstory costs a page, in real Chromium with page JavaScript off
 * (injected scripts still run, so what is measured is the extension): the
 * main-thread time of its scripts in the page, from each one's first
 * statement (the bench build marks it): the reader on every page, plus the
 * names script's start-up and first scan where the background found names.
 * Next to it, a bare TreeWalker pass over the same page's text nodes in the
 * same run. Twice: with the bundled corpus, and with 100,000 generated names
 * in the background's index. Runs the non-production build that `npm run
 * bench` makes (`wxt build --mode bench`, .output/chrome-mv3-bench), which has
 * the 100,000-name hook and the start marks; BACKSTORY_EXTENSION_DIR picks
 * another.
 *
 * Not counted: what the browser does around the scripts (creating their
 * isolated world, compiling them, serialising the reader's result, delivering
 * replies). Outside the scripts, the style recalculation that marking adds is
 * reported too (pages with marks, each paired with a load while Backstory is
 * paused; that second load is the warmer one, so the figure errs high).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { extensionDir, launchExtension, servePages, waitForCorpusReady, type ExtensionSession } from '../e2e/harness';
import { median, percentile } from './stats';
import type { Page } from 'playwright-core';
import { BENCHMARK_READS, READ_MARK, SCANNED_MARK } from '../../lib/bench-marks';
import { NAMES_SCRIPT } from '../../lib/page-scripts';

const repoRoot = resolve(import.meta.dirname, '../..');
const sharedPages = resolve(repoRoot, '../shared/pages');
const pagesDir = resolve(repoRoot, process.env.BACKSTORY_PAGES_DIR ?? (existsSync(sharedPages) ? sharedPages : 'test/fixtures/pages'));

/** Targets from the issue: per-page median ≤ 5 ms and ≤ 2× a bare text walk, no task ≥ 50 ms (the Long Tasks threshold), ≤ 15 kB gzip. */
const TARGET_MEDIAN_MS = 5;
const TARGET_RATIO = 2;
const LONG_TASK_MS = 50;
const TARGET_GZIP_BYTES = 15_000;
/** How long to wait for a page's first scan to finish before counting it as missing. */
const SCAN_TIMEOUT_MS = 10_000;
const GENERATED_NAMES = 100_000;
/**
 * Loads per page; BACKSTORY_BENCH_ROUNDS changes it. Five, because the ratio
 * to the walk sits near its target of 2: with three loads, runs of the same
 * build gave 1.85× and 2.16×.
 */
const ROUNDS = Number(process.env.BACKSTORY_BENCH_ROUNDS ?? 5);
/** Time for the browser to restyle and paint the marks before the style recalculation is read. */
const STYLE_SETTLE_MS = 300;
/** What `npm run bench` builds with `wxt build --mode bench`. */
const BENCH_BUILD_DIR = '.output/chrome-mv3-bench';

interface PageFigure {
  page: string;
  /** The reader plus, where it loaded, the names script. */
  workMs: number;
  readerMs: number;
  /** The names script's start-up and first scan; null where it did not load (no names found). */
  namesMs: number | null;
  longestMs: number;
  walkMs: number;
  /** The same bare walk in a fresh isolated world of the same page. */
  isolatedWalkMs: number;
  /** The browser's style recalculation during the load (CDP's RecalcStyleDuration): what marking costs outside the script. */
  styleMs: number;
  matches: number;
}

const BARE_WALK = `(() => {
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  let chars = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) chars += n.data.length;
  return chars >= 0 ? performance.now() - t0 : 0;
})()`;

/**
 * The bare walk in a fresh isolated world of the same page: DOM access from an
 * isolated world pays for its own wrapper objects, so this is the floor any
 * content script meets. A world of its own, so no wrapper the script made is reused.
 */
async function isolatedWalk(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'bare walk' })) as {
      executionContextId: number;
    };
    const r = (await cdp.send('Runtime.evaluate', { contextId: executionContextId, returnByValue: true, expression: BARE_WALK })) as { result: { value?: number } };
    return typeof r.result.value === 'number' ? r.result.value : NaN;
  } finally {
    await cdp.detach();
  }
}

/** Loads `url` in a new tab, reading the browser's style recalculation time over the load; the tab is left open. */
async function loadCountingStyle(session: ExtensionSession, url: string): Promise<{ page: Page; styleMs: () => Promise<number> }> {
  const page = await session.context.newPage();
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const recalc = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
    return (metrics.find((m) => m.name === 'RecalcStyleDuration')?.value ?? 0) * 1000;
  };
  const before = await recalc();
  await page.goto(url, { waitUntil: 'load' });
  return { page, styleMs: async () => (await recalc()) - before };
}

/** Polls `read` until it gives a value, or null after SCAN_TIMEOUT_MS. */
async function poll<T>(page: Page, read: () => Promise<T | null | undefined>): Promise<T | null> {
  const deadline = Date.now() + SCAN_TIMEOUT_MS;
  for (;;) {
    const value = await read();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) return null;
    await page.waitForTimeout(25);
  }
}

async function measurePage(session: ExtensionSession, url: string): Promise<PageFigure | null> {
  const { page, styleMs } = await loadCountingStyle(session, url);
  try {
    // Done when the background has finished with the page's read (asked of the worker, so the page is left alone)...
    const found = await poll(page, () => session.worker.evaluate(([key, u]) => (globalThis as any)[key]?.get(u) as number | undefined, [BENCHMARK_READS, url]));
    if (found === null) return null;
    // ...and, where it found names, the names script has finished its first scan.
    const reader = await page.evaluate((read) => (performance.getEntriesByName(read)[0] as PerformanceMark | undefined)?.detail as { work: number } | undefined, READ_MARK);
    const names =
      found > 0
        ? await poll(page, () =>
            page.evaluate((scanned) => (performance.getEntriesByName(scanned)[0] as PerformanceMark | undefined)?.detail as { work: number[]; matches: number } | undefined, SCANNED_MARK),
          )
        : null;
    if (!reader || (found > 0 && !names)) return null;
    // The bare walk: every text node under <body>, reading its text, nothing else.
    const walkMs = (await page.evaluate(BARE_WALK)) as number;
    const isolatedWalkMs = await isolatedWalk(page);
    await page.waitForTimeout(STYLE_SETTLE_MS);
    const readerMs = reader.work;
    const namesMs = names ? names.work.reduce((a, b) => a + b, 0) : null;
    return {
      page: url.split('/').pop()!,
      workMs: readerMs + (namesMs ?? 0),
      readerMs,
      namesMs,
      longestMs: Math.max(readerMs, ...(names?.work ?? [])),
      walkMs,
      isolatedWalkMs,
      styleMs: await styleMs(),
      matches: names?.matches ?? 0,
    };
  } finally {
    await page.close();
  }
}

function report(label: string, figures: PageFigure[], missing: string[]): void {
  const work = figures.map((f) => f.workMs);
  const walk = figures.map((f) => f.walkMs);
  const ratios = figures.map((f) => f.workMs / Math.max(f.walkMs, 0.05));
  const longest = Math.max(...figures.map((f) => f.longestMs));
  const worst = figures.reduce((a, b) => (b.workMs > a.workMs ? b : a));
  const withNames = figures.filter((f) => f.namesMs !== null);
  const f2 = (n: number) => n.toFixed(2);
  console.log(`\n${label}: ${figures.length} pages${missing.length ? `, not finished on ${missing.length}: ${missing.join(', ')}` : ''}`);
  console.log(`  Backstory's scripts in the page (reader + names script where loaded): median ${f2(median(work))} ms  p95 ${f2(percentile(work, 95))} ms  worst ${f2(worst.workMs)} ms (${worst.page})`);
  const reader = figures.map((f) => f.readerMs);
  console.log(`    reader, every page: median ${f2(median(reader))} ms  p95 ${f2(percentile(reader, 95))} ms`);
  if (withNames.length) {
    const names = withNames.map((f) => f.namesMs!);
    console.log(`    names script (start-up + first scan), on the ${withNames.length} pages where names were found: median ${f2(median(names))} ms  p95 ${f2(percentile(names, 95))} ms`);
  }
  console.log(`  bare TreeWalker pass:                  median ${f2(median(walk))} ms  worst ${f2(Math.max(...walk))} ms`);
  console.log(`  ratio to bare walk: median of medians ${f2(median(work) / median(walk))}×, median per page ${f2(median(ratios))}×`);
  const iso = figures.map((f) => f.isolatedWalkMs).filter((v) => Number.isFinite(v));
  const isoRatios = figures.filter((f) => Number.isFinite(f.isolatedWalkMs)).map((f) => f.workMs / Math.max(f.isolatedWalkMs, 0.05));
  console.log(`  bare walk in an isolated world (as an extension's script): median ${f2(median(iso))} ms  worst ${f2(Math.max(...iso))} ms; ratio median of medians ${f2(median(work) / median(iso))}×, per page ${f2(median(isoRatios))}×`);
  console.log(`  longest single slice of work: ${f2(longest)} ms (target < ${LONG_TASK_MS})`);
  const slowest = [...figures].sort((a, b) => b.longestMs - a.longestMs).slice(0, 3);
  console.log(`  pages with the longest slices: ${slowest.map((f) => `${f.page} ${f2(f.longestMs)} ms`).join(', ')}`);
  console.log(`  pages with marks: ${figures.filter((f) => f.matches > 0).length}; marks in total: ${figures.reduce((a, f) => a + f.matches, 0)}`);
  const ok = median(work) <= TARGET_MEDIAN_MS && median(work) / median(walk) <= TARGET_RATIO && longest < LONG_TASK_MS;
  console.log(`  targets (median ≤ ${TARGET_MEDIAN_MS} ms, ≤ ${TARGET_RATIO}× walk, no slice ≥ ${LONG_TASK_MS} ms): ${ok ? 'met' : 'NOT met'}`);
}

/**
 * Loads every page ROUNDS times (round after round, so a page's loads are
 * apart) and keeps, per page, the median of each figure; the longest slice is
 * the longest seen in any round. One load of a small page can take three
 * times another (a garbage collection, the browser's own work), and the median
 * over pages falls where such outliers would move it.
 */
async function sweep(session: ExtensionSession, origin: string, pages: string[], label: string): Promise<PageFigure[]> {
  const runs = new Map<string, PageFigure[]>(pages.map((file) => [file, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const file of pages) {
      const f = await measurePage(session, `${origin}/${file}`);
      if (f) runs.get(file)!.push(f);
    }
  }
  const missing = pages.filter((file) => runs.get(file)!.length === 0);
  const figures = [...runs.values()].filter((r) => r.length > 0).map(medianFigure);
  if (figures.length) report(`${label} (median of ${ROUNDS} loads per page)`, figures, missing);
  return figures;
}

function medianFigure(runs: PageFigure[]): PageFigure {
  const of = (pick: (f: PageFigure) => number) => median(runs.map(pick));
  const names = runs.filter((f) => f.namesMs !== null);
  return {
    page: runs[0].page,
    workMs: of((f) => f.workMs),
    readerMs: of((f) => f.readerMs),
    namesMs: names.length ? median(names.map((f) => f.namesMs!)) : null,
    longestMs: Math.max(...runs.map((f) => f.longestMs)),
    walkMs: of((f) => f.walkMs),
    isolatedWalkMs: of((f) => f.isolatedWalkMs),
    styleMs: of((f) => f.styleMs),
    matches: Math.max(...runs.map((f) => f.matches)),
  };
}

/**
 * The style recalculation that marking adds: each page with marks loaded
 * again with Backstory paused (no script, no styles), paired with its load in
 * the sweep. (All main-thread task time cannot be paired this way: two loads
 * of one page differ by tens of milliseconds on their own.)
 */
async function reportStyleCost(session: ExtensionSession, origin: string, figures: PageFigure[]): Promise<void> {
  const marked = figures.filter((f) => f.matches > 0);
  if (marked.length === 0) return;
  await session.worker.evaluate(() => (globalThis as any).chrome.storage.local.set({ 'backstory.paused': true }));
  const added: number[] = [];
  try {
    for (const f of marked) {
      const { page, styleMs } = await loadCountingStyle(session, `${origin}/${f.page}`);
      await page.waitForTimeout(STYLE_SETTLE_MS);
      added.push(f.styleMs - (await styleMs()));
      await page.close();
    }
  } finally {
    await session.worker.evaluate(() => (globalThis as any).chrome.storage.local.remove('backstory.paused'));
  }
  console.log(`  style recalculation the marks add (${marked.length} pages with marks, each paired with a paused load): median ${median(added).toFixed(2)} ms  p95 ${percentile(added, 95).toFixed(2)} ms`);
}

/**
 * Replaces the background's name index with the corpus's entities plus `count`
 * generated people (shared surnames included). Sent as source text: the
 * bundler's helpers (e.g. __name) do not exist in the service worker.
 */
async function loadGeneratedNames(session: ExtensionSession, count: number): Promise<number | null> {
  const source = `(async (count) => {
    const source = globalThis.__backstoryNameIndex;
    if (!source) return null;
    const corpus = await source.db.entities.toArray();
    const syllables = ['ka', 'lo', 'mi', 'ter', 'van', 'sen', 'dor', 'ri', 'an', 'mo', 'bel', 'ster', 'ga', 'nu', 'ol', 'wi', 'zen', 'pa', 'rus', 'ek'];
    function word(i, parts) {
      let s = '';
      for (let p = 0; p < parts; p++) s += syllables[Math.floor(i / syllables.length ** p) % syllables.length];
      return s[0].toUpperCase() + s.slice(1);
    }
    const generated = [];
    for (let i = 0; i < count; i++) {
      generated.push({ id: 'person:generated-' + i, name: word(i % 400, 2) + ' ' + word(Math.floor(i / 400) + 7, 3), type: 'person', aliases: [], articleCount: 0 });
    }
    const t0 = performance.now();
    source.useEntities([...corpus, ...generated]);
    return performance.now() - t0;
  })(${count})`;
  return session.worker.evaluate(source) as Promise<number | null>;
}

export default async function contentBench(): Promise<void> {
  const dir = extensionDir(BENCH_BUILD_DIR);
  // The size that ships is the production build's (which `npm run bench` makes first); the bench build only adds test hooks.
  const shippedDir = resolve(repoRoot, '.output/chrome-mv3');
  const built = existsSync(resolve(shippedDir, 'manifest.json')) ? shippedDir : dir;
  const gzipOf = (file: string) => gzipSync(readFileSync(resolve(built, file.slice(1))), { level: 9 }).length;
  // page-ready.js carries the reader: it reads a top document and offers the reader in frames.
  const reader = gzipOf(NAMES_SCRIPT.ready);
  const names = gzipOf(NAMES_SCRIPT.file);
  const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  console.log(
    `page scripts, gzip (${built === dir ? 'bench' : 'production'} build): page-ready with the reader ${kB(reader)} on every page; names script ${kB(names)}; ` +
      `both, on a page with names, ${kB(reader + names)} (target ≤ ${kB(TARGET_GZIP_BYTES)})`,
  );

  const pages = readdirSync(pagesDir).filter((f) => f.endsWith('.html')).sort();
  console.log(`pages: ${pages.length} from ${process.env.BACKSTORY_PAGES_DIR ?? (existsSync(sharedPages) ? '../shared/pages' : 'test/fixtures/pages')}`);
  const session = await launchExtension({ javaScriptEnabled: false, dir });
  const server = await servePages(pagesDir);
  try {
    await waitForCorpusReady(session);
    const figures = await sweep(session, server.origin, pages, 'bundled corpus');
    await reportStyleCost(session, server.origin, figures);
    const indexMs = await loadGeneratedNames(session, GENERATED_NAMES);
    if (indexMs === null) {
      console.log(`\n${GENERATED_NAMES.toLocaleString('en')} names: skipped (production build has no benchmark hook; build with --mode bench)`);
    } else {
      console.log(`\nname index with ${GENERATED_NAMES.toLocaleString('en')} generated names built once in the background in ${indexMs.toFixed(0)} ms`);
      await sweep(session, server.origin, pages, `bundled corpus + ${GENERATED_NAMES.toLocaleString('en')} generated names`);
    }
  } finally {
    // The browser first: the server's close() waits for the browser's keep-alive connections to end.
    await session.close();
    await server.close();
  }
}
