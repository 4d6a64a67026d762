/**
 * Backstory at scale, as a new user meets it: the benchmark build (`wxt build
 * --mode bench`) with a generated bundled corpus of 100, 1,000 and 10,000
 * articles (scale-corpus.ts; BACKSTORY_SCALE_SIZES picks others, `--100k`
 * adds 100,000), installed in a fresh profile of real Chromium. For each
 * size: install → corpus ready, the extension process's memory during and
 * after the load, IndexedDB on disk and per table, a page's first marks with
 * the service worker asleep and awake, popup search, a profile in the side
 * panel, the hover card's data, adding one article; at the smallest size,
 * importing 1,000 files too (three imports, the median). The corpus is
 * swapped into a copy of the build (the bundled corpus, packed and analysed
 * as the build does, and its index are all that differs between sizes).
 * Printed as a table, with ratios to the first size.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { CorpusStatus } from '../../lib/messages';
import { bundledCorpusPackage } from '../../lib/build/bundled-corpus';
import { unpackedPath } from '../../lib/store/bundled-packs';
import { formatRoute } from '../../lib/ui/sidepanel/router';
import { RESULTS_DRAWN_MARK } from '../../lib/ui/popup/Popup';
import { launchExtension, servePages, stopServiceWorker, type ExtensionSession } from '../e2e/harness';
import { median, percentile } from './stats';
import { articleText, readTextPool, seededRandom, writeCorpus, type TextPool } from './scale-corpus';
import { CORPUS_WORKER_PATH } from '../../lib/worker/paths';
import { ALLOCATORS, attachedTarget, followIsolates, rootTarget, traceAllocators, type AllocatorSizes, type IsolateHeap } from './extension-memory';

const repoRoot = resolve(import.meta.dirname, '../..');
/** What `npm run bench` builds with `wxt build --mode bench`. */
const BENCH_BUILD_DIR = resolve(repoRoot, process.env.BACKSTORY_EXTENSION_DIR ?? '.output/chrome-mv3-bench');
const SIZES = (process.env.BACKSTORY_SCALE_SIZES ?? '100,1000,10000').split(',').map(Number).concat(process.argv.includes('--100k') ? [100_000] : []);
/** The longest a load may take before the benchmark gives up (100,000 articles at a slow rate). */
const LOAD_TIMEOUT_MS = 60 * 60_000;
/** How often memory is sampled during the load. */
const RSS_SAMPLE_MS = 250;
/** Loads of the names page per state (asleep, awake); the median is reported. */
const PAGE_ROUNDS = 5;
const SEARCH_ROUNDS = 3;
/** Names, typos and phrases, as a reader types them. */
const QUERIES = ['Zelensky', 'Zelenskyy', 'Meloni', 'Tsuk', 'Blinken', 'Crosetto', 'Kursk', 'Nato', 'red lines', 'prime minister', 'Tusk on Ukraine', 'courageous achievement'];
const TYPED = 'Clinton';
const IMPORT_FILES = 1_000;
/** Imports of IMPORT_FILES new files, one after the other; the median is reported (one import's figure varied by a quarter between runs). */
const IMPORT_ROUNDS = 3;
const MARK_TIMEOUT_MS = 60_000;
/**
 * BACKSTORY_SCALE_KEEP_DIR: keep each size's browser profile in this folder and
 * open it again on the next run, so a change to the read side is measured
 * without loading 10,000 articles anew. Valid only while what the build stores
 * is unchanged or migrated by the schema's own upgrade (which then runs on the
 * kept data): a change to what ingestion writes needs a fresh load (delete the
 * folder). The kept profile runs the background of the build being measured,
 * not the one that loaded it (forgetRegisteredBackground). With a kept
 * profile the writes (adding one article, the import) are not measured, so
 * the kept corpus stays the one generated.
 */
const KEEP_DIR = process.env.BACKSTORY_SCALE_KEEP_DIR;
/**
 * BACKSTORY_SCALE_ONLY=pages,search,profile,card: measure only these phases
 * (with a kept profile, a quick loop while optimising one of them).
 */
const ONLY = process.env.BACKSTORY_SCALE_ONLY?.split(',');
const measures = (phase: 'pages' | 'search' | 'profile' | 'card') => !ONLY || ONLY.includes(phase);
/**
 * BACKSTORY_SCALE_RSS_TIMELINE=FILE: every memory sample of the load, one a
 * line (seconds since the load began, files stored, extension process RSS and
 * its anonymous part in kB): whether the peak grows with the corpus or comes
 * at once.
 */
const RSS_TIMELINE = process.env.BACKSTORY_SCALE_RSS_TIMELINE;
/**
 * BACKSTORY_SCALE_MEMORY=FILE: where the extension process's memory goes
 * during the load (extension-memory.ts): every isolate's JS heap each
 * second, and Chromium's own accounting by allocator every 2 s, one JSON
 * object a line in FILE, and a summary printed when the load ends. The
 * sampling costs the load some throughput: compare RSS and speed without it.
 */
