import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionDir, launchExtension, servePages, waitForCorpusReady, type ExtensionSession, type PageServer } from './harness';
import { mainWorldHighlights, waitFor } from './content-helpers';

const NAMES = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Names</title></head><body>
<p id="intro">Polish Prime Minister Donald Tusk met Nato allies on Monday.</p></body></html>`;

let session: ExtensionSession;
let server: PageServer;

beforeAll(async () => {
  session = await launchExtension();
  await waitForCorpusReady(session);
  const routes: Record<string, string> = { '/names.html': NAMES };
  server = await servePages(import.meta.dirname, routes);
  // The tab's site is localhost; its frame is another site, 127.0.0.1.
  routes['/framed.html'] = `<!doctype html><title>Framed</title><p id="top">Donald Tusk on top.</p><iframe src="${server.origin}/names.html"></iframe>`;
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const setSettings = (values: Record<string, unknown>) => session.worker.evaluate((v) => (globalThis as any).chrome.storage.local.set(v), values);
const marked = (h: Record<string, string[]>) => (h['backstory-person']?.length ?? 0) > 0;

/** Runs `expression` (awaited) in Backstory's isolated world of the page's top frame: what a content script, or a renderer speaking for it, can send. */
async function fromContentScript(page: Page, expression: string): Promise<unknown> {
  const cdp: CDPSession = await session.context.newCDPSession(page);
  const contexts: Array<{ id: number; name: string }> = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: { id: number; name: string } }) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  try {
    const world = contexts.find((c) => c.name === 'Backstory');
    if (!world) throw new Error('no Backstory world in the page');
    const r = (await cdp.send('Runtime.evaluate', { contextId: world.id, expression, awaitPromise: true, returnByValue: true })) as { result: { value?: unknown } };
    return r.result.value;
  } finally {
    await cdp.detach();
  }
}

describe('a hostile page', () => {
  it('asks for no webNavigation or activeTab permission', () => {
    const manifest = JSON.parse(readFileSync(join(extensionDir(), 'manifest.json'), 'utf8'));
    expect(manifest.permissions).not.toContain('webNavigation');
    expect(manifest.permissions).not.toContain('activeTab');
  });

  it('gets from a content script only what page scripts may ask, and a card only for a name matched on it', async () => {
    const page = await session.context.newPage();
    await page.goto(`${server.origin}/names.html`);
    await waitFor(() => mainWorldHighlights(page), marked, 15_000, 'marks');
    const send = (message: object) => fromContentScript(page, `chrome.runtime.sendMessage(${JSON.stringify(message)})`);
    expect(await send({ type: 'corpus/status' })).toEqual({ ok: false, error: expect.stringContaining('Not allowed') });
    expect(await send({ type: 'page/save', tabId: 1 })).toEqual({ ok: false, error: expect.stringContaining('Not allowed') });
    expect(await send({ type: 'sidepanel/open', query: 'x'.repeat(10_000) })).toEqual({ ok: false, error: expect.stringContaining('Not allowed') });
    expect(await send({ type: 'entity/card', entityId: 'person:donald-tusk' })).toMatchObject({ ok: true, value: { name: 'Donald Tusk' } });
    // Kaja Kallas is in the corpus but not on this page: her id is guessable, her card is not served here.
    expect(await send({ type: 'entity/card', entityId: 'person:kaja-kallas' })).toEqual({ ok: false, error: expect.stringContaining('Not allowed') });
    expect(await send({ type: 'names/match', text: 42 })).toEqual({ ok: false, error: expect.stringContaining('“text” is not a string') });
    // And an extension page cannot ask for what only page scripts ask.
    const popup = await session.page('popup.html');
    expect(await popup.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'entity/card', entityId: 'person:donald-tusk' }))).toEqual({
      ok: false,
      error: expect.stringContaining('Not allowed'),
    });
    await Promise.all([page.close(), popup.close()]);
  });

  it('does not read a frame of a site turned off inside a page that is on, nor keep marks there when it is turned off', async () => {
    const framed = `${server.origin.replace('127.0.0.1', 'localhost')}/framed.html`;
    const frameOf = (page: Page) => page.frames().find((f) => f.url().endsWith('/names.html'))!;
    const open = await session.context.newPage();
    await open.goto(framed);
    await waitFor(() => mainWorldHighlights(frameOf(open)), marked, 15_000, 'marks in the frame');
    await setSettings({ 'backstory.disabledSites': ['127.0.0.1'] });
    // The open frame stops; its tab's page stays marked.
    await waitFor(() => mainWorldHighlights(frameOf(open)), (h) => Object.keys(h).length === 0, 5_000, 'marks removed from the frame');
    expect(marked(await mainWorldHighlights(open))).toBe(true);
    // A page loaded now: the top is read, the frame is not.
    const fresh = await session.context.newPage();
    await fresh.goto(framed);
    await waitFor(() => mainWorldHighlights(fresh), marked, 15_000, 'marks on the top page');
    await fresh.waitForTimeout(500);
    expect(await mainWorldHighlights(frameOf(fresh))).toEqual({});
    await setSettings({ 'backstory.disabledSites': [] });
    await waitFor(() => mainWorldHighlights(frameOf(fresh)), marked, 10_000, 'marks in the frame turned back on');
    await Promise.all([open.close(), fresh.close()]);
  });
});
