import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, servePages, waitForCorpusReady, type ExtensionSession, type PageServer } from './harness';
import { cardText, collectErrors, mainWorldHighlights, pristineBody, textPoint, waitFor } from './content-helpers';

const TUSK_QUOTE = 'We support Ukraine in a war that is a defensive war and there is nothing to discuss here';
const NAMES_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Names</title></head><body>
<main>
<h1>Allies meet</h1>
<p id="intro">Polish Prime Minister Donald Tusk met allies on Monday.</p>
<p id="later">Later, Tusk said the alliance stands firm.</p>
<p id="zel">Zelensky’s team thanked Nato members.</p>
<p id="split">A split name: Donald <b>Tusk</b>.</p>
<textarea>Donald Tusk in a textarea</textarea>
<p id="junk">Let us go.</p>
</main>
</body></html>`;

let session: ExtensionSession;
let server: PageServer;

beforeAll(async () => {
  session = await launchExtension();
  await waitForCorpusReady(session);
  server = await servePages(resolve(import.meta.dirname, '../fixtures/pages'), { '/names.html': NAMES_PAGE });
});

afterAll(async () => {
  // The browser first: the server's close() waits for the browser's keep-alive connections to end.
  await session?.close();
  await server?.close();
});

async function openNamesPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await session.context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${server.origin}/names.html`);
  return { page, errors };
}

describe('names on a page', () => {
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

  it('turns off on a site at once and back on, through the settings the popup writes', async () => {
    const { page } = await openNamesPage();
    await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-person']?.length ?? 0) >= 4, 15_000, 'highlights');
    await session.worker.evaluate(() => (globalThis as any).chrome.storage.local.set({ 'backstory.disabledSites': ['127.0.0.1'] }));
    await waitFor(() => mainWorldHighlights(page), (h) => Object.keys(h).length === 0, 5_000, 'marks removed');
    await session.worker.evaluate(() => (globalThis as any).chrome.storage.local.set({ 'backstory.disabledSites': [], 'backstory.paused': true }));
    await page.waitForTimeout(300);
    expect(await mainWorldHighlights(page)).toEqual({});
    await session.worker.evaluate(() => (globalThis as any).chrome.storage.local.remove('backstory.paused'));
    await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-person']?.length ?? 0) >= 4, 5_000, 'marks back');
    await page.close();
  });
});