const MEMORY_FILE = process.env.BACKSTORY_SCALE_MEMORY;
const MEMORY_SAMPLE_MS = 1_000;
const ALLOCATOR_DUMP_MS = 2_000;

/** Polls CSS.highlights from the page's own world: when the first mark lands, relative to navigation start. */
const FIRST_MARKS_PROBE = `(() => {
  const check = () => {
    let n = 0;
    for (const [, h] of CSS.highlights) n += h.size;
    if (n > 0) { globalThis.__firstMarks = performance.now(); return; }
    setTimeout(check, 2);
  };
  check();
})();`;

interface Figures {
  size: number;
  words: number;
  textBytes: number;
  loadMs: number;
  wordsPerSecond: number;
  peakRssMb: number;
  /** The anonymous part of that peak: RSS counts the browser binary's mapped pages too (some 120 MB), which no load changes. */
  peakAnonRssMb: number;
  afterRssMb: number;
  browserPeakRssMb: number;
  idbBytes: number;
  tables: Record<string, { rows: number; bytes: number }>;
  asleepMs: number[];
  awakeMs: number[];
  searchMs: number[];
  /** Each query's times, by query. */
  searchByQuery: Record<string, number[]>;
  clintonMs: number[];
  profileMs: number[];
  /** Until the profile's whole first page is drawn (the first items are drawn a frame earlier). */
  profileWholeMs: number[];
  cardMs: number[];
  addOneMs: number[];
  /** "Save this page" through the background: the first after a wake starts the corpus worker, the rest find it running. */
  saveFirstMs: number;
  saveMs: number[];
  /** Each import's throughput, in order: the corpus grows by IMPORT_FILES articles with each. */
  importWordsPerSecond?: number[];
}

const mb = (kb: number) => kb / 1024;

/** Resident memory (kB) of the browser's processes started for this profile, by whether each is the extension's. */
function rssOf(userDataDir: string): { extension: number; extensionAnon: number; all: number } {
  let extension = 0;
  let extensionAnon = 0;
  let all = 0;
  const browserPids = new Set<string>();
  const procs: Array<{ pid: string; ppid: string; args: string; rss: number; anon: number }> = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const anon = Number(/RssAnon:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const ppid = /PPid:\s+(\d+)/.exec(status)?.[1] ?? '';
      procs.push({ pid, ppid, args, rss, anon });
      if (args.includes(`--user-data-dir=${userDataDir}`)) browserPids.add(pid);
    } catch {
      // the process ended while being read
    }
  }
  // Children of the browser (zygotes and their renderers) carry no profile flag: follow the parent links.
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) if (!browserPids.has(p.pid) && browserPids.has(p.ppid)) (browserPids.add(p.pid), (grew = true));
  }
  for (const p of procs) {
    if (!browserPids.has(p.pid)) continue;
    all += p.rss;
    if (p.args.includes('--extension-process')) (extension += p.rss), (extensionAnon += p.anon);
  }
  return { extension, extensionAnon, all };
}

function duBytes(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((n, name) => n + duBytes(join(path, name)), 0);
}

const idbDir = (session: ExtensionSession) => join(session.userDataDir, 'Default', 'IndexedDB');
const idbBytes = (session: ExtensionSession) =>
  readdirSync(idbDir(session))
    .filter((name) => name.includes(session.extensionId))
    .reduce((n, name) => n + duBytes(join(idbDir(session), name)), 0);

async function corpusStatus(page: Page): Promise<CorpusStatus | undefined> {
  const reply = (await page.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'corpus/status' }))) as { value?: CorpusStatus };
  return reply?.value;
}

/** Waits for the load, sampling memory meanwhile. */
async function waitForLoad(session: ExtensionSession): Promise<{ status: CorpusStatus; peak: number; peakAnon: number; browserPeak: number }> {
  let peak = 0;
  let peakAnon = 0;
  let browserPeak = 0;
  const started = Date.now();
  let filesDone = 0;
  const timeline: string[] = [];
  const sample = () => {
    const rss = rssOf(session.userDataDir);
    timeline.push(`${((Date.now() - started) / 1000).toFixed(1)} ${filesDone} ${rss.extension.toFixed(0)} ${rss.extensionAnon.toFixed(0)}`);
    peak = Math.max(peak, rss.extension);
    peakAnon = Math.max(peakAnon, rss.extensionAnon);
    browserPeak = Math.max(browserPeak, rss.all);
  };
  const timer = setInterval(sample, RSS_SAMPLE_MS);
  const page = await session.page('popup.html');
  const memory = MEMORY_FILE ? await followMemory(session, page, () => ({ t: (Date.now() - started) / 1000, filesDone })) : undefined;
  try {
    const deadline = Date.now() + LOAD_TIMEOUT_MS;
    for (;;) {
      const status = await corpusStatus(page).catch(() => undefined);
      filesDone = status?.progress?.filesDone ?? filesDone;
      if (status?.state === 'ready') {
        const registered = await page.evaluate(() => (globalThis as any).chrome.scripting.getRegisteredContentScripts());
        if (registered.length > 0) return { status, peak, peakAnon, browserPeak };
      }
      if (status?.state === 'error' || Date.now() > deadline) throw new Error(`Corpus not ready: ${JSON.stringify(status)}`);
      await page.waitForTimeout(200);
    }
  } finally {
    clearInterval(timer);
    sample();
    if (RSS_TIMELINE) writeFileSync(RSS_TIMELINE, timeline.join('\n'));
    if (memory && MEMORY_FILE) await memory.stop(MEMORY_FILE);
    await page.close();
  }
}

