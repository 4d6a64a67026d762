/**
 * The options page in a real Chromium with the built extension: importing
 * files through the import worker, refused files with their reasons, the
 * corpus by source, deleting an import, and exports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_KEYS } from '../../lib/storage-keys';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension, waitForCorpusReady, type ExtensionSession } from './harness';
import { openPanel, viewHeading } from './sidepanel-helpers';
import { readGold, repoRoot } from '../unit/helpers';

const gold = readGold('seed-gold.json');
const wikinews: Array<{ id: string; text: string }> = readGold('gum-news.json').documents;
let session: ExtensionSession;

beforeAll(async () => {
  session = await launchExtension();
  await waitForCorpusReady(session);
});
afterAll(async () => {
  await session?.close();
  rmSync(uploads, { recursive: true, force: true });
});

/**
 * A file to upload, written to disk: the page then reads it as a user's chosen
 * file. (Handed over as bytes, Playwright would build the File in the page's
 * main thread, a long task of its own that the tests would count.)
 */
const uploads = mkdtempSync(join(tmpdir(), 'backstory-uploads-'));
let uploadCount = 0;
function upload(name: string, content: string | Uint8Array): string {
  const dir = join(uploads, String(uploadCount++));
  mkdirSync(dir);
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}

/** Articles per source kind, read straight from the extension's IndexedDB. */
function countArticles(page: Page): Promise<{ bundled: number; user: number }> {
  return page.evaluate(
    () =>
      new Promise((done, fail) => {
        const open = indexedDB.open('backstory');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const index = open.result.transaction('articles').objectStore('articles').index('source');
          const counts = { bundled: 0, user: 0 };
          const bundled = index.count('bundled');
          const user = index.count('user');
          bundled.onsuccess = () => (counts.bundled = bundled.result);
          user.onsuccess = () => {
            counts.user = user.result;
            open.result.close();
            done(counts);
          };
        };
      }),
  );
}

/** Long tasks (50 ms or more) on the page's main thread from now on. */
async function watchLongTasks(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const seen: number[] = ((globalThis as any).__longTasks = []);
    new PerformanceObserver((list) => seen.push(...list.getEntries().map((e) => Math.round(e.duration)))).observe({ type: 'longtask' });
  });
  return () => page.evaluate(() => (globalThis as any).__longTasks as number[]);
}

async function importFiles(page: Page, files: string[]): Promise<string> {
  await page.locator('#import-files').setInputFiles(files);
  const summary = page.locator('.import-summary');
  await expect.poll(() => summary.textContent(), { timeout: 60_000 }).toMatch(/^(Imported|Import cancelled|The import stopped)/);
  return (await summary.textContent()) ?? '';
}

