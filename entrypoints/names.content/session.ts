/**
 * Wires page matching and the card to the browser: messages to the background,
 * the lazily created shadow root, settings, and the content script's lifetime.
 * Nothing here may throw into the page or leave anything behind.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { request, type MessageType, type Request } from '../../lib/messages';
import { MatchLookup } from '../../lib/match/hit-test';
import { HighlightLayer } from '../../lib/match/highlights';
import { PageScanner } from '../../lib/match/page-scanner';
import { createTimers } from '../../lib/match/timers';
import { isActiveOn, parseRunSettings, SCRIPT_START_MARK, SETTINGS_KEYS } from '../../lib/match/run-settings';
import { CardController } from '../../lib/ui/card/controller';
import { CARD_CSS } from '../../lib/ui/card/styles';
import { CardView } from '../../lib/ui/card/view';
import { createCardHost, type CardHost } from './card-host';

/** The card's host element, appended to <html> (not <body>) on first open only. */
const HOST_TAG = 'backstory-card';
/** Names of the performance entries written when the test-only timings flag is on. */
export const WORK_MEASURE = 'backstory:work';
export const SCANNED_MARK = 'backstory:scanned';

const send = <T extends MessageType>(message: Request<T>) => request<T>((m) => browser.runtime.sendMessage(m), message);

/** Runs `fn`, swallowing any error: a content script must never break the page. */
function guard<A extends unknown[]>(fn: (...args: A) => unknown): (...args: A) => void {
  return (...args) => {
    try {
      const result = fn(...args);
      if (result instanceof Promise) result.catch(() => undefined);
    } catch {
      // Deliberately silent: the page's console belongs to the page.
    }
  };
}

/** The site the user sees in the address bar, also inside frames (per-site off follows the tab). */
function siteHostname(): string {
  try {
    if (window.top === window) return location.hostname;
    const ancestors = location.ancestorOrigins;
    if (ancestors?.length) return new URL(ancestors[ancestors.length - 1]).hostname;
  } catch {
    // Cross-origin access or a missing API: fall back to the frame's own host.
  }
  return location.hostname;
}

/**
 * Runs a session while settings allow it. When off, only the storage listener
 * stays, to turn on again. Reads storage directly (not wxt/storage) to keep
 * this script small; lib/settings.ts writes the same keys.
 */
export function startNames(ctx: ContentScriptContext): void {
  const t0 = performance.now();
  const hostname = siteHostname();
  let session: { stop(): void } | null = null;
  // Start-up work before the settings arrive, reported with the session's own when timings are on.
  let startupMs = 0;
  const apply = guard(async () => {
    const raw = await browser.storage.local.get(Object.values(SETTINGS_KEYS));
    const t1 = performance.now();
    if (!ctx.isValid) return;
    const on = isActiveOn(hostname, parseRunSettings(raw));
    if (on && !session) {
      const timings = raw[SETTINGS_KEYS.timings] === true;
      session = startSession(ctx, timings);
      if (timings) {
        // Evaluating the script and WXT's wrapper ran before main(), in the same task.
        const evaluation = t0 - (performance.getEntriesByName(SCRIPT_START_MARK)[0]?.startTime ?? t0);
        recordWork(evaluation + startupMs + performance.now() - t1);
      }
      startupMs = 0;
    } else if (!on && session) {
      session.stop();
      session = null;
    }
  });
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && (SETTINGS_KEYS.paused in changes || SETTINGS_KEYS.disabledSites in changes)) apply();
  };
  browser.storage.onChanged.addListener(onChanged);
  ctx.onInvalidated(() => {
    browser.storage.onChanged.removeListener(onChanged);
    session?.stop();
    session = null;
  });
  apply();
  startupMs = performance.now() - t0;
}

/** Test-only (the timings flag): main-thread work as performance measures, which the content benchmark sums. */
function recordWork(ms: number): void {
  performance.measure(WORK_MEASURE, { start: performance.now() - ms, duration: ms });
}

function startSession(ctx: ContentScriptContext, timings: boolean): { stop(): void } {
  const doc = document;
  const abort = new AbortController();
  const offInvalidated = ctx.onInvalidated(() => abort.abort());
  const layer = new HighlightLayer(doc);
  const lookup = new MatchLookup();
  let ui: CardHost | null = null;

  const timers = createTimers(abort.signal, { set: (fn, ms) => ctx.setTimeout(fn, ms), clear: (id) => clearTimeout(id as number) });
  const timer = (fn: () => void, ms: number) => timers.set(guard(fn), ms);

  // The card and its hover and keyboard listeners exist only on pages that have names to show.
  let controller: CardController | null = null;
  const cardController = (): CardController => {
    if (controller) return controller;
    const view = new CardView(
      async () => {
        ui = createCardHost(doc, HOST_TAG, CARD_CSS);
        return ui;
      },
      {
        openSidePanel: (entityId) => void send({ type: 'sidepanel/open', entityId }).catch(() => undefined),
        search: async (query) => {
          // Only the background may open the popup; it also leaves the query for it.
          if (await send({ type: 'popup/open', query }).catch(() => false)) return null;
          return `Search saved: click Backstory’s toolbar button to see results for “${query}”.`;
        },
      },
    );
    controller = new CardController({
      doc,
      lookup,
      layer,
      matches: () => scanner.matches,
      view,
      fetchCard: (entityId) => send({ type: 'entity/card', entityId }),
      setTimeout: timer,
      clearTimeout: timers.clear,
      listen: (target, type, fn, options) => target.addEventListener(type, guard(fn), { ...options, signal: abort.signal }),
    });
    controller.attach();
    return controller;
  };

  const record = timings ? recordWork : undefined;
  const scanner = new PageScanner({
    doc,
    match: (candidates, seen) => send({ type: 'names/match', candidates, seen }),
    setTimeout: timer,
    clearTimeout: timers.clear,
    yieldToPage: timers.yield,
    isOwn: (el) => el.localName === HOST_TAG,
    onAdded: guard((added) => {
      cardController();
      layer.add(added);
      lookup.add(added);
    }),
    onRemoved: guard((removed) => {
      layer.remove(removed);
      lookup.remove(removed);
      controller?.forget(removed);
    }),
    onWork: record,
  });

  const started = scanner.start();
  if (timings) void started.then(() => performance.mark(SCANNED_MARK, { detail: { matches: scanner.matches.size } }));

  return {
    stop: guard(() => {
      abort.abort();
      offInvalidated();
      scanner.stop();
      controller?.reset();
      layer.clear();
      lookup.clear();
      ui?.remove();
      ui = null;
    }),
  };
}
