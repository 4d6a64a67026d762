/**
 * Timers for the content script. Chromium suspends setTimeout in a content
 * script's world while the page has JavaScript turned off (found with this
 * project's sweep and benchmark, which load pages that way), but keeps running
 * the Prioritized Task Scheduling API, so that is used where it exists;
 * elsewhere (Firefox before it ships the API) plain timers.
 */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(id: unknown): void;
  /** Lets the page run (input, rendering) before the caller continues. */
  yield(): Promise<void>;
}

interface TaskScheduler {
  postTask<T>(fn: () => T, options?: { delay?: number; signal?: AbortSignal }): Promise<T>;
  yield?(): Promise<void>;
}

export function createTimers(signal: AbortSignal, fallback: Pick<Timers, 'set' | 'clear'>): Timers {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (!scheduler?.postTask) {
    return { ...fallback, yield: () => new Promise((done) => fallback.set(done, 0)) };
  }
  return {
    set(fn, ms) {
      const task = new AbortController();
      const stop = () => task.abort();
      signal.addEventListener('abort', stop, { once: true });
      scheduler
        .postTask(fn, { delay: ms, signal: task.signal })
        .catch(() => undefined) // aborted
        .finally(() => signal.removeEventListener('abort', stop));
      return task;
    },
    clear(id) {
      (id as AbortController | null)?.abort();
    },
    yield: () => (scheduler.yield ? scheduler.yield() : scheduler.postTask(() => undefined)),
  };
}
