/**
 * Chrome stops an extension's service worker 30 s after its last event or
 * extension API call, whatever IndexedDB is still doing. Opening the database
 * may upgrade its schema first, and an upgrade rewrites tables a page at a
 * time (11 s for a 10,000-article corpus from version 7 to 8): a stop in the
 * middle rolls it back, and the next start begins it again. Touching an
 * extension API while the work runs keeps the worker alive until it ends.
 */

/** Milliseconds between touches: well inside the 30 s. */
export const KEEP_ALIVE_EVERY_MS = 20_000;

/** Calls `touch` every KEEP_ALIVE_EVERY_MS until `work` settles; returns `work`. */
export function keepAliveUntil<T>(work: Promise<T>, touch: () => Promise<unknown>): Promise<T> {
  const timer = setInterval(() => void touch().catch(() => undefined), KEEP_ALIVE_EVERY_MS);
  const stop = () => clearInterval(timer);
  work.then(stop, stop);
  return work;
}
