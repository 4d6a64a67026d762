/**
 * The extension API for the page scripts, looked up when first needed. In a
 * page's isolated world, the first touch of `browser.runtime` sets up its
 * bindings, about a millisecond; wxt/browser touches it as it loads, so the
 * page scripts do not import it, and a page without names never pays.
 */
import type { browser } from 'wxt/browser';

type Runtime = (typeof browser)['runtime'];

/** The runtime API; undefined once an update or removal of the extension orphaned the script. */
export function extensionRuntime(): Runtime | undefined {
  const api = globalThis as unknown as { browser?: { runtime?: Runtime }; chrome?: { runtime?: Runtime } };
  const runtime = (api.browser ?? api.chrome)?.runtime;
  return runtime?.id ? runtime : undefined;
}
