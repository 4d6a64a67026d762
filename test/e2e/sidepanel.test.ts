import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchExtension, waitForCorpusReady, type ExtensionSession } from './harness';
import { articleIdsDated, clickLookupMenu, openPanel, sidePanelUrls, viewHeading, windowIdOf } from './sidepanel-helpers';

const repoRoot = resolve(import.meta.dirname, '../..');
const TUSK = '#/entity/person:donald-tusk';
const NULAND_ARTICLE_HEADLINE = 'US considers crossing red lines on Western troops and missiles in Ukraine war';
let session: ExtensionSession;

beforeAll(async () => {
  session = await launchExtension();
  await waitForCorpusReady(session);
  // Chromium refuses an origin of chrome-extension:// here; granted to every origin instead.
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write']);
});
afterAll(() => session?.close());

describe('side panel', () => {
  it('profiles Donald Tusk with his three quotes from the Kursk article', async () => {
    const page = await openPanel(session, TUSK);
    await viewHeading(page, 'Donald Tusk');
    const said = page.getByRole('region', { name: 'What Donald Tusk said' });
    const quotes = said.locator('blockquote');
    await expect.poll(() => quotes.count()).toBe(3);
    const texts = await quotes.allTextContents();
    expect(texts[0]).toContain('one iota');
    expect(texts[1]).toContain('We support Ukraine in a war that is a defensive war');
    expect(texts[2]).toContain('I am aware and we all know what the risks are.');
    // All three under one article, and that article is the one about Kursk.
    const groups = said.locator('.quote-group');
    expect(await groups.count()).toBe(1);
    await groups.getByRole('link').first().click();
    await page.locator('.reader .body').waitFor();
    expect(await page.locator('.reader .body').textContent()).toContain('the western Kursk region');
    await page.close();
  });

  it('reads the 22 November 2024 article with the Victoria Nuland quote marked', async () => {
    const probe = await openPanel(session);
    const [id] = await articleIdsDated(probe, '2024-11-22');
    expect(id).toBeTruthy();
    await probe.close();

    const page = await openPanel(session, `#/article/${encodeURIComponent(id)}`);
    await viewHeading(page, NULAND_ARTICLE_HEADLINE);
    expect(await page.locator('header time').textContent()).toBe('22 November 2024');
    const quote = page.locator('.quote', { hasText: 'those bases ought to be fair game' });
    await quote.waitFor();
    // The speaker's name follows the quote, linked to her profile.
    const speaker = quote.locator('xpath=following-sibling::span[contains(@class, "speaker-tag")][1]');
    expect(await speaker.textContent()).toContain('Victoria Nuland');

    // Following a name opens its profile; back (the panel's and the browser's) returns.
    await speaker.getByRole('link', { name: 'Victoria Nuland' }).click();
    await viewHeading(page, 'Victoria Nuland');
    expect(page.url()).toContain('#/entity/person:victoria-nuland');
    await page.getByRole('button', { name: 'Back' }).click();
    await viewHeading(page, NULAND_ARTICLE_HEADLINE);
    await page.getByRole('button', { name: 'Forward' }).click();
    await viewHeading(page, 'Victoria Nuland');
    await page.goBack();
    await viewHeading(page, NULAND_ARTICLE_HEADLINE);
    await page.close();
  });

  it('copies a quote with its citation', async () => {
    const page = await openPanel(session, TUSK);
    await viewHeading(page, 'Donald Tusk');
    const first = page.getByRole('region', { name: 'What Donald Tusk said' }).locator('.quote-item').first();
    await first.getByRole('button', { name: 'Copy with citation' }).click();
    await first.getByRole('button', { name: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^“one iota\.?” — Donald Tusk, in “Kyiv’s allies are largely withholding judgement[^”]*”, undated$/);
    await page.close();
  });

  it('answers "Tusk on Ukraine" from the search field with his filtered quotes', async () => {
    const page = await openPanel(session);
    await viewHeading(page, 'Backstory');
    const field = page.getByRole('searchbox', { name: /Search names, quotes and articles/ });
    await field.fill('Tusk on Ukraine');
    await field.press('Enter');
    await viewHeading(page, 'Donald Tusk');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'about' }).first().textContent()).toContain(
      '1 of 3 quotes about “Ukraine”',
    );
    const quotes = await page.getByRole('region', { name: 'What Donald Tusk said' }).locator('blockquote').allTextContents();
    expect(quotes).toEqual([expect.stringContaining('We support Ukraine')]);
    const filter = page.getByLabel('Said about');
    expect(await filter.inputValue()).toBe('Ukraine');

    // Typing a new topic filters in place: focus stays in the field, the URL follows.
    await filter.fill('');
    await filter.pressSequentially('risks', { delay: 20 });
    await expect.poll(() => page.url()).toContain('#/entity/person:donald-tusk?about=risks');
    expect(await page.locator('#said-about').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole('region', { name: 'What Donald Tusk said' }).locator('blockquote').allTextContents()).toEqual([
      expect.stringContaining('what the risks are'),
    ]);
    await filter.fill('Ukraine');
    await expect.poll(() => page.url()).toContain('about=Ukraine');

    if (process.env.BACKSTORY_SCREENSHOTS === '1') {
      const dir = resolve(repoRoot, 'assets/screenshots');
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: resolve(dir, 'sidepanel.png') });
    }
    await page.close();
  });

  it('looks up a selection from the context menu: an open panel follows, a new one starts there', async () => {
    const page = await openPanel(session);
    await viewHeading(page, 'Backstory');
    const windowId = await windowIdOf(page);

    await clickLookupMenu(session, 'Tusk', windowId);
    await viewHeading(page, 'Donald Tusk');
    // The lookup resolved in place: back goes to where the reader was, not to the lookup.
    await page.getByRole('button', { name: 'Back' }).click();
    await viewHeading(page, 'Backstory');
    await page.close();

    // A misspelt name still finds its entity (fuzzy), in a panel opened after the click.
    await clickLookupMenu(session, 'Victoria Nulland', windowId);
    const fresh = await openPanel(session);
    await viewHeading(fresh, 'Victoria Nuland');

    // Text that names no one falls through to search results.
    await clickLookupMenu(session, 'breathing room', windowId);
    await viewHeading(fresh, 'Results for “breathing room”');
    await fresh.getByRole('region', { name: 'Quotes' }).getByText('breathing room', { exact: false }).first().waitFor();
    await fresh.close();
  });

  it('declares the Alt+Shift+S command that opens the panel', async () => {
    // Browser-level shortcuts do not reach a headless browser; check what the browser registered.
    const commands: { name: string; shortcut: string }[] = await session.worker.evaluate(() =>
      (globalThis as any).chrome.commands.getAll(),
    );
    expect(commands).toContainEqual(expect.objectContaining({ name: 'open-side-panel', shortcut: 'Alt+Shift+S' }));
  });

  // Last: once the real panel is open it follows (and consumes) every later handoff.
  it('opens the browser’s side panel on the view a "sidepanel/open" message asks for', async () => {
    // What the hover card and the popup do: a click, then a message to the background.
    // Sent from the popup page: a panel page in a tab would take the handoff itself.
    const page = await session.page('popup.html');
    await page.evaluate(() => {
      const button = document.createElement('button');
      button.textContent = 'More about Kaja Kallas';
      button.onclick = () => void (globalThis as any).chrome.runtime.sendMessage({ type: 'sidepanel/open', entityId: 'person:kaja-kallas' });
      document.body.prepend(button);
    });
    await page.getByRole('button', { name: 'More about Kaja Kallas' }).click();
    await expect
      .poll(() => sidePanelUrls(session), { timeout: 10_000 })
      .toContainEqual(expect.stringMatching(/\/sidepanel\.html#\/entity\/person:kaja-kallas$/));
    await page.close();
  });
});
