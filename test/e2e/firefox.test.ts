/**
 * The core of the end-to-end suite, in Firefox: the Firefox build installed
 * as a temporary add-on in a real headless Firefox (see firefox-harness.ts).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGold } from '../unit/helpers';
import { countStores, mainWorldHighlights, NAMES_PAGE, pristineBody, textPoint, TUSK_QUOTE, waitFor } from './content-helpers';
import { firefoxCardText, firefoxClickCardButton, firefoxExtensionDir, launchFirefoxExtension, waitForFirefoxCorpusReady, type FirefoxSession } from './firefox-harness';
import { servePages, type PageServer } from './harness';
import { HANDOFF_KEY } from '../../lib/ui/sidepanel/handoff';
import type { CorpusStatus } from '../../lib/messages';

const gold = readGold('seed-gold.json');
const TUSK_ARTICLE = 'Kyiv’s allies are largely withholding judgement';
let session: FirefoxSession;
let server: PageServer;
let firstLoad: CorpusStatus;

beforeAll(async () => {
  const launched = Date.now();
  session = await launchFirefoxExtension();
  const status = (firstLoad = await waitForFirefoxCorpusReady(session));
  console.log(`Firefox: first load of the corpus into IndexedDB: ${status.loadMs} ms in the background; ready ${Date.now() - launched} ms after the browser started`);
  server = await servePages(resolve(import.meta.dirname, '../fixtures/pages'), { '/names.html': NAMES_PAGE });
});

afterAll(async () => {
  // The browser first: the server's close() waits for the browser's keep-alive connections to end.
  await session?.close();
  await server?.close();
});

/** Polls `read` in the page until `ok` accepts its value. */
const poll = <T>(page: Page, read: () => T, ok: (v: T) => boolean, what: string) => waitFor(() => page.evaluate(read), ok, 10_000, what);

