/**
 * What benchmark builds note in the page scripts and the background, and the
 * benchmarks read back (test/bench): when a script started, when a read or a
 * first scan was done, what each read found.
 */

/**
 * The benchmark build's banner (wxt.config.ts) notes when a script starts
 * evaluating, under this key of its world's global object; the page scripts'
 * timings start there. (A performance mark would cost more than the note.)
 */
export const SCRIPT_START_KEY = '__backstoryScriptStart';

/** Benchmark builds: when the running page script started evaluating (see SCRIPT_START_KEY). */
export const scriptStart = (): number => (globalThis as unknown as Record<string, number | undefined>)[SCRIPT_START_KEY] ?? 0;
/** Benchmark builds: the marks whose detail holds the reader's main-thread time, and the names script's once its first scan is done. */
export const READ_MARK = 'backstory:read';
export const SCANNED_MARK = 'backstory:scanned';
/**
 * Non-production builds: where the background records, per document URL, how
 * many names a read found once it is done with it, so the benchmark knows
 * when a page without names is finished.
 */
export const BENCHMARK_READS = '__backstoryReads';