describe('the options page', () => {
  it('lists the bundled corpus with its counts and nothing of the user’s yet', async () => {
    const page = await session.page('options.html');
    const bundled = page.locator('.source', { hasText: 'Bundled with Backstory' });
    await expect.poll(() => bundled.textContent()).toContain(`${gold.articles.length} articles from 2 files`);
    expect(await bundled.getByRole('button').count()).toBe(0);
    expect(await page.getByText('No articles of your own yet').count()).toBe(1);
    await page.close();
  });

  it('refuses files it cannot read, each with its reason, and stores nothing of them', async () => {
    const page = await session.page('options.html');
    const before = await countArticles(page);
    const summary = await importFiles(page, [
      upload('empty.txt', ''),
      upload('photo.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])),
      upload('latin1.txt', new Uint8Array([0x4c, 0xf3, 0x64, 0xbc])),
      upload('broken.json', '{"format": "backstory-export", '),
      upload('slides.pdf', '%PDF-1.7'),
      // Parsed in the worker's bundle, where a <canvas> once broke the DOM it uses.
      upload('canvas.html', '<canvas></canvas><nav><p>Home</p></nav>'),
    ]);
    expect(summary).toBe('Imported 0 of 6 files · 0 articles added.');
    const failures = await page.getByRole('list', { name: 'Not imported' }).getByRole('listitem').allTextContents();
    expect(failures).toEqual([
      'empty.txt: empty file',
      'photo.txt: not text (binary data)',
      'latin1.txt: not text (not valid UTF-8)',
      expect.stringMatching(/^broken\.json: malformed JSON \(.+\)$/),
      'slides.pdf: unsupported type (.pdf): Backstory imports .txt, .html and its own .json export',
      expect.stringMatching(/^canvas\.html: This page doesn’t look like an article/),
    ]);
    expect(await page.locator('progress').getAttribute('aria-valuenow')).toBe('6');
    expect(await countArticles(page)).toEqual(before);
    await page.close();
  });

  it('imports many files in its worker without a long task on the page, lists the import, and deletes it with what it brought', async () => {
    const page = await session.page('options.html');
    await page.setViewportSize({ width: 900, height: 900 });
    const before = await countArticles(page);
    const longTasks = await watchLongTasks(page);
    const texts = wikinews.slice(0, 12).map((doc) => upload(`${doc.id}.txt`, doc.text));
    const summary = await importFiles(page, [
      ...texts,
      upload('guardian.html', readFileSync(resolve(repoRoot, 'test/fixtures/pages/guardian-1.html'))),
      upload('notes.pdf', '%PDF-1.7'),
    ]);
    expect(summary).toMatch(/^Imported 13 of 14 files · \d+ articles added\.$/);
    const added = Number(/(\d+) articles added/.exec(summary)![1]);
    expect(added).toBeGreaterThanOrEqual(13);
    expect(await page.getByRole('list', { name: 'Not imported' }).getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^notes\.pdf: unsupported type \(\.pdf\)/),
    ]);
    expect(await longTasks()).toEqual([]);
    expect(await countArticles(page)).toEqual({ bundled: before.bundled, user: before.user + added });

    const source = page.locator('.source', { hasText: 'Import of' });
    await expect.poll(() => source.locator('.count').textContent()).toBe(`${added} articles`);
    if (process.env.BACKSTORY_SCREENSHOTS) {
      mkdirSync(resolve(repoRoot, 'assets/screenshots'), { recursive: true });
      await page.screenshot({ path: resolve(repoRoot, 'assets/screenshots/options.png'), fullPage: true });
    }

    // One article, then the whole import.
    await source.locator('summary').click();
    await source.getByRole('button', { name: /^Delete “/ }).first().click();
    await expect.poll(() => source.locator('.count').textContent()).toBe(`${added - 1} articles`);
    await source.getByRole('button', { name: 'Delete this import' }).click();
    await source.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => page.locator('.source', { hasText: 'Import of' }).count(), { timeout: 10_000 }).toBe(0);
    expect(await countArticles(page)).toEqual(before);
    await page.close();
  });

  it('cancels an import at once: the worker stops and nothing lands after the cancel', async () => {
    const page = await session.page('options.html');
    const fixtures = ['bbc-1', 'guardian-1', 'lemonde-1', 'nytimes-1', 'wapo-1', 'yahoo-2'];
    const files = Array.from({ length: 3 }, (_, round) =>
      fixtures.map((name) => upload(`${name}-${round}.html`, readFileSync(resolve(repoRoot, `test/fixtures/pages/${name}.html`)))),
    ).flat();
    await page.locator('#import-files').setInputFiles(files);
    await expect.poll(() => page.locator('progress').getAttribute('aria-valuenow'), { timeout: 20_000 }).not.toBe('0');
    await page.getByRole('button', { name: 'Cancel import' }).click();
    const summary = (await page.locator('.import-summary').textContent()) ?? '';
    expect(summary).toMatch(/^Import cancelled\. \d+ files? stored before cancelling/);
    const done = Number(await page.locator('progress').getAttribute('aria-valuenow'));
    expect(done).toBeLessThan(files.length);
    const atCancel = await countArticles(page);
    await page.waitForTimeout(2_000);
    expect(await countArticles(page)).toEqual(atCancel);
    expect(await page.locator('progress').getAttribute('aria-valuenow')).toBe(String(done));
    // The page can import again straight away.
    expect(await page.locator('#import-files').isDisabled()).toBe(false);
    await page.close();
  });

  it('stops importing when the page is closed mid-import', async () => {
    const page = await session.page('options.html');
    const files = Array.from({ length: 3 }, (_, round) =>
      ['guardian-1', 'yahoo-2', 'wapo-1'].map((name) => upload(`${name}-closed-${round}.html`, readFileSync(resolve(repoRoot, `test/fixtures/pages/${name}.html`)))),
    ).flat();
    await page.locator('#import-files').setInputFiles(files);
    await expect.poll(() => page.locator('progress').getAttribute('aria-valuenow'), { timeout: 20_000 }).not.toBe('0');
    await page.close();
    const other = await session.page('options.html');
    const atClose = await countArticles(other);
    await other.waitForTimeout(2_000);
    expect(await countArticles(other)).toEqual(atClose);
    await other.close();
  });

  it('exports the user’s articles as JSON that imports back, and all quotes as CSV', async () => {
    const page = await session.page('options.html');
    await importFiles(page, wikinews.slice(12, 16).map((doc) => upload(`${doc.id}.txt`, doc.text)));
    const before = await countArticles(page);

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export my articles (.json)' }).click()]);
    expect(json.suggestedFilename()).toMatch(/^backstory-export-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync(await json.path(), 'utf8'));
    expect(exported).toMatchObject({ format: 'backstory-export', version: 1 });
    expect(exported.articles).toHaveLength(before.user);

    // Importing the export again replaces the same articles: nothing is added twice.
    const again = await importFiles(page, [upload('export.json', JSON.stringify(exported))]);
    expect(again).toMatch(/^Imported 1 of 1 file · 0 articles added\.$/);
    expect(await countArticles(page)).toEqual(before);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: 'Export all quotes' }).getByRole('button', { name: 'CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe('backstory-quotes.csv');
    const lines = readFileSync(await csv.path(), 'utf8').split('\r\n');
    expect(lines[0]).toBe('\uFEFF"speaker","quote","article title","site","date","url"');
    expect(lines.length).toBeGreaterThan(gold.quotes?.length ?? 2);
    await page.close();
  });

  it('keeps the choice to mark names from the user’s own articles, off by default', async () => {
    const page = await session.page('options.html');
    const box = page.getByRole('checkbox', { name: 'Also mark names from my own articles' });
    await expect.poll(() => box.isDisabled()).toBe(false);
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await expect
      .poll(() => page.evaluate((key) => (globalThis as any).chrome.storage.local.get(key).then((r: any) => r[key]), SETTINGS_KEYS.markUserNames))
      .toBe(true);
    await page.reload();
    await expect.poll(() => page.getByRole('checkbox', { name: 'Also mark names from my own articles' }).isChecked()).toBe(true);
    await page.close();
  });

  it('says how much storage Backstory uses and whether the browser keeps it', async () => {
    const page = await session.page('options.html');
    await expect.poll(() => page.locator('#storage-usage').textContent()).toMatch(/^Backstory uses [\d.]+ (bytes|kB|MB|GB) of this browser’s storage\.$/);
    await expect.poll(() => page.locator('#storage-persistence').textContent()).toMatch(/The browser (keeps|may clear)/);
    await page.close();
  });
});