describe('Firefox', () => {
  it('declares its add-on id, side bar and minimum Firefox, which the Firefox under test meets', async () => {
    const manifest = JSON.parse(readFileSync(join(firefoxExtensionDir(), 'manifest.json'), 'utf8'));
    const { gecko, gecko_android } = manifest.browser_specific_settings;
    expect(gecko.id).toBeTruthy();
    expect(manifest.sidebar_action.default_panel).toBe('sidepanel.html');
    expect(gecko_android.strict_min_version).toBe(gecko.strict_min_version);
    const major = (version: string) => Number(/(\d+)\./.exec(version)?.[1]);
    expect(major(await session.browser.version())).toBeGreaterThanOrEqual(major(gecko.strict_min_version));
  });

  it('loads the bundled corpus into Firefox’s IndexedDB', async () => {
    const page = await session.page('popup.html');
    const counts = await countStores(page, ['articles', 'sources', 'entities', 'quotes']);
    expect(counts.articles).toBe(gold.articles.length);
    expect(counts.sources).toBe(2);
    expect(counts.entities).toBeGreaterThan(20);
    expect(counts.quotes).toBeGreaterThan(10);
    // Every batch's analysis came from the build (lib/store/prebuilt-analysis.ts): Firefox analysed none.
    expect(firstLoad.analysedBatches).toBe(0);
    await page.close();
  });

  it('searches the corpus from the popup as the user types', async () => {
    const page = await session.page('popup.html');
    await poll(page, () => document.querySelector('.status')?.textContent ?? '', (t) => t.includes(`${gold.articles.length} articles`), 'corpus status');
    await page.type('input', 'Tusk', { delay: 30 });
    const results = await poll(
      page,
      () => ({
        people: [...document.querySelectorAll('[aria-label="People"] .title')].map((e) => e.textContent),
        firstArticle: document.querySelector('[aria-label="Articles"] [role="option"]')?.textContent ?? '',
        marked: document.querySelector('[aria-label="Articles"] [role="option"] mark')?.textContent,
      }),
      (r) => r.firstArticle !== '',
      'article results',
    );
    expect(results.people).toEqual(['Donald Tusk']);
    expect(results.firstArticle).toContain(TUSK_ARTICLE);
    expect(results.marked).toBe('Tusk');
    await page.close();
  });

  it('marks the corpus’s names on a page with highlights, leaving its DOM untouched', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${server.origin}/names.html`);
    const marks = await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-person']?.length ?? 0) >= 4, 15_000, 'highlights');
    expect(marks['backstory-person'].sort()).toEqual(['Donald Tusk', 'Donald Tusk', 'Tusk', 'Zelensky']);
    expect(marks['backstory-org']).toEqual(['Nato']);
    const personLine = await page.evaluate(() => getComputedStyle(document.querySelector('#intro')!, '::highlight(backstory-person)').textDecorationLine);
    expect(personLine).toBe('underline');
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(await pristineBody(page, NAMES_PAGE));
    await page.close();
  });

  it('shows the card after hovering “Tusk”, with his quote and its article; Esc closes it', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${server.origin}/names.html`);
    await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-person']?.length ?? 0) >= 4, 15_000, 'highlights');
    expect(await firefoxCardText(session, page)).toBeNull(); // no host element until the first open
    const { x, y } = await textPoint(page, '#later', 'Tusk');
    await page.mouse.move(x, y);
    const text = await waitFor(() => firefoxCardText(session, page), (t) => !!t && t.includes(TUSK_QUOTE), 10_000, 'card with the quote');
    expect(text).toContain('Donald Tusk');
    expect(text).toContain(TUSK_ARTICLE);
    await page.keyboard.press('Escape');
    await waitFor(() => firefoxCardText(session, page), (t) => t === '', 5_000, 'card closed');
    await page.close();
  });

  it('profiles Donald Tusk in the side bar’s page, with his three quotes', async () => {
    const page = await session.page('sidepanel.html#/entity/person:donald-tusk');
    const view = await poll(
      page,
      () => ({
        heading: document.querySelector('h1')?.textContent ?? '',
        quotes: [...(document.getElementById('said-heading')?.closest('section')?.querySelectorAll('blockquote') ?? [])].map((q) => q.textContent ?? ''),
      }),
      (v) => v.heading === 'Donald Tusk' && v.quotes.length === 3,
      'Donald Tusk’s profile',
    );
    expect(view.quotes[0]).toContain('one iota');
    expect(view.quotes[1]).toContain(TUSK_QUOTE);
    expect(view.quotes[2]).toContain('I am aware and we all know what the risks are.');
    await page.close();
  });

  it('answers the card’s “Search in popup” with the side bar’s search, Firefox having no way to open the popup, and leaves the search for the popup', async () => {
    // An extension page records what the side bar is handed (it takes it at once when it opens).
    const recorder = await session.page('popup.html');
    await recorder.evaluate((key: string) => {
      const world = globalThis as any;
      world.handoffs = [];
      world.browser.storage.session.onChanged.addListener((changes: Record<string, { newValue?: unknown }>) => {
        if (changes[key]?.newValue) world.handoffs.push(changes[key].newValue);
      });
    }, HANDOFF_KEY);
    const page = await session.browser.newPage();
    await page.goto(`${server.origin}/names.html`);
    await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-person']?.length ?? 0) >= 4, 15_000, 'highlights');
    const { x, y } = await textPoint(page, '#later', 'Tusk');
    await page.mouse.move(x, y);
    await waitFor(() => firefoxCardText(session, page), (t) => !!t?.includes('Search in popup'), 10_000, 'the card');
    await firefoxClickCardButton(session, page, 'Search in popup');
    const handoffs = await poll(recorder, () => (globalThis as any).handoffs as Array<{ hash: string }>, (h) => h.length > 0, 'the side bar handed a search');
    expect(handoffs[0].hash).toMatch(/^#\/search\?q=Donald(%20|\+)Tusk$/);
    // Where Firefox does not let the side bar open (no user gesture reaches the background here), the popup opened next shows the search.
    const popup = await session.page('popup.html');
    await poll(popup, () => (document.querySelector('input[type="search"]') as HTMLInputElement | null)?.value, (v) => v === 'Donald Tusk', 'the search in the popup');
    await Promise.all([page.close(), recorder.close(), popup.close()]);
  });

  it('makes no network requests of its own', () => {
    expect(session.blockedRequests).toEqual([]);
  });
});
