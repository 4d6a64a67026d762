import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionDir, launchExtension, servePages, stopServiceWorker, waitForCorpusReady, type ExtensionSession, type PageServer } from './harness';
import { COMPILE_EAGERLY_HINT, NAMES_SCRIPT } from '../../lib/page-scripts';
import { cardText, collectErrors, mainWorldHighlights, NAMES_PAGE, pristineBody, textPoint, TUSK_QUOTE, waitFor } from './content-helpers';

/** No names when it loads; its script adds some later, as a single-page app or a feed would. */
const LATER_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Later</title></head><body>
<main><p>Nothing known here yet.</p></main>
<script>
  const add = (text) => document.querySelector('main').append(Object.assign(document.createElement('p'), { textContent: text }));
  window.addLater = add;
  setTimeout(() => add('Polish Prime Minister Donald Tusk arrived.'), 1500);
</script>
</body></html>`;

let session: ExtensionSession;
let server: PageServer;

beforeAll(async () => {
  session = await launchExtension();
  await waitForCorpusReady(session);
  const routes: Record<string, string> = { '/names.html': NAMES_PAGE, '/later.html': LATER_PAGE };
  server = await servePages(resolve(import.meta.dirname, '../fixtures/pages'), routes);
  routes['/framed.html'] = `<!doctype html><title>Framed</title><p>A frame from another site:</p><iframe src="${server.origin}/names.html"></iframe>`;
});

afterAll(async () => {
  // The browser first: the server's close() waits for the browser's keep-alive connections to end.
  await session?.close();
  await server?.close();
});

function setSettings(values: Record<string, unknown>): Promise<void> {
  return session.worker.evaluate((v) => (globalThis as any).chrome.storage.local.set(v), values);
}

/** Opens `url` in a new tab, recording the names of the JavaScript worlds created in it (an extension's is named after it). */
async function openWatchingWorlds(url: string): Promise<{ page: Page; worlds: string[] }> {
  const page = await session.context.newPage();
  const cdp = await session.context.newCDPSession(page);
  const worlds: string[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: { name: string } }) => worlds.push(e.context.name));
  await cdp.send('Runtime.enable');
  await page.goto(url);
  return { page, worlds };
}

/** A DevTools session on the page, and Backstory's isolated world in it (the world the page's scripts cannot see), if there is one. */
async function backstoryWorld(page: Page): Promise<{ cdp: CDPSession; contextId: number | undefined }> {
  const cdp = await session.context.newCDPSession(page);
  const contexts: Array<{ id: number; name: string }> = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: { id: number; name: string } }) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  return { cdp, contextId: contexts.find((c) => c.name === 'Backstory')?.id };
}

/** What `expression` gives in Backstory's isolated world of the page. */
async function inBackstoryWorld(page: Page, expression: string): Promise<unknown> {
  const { cdp, contextId } = await backstoryWorld(page);
  try {
    if (contextId === undefined) return undefined;
    const r = (await cdp.send('Runtime.evaluate', { contextId, expression, returnByValue: true })) as { result: { value?: unknown } };
    return r.result.value;
  } finally {
    await cdp.detach();
  }
}

/** The types of the event listeners Backstory's world has on the page's document (the protocol lists a world's own). */
async function backstoryListenerTypes(page: Page): Promise<string[]> {
  const { cdp, contextId } = await backstoryWorld(page);
  try {
    if (contextId === undefined) throw new Error('no Backstory world in the page');
    const { result } = (await cdp.send('Runtime.evaluate', { contextId, expression: 'document' })) as { result: { objectId: string } };
    const { listeners } = (await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId })) as { listeners: Array<{ type: string }> };
    return listeners.map((l) => l.type).sort();
  } finally {
    await cdp.detach();
  }
}

async function openNamesPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await session.context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${server.origin}/names.html`);
  return { page, errors };
}