describe('ways to the quotes and to the options page', () => {
  it('exports one person’s quotes from the side panel profile, each with its citation', async () => {
    const page = await openPanel(session, '#/entity/person:donald-tusk');
    await viewHeading(page, 'Donald Tusk');
    const said = page.getByRole('region', { name: 'What Donald Tusk said' });
    const shown = await said.locator('blockquote').count();
    expect(shown).toBeGreaterThan(0);
    const exportGroup = said.getByRole('group', { name: 'Export Donald Tusk’s quotes' });

    const [md] = await Promise.all([page.waitForEvent('download'), exportGroup.getByRole('button', { name: 'Markdown' }).click()]);
    expect(md.suggestedFilename()).toBe('backstory-quotes-donald-tusk.md');
    const lines = readFileSync(await md.path(), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('# Quotes of Donald Tusk');
    const items = lines.filter((l) => l.startsWith('- '));
    expect(items).toHaveLength(shown);
    for (const item of items) expect(item).toMatch(/^- “.+” — Donald Tusk, in “.+”, (\d{1,2} \w+ \d{4}|undated)/);

    const [csv] = await Promise.all([page.waitForEvent('download'), exportGroup.getByRole('button', { name: 'CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe('backstory-quotes-donald-tusk.csv');
    const rows = readFileSync(await csv.path(), 'utf8').split('\r\n').filter(Boolean);
    expect(rows).toHaveLength(shown + 1);
    for (const row of rows.slice(1)) expect(row).toMatch(/^"Donald Tusk","/);
    await page.close();
  });

  it('opens the options page from the popup', async () => {
    // openOptionsPage focuses an options tab already open instead of opening one.
    for (const open of session.context.pages()) if (open.url().endsWith('/options.html')) await open.close();
    const popup = await session.page('popup.html');
    const [options] = await Promise.all([session.context.waitForEvent('page'), popup.getByRole('button', { name: 'Your articles…' }).click()]);
    await options.waitForURL(/\/options\.html$/);
    await options.getByRole('heading', { level: 1, name: 'Backstory — your articles' }).waitFor();
    await options.close();
  });
});
