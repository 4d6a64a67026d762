/**
 * The content script over real saved pages: no exceptions, no change to the
 * DOM, and marks wherever the page names something the corpus knows.
 * BACKSTORY_PAGES_DIR points it at another folder (all 130 shared pages, say).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, servePages, waitForCorpusReady, type ExtensionSession, type PageServer } from './harness';
import { collectAllExceptions, corpusNames, mainWorldHighlights, pageMentionsAny, pristineBody } from './content-helpers';

const repoRoot = resolve(import.meta.dirname, '../..');
const pagesDir = resolve(repoRoot, process.env.BACKSTORY_PAGES_DIR ?? 'test/fixtures/pages');
const pages = readdirSync(pagesDir).filter((f) => f.endsWith('.html')).sort();
/** How long a page gets to be scanned: the scan itself takes milliseconds; the rest is the round trip to the background. */
const SETTLE_MS = 1_500;

let session: ExtensionSession;
let server: PageServer;
let names: string[];

beforeAll(async () => {
  // Page JavaScript off: what changes the DOM or throws can only be the extension.
  session = await launchExtension({ javaScriptEnabled: false });
  await waitForCorpusReady(session);
  names = await corpusNames(session.worker);
  server = await servePages(pagesDir);
});

afterAll(async () => {
  // The browser first: the server's close() waits for the browser's keep-alive connections to end.
  await session?.close();
  await server?.close();
});

describe(`content script over ${pages.length} saved pages`, () => {
  it('has names to look for', () => {
    expect(names.length).toBeGreaterThan(10);
  });

  for (const file of pages) {
    it(file, async () => {
      const page = await session.context.newPage();
      const errors = await collectAllExceptions(page);
      await page.goto(`${server.origin}/${file}`, { waitUntil: 'load' });
      await page.waitForTimeout(SETTLE_MS);
      const marks = await mainWorldHighlights(page);
      const marked = Object.entries(marks).filter(([k]) => k !== 'backstory-focus').flatMap(([, v]) => v);
      const named = await pageMentionsAny(page, names);
      const source = readFileSync(join(pagesDir, file), 'utf8');
      expect(await page.evaluate(() => document.body?.innerHTML ?? '')).toBe(await pristineBody(page, source));
      expect(errors).toEqual([]);
      if (named) expect(marked.length, `"${named}" is on the page but nothing was marked`).toBeGreaterThan(0);
      await page.close();
    });
  }
});