/**
 * Samples every isolate's heap and the process's allocators while the load
 * runs (BACKSTORY_SCALE_MEMORY); `stop` writes them to `path` and prints
 * each part's mean and largest size beside the anonymous RSS.
 */
async function followMemory(session: ExtensionSession, page: Page, now: () => { t: number; filesDone: number }) {
  const isolates = await followIsolates(await session.context.newCDPSession(page), session.extensionId, '/popup.html');
  const allocators = await traceAllocators(await session.context.newCDPSession(page), ALLOCATOR_DUMP_MS, () => now().t);
  const samples: Array<{ t: number; filesDone: number; anonKb: number; heaps: IsolateHeap[] }> = [];
  let sampling = false;
  const timer = setInterval(async () => {
    if (sampling) return;
    sampling = true;
    try {
      const heaps = await isolates.sample();
      samples.push({ ...now(), anonKb: rssOf(session.userDataDir).extensionAnon, heaps });
    } finally {
      sampling = false;
    }
  }, MEMORY_SAMPLE_MS);
  return {
    async stop(path: string) {
      clearInterval(timer);
      const dumps = await allocators.stop();
      writeFileSync(path, [...samples.map((s) => JSON.stringify({ kind: 'heaps', ...s })), ...dumps.map((d) => JSON.stringify({ kind: 'allocators', ...d }))].join('\n'));
      const during = samples.filter((s) => s.filesDone > 0);
      const line = (label: string, values: number[]) =>
        values.length > 0 && console.log(`    ${label.padEnd(40)} ${fmt(values.reduce((a, b) => a + b, 0) / values.length / 2 ** 20).padStart(5)} / ${fmt(Math.max(...values) / 2 ** 20).padStart(5)}`);
      console.log('  extension process during the load, mean / largest MB:');
      line('anonymous RSS', during.map((s) => s.anonKb * 1024));
      const roles = [...new Set(during.flatMap((s) => s.heaps.map((h) => h.role)))].sort();
      for (const role of roles) line(`JS heap committed: ${role}`, during.flatMap((s) => s.heaps.filter((h) => h.role === role).map((h) => h.total)));
      for (const role of roles) line(`JS heap used: ${role}`, during.flatMap((s) => s.heaps.filter((h) => h.role === role).map((h) => h.used)));
      line('JS heaps committed, all', during.map((s) => s.heaps.reduce((n, h) => n + h.total, 0)));
      line('array buffers etc., all', during.map((s) => s.heaps.reduce((n, h) => n + h.backing, 0)));
      const loading = dumps.filter((d) => during.length > 0 && d.t >= during[0].t);
      for (const name of [...ALLOCATORS, 'footprint'] as Array<keyof AllocatorSizes>) line(`allocator: ${name === 'footprint' ? 'private footprint' : name}`, loading.map((d) => d[name]));
    },
  };
}

/** Rows and serialised size (values and primary keys) of every table, read in an extension page. */
async function tableSizes(session: ExtensionSession): Promise<Record<string, { rows: number; bytes: number }>> {
  const page = await session.page('popup.html');
  try {
    return await page.evaluate(
      () =>
        new Promise<Record<string, { rows: number; bytes: number }>>((done, fail) => {
          const open = indexedDB.open('backstory');
          open.onerror = () => fail(open.error);
          open.onsuccess = async () => {
            const db = open.result;
            const out: Record<string, { rows: number; bytes: number }> = {};
            for (const name of [...db.objectStoreNames]) {
              out[name] = await new Promise((res, rej) => {
                let rows = 0;
                let bytes = 0;
                const cursor = db.transaction(name).objectStore(name).openCursor();
                cursor.onerror = () => rej(cursor.error);
                cursor.onsuccess = () => {
                  const c = cursor.result;
                  if (!c) return res({ rows, bytes });
                  rows++;
                  // Packed bytes by their length (also inside a row: articles' text), a Map or a record (the search's buckets) by its parts; the key too, which an out-of-line key keeps outside the value.
                  const size = (v: unknown): number =>
                    ArrayBuffer.isView(v)
                      ? v.byteLength
                      : v instanceof Map
                        ? [...v].reduce((n, [k, x]) => n + size(k) + size(x), 0)
                        : v && typeof v === 'object' && !Array.isArray(v)
                          ? Object.entries(v).reduce((n, [k, x]) => n + k.length + size(x), 2)
                          : JSON.stringify(v).length;
                  bytes += size(c.value) + size(c.primaryKey);
                  c.continue();
                };
              });
            }
            db.close();
            done(out);
          };
        }),
    );
  } finally {
    await page.close();
  }
}

