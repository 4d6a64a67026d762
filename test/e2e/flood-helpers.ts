/**
 * Hostile pages and the figures taken while they run, shared by the hostile
 * benchmark (test/bench/hostile.bench.ts) and the floods test: pages that add
 * text of names as fast as they can, frames that reload all the time, a page
 * inventing new names, and, from an extension page, the background's round
 * trip and the popup's search latency meanwhile.
 */
import type { Page } from 'playwright-core';
import { CONNECT_MESSAGE } from '../../lib/background-channel';
import type { ExtensionSession } from './harness';

/** Prose with names the corpus knows, repeated to `chars` characters. */
export function namesText(chars: number): string {
  const sentence = 'Polish Prime Minister Donald Tusk met Nato allies in Kyiv, and Zelensky thanked Kaja Kallas. ';
  return sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars);
}

export interface FloodOptions {
  /** Characters appended per tick by the append flood. */
  appendChars: number;
  appendEveryMs: number;
  /** Frames of the frame flood, the size of each frame's page, and how often each reloads. */
  frames: number;
  frameChars: number;
  reloadEveryMs: number;
  /** New distinct names per second on the names flood. */
  newNamesPerSecond: number;
}

/** The floods: three tabs appending 300,000 characters every 250 ms, twenty 2 MB frames reloading ten times a second, 10,000 new names a second. */
export const FULL_FLOODS: FloodOptions = { appendChars: 300_000, appendEveryMs: 250, frames: 20, frameChars: 2_000_000, reloadEveryMs: 100, newNamesPerSecond: 10_000 };

/** Generated pages for the server's extra routes. */
export function floodRoutes(o: FloodOptions): Record<string, string> {
  const head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Flood</title></head>';
  return {
    '/quiet.html': `${head}<body><p>Polish Prime Minister Donald Tusk met allies.</p></body></html>`,
    '/flood-append.html': `${head}<body><p>Donald Tusk arrived.</p><script>
      const text = ${JSON.stringify(namesText(o.appendChars))};
      setInterval(() => document.body.append(Object.assign(document.createElement('p'), { textContent: text })), ${o.appendEveryMs});
    </script></body></html>`,
    '/flood-frame.html': `${head}<body><p>${namesText(o.frameChars)}</p></body></html>`,
    '/flood-frames.html': `${head}<body><p>Donald Tusk arrived.</p><script>
      for (let i = 0; i < ${o.frames}; i++) {
        const frame = document.body.appendChild(Object.assign(document.createElement('iframe'), { src: '/flood-frame.html?' + i }));
        setInterval(() => { frame.src = '/flood-frame.html?' + i + '-' + Math.random(); }, ${o.reloadEveryMs});
      }
    </script></body></html>`,
    '/flood-names.html': `${head}<body><p>Donald Tusk arrived.</p><script>
      // Names nobody has: two capitalised words, new every time.
      let n = 0;
      const word = (i) => 'Q' + i.toString(26).replace(/./g, (d) => String.fromCharCode(97 + parseInt(d, 26)));
      const perTick = ${Math.round(o.newNamesPerSecond / 10)};
      setInterval(() => {
        const names = [];
        for (let i = 0; i < perTick; i++, n++) names.push(word(n) + ' ' + word(n * 7 + 3) + ' said so.');
        document.body.append(Object.assign(document.createElement('p'), { textContent: names.join(' ') }));
      }, 100);
    </script></body></html>`,
  };
}

export interface Latencies {
  /** Background round trips ('corpus/status' from an extension page, over the port the popup asks on: lib/background-channel.ts), ms. */
  roundTrips: number[];
  /** The same by runtime messaging, through the browser's main thread (the popup's way for what needs a click, and Firefox's), ms. */
  runtimeRoundTrips: number[];
  /** Popup search: a query typed → its results shown, ms. */
  searches: number[];
  /** Round trips and searches that got no answer within 5 s (the worker gone or stuck). */
  failures: number;
}

/** Queries with the text their results must show. */
const SEARCHES: Array<[string, string]> = [
  ['Tusk', 'Donald Tusk'],
  ['Kallas', 'Kaja Kallas'],
  ['Zelensky', 'Zelensky'],
  ['Nuland', 'Victoria Nuland'],
];

/**
 * Measures, for `durationMs`, from the popup page, each in a loop of its own
 * with `everyMs` between: 'corpus/status' round trips over a port to the
 * service worker, opened as the popup opens its own (lib/background-channel.ts);
 * the same by runtime messaging; and searches typed into the popup until
 * their results show.
 */
