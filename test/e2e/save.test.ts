/**
 * The user's own corpus in the browser: "Save this page" on a real news page,
 * then that article's names on another page: found under the pointer (not
 * marked, so the page's scripts cannot read them), with the saved quote on
 * the card; fabricated events open nothing.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAST_SAVE_KEY, type SaveOutcome } from '../../lib/messages';
import { describeFound } from '../../lib/ui/popup/SavePage';
import { repoRoot } from '../unit/helpers';
import { launchExtension, servePages, stopServiceWorker, waitForCorpusReady, type ExtensionSession, type PageServer } from './harness';
import { cardText, mainWorldHighlights, textPoint, waitFor } from './content-helpers';

const OTHER_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Elsewhere</title></head><body>
<main><p id="p">Former President Barack Obama met Donald Tusk in Warsaw.</p></main></body></html>`;

let session: ExtensionSession;
let server: PageServer;
let popup: Page;

beforeAll(async () => {
  session = await launchExtension();
  await waitForCorpusReady(session);
  server = await servePages(resolve(import.meta.dirname, '../fixtures/pages'), { '/elsewhere.html': OTHER_PAGE });
  popup = await session.page('popup.html');
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

/** Saves the tab showing `url`, as the popup's button does (the popup passes the tab it was opened over). */
async function save(url: string): Promise<SaveOutcome> {
  return popup.evaluate(async (url) => {
    const chrome = (globalThis as any).chrome;
    const [tab] = await chrome.tabs.query({ url });
    const reply = await chrome.runtime.sendMessage({ type: 'page/save', tabId: tab.id });
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  }, url);
}

const userArticles = () =>
  popup.evaluate(
    () =>
      new Promise<number>((done, fail) => {
        const open = indexedDB.open('backstory');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('articles').objectStore('articles').index('source').count('user');
          count.onsuccess = () => done(count.result);
        };
      }),
  );

/** Chrome's offscreen documents open: the background's way to its corpus worker. */
const offscreenDocuments = () =>
  popup.evaluate(async () => ((await (globalThis as any).chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })) as unknown[]).length);

describe('saving a page', () => {
  it('starts the corpus worker only for a job: not on a wake with the corpus loaded, and on the first save', async () => {
    // The install's load ended its worker and closed the document.
    await expect.poll(offscreenDocuments).toBe(0);
    await stopServiceWorker(session, popup);
    // The woken worker checks the corpus's digest, finds it loaded, and starts nothing.
    const corpusState = () => popup.evaluate(async () => (await (globalThis as any).chrome.runtime.sendMessage({ type: 'corpus/status' })).value.state);
    await expect.poll(corpusState).toBe('ready');
    expect(await offscreenDocuments()).toBe(0);

    const url = `${server.origin}/guardian-1.html`;
    const page = await session.context.newPage();
    await page.goto(url);
    expect(await save(url)).toMatchObject({ ok: true, updated: false });
    expect(await offscreenDocuments()).toBe(1);
    expect(await userArticles()).toBe(1);
    await page.close();
  });

  it('saves a news page with its metadata and what it found, and updates it when saved again', async () => {
    const url = `${server.origin}/bbc-1.html`;
    const page = await session.context.newPage();
    await page.goto(url);
    const first = await save(url);
    expect(first).toMatchObject({ ok: true, updated: false, title: expect.stringContaining('Obama') });
    if (!first.ok) return;
    expect(first.found.person).toBeGreaterThanOrEqual(1);
    expect(first.found.quotes).toBeGreaterThanOrEqual(1);
    expect(await save(url)).toMatchObject({ ok: true, updated: true, articleId: first.articleId });
    expect(await userArticles()).toBe(2);
    await page.close();

    // A save from the page's menu or the keyboard leaves its outcome for the popup, which shows it once.
    await popup.evaluate(([key, outcome]) => (globalThis as any).chrome.storage.session.set({ [key]: outcome }), [LAST_SAVE_KEY, first] as const);
    const shown = await session.page('popup.html');
    await shown.setViewportSize({ width: 420, height: 560 });
    const said = shown.locator('.save-outcome');
    await expect.poll(() => said.textContent()).toBe(`Saved “${first.title}”: ${describeFound(first.found)}.`);
    if (process.env.BACKSTORY_SCREENSHOTS) {
      mkdirSync(resolve(repoRoot, 'assets/screenshots'), { recursive: true });
      await shown.screenshot({ path: resolve(repoRoot, 'assets/screenshots/saved.png') });
    }
    await shown.reload();
    await expect.poll(() => said.textContent()).toBe('Only web pages can be saved.');
    await shown.close();
  });

  it('refuses a page that is not an article and stores nothing', async () => {
    const url = `${server.origin}/elsewhere.html`;
    const page = await session.context.newPage();
    await page.goto(url);
    await expect(save(url).then((o) => o)).resolves.toMatchObject({ ok: false, error: expect.stringMatching(/doesn’t look like an article/) });
    expect(await userArticles()).toBe(2);
    await page.close();
  });

  it('finds the saved article’s person on another page by hover only, with the saved quote, and ignores fabricated events', async () => {
    const page = await session.context.newPage();
    await page.goto(`${server.origin}/elsewhere.html`);
    // The bundled corpus's Tusk is marked; Obama, known only from the saved page, is not: the page cannot read it.
    const highlights = await waitFor(() => mainWorldHighlights(page), (h) => Object.values(h).flat().includes('Donald Tusk'), 10_000, 'marks');
    expect(Object.values(highlights).flat().join(' ')).not.toContain('Obama');

    const point = await textPoint(page, '#p', 'Barack Obama');
    // A page script's own mousemove over the name: nothing may happen.
    await page.evaluate(({ x, y }) => {
      for (let i = 0; i < 5; i++) document.elementFromPoint(x, y)!.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: x, clientY: y }));
    }, point);
    await page.waitForTimeout(1_200);
    expect(await cardText(page)).toBeNull();

    await page.mouse.move(point.x, point.y);
    const card = await waitFor(() => cardText(page), (t) => !!t && t.includes('Americans killed since 9/11'), 10_000, 'the card with the saved quote');
    expect(card).toContain('Barack Obama');
    await page.close();
  });

  it('makes the saved article searchable in the popup at once', async () => {
    const search = popup.getByRole('combobox');
    await search.fill('');
    await search.pressSequentially('Obama', { delay: 30 });
    await waitFor(() => popup.locator('#results').innerText(), (t) => t.includes('Barack Obama'), 10_000, 'results');
  });
});
