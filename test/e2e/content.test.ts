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
  await server?.close();
  await session?.close();
});

async function openNamesPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await session.context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${server.origin}/names.html`);
  return { page, errors };
}

describe('names on a page', () => {
  it('marks the corpus’s names with highlights, leaving the page’s DOM untouched', async () => {
    const { page, errors } = await openNamesPage();
    const marks = await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-person']?.length ?? 0) >= 4, 15_000, 'highlights');
    console.log(JSON.stringify(marks));
    expect(marks['backstory-person'].sort()).toEqual(['Donald Tusk', 'Donald Tusk', 'Tusk', 'Zelensky']);
    expect(marks['backstory-org']).toEqual(['Nato']);
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(await pristineBody(page, NAMES_PAGE));
    expect(errors).toEqual([]);
    await page.close();
  });
});