describe('names on a page', () => {
  it('ships the page scripts with the hint to compile them up front, on their first line, the only place V8 reads it', () => {
    for (const file of [NAMES_SCRIPT.reader, NAMES_SCRIPT.file]) {
      expect(readFileSync(join(extensionDir(), file), 'utf8').split('\n', 1)[0]).toBe(COMPILE_EAGERLY_HINT);
    }
  });

  it('marks the corpus’s names with highlights, leaving the page’s DOM untouched and posting it nothing', async () => {
    const page = await session.context.newPage();
    const errors = collectErrors(page);
    // The page's own message listener, installed before any content script runs.
    await page.addInitScript(() => {
      const seen: unknown[] = [];
      Object.assign(window, { seenMessages: seen });
      window.addEventListener('message', (e) => seen.push(e.data));
    });
    await page.goto(`${server.origin}/names.html`);
    const marks = await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-person']?.length ?? 0) >= 4, 15_000, 'highlights');
    expect(marks['backstory-person'].sort()).toEqual(['Donald Tusk', 'Donald Tusk', 'Tusk', 'Zelensky']);
    expect(marks['backstory-org']).toEqual(['Nato']);
    // The marks are styled, by a sheet the page cannot see (not in its style sheets, none adopted).
    const styled = await page.evaluate(() => ({
      person: getComputedStyle(document.querySelector('#intro')!, '::highlight(backstory-person)').textDecorationLine,
      org: getComputedStyle(document.querySelector('#zel')!, '::highlight(backstory-org)').textDecorationStyle,
      sheets: document.styleSheets.length + document.adoptedStyleSheets.length,
    }));
    expect(styled).toEqual({ person: 'underline', org: 'dashed', sheets: 0 });
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(await pristineBody(page, NAMES_PAGE));
    expect(await page.evaluate(() => (window as unknown as { seenMessages: unknown[] }).seenMessages)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the card after hovering “Tusk”, with his quote and its article; Esc closes it', async () => {
    const { page, errors } = await openNamesPage();
    const before = await pristineBody(page, NAMES_PAGE);
    await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-person']?.length ?? 0) >= 4, 15_000, 'highlights');
    expect(await cardText(page)).toBeNull(); // no host element until the first open
    const at = await textPoint(page, '#later', 'Tusk');
    await page.mouse.move(at.x - 40, at.y);
    await page.mouse.move(at.x, at.y, { steps: 4 });
    const text = await waitFor(() => cardText(page), (t) => !!t && t.includes(TUSK_QUOTE), 10_000, 'card with the quote');
    expect(text).toContain('Donald Tusk');
    expect(text).toContain('Polish Prime Minister');
    // The quote's article (an untitled teaser, labelled by its opening words).
    expect(text).toContain('Kyiv’s allies are largely withholding judgement');
    await page.keyboard.press('Escape');
    await waitFor(() => cardText(page), (t) => t === '', 5_000, 'card closed');
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('waits for hover intent and hides after the grace period when the pointer leaves', async () => {
    const { page } = await openNamesPage();
    await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-person']?.length ?? 0) >= 4, 15_000, 'highlights');
    const at = await textPoint(page, '#later', 'Tusk');
    await page.mouse.move(at.x, at.y);
    await page.waitForTimeout(250);
    expect(await cardText(page)).toBeNull(); // not yet: 500 ms intent
    await waitFor(() => cardText(page), (t) => !!t && t.includes('Donald Tusk'), 5_000, 'card');
    await page.mouse.move(5, 5);
    await waitFor(() => cardText(page), (t) => t === '', 5_000, 'card hidden after grace');
    await page.close();
  });

  it('opens the card from the keyboard: Alt+Shift+N to a name, Enter, Esc', async () => {
    const { page } = await openNamesPage();
    await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-person']?.length ?? 0) >= 4, 15_000, 'highlights');
    await page.keyboard.press('Alt+Shift+KeyN');
    const focus = await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-focus']?.length ?? 0) === 1, 5_000, 'focus highlight');
    expect(focus['backstory-focus']).toEqual(['Donald Tusk']); // first name in document order
    await page.keyboard.press('Alt+Shift+KeyN');
    expect((await mainWorldHighlights(page))['backstory-focus']).toEqual(['Tusk']);
    await page.keyboard.press('Enter');
    await waitFor(() => cardText(page), (t) => !!t && t.includes(TUSK_QUOTE), 10_000, 'card from keyboard');
    await page.keyboard.press('Escape');
    await waitFor(() => cardText(page), (t) => t === '', 5_000, 'card closed');
    await page.keyboard.press('Escape');
    expect((await mainWorldHighlights(page))['backstory-focus'] ?? []).toEqual([]);
    await page.close();
  });

  it('reads a page without names and loads nothing more, until content with names is added', async () => {
    const page = await session.context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.origin}/later.html`);
    // The background read the page (the reader's state is in Backstory's world) and found no names: the names script stayed out.
    await waitFor(() => inBackstoryWorld(page, 'typeof globalThis.__backstoryReader'), (t) => t === 'object', 10_000, 'the page read');
    expect(await inBackstoryWorld(page, 'typeof globalThis.__backstoryNames')).toBe('undefined');
    expect(await mainWorldHighlights(page)).toEqual({});
    // The page adds a name: the reader asks for the names script, which scans what was added.
    const marks = await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-person']?.length ?? 0) >= 1, 10_000, 'marks in added content');
    expect(marks['backstory-person']).toEqual(['Donald Tusk']);
    expect(await inBackstoryWorld(page, 'typeof globalThis.__backstoryNames')).toBe('object');
    // Later additions go to the names script, which now watches the page.
    await page.evaluate(() => (window as unknown as { addLater(text: string): void }).addLater('Tusk met Nato.'));
    const more = await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-org']?.length ?? 0) >= 1, 10_000, 'marks in later content');
    expect(more['backstory-person'].sort()).toEqual(['Donald Tusk', 'Tusk']);
    expect(more['backstory-org']).toEqual(['Nato']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('turns off on a site at once and back on, through the settings the popup writes', async () => {
    const { page } = await openNamesPage();
    await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-person']?.length ?? 0) >= 4, 15_000, 'highlights');
    expect(await backstoryListenerTypes(page)).toEqual(['keydown', 'mousedown', 'mousemove']);
    await setSettings({ 'backstory.disabledSites': ['127.0.0.1'] });
    await waitFor(() => mainWorldHighlights(page), (h) => Object.keys(h).length === 0, 5_000, 'marks removed');
    // Turned off, it keeps no listener on the page.
    expect(await backstoryListenerTypes(page)).toEqual([]);
    // A page of the site opened now loads no script at all: no world of Backstory's is created in it.
    const fresh = await openWatchingWorlds(`${server.origin}/names.html`);
    await fresh.page.waitForTimeout(500);
    expect(fresh.worlds).not.toContain('Backstory');
    expect(await mainWorldHighlights(fresh.page)).toEqual({});
    await setSettings({ 'backstory.disabledSites': [], 'backstory.paused': true });
    await page.waitForTimeout(300);
    expect(await mainWorldHighlights(page)).toEqual({});
    await setSettings({ 'backstory.paused': false });
    await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-person']?.length ?? 0) >= 4, 5_000, 'marks back');
    await waitFor(() => mainWorldHighlights(fresh.page), (h) => (h['backstory-person']?.length ?? 0) >= 4, 5_000, 'marks in the page opened while off');
    // Its styles came with the background's injection.
    expect(await fresh.page.evaluate(() => getComputedStyle(document.querySelector('#intro')!, '::highlight(backstory-person)').textDecorationLine)).toBe('underline');
    const control = await openWatchingWorlds(`${server.origin}/names.html`);
    await waitFor(() => mainWorldHighlights(control.page), (h) => (h['backstory-person']?.length ?? 0) >= 4, 5_000, 'marks in a new page');
    expect(control.worlds).toContain('Backstory');
    await Promise.all([page.close(), fresh.page.close(), control.page.close()]);
  });

  it('follows the tab’s site into frames from other sites', async () => {
    // The frame (127.0.0.1) is another site than its tab (localhost): the switch goes by the tab.
    const framed = `${server.origin.replace('127.0.0.1', 'localhost')}/framed.html`;
    const frameOf = (page: Page) => page.frames().find((f) => f.url().endsWith('/names.html'))!;
    const on = await session.context.newPage();
    await on.goto(framed);
    await waitFor(() => mainWorldHighlights(frameOf(on)), (h) => (h['backstory-person']?.length ?? 0) >= 4, 15_000, 'marks in the frame');
    await setSettings({ 'backstory.disabledSites': ['localhost'] });
    await waitFor(() => mainWorldHighlights(frameOf(on)), (h) => Object.keys(h).length === 0, 5_000, 'marks removed from the frame');
    const off = await session.context.newPage();
    await off.goto(framed);
    // The same frame straight in a tab of its own site is marked meanwhile.
    const { page: direct } = await openNamesPage();
    await waitFor(() => mainWorldHighlights(direct), (h) => (h['backstory-person']?.length ?? 0) >= 4, 15_000, 'marks in the direct page');
    expect(await mainWorldHighlights(frameOf(off))).toEqual({});
    await setSettings({ 'backstory.disabledSites': [] });
    await Promise.all([on.close(), off.close(), direct.close()]);
  });

  it('reads a page opened while the background’s worker was stopped', async () => {
    const popup = await session.page('popup.html');
    await stopServiceWorker(session, popup);
    // The page's load is what wakes the worker: the background learns of it, reads the page and marks it.
    const { page, errors } = await openNamesPage();
    const marks = await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-person']?.length ?? 0) >= 4, 15_000, 'highlights');
    expect(marks['backstory-org']).toEqual(['Nato']);
    expect(errors).toEqual([]);
    session.worker = session.context.serviceWorkers()[0];
    await Promise.all([page.close(), popup.close()]);
  });

  it('applies a switch flipped while the background’s worker was stopped', async () => {
    const { page } = await openNamesPage();
    await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-person']?.length ?? 0) >= 4, 15_000, 'highlights');
    const popup = await session.page('popup.html');
    await stopServiceWorker(session, popup);
    // The popup writes the setting; the change wakes the worker, which has nothing remembered to compare with.
    await popup.evaluate(() => (globalThis as any).chrome.storage.local.set({ 'backstory.disabledSites': ['127.0.0.1'] }));
    await waitFor(() => mainWorldHighlights(page), (h) => Object.keys(h).length === 0, 10_000, 'marks removed');
    await popup.evaluate(() => (globalThis as any).chrome.storage.local.set({ 'backstory.disabledSites': [] }));
    await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-person']?.length ?? 0) >= 4, 10_000, 'marks back');
    session.worker = session.context.serviceWorkers()[0];
    await Promise.all([page.close(), popup.close()]);
  });
});
