import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchExtension, stopServiceWorker, waitForCorpusReady, type ExtensionSession } from './harness';
import { CONNECT_MESSAGE } from '../../lib/background-channel';
import type { CorpusStatus } from '../../lib/messages';
import { countStores } from './content-helpers';
import { readGold, repoRoot } from '../unit/helpers';

const gold = readGold('seed-gold.json');
let session: ExtensionSession;
let firstLoad: CorpusStatus;

beforeAll(async () => {
  const launched = Date.now();
  session = await launchExtension();
  const status = (firstLoad = await waitForCorpusReady(session));
  const readyAfterMs = Date.now() - launched;
  console.log(`first load of the corpus into IndexedDB: ${status.loadMs} ms in the service worker; ready ${readyAfterMs} ms after the browser started`);
});
afterAll(() => session?.close());

describe('the installed extension', () => {
  it('loads the bundled corpus into the browser’s IndexedDB', async () => {
    const counts = await countStoresOf(session);
    expect(counts.articles).toBe(gold.articles.length);
    expect(counts.sources).toBe(2);
    expect(counts.entities).toBeGreaterThan(20);
    expect(counts.quotes).toBeGreaterThan(10);
    // Every batch's analysis came from the build (lib/store/prebuilt-analysis.ts): the browser analysed none.
    expect(firstLoad.analysedBatches).toBe(0);
  });

  it('loads nothing twice when its service worker is stopped and starts again', async () => {
    const before = await countStoresOf(session);
    const page = await session.page('popup.html');
    const runningStatus = await stopServiceWorker(session, page);
    // A message wakes the stopped worker, which runs its start-up ingest again.
    await page.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'corpus/status' }));
    await expect.poll(() => runningStatus.slice(runningStatus.lastIndexOf('stopped'))).toContain('running');
    session.worker = session.context.serviceWorkers()[0];
    const status = await waitForCorpusReady(session);
    expect(status.articles).toBe(gold.articles.length);
    expect(await countStoresOf(session)).toEqual(before);
    await page.close();
  });

  it('searches the corpus from the popup as the user types', async () => {
    const page = await session.page('popup.html');
    await page.setViewportSize({ width: 420, height: 560 });
    await expect.poll(() => page.locator('.status').textContent()).toContain(`${gold.articles.length} articles`);

    const search = page.getByRole('combobox');
    await search.pressSequentially('Tusk', { delay: 30 });
    const articles = page.getByRole('group', { name: 'Articles' });
    await articles.getByRole('option').first().waitFor();
    const first = articles.getByRole('option').first();
    expect(await first.textContent()).toContain('Kyiv’s allies are largely withholding judgement');
    expect(await first.textContent()).toContain('undated');
    expect(await first.locator('mark').first().textContent()).toBe('Tusk');

    // Arrow keys move the active result; the combobox points at it.
    await search.press('ArrowDown');
    const active = await search.getAttribute('aria-activedescendant');
    expect(active).toBe('result-1');
    expect(await page.locator('#result-1').getAttribute('aria-selected')).toBe('true');

    if (process.env.BACKSTORY_SCREENSHOTS) {
      await search.press('ArrowUp');
      mkdirSync(resolve(repoRoot, 'assets/screenshots'), { recursive: true });
      await page.screenshot({ path: resolve(repoRoot, 'assets/screenshots/popup.png') });
    }
    await page.close();
  });

  it('opens on a search handed over by a hover card', async () => {
    const sender = await session.page('popup.html');
    // Only the card's page script may ask the background for this; an extension page is refused.
    const refused = await sender.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'popup/open', query: 'Kasciunas' }));
    expect(refused).toEqual({ ok: false, error: expect.stringContaining('Not allowed') });
    // What the background does for the card: leave the query, open the popup.
    await sender.evaluate(async () => {
      const chrome = (globalThis as any).chrome;
      await chrome.storage.local.set({ 'backstory.popupQuery': 'Kasciunas' });
      await chrome.action.openPopup();
    });
    // The real popup is not a tab; an extension page can reach it through getViews.
    const popupView = () =>
      sender.evaluate(() => {
        const [popup] = (globalThis as any).chrome.extension.getViews({ type: 'popup' }) as Window[];
        if (!popup) return null;
        return {
          query: popup.document.querySelector('input')?.value,
          people: [...popup.document.querySelectorAll('[aria-label="People"] .title')].map((e) => e.textContent),
        };
      });
    await expect.poll(popupView).toEqual({ query: 'Kasciunas', people: ['Laurynas Kasciunas'] });
    // The hand-over is used once: the next popup starts empty.
    const next = await session.page('popup.html');
    expect(await next.getByRole('combobox').inputValue()).toBe('');
    await Promise.all([sender.close(), next.close()]);
  });

  it('asks the background over a port to its service worker, not through the browser’s main thread', async () => {
    // Counted in the worker: each port an extension page opens to it (lib/background-channel.ts).
    await session.worker.evaluate((connect) => {
      const worker = self as any;
      worker.__backstoryConnects = 0;
      worker.addEventListener('message', (event: MessageEvent) => event.data?.type === connect && worker.__backstoryConnects++);
    }, CONNECT_MESSAGE);
    // Recorded in the popup: each request it sends by runtime messaging.
    const page = await session.context.newPage();
    await page.addInitScript(() => {
      const sent: unknown[] = ((globalThis as any).__sentByRuntime = []);
      for (const api of [(globalThis as any).chrome, (globalThis as any).browser]) {
        const runtime = api?.runtime;
        if (!runtime?.sendMessage || runtime.__recorded) continue;
        const original = runtime.sendMessage.bind(runtime);
        runtime.sendMessage = (message: { type?: string }, ...rest: unknown[]) => (sent.push(message?.type), original(message, ...rest));
        runtime.__recorded = true;
      }
    });
    await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await expect.poll(() => page.locator('.status').textContent()).toContain(`${gold.articles.length} articles`);
    await expect.poll(() => session.worker.evaluate(() => (self as any).__backstoryConnects)).toBe(1);
    // The status the popup asks for as it opens came over the port.
    expect(await page.evaluate(() => (globalThis as any).__sentByRuntime)).toEqual([]);
    await page.close();
  });

  it('still answers a page whose port outlived its service worker (the request goes again by runtime message, the next opens a new port), and wakes a stopped worker over a new port', async () => {
    const page = await session.page('popup.html');
    // The channel's own module, bundled for the page (as the popup's is) and set up as the popup sets it up, counting runtime messages.
    const bundle = buildSync({ entryPoints: [resolve(repoRoot, 'lib/background-channel.ts')], bundle: true, format: 'iife', globalName: 'backstoryChannel', write: false });
    await page.evaluate(`${bundle.outputFiles[0].text}; globalThis.backstoryChannel = backstoryChannel; 0`);
    const newSender = () =>
      page.evaluate(() => {
        const scope = globalThis as any;
        scope.byRuntime = 0;
        scope.send = scope.backstoryChannel.backgroundSender({
          runtimeSend: (message: unknown) => (scope.byRuntime++, scope.chrome.runtime.sendMessage(message)),
          worker: async () => (await navigator.serviceWorker.getRegistration())?.active ?? null,
        });
      });
    await newSender();
    const ask = () =>
      page.evaluate(async () => {
        const scope = globalThis as any;
        const reply = await scope.send({ type: 'corpus/status' });
        return { ok: reply?.ok, byRuntime: scope.byRuntime };
      });
    expect(await ask()).toEqual({ ok: true, byRuntime: 0 });
    await stopServiceWorker(session, page);
    expect(await ask()).toEqual({ ok: true, byRuntime: 1 });
    expect(await ask()).toEqual({ ok: true, byRuntime: 1 });
    // A page opening its first port to a stopped worker (a popup opened after a pause) starts it: the answer comes over the port.
    await stopServiceWorker(session, page);
    await newSender();
    expect(await ask()).toEqual({ ok: true, byRuntime: 0 });
    session.worker = session.context.serviceWorkers()[0];
    await waitForCorpusReady(session);
    await page.close();
  });

  it('makes no network requests of its own', () => {
    expect(session.blockedRequests).toEqual([]);
  });
});

/** Counts records in the extension's own IndexedDB, read from an extension page. */
async function countStoresOf(session: ExtensionSession): Promise<Record<string, number>> {
  const page = await session.page('popup.html');
  try {
    return await countStores(page, ['articles', 'sources', 'entities', 'entityMentions', 'articleEntities', 'quotes', 'names', 'searchPostings', 'searchVocabulary']);
  } finally {
    await page.close();
  }
}