export async function measureLatencies(popup: Page, durationMs: number, everyMs = 50): Promise<Latencies> {
  return popup.evaluate(
    async ({ durationMs, everyMs, searches, connectMessage }) => {
      // tsx (the benchmark runner) names functions through a helper the page does not have.
      (globalThis as any).__name ??= (fn: unknown) => fn;
      const chrome = (globalThis as any).chrome;
      const roundTrips: number[] = [];
      const runtimeRoundTrips: number[] = [];
      const searchTimes: number[] = [];
      let failures = 0;
      const end = performance.now() + durationMs;
      const { port1, port2 } = new MessageChannel();
      (await navigator.serviceWorker.getRegistration())!.active!.postMessage({ type: connectMessage }, [port2]);
      const answers = new Map<number, (reply: unknown) => void>();
      port1.onmessage = ({ data }) => answers.get(data.id)?.(data.reply);
      let nextId = 1;
      const overPort = (message: unknown) =>
        new Promise((resolve) => {
          const id = nextId++;
          answers.set(id, resolve);
          port1.postMessage({ id, message });
        });
      const timed = async (ask: () => Promise<unknown>, into: number[]) => {
        const t0 = performance.now();
        const reply = await Promise.race([ask(), new Promise((r) => setTimeout(() => r(null), 5_000))]);
        if (reply && (reply as { ok?: boolean }).ok) into.push(performance.now() - t0);
        else failures++;
      };
      const trips = (ask: () => Promise<unknown>, into: number[]) =>
        (async () => {
          while (performance.now() < end) {
            await timed(ask, into);
            await new Promise((r) => setTimeout(r, everyMs));
          }
        })();
      const portTrips = trips(() => overPort({ type: 'corpus/status' }), roundTrips).then(() => port1.close());
      const runtimeTrips = trips(() => chrome.runtime.sendMessage({ type: 'corpus/status' }), runtimeRoundTrips);
      const input = document.querySelector('input[type="search"]') as HTMLInputElement;
      const results = document.getElementById('results')!;
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const type = (value: string) => {
        setValue.call(input, value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      };
      const typing = (async () => {
        for (let i = 0; performance.now() < end; i++) {
          const [query, expected] = searches[i % searches.length];
          type('');
          await new Promise((r) => setTimeout(r, everyMs));
          const t0 = performance.now();
          const shown = new Promise<boolean>((done) => {
            const observer = new MutationObserver(() => {
              if (!(results.textContent ?? '').includes(expected)) return;
              observer.disconnect();
              done(true);
            });
            observer.observe(results, { childList: true, subtree: true, characterData: true });
            setTimeout(() => {
              observer.disconnect();
              done(false);
            }, 5_000);
          });
          type(query);
          if (await shown) searchTimes.push(performance.now() - t0);
          else failures++;
        }
      })();
      await Promise.all([portTrips, runtimeTrips, typing]);
      return { roundTrips, runtimeRoundTrips, searches: searchTimes, failures };
    },
    { durationMs, everyMs, searches: SEARCHES, connectMessage: CONNECT_MESSAGE },
  );
}

/** Opens `paths` each in a tab of its own, without waiting for them to settle. */
export async function openFloods(session: ExtensionSession, origin: string, paths: string[]): Promise<Page[]> {
  return Promise.all(
    paths.map(async (path) => {
      const page = await session.context.newPage();
      await page.goto(`${origin}${path}`, { waitUntil: 'commit' });
      return page;
    }),
  );
}

/**
 * Starts timing, inside the service worker, how late a 10 ms timer fires: how
 * long the worker's own thread was busy at a stretch, whatever the browser's
 * other threads were doing (the round trips from the popup go through them).
 * The returned function stops it and gives the delays, ms.
 */
export async function probeWorkerDelays(session: ExtensionSession, everyMs = 10): Promise<() => Promise<number[]>> {
  await session.worker.evaluate((everyMs) => {
    const delays: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      delays.push(Math.max(0, now - last - everyMs));
      last = now;
    }, everyMs);
    (globalThis as any).__backstoryDelayProbe = { delays, timer };
  }, everyMs);
  return () =>
    session.worker.evaluate(() => {
      const probe = (globalThis as any).__backstoryDelayProbe;
      clearInterval(probe.timer);
      return probe.delays as number[];
    });
}

/** Whether the extension's service worker is still the one that started (a crash or restart replaces it). */
export function workerAlive(session: ExtensionSession): boolean {
  return session.context.serviceWorkers().includes(session.worker);
}