/** The person most articles mention: the profile and card measured. */
async function mostMentionedPerson(session: ExtensionSession): Promise<{ id: string; name: string }> {
  const page = await session.page('popup.html');
  try {
    return await page.evaluate(
      () =>
        new Promise<{ id: string; name: string }>((done, fail) => {
          const open = indexedDB.open('backstory');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const cursor = open.result.transaction('entities').objectStore('entities').index('articleCount').openCursor(null, 'prev');
            cursor.onsuccess = () => {
              const c = cursor.result;
              if (!c) return fail(new Error('no person in the corpus'));
              if (c.value.type === 'person') return (open.result.close(), done({ id: c.value.id, name: c.value.name }));
              c.continue();
            };
          };
        }),
    );
  } finally {
    await page.close();
  }
}

/** Opens `url` in a new tab and returns when the first mark landed, from navigation start. */
async function firstMarks(session: ExtensionSession, url: string): Promise<number> {
  const page = await session.context.newPage();
  try {
    await page.addInitScript(FIRST_MARKS_PROBE);
    await page.goto(url);
    await page.waitForFunction(() => (globalThis as any).__firstMarks !== undefined, null, { timeout: MARK_TIMEOUT_MS, polling: 20 });
    return await page.evaluate(() => (globalThis as any).__firstMarks as number);
  } finally {
    await page.close();
  }
}

/** Types `query` into the popup's field and returns input → results drawn (the bench build marks it). */
async function searchOnce(page: Page, query: string): Promise<number> {
  return page.evaluate(
    ({ query, mark }) =>
      new Promise<number>((done) => {
        const input = document.querySelector('input[type=search]') as HTMLInputElement;
        performance.clearMarks(mark);
        const observer = new PerformanceObserver((list) => {
          const entry = list.getEntries().find((e) => (e as PerformanceMark).detail === query);
          if (entry) (observer.disconnect(), done(entry.startTime - start));
        });
        observer.observe({ type: 'mark' });
        const start = performance.now();
        input.value = query;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }),
    { query, mark: RESULTS_DRAWN_MARK },
  );
}

