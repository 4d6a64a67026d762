/**
 * Wires page matching and the card to the browser: messages to the background,
 * the lazily created shadow root, and the content script's lifetime.
 * Nothing here may throw into the page or leave anything behind.
 */
import { extensionRuntime } from '../../lib/in-page/extension-api';
import { request, type MessageType, type NameMatch, type Request } from '../../lib/messages';
import { MatchLookup } from '../../lib/in-page/hit-test';
import { HighlightLayer } from '../../lib/in-page/highlights';
import { PageScanner, type FirstScan } from '../../lib/in-page/page-scanner';
import { READER_KEY, type ReaderState } from '../../lib/in-page/page-reader';
import { createTimers, type Timers } from '../../lib/in-page/timers';
import { NAMES_SCRIPT } from '../../lib/page-scripts';
import { SCANNED_MARK, scriptStart } from '../../lib/bench-marks';
import { CardController } from '../../lib/in-page/card/controller';
import { CARD_CSS } from '../../lib/in-page/card/styles';
import { CardView } from '../../lib/in-page/card/view';
import { createCardHost, type CardHost } from './card-host';

/** The card's host element, appended to <html> (not <body>) on first open only. */
const HOST_TAG = 'backstory-card';

const send = <T extends MessageType>(message: Request<T>) =>
  request<T>((m) => extensionRuntime()?.sendMessage(m) ?? Promise.reject(new Error('Backstory was updated or removed')), message);

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

/**
 * The running instance, kept in the isolated world (which the page cannot
 * see), where the background and a newer instance find it. `run` marks what
 * the background found in the page (the first call also takes over the
 * reader's first read and the changes it saw); `alive` is false once an
 * update or removal of the extension orphaned it.
 */
interface NamesInstance {
  run(found: NameMatch[]): void;
  alive(): boolean;
  stop(): void;
}
type Session = { addFound(found: NameMatch[]): void; stop(): void };
const world = globalThis as unknown as Record<string, unknown>;

/**
 * Benchmark builds record the main-thread work of the script's start-up and
 * first scan, and publish it once the scan is done (a performance entry per
 * slice would add to what it measures). Production builds drop all of it.
 */
const TIMINGS = import.meta.env.MODE === 'bench';
const benchWork: number[] = [];

/**
 * Makes this script's instance, unless a live one is here already (the
 * background injected the script twice: found names and a page change can
 * both ask for it). An orphaned one is replaced. The instance does nothing
 * until the background hands it what it found (`run`).
 */
export function startNames(): void {
  const begin = TIMINGS ? scriptStart() : 0;
  const existing = world[NAMES_SCRIPT.instanceKey] as NamesInstance | undefined;
  if (existing?.alive()) return;
  existing?.stop();
  let session: Session | null = null;
  let stopped = false;
  const instance: NamesInstance = {
    run: guard((found: NameMatch[]) => {
      if (stopped) return;
      if (session) return session.addFound(found);
      const t0 = TIMINGS ? performance.now() : 0;
      const reader = world[READER_KEY] as ReaderState | undefined;
      const first: FirstScan = { read: reader?.read ?? null, found, changes: reader?.stop() ?? [] };
      if (reader) reader.read = null;
      session = startSession(instance, first);
      if (TIMINGS) benchWork.push(performance.now() - t0);
    }),
    alive: () => extensionRuntime() !== undefined,
    stop() {
      stopped = true;
      session?.stop();
      session = null;
      if (world[NAMES_SCRIPT.instanceKey] === instance) delete world[NAMES_SCRIPT.instanceKey];
    },
  };
  world[NAMES_SCRIPT.instanceKey] = instance;
  if (TIMINGS) benchWork.push(performance.now() - begin);
  // The background's hand-over, when it ran before this script did.
  const waiting = world[NAMES_SCRIPT.foundKey];
  delete world[NAMES_SCRIPT.foundKey];
  if (Array.isArray(waiting)) instance.run(waiting as NameMatch[]);
}

function startSession(instance: NamesInstance, first: FirstScan): Session {
  const doc = document;
  const layer = new HighlightLayer(doc);
  const lookup = new MatchLookup();
  let ui: CardHost | null = null;

  // Made on first use: many pages never need a timer or a listener, and the first use of an interface in this world costs its set-up.
  let abort: AbortController | null = null;
  let madeTimers: Timers | null = null;
  // Listeners are removed one by one, not through the timers' AbortController: on most pages no timer is ever made.
  const unlisten: Array<() => void> = [];
  const timers = () => (madeTimers ??= createTimers((abort ??= new AbortController()).signal, { set: (fn, ms) => setTimeout(fn, ms), clear: (id) => clearTimeout(id as number) }));
  // An update, reload or removal of the extension leaves this script orphaned: it notices at its next timer and removes its marks.
  const timer = (fn: () => void, ms: number) => timers().set(guard(() => (extensionRuntime() ? fn() : instance.stop())), ms);
  const clearTimer = (id: unknown) => timers().clear(id);

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
        openSidePanel: (entityId) => void send({ type: 'card/sidepanel', entityId }).catch(() => undefined),
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
      // Keyboard steps show a focus mark, which the page can read: hidden names are for hover only.
      matches: () => [...scanner.matches].filter((m) => !m.hidden),
      view,
      fetchCard: (entityId) => send({ type: 'entity/card', entityId }),
      setTimeout: timer,
      clearTimeout: clearTimer,
      listen: (target, type, fn, options) => {
        const listener = guard(fn);
        target.addEventListener(type, listener, options);
        unlisten.push(() => target.removeEventListener(type, listener, options));
      },
    });
    controller.attach();
    return controller;
  };

  const scanner = new PageScanner({
    doc,
    match: (text, seen) => send({ type: 'names/match', text, seen }),
    setTimeout: timer,
    clearTimeout: clearTimer,
    yieldToPage: () => timers().yield(),
    ownTag: HOST_TAG,
    onAdded: guard((added) => {
      cardController();
      layer.add(added.filter((m) => !m.hidden));
      lookup.add(added);
    }),
    onRemoved: guard((removed) => {
      layer.remove(removed);
      lookup.remove(removed);
      controller?.forget(removed);
    }),
    onWork: TIMINGS ? (ms) => benchWork.push(ms) : undefined,
  });

  const started = scanner.start(first);
  if (TIMINGS) {
    void started.then(() => performance.mark(SCANNED_MARK, { detail: { matches: scanner.matches.size, work: benchWork } }));
  }

  return {
    addFound: (found) => void scanner.addFound(found),
    stop: guard(() => {
      // Aborted for good: a signal asked for after this is aborted already.
      (abort ??= new AbortController()).abort();
      for (const remove of unlisten.splice(0)) remove();
      scanner.stop();
      controller?.reset();
      layer.clear();
      lookup.clear();
      ui?.remove();
      ui = null;
    }),
  };
}