async function clearSearch(page: Page): Promise<void> {
  await page.evaluate(() => {
    const input = document.querySelector('input[type=search]') as HTMLInputElement;
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForTimeout(50);
}

/** Opens a profile: when its first items are drawn (its name is the heading), and when the whole first page is (the view no longer busy). */
async function profileOnce(page: Page, hash: string, name: string): Promise<{ first: number; whole: number }> {
  return page.evaluate(
    ({ hash, name }) =>
      new Promise<{ first: number; whole: number }>((done) => {
        const start = performance.now();
        let first = NaN;
        location.hash = hash;
        const check = () => {
          if (Number.isNaN(first) && document.querySelector('h1')?.textContent === name) first = performance.now() - start;
          if (!Number.isNaN(first) && document.querySelector('article.view')?.getAttribute('aria-busy') === 'false') done({ first, whole: performance.now() - start });
          else requestAnimationFrame(check);
        };
        check();
      }),
    { hash, name },
  );
}

/** Imports `files` through the options page's worker; returns the time of each import, in order. */
async function importThroughWorker(session: ExtensionSession, batches: Array<Array<{ name: string; text: string }>>): Promise<number[]> {
  const page = await session.page('options.html');
  try {
    return await page.evaluate(async ({ batches, workerPath }) => {
      const worker = new Worker((globalThis as any).chrome.runtime.getURL(workerPath));
      const times: number[] = [];
      for (const [i, batch] of batches.entries()) {
        const files = batch.map((f) => new File([f.text], f.name, { type: 'text/plain' }));
        const start = performance.now();
        await new Promise<void>((done, fail) => {
          worker.onmessage = ({ data }) => {
            if (data.type === 'done') done();
            if (data.type === 'failed') fail(new Error(data.message));
          };
          worker.postMessage({ id: i, type: 'import', label: `Scale benchmark ${i}`, files });
        });
        times.push(performance.now() - start);
      }
      worker.terminate();
      return times;
    }, { batches, workerPath: CORPUS_WORKER_PATH });
  } finally {
    await page.close();
  }
}

/**
 * Makes a kept profile start the build's own background script. Chromium
 * registers an extension's service worker once per version and keeps running
 * the script it stored then: with the version unchanged, a kept profile would
 * run the background of the build that loaded it, whatever was built since.
 * Dropping the stored registration and the note of its version makes the
 * next launch register the build's script afresh (the corpus in IndexedDB
 * stays).
 */
function forgetRegisteredBackground(profile: string): void {
  rmSync(join(profile, 'Default', 'Service Worker'), { recursive: true, force: true });
  const preferencesPath = join(profile, 'Default', 'Preferences');
  if (!existsSync(preferencesPath)) return;
  const preferences = JSON.parse(readFileSync(preferencesPath, 'utf8'));
  for (const settings of Object.values<Record<string, unknown>>(preferences.extensions?.settings ?? {})) delete settings.service_worker_registration_info;
  writeFileSync(preferencesPath, JSON.stringify(preferences));
}

/** A copy of the bench build whose bundled corpus is `size` generated articles. */
async function buildWithCorpus(size: number, pool: TextPool): Promise<{ dir: string; words: number; bytes: number }> {
  const dir = join(tmpdir(), `backstory-scale-${size}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(BENCH_BUILD_DIR, dir, { recursive: true });
  // The generated files take the place of the bundled corpus, packed and analysed as the build does (lib/build/bundled-corpus.ts).
  rmSync(join(dir, 'corpus'), { recursive: true, force: true });
  const sourceDir = join(tmpdir(), `backstory-scale-${size}-corpus`);
  const written = writeCorpus(sourceDir, size, pool);
  const names = readdirSync(sourceDir).filter((n) => n.endsWith('.txt')).sort();
  const started = performance.now();
  const corpus = await bundledCorpusPackage(names, (name) => new Uint8Array(readFileSync(join(sourceDir, name))));
  console.log(`  ${size}: the build packed and analysed the corpus in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const { path, contents } of corpus.generated) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
  for (const name of corpus.unpacked) cpSync(join(sourceDir, name), join(dir, unpackedPath(name)));
  rmSync(sourceDir, { recursive: true, force: true });
  return { dir, words: written.words, bytes: written.bytes };
}

/** Articles that are not in any generated corpus (another seed), as files to import. */
function extraArticles(pool: TextPool, count: number, seed: number): Array<{ name: string; text: string }> {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, n) => ({ name: `extra-${seed}-${n}.txt`, text: articleText(pool, random) }));
}

/** Sends a CDP command to one target (a page's session, or a worker reached through it). */
type CdpSend = (method: string, params?: object) => Promise<any>;

/** Starts sampling a target's CPU every `intervalUs` microseconds. */
async function startCpuProfile(send: CdpSend, intervalUs: number): Promise<void> {
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: intervalUs });
  await send('Profiler.start');
}

/** Stops sampling and writes the .cpuprofile to `path`. */
async function writeCpuProfile(send: CdpSend, path: string, what: string): Promise<void> {
  const { profile } = await send('Profiler.stop');
  writeFileSync(path, JSON.stringify(profile));
  console.log(`  ${what} CPU profile written to ${path}`);
}

/**
 * Starts sampling an extension page's CPU when `path` is given (with
 * BACKSTORY_SCALE_PROFILE); the function returned stops and writes it there.
 */
async function profileExtensionPage(session: ExtensionSession, page: Page, path: string | undefined, what: string): Promise<() => Promise<void>> {
  if (!path) return async () => {};
  const cdp = await session.context.newCDPSession(page);
  const send: CdpSend = (method, params) => cdp.send(method as any, params);
  await startCpuProfile(send, 200);
  return () => writeCpuProfile(send, path, what);
}

/**
 * Samples the service worker's CPU over CDP while `during` runs and writes a
 * .cpuprofile (Chrome DevTools opens it). The worker is reached through the
 * Target domain of a page's session: Playwright opens CDP sessions on pages only.
 * Time the worker spends waiting on IndexedDB shows as idle.
 */
async function profileServiceWorker<T>(session: ExtensionSession, path: string, during: () => Promise<T>): Promise<T> {
  const page = await session.page('popup.html');
  const cdp = await session.context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(session.extensionId));
  if (!worker) throw new Error('no service worker to profile');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
  const { send } = attachedTarget(rootTarget(cdp, '/popup.html'), sessionId, 'service worker');
  await startCpuProfile(send, 1000);
  // The worker's JS heap beside the process's RSS: whether the memory a load holds is the script's own.
  let heapPeak = 0;
  const heapTimer = setInterval(
    () => void send('Runtime.getHeapUsage').then((usage) => (heapPeak = Math.max(heapPeak, usage?.usedSize ?? 0)), () => undefined),
    RSS_SAMPLE_MS,
  );
  try {
    return await during();
  } finally {
    clearInterval(heapTimer);
    console.log(`  service worker JS heap, peak used during the load: ${(heapPeak / 2 ** 20).toFixed(0)} MB`);
    await writeCpuProfile(send, path, 'service worker');
    await page.close();
  }
}

async function measureSize(size: number, pool: TextPool, pagesOrigin: string): Promise<Figures> {
  const build = await buildWithCorpus(size, pool);
  const keptProfile = KEEP_DIR ? join(KEEP_DIR, `profile-${size}`) : undefined;
  const reused = keptProfile !== undefined && existsSync(keptProfile);
  if (reused) forgetRegisteredBackground(keptProfile);
  const session = await launchExtension({ dir: build.dir, userDataDir: keptProfile });
  // tsx compiles the functions handed to page.evaluate with esbuild's name helper; the pages need it too.
  await session.context.addInitScript('globalThis.__name = (f) => f;');
  try {
    // BACKSTORY_SCALE_PROFILE=DIR: the service worker's CPU profile of each load, as DIR/load-SIZE.cpuprofile.
    const profileDir = process.env.BACKSTORY_SCALE_PROFILE;
    const launched = performance.now();
    const load = profileDir ? await profileServiceWorker(session, join(profileDir, `load-${size}.cpuprofile`), () => waitForLoad(session)) : await waitForLoad(session);
    // A kept profile of an older version is upgraded by the first context that opens the database: that wait is in this.
    const readyMs = performance.now() - launched;
    await new Promise((r) => setTimeout(r, 2_000));
    const after = rssOf(session.userDataDir).extension;
    const status = load.status;
    const loadMs = status.loadMs ?? NaN;
    const figures: Figures = {
      size,
      words: build.words,
      textBytes: build.bytes,
      loadMs,
      wordsPerSecond: (status.words ?? 0) / (loadMs / 1000),
      peakRssMb: mb(load.peak),
      peakAnonRssMb: mb(load.peakAnon),
      afterRssMb: mb(after),
      browserPeakRssMb: mb(load.browserPeak),
      idbBytes: idbBytes(session),
      tables: {},
      asleepMs: [],
      awakeMs: [],
      searchMs: [],
      searchByQuery: {},
      clintonMs: [],
      profileMs: [],
      profileWholeMs: [],
      cardMs: [],
      addOneMs: [],
      saveFirstMs: NaN,
      saveMs: [],
    };
    console.log(`  ${size}: ${reused ? `reused a kept profile, ready ${(readyMs / 1000).toFixed(1)} s after launch` : `loaded ${status.words} words in ${(loadMs / 1000).toFixed(1)} s, ${status.analysedBatches} batches analysed in the browser, not by the build`}; measuring…`);
    // BACKSTORY_SCALE_LOAD_ONLY=1: the load's figures alone, for quick comparisons while optimising it.
    if (process.env.BACKSTORY_SCALE_LOAD_ONLY) return figures;

    // A page with names, opened with the worker asleep (stopped as the browser stops an idle one), then awake.
    const url = `${pagesOrigin}/names.html`;
    for (let i = 0; measures('pages') && i < PAGE_ROUNDS; i++) {
      // Not the popup: it reads the search index's text lists as it opens (megabytes at 10,000 articles),
      // reads that would still be in flight when the page below loads and wakes the worker.
      const probe = await session.page('options.html');
      await stopServiceWorker(session, probe);
      await probe.close();
      figures.asleepMs.push(await firstMarks(session, url));
    }
    if (measures('pages')) {
      await firstMarks(session, url); // the worker is awake and has looked this page up once
      for (let i = 0; i < PAGE_ROUNDS; i++) figures.awakeMs.push(await firstMarks(session, url));
    }

    const popup = await session.page('popup.html');
    await popup.locator('input[type=search]').waitFor();
    await searchOnce(popup, 'warm up');
    // With BACKSTORY_SCALE_PROFILE, the popup's CPU profile of the search rounds too, as DIR/popup-search-SIZE.cpuprofile.
    const writePopupProfile = await profileExtensionPage(session, popup, profileDir && join(profileDir, `popup-search-${size}.cpuprofile`), 'popup (search)');
    for (let round = 0; measures('search') && round < SEARCH_ROUNDS; round++) {
      for (const query of QUERIES) {
        await clearSearch(popup);
        const ms = await searchOnce(popup, query);
        figures.searchMs.push(ms);
        (figures.searchByQuery[query] ??= []).push(ms);
      }
      await clearSearch(popup);
      let slowest = 0;
      for (let n = 1; n <= TYPED.length; n++) slowest = Math.max(slowest, await searchOnce(popup, TYPED.slice(0, n)));
      figures.clintonMs.push(slowest);
    }
    await writePopupProfile();
    await popup.close();

    const person = await mostMentionedPerson(session);
    const panel = await session.page('sidepanel.html');
    await panel.locator('h1').waitFor();
    // With BACKSTORY_SCALE_PROFILE, the side panel's CPU profile of the rounds too, as DIR/profile-view-SIZE.cpuprofile.
    const writePanelProfile = await profileExtensionPage(session, panel, profileDir && join(profileDir, `profile-view-${size}.cpuprofile`), 'side panel (profile view)');
    for (let i = 0; measures('profile') && i < 3; i++) {
      const { first, whole } = await profileOnce(panel, formatRoute({ view: 'entity', id: person.id }), person.name);
      figures.profileMs.push(first);
      figures.profileWholeMs.push(whole);
      // Home again, so the next round draws the profile anew.
      await panel.evaluate(() => (location.hash = '#/'));
      await panel.waitForFunction((name) => document.querySelector('h1')?.textContent !== name, person.name);
      await panel.waitForTimeout(200);
    }
    await writePanelProfile();
    await panel.close();

    // The card's content: the background's answer to the card request, as the names script asks it.
    const asker = await session.page('popup.html');
    figures.cardMs = await asker.evaluate(async ({ entityId, measure }) => {
      const times: number[] = [];
      for (let i = 0; measure && i < 5; i++) {
        const start = performance.now();
        await (globalThis as any).chrome.runtime.sendMessage({ type: 'entity/card', entityId });
        times.push(performance.now() - start);
      }
      return times;
    }, { entityId: person.id, measure: measures('card') });
    await asker.close();

    figures.tables = await tableSizes(session);
    console.log(`  ${size}: ${person.name} is the most-mentioned person`);
    if (keptProfile) return figures;

    // Adding one article, through the options page's import worker: the first import opens the database.
    const adds = await importThroughWorker(session, extraArticles(pool, 4, 1000 + size).map((file) => [file]));
    figures.addOneMs = adds.slice(1);
    [figures.saveFirstMs, ...figures.saveMs] = await saveThroughBackground(session, pagesOrigin);

    if (size === SIZES[0]) {
      figures.importWordsPerSecond = [];
      for (let round = 0; round < IMPORT_ROUNDS; round++) {
        const files = extraArticles(pool, IMPORT_FILES, 7 + round);
        const words = files.reduce((n, f) => n + (f.text.match(/\S+/g)?.length ?? 0), 0);
        const [ms] = await importThroughWorker(session, [files]);
        figures.importWordsPerSecond.push(words / (ms / 1000));
      }
    }
    return figures;
  } finally {
    await session.close();
    rmSync(build.dir, { recursive: true, force: true });
  }
}

/** Pages "Save this page" takes for articles: generated text, as a news page marks it up. */
const SAVE_PAGES = 4;
function articlePages(pool: TextPool): Record<string, string> {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return Object.fromEntries(
    extraArticles(pool, SAVE_PAGES, 4242).map(({ text }, n) => {
      const [dateline, headline, ...body] = text.trim().split('\n\n');
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(headline)}</title></head><body><article><h1>${escape(headline)}</h1><p>${escape(dateline)}</p>${body.map((p) => `<p>${escape(p)}</p>`).join('')}</article></body></html>`;
      return [`/save-${n}.html`, html];
    }),
  );
}

/**
 * Saves each article page as the popup's button does, after a wake: the
 * first save starts the corpus worker (on Chrome, its offscreen document,
 * closed when the load ended), the next ones find it running.
 */
async function saveThroughBackground(session: ExtensionSession, origin: string): Promise<number[]> {
  const popup = await session.page('popup.html');
  try {
    await stopServiceWorker(session, popup);
    await popup.evaluate(async () => {
      while ((await (globalThis as any).chrome.runtime.sendMessage({ type: 'corpus/status' })).value.state !== 'ready') await new Promise((r) => setTimeout(r, 50));
    });
    const times: number[] = [];
    for (let n = 0; n < SAVE_PAGES; n++) {
      const url = `${origin}/save-${n}.html`;
      const tab = await session.context.newPage();
      await tab.goto(url);
      times.push(
        await popup.evaluate(async (url) => {
          const chrome = (globalThis as any).chrome;
          const [tab] = await chrome.tabs.query({ url });
          const start = performance.now();
          const reply = await chrome.runtime.sendMessage({ type: 'page/save', tabId: tab.id });
          if (!reply.ok || !reply.value.ok) throw new Error(`saving ${url}: ${JSON.stringify(reply)}`);
          return performance.now() - start;
        }, url),
      );
      await tab.close();
    }
    return times;
  } finally {
    await popup.close();
  }
}

function namesPage(pool: TextPool): string {
  // The bundled corpus's paragraphs lead the pool: names every generated corpus holds.
  const paragraphs = pool.paragraphs.slice(0, 12);
  return `<!doctype html><html><head><meta charset="utf-8"><title>Names</title></head><body><article><h1>News</h1>${paragraphs
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('')}</article></body></html>`;
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

function printTable(all: Figures[]) {
  const base = all[0];
  const rows: Array<[string, (f: Figures) => number, number, string]> = [
    ['asleep: load → first marks, median ms', (f) => median(f.asleepMs), 0, ''],
    ['awake: load → first marks, median ms', (f) => median(f.awakeMs), 0, ''],
    ['popup search → drawn, median ms', (f) => median(f.searchMs), 1, ''],
    ['popup search → drawn, p95 ms', (f) => percentile(f.searchMs, 95), 1, ''],
    ['slowest keystroke typing "Clinton", median of runs, ms', (f) => median(f.clintonMs), 1, ''],
    ['install → ready, s', (f) => f.loadMs / 1000, 1, ''],
    ['load throughput, words/s', (f) => f.wordsPerSecond, 0, ''],
    ['extension process RSS, peak during load, MB', (f) => f.peakRssMb, 0, ''],
    ['… of it anonymous (not the mapped binary), peak, MB', (f) => f.peakAnonRssMb, 0, ''],
    ['extension process RSS after load, MB', (f) => f.afterRssMb, 0, ''],
    ['all browser processes, peak RSS, MB', (f) => f.browserPeakRssMb, 0, ''],
    ['IndexedDB on disk, MB', (f) => f.idbBytes / 1e6, 1, ''],
    ['IndexedDB / text', (f) => f.idbBytes / f.textBytes, 2, ''],
    ['side panel profile, most-mentioned person, first items drawn, median ms', (f) => median(f.profileMs), 0, ''],
    ['… its whole first page drawn, median ms', (f) => median(f.profileWholeMs), 0, ''],
    ['hover card data, median ms', (f) => median(f.cardMs), 1, ''],
    ['add one article (import worker), median ms', (f) => median(f.addOneMs), 0, ''],
    ['save one page, first after a wake (starts the corpus worker), ms', (f) => f.saveFirstMs, 0, ''],
    ['save one page, worker running, median ms', (f) => median(f.saveMs), 0, ''],
  ];
  const header = ['', ...all.map((f) => `${f.size} articles`), ...all.slice(1).map((f) => `${f.size}/${base.size}`)];
  const lines = [header];
  for (const [label, get, digits] of rows) {
    lines.push([label, ...all.map((f) => fmt(get(f), digits)), ...all.slice(1).map((f) => fmt(get(f) / get(base), 1) + '×')]);
  }
  console.log('| ' + lines[0].join(' | ') + ' |');
  console.log('|' + lines[0].map(() => '---').join('|') + '|');
  for (const line of lines.slice(1)) console.log('| ' + line.join(' | ') + ' |');
  console.log(`\nCorpus text: ${all.map((f) => `${f.size}: ${f.words} words, ${(f.textBytes / 1e6).toFixed(1)} MB`).join('; ')}`);
  console.log('\nPopup search per query, median / max ms:');
  for (const query of QUERIES) console.log(`  ${query.padEnd(24)} ${all.map((f) => `${fmt(median(f.searchByQuery[query] ?? []), 1)} / ${fmt(Math.max(...(f.searchByQuery[query] ?? [])), 1)}`).join('   ')}`);
  if (base.importWordsPerSecond) {
    const runs = base.importWordsPerSecond;
    console.log(
      `Import of ${IMPORT_FILES} files (options page worker), ${runs.length} in a row into the ${base.size}-article corpus: median ${fmt(Math.round(median(runs)))} words/s (${runs.map((r) => fmt(Math.round(r))).join(' / ')})`,
    );
  }
  for (const f of all) {
    console.log(`\nIndexedDB tables at ${f.size} articles (rows, serialised MB, share):`);
    const total = Object.values(f.tables).reduce((n, t) => n + t.bytes, 0);
    for (const [name, t] of Object.entries(f.tables).sort((a, b) => b[1].bytes - a[1].bytes)) {
      console.log(`  ${name.padEnd(16)} ${String(t.rows).padStart(9)}  ${(t.bytes / 1e6).toFixed(2).padStart(8)}  ${((100 * t.bytes) / total).toFixed(0)}%`);
    }
  }
}

export default async function scaleBench() {
  if (!existsSync(join(BENCH_BUILD_DIR, 'manifest.json'))) throw new Error(`No bench build in ${BENCH_BUILD_DIR}: run \`npm run bench -- scale\`.`);
  const pool = readTextPool();
  console.log(`Text pool: ${pool.paragraphs.length} paragraphs, ${pool.headlines.length} headlines; sizes ${SIZES.join(', ')}`);
  const server = await servePages(tmpdir(), { '/names.html': namesPage(pool), ...articlePages(pool) });
  const all: Figures[] = [];
  try {
    for (const size of SIZES) all.push(await measureSize(size, pool, server.origin));
  } finally {
    await server.close();
  }
  printTable(all);
  if (process.env.BACKSTORY_SCALE_JSON) writeFileSync(process.env.BACKSTORY_SCALE_JSON, JSON.stringify(all, null, 1));
}
