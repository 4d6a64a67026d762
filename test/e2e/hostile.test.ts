import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionDir, launchExtension, servePages, waitForCorpusReady, type ExtensionSession, type PageServer } from './harness';
import { cardText, mainWorldHighlights, textPoint, waitFor } from './content-helpers';
import { HANDOFF_KEY } from '../../lib/ui/sidepanel/handoff';
import { BUNDLED_DIGEST_FILE, BUNDLED_INDEX_FILE } from '../../lib/store/bundled-digest';
import { NAMES_SCRIPT } from '../../lib/page-scripts';
import type { SaveOutcome } from '../../lib/messages';

const NAMES = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Names</title></head><body>
<p id="intro">Polish Prime Minister Donald Tusk met Nato allies on Monday.</p></body></html>`;

/** What a page's markup, run, would leave behind: a flag any of these attributes or scripts sets. */
const PLANTED = (n: number) => `&lt;img src=x onerror="window.__pwned=${n}"&gt;`;
/**
 * An article whose title and quotation carry markup as text (escaped in the
 * HTML, so the page shows the characters): saved, it puts them in the
 * corpus, where every view must show them as characters again.
 */
const MARKUP_ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Tusk ${PLANTED(1)} warns allies</title>
<meta property="article:published_time" content="2030-01-02T10:00:00Z"></head><body><article>
<h1>Tusk ${PLANTED(1)} warns allies</h1>
<p>Polish Prime Minister Donald Tusk spoke to reporters in Warsaw on Monday, after a meeting with the leaders of the Baltic states and the Nordic countries about the defence of the alliance's eastern flank.</p>
<p>“We will not &lt;b onmouseover='window.__pwned=2'&gt;bow&lt;/b&gt; &lt;script&gt;window.__pwned=3&lt;/script&gt; to pressure from anyone,” Donald Tusk said.</p>
<p>The talks covered air defence, the protection of undersea cables and pipelines, and the money each country has promised to spend on its armed forces over the next three years, which several leaders said was not yet enough.</p>
<p>Ministers are expected to meet again next month in Vilnius, where officials hope to agree a common plan for the region's borders and for the support of Ukraine through the winter.</p>
</article></body></html>`;

let session: ExtensionSession;
let server: PageServer;

beforeAll(async () => {
  session = await launchExtension();
  await waitForCorpusReady(session);
  const routes: Record<string, string> = { '/names.html': NAMES, '/markup-article.html': MARKUP_ARTICLE };
  server = await servePages(import.meta.dirname, routes);
  // The tab's site is localhost; its frame is another site, 127.0.0.1.
  routes['/framed.html'] = `<!doctype html><title>Framed</title><p id="top">Donald Tusk on top.</p><iframe src="${server.origin}/names.html"></iframe>`;
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

/** The flag planted markup would set, in a page's main world (undefined: none ran). */
const pwned = (page: Page) => page.evaluate(() => (globalThis as any).__pwned);

/** A node of the DevTools protocol's DOM tree, shadow roots pierced. */
type CdpNode = { nodeId: number; nodeType: number; localName?: string; nodeValue?: string; attributes?: string[]; children?: CdpNode[]; shadowRoots?: CdpNode[] };
const walk = (n: CdpNode, visit: (n: CdpNode) => void) => {
  visit(n);
  for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) walk(c, visit);
};
const textOf = (n: CdpNode) => {
  let text = '';
  walk(n, (c) => (text += c.nodeType === 3 ? c.nodeValue : ''));
  return text.trim();
};

/** The card's button labelled `label`, found through its closed shadow root as only the DevTools protocol can: its centre, and a way to click it from the page's own script. */
async function cardButton(page: Page, label: string) {
  const cdp = await session.context.newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  let button: CdpNode | undefined;
  walk(root, (n) => {
    if (n.localName === 'button' && textOf(n) === label) button = n;
  });
  if (!button) throw new Error(`no “${label}” button in the card`);
  // The card scrolls within a bounded height, its buttons last: scroll to them as the user would.
  await cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId: button.nodeId });
  const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: button.nodeId })) as { model: { content: number[] } };
  const [x1, y1, , , x3, y3] = model.content;
  return {
    centre: { x: (x1 + x3) / 2, y: (y1 + y3) / 2 },
    /** A click the page's script makes (isTrusted false), as if it held the button. */
    async scriptClick() {
      const { object } = (await cdp.send('DOM.resolveNode', { nodeId: button!.nodeId })) as { object: { objectId: string } };
      await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function () { this.click(); }' });
    },
    detach: () => cdp.detach(),
  };
}

/**
 * What the card's "Open in side panel" left for the panel (session storage)
 * since the last call, recorded in the worker as it is written: the panel,
 * once open, takes it at once.
 */
async function sidePanelHandoffs(): Promise<unknown[]> {
  return session.worker.evaluate((key) => {
    const world = globalThis as any;
    if (!world.__handoffs) {
      world.__handoffs = [];
      world.chrome.storage.session.onChanged.addListener((changes: Record<string, { newValue?: unknown }>) => {
        if (changes[key]?.newValue) world.__handoffs.push(changes[key].newValue);
      });
    }
    return world.__handoffs.splice(0);
  }, HANDOFF_KEY);
}

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

  it('runs the card’s actions only on the user’s own clicks while its host is fully visible: not when the page makes it transparent, hidden or clipped, nor on clicks the page fabricates', async () => {
    const page = await session.context.newPage();
    await page.goto(`${server.origin}/names.html`);
    await waitFor(() => mainWorldHighlights(page), marked, 15_000, 'marks');
    const name = await textPoint(page, '#intro', 'Tusk');
    const openCard = async () => {
      await page.mouse.move(1, 1);
      await page.mouse.move(name.x, name.y);
      await waitFor(() => cardText(page), (t) => !!t && t.includes('Open in side panel'), 10_000, 'the card');
    };
    await sidePanelHandoffs();
    const clickOpenInSidePanel = async (restyle: string | null) => {
      await openCard();
      const button = await cardButton(page, 'Open in side panel');
      // The page restyles the card's host (it can see the element, not inside its closed shadow root) and puts a decoy under it.
      if (restyle) {
        await page.evaluate((css) => {
          const host = document.querySelector('backstory-card') as HTMLElement;
          for (const rule of css.split(';')) {
            const [property, value] = rule.split(':');
            if (property === 'html-opacity') document.documentElement.style.opacity = value;
            else host.style.setProperty(property, value, 'important');
          }
        }, restyle);
      }
      await page.mouse.click(button.centre.x, button.centre.y);
      await button.detach();
      await page.waitForTimeout(500);
      const handoffs = await sidePanelHandoffs();
      await page.evaluate(() => {
        document.querySelector('backstory-card')?.removeAttribute('style');
        document.documentElement.style.opacity = '';
      });
      return handoffs;
    };
    // The user's own click on the card as drawn opens the panel on Tusk: the action works.
    expect(await clickOpenInSidePanel(null)).toEqual([expect.objectContaining({ hash: expect.stringContaining('donald-tusk') })]);
    for (const restyle of ['opacity:0', 'opacity:0.5', 'visibility:hidden', 'clip-path:inset(0 0 0 0)', 'filter:opacity(0)', 'mask-image:linear-gradient(transparent, transparent)', 'html-opacity:0.9']) {
      expect(await clickOpenInSidePanel(restyle), restyle).toEqual([]);
    }
    // A click the page's script makes on the button itself, the card fully visible: nothing.
    await openCard();
    const button = await cardButton(page, 'Open in side panel');
    await button.scriptClick();
    await button.detach();
    await page.waitForTimeout(500);
    expect(await sidePanelHandoffs()).toEqual([]);
    await page.close();
  });

  it('shows markup in the corpus’s titles and quotes as text: in the popup, the side panel and the card', async () => {
    const url = `${server.origin}/markup-article.html`;
    const article = await session.context.newPage();
    await article.goto(url);
    const popup = await session.page('popup.html');
    const saved = (await popup.evaluate(async (url) => {
      const chrome = (globalThis as any).chrome;
      const [tab] = await chrome.tabs.query({ url });
      return chrome.runtime.sendMessage({ type: 'page/save', tabId: tab.id });
    }, url)) as { ok: boolean; value: SaveOutcome };
    expect(saved.value).toMatchObject({ ok: true, title: expect.stringContaining('<img src=x') });
    if (!saved.value.ok) return;
    await article.close();
    const planted = '<img src=x onerror="window.__pwned=1">';
    const quoted = "<b onmouseover='window.__pwned=2'>bow</b> <script>window.__pwned=3</script>";

    // The popup's results.
    await popup.getByRole('combobox').fill('warns allies');
    await waitFor(() => popup.locator('#results').textContent(), (t) => !!t?.includes(planted), 10_000, 'the article in the results');
    expect(await popup.locator('#results img, #results b[onmouseover], #results script').count()).toBe(0);

    // The side panel's article and profile.
    const panel = await session.page(`sidepanel.html#/article/${encodeURIComponent(saved.value.articleId)}`);
    await waitFor(() => panel.locator('body').textContent(), (t) => !!t?.includes(quoted) && t.includes(planted), 10_000, 'the article with its quote');
    await panel.goto(`chrome-extension://${session.extensionId}/sidepanel.html#/entity/person:donald-tusk`);
    await waitFor(() => panel.locator('body').textContent(), (t) => !!t?.includes(quoted), 10_000, 'the quote in Tusk’s profile');
    for (const view of [popup, panel]) {
      expect(await view.locator('img[src="x"], b[onmouseover], main script, #results script').count()).toBe(0);
      expect(await pwned(view)).toBeUndefined();
    }

    // The card on a page, where the saved article is listed under its title.
    const page = await session.context.newPage();
    await page.goto(`${server.origin}/names.html`);
    await waitFor(() => mainWorldHighlights(page), marked, 15_000, 'marks');
    const name = await textPoint(page, '#intro', 'Tusk');
    await page.mouse.move(name.x, name.y);
    await waitFor(() => cardText(page), (t) => !!t?.includes(planted), 10_000, 'the card with the saved article');
    const cdp = await session.context.newCDPSession(page);
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const elements: string[] = [];
    walk(root, (n) => n.localName && elements.push(n.localName));
    expect(elements).not.toContain('img');
    expect(elements.filter((e) => e === 'b' || e === 'script')).toEqual([]);
    expect(await pwned(page)).toBeUndefined();
    await cdp.detach();
    await Promise.all([page.close(), popup.close(), panel.close()]);
  });

  it('shows markup in the side panel’s address (its hash and query) as text', async () => {
    const markup = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const q = encodeURIComponent(markup);
    for (const path of [`sidepanel.html#/search?q=${q}`, `sidepanel.html#/entity/${q}`, `sidepanel.html#/article/${q}?quote=${q}`, `sidepanel.html?${q}#/entity/person:donald-tusk?about=${q}`]) {
      const panel = await session.page(path);
      await panel.waitForTimeout(500);
      expect(await panel.locator('img[src="x"], body script').count(), path).toBe(0);
      expect(await pwned(panel), path).toBeUndefined();
      await panel.close();
    }
    // The search view shows what was asked, as characters.
    const search = await session.page(`sidepanel.html#/search?q=${q}`);
    await waitFor(() => search.locator('input').first().inputValue(), (v) => v === markup, 5_000, 'the query in the search field');
    await search.close();
  });

  it('answers no message or event that a page’s own scripts shape like Backstory’s', async () => {
    const page = await session.context.newPage();
    await page.goto(`${server.origin}/names.html`);
    await waitFor(() => mainWorldHighlights(page), marked, 15_000, 'marks');
    const heard = await page.evaluate(async (extensionId) => {
      const replies: unknown[] = [];
      const sent = [
        { type: 'entity/card', entityId: 'person:donald-tusk' },
        { type: 'names/match', text: 'Kaja Kallas met Donald Tusk.' },
        { type: 'popup/open', query: 'Tusk' },
        { type: 'page/ready' },
      ];
      addEventListener('message', (e) => {
        if (!sent.some((m) => JSON.stringify(m) === JSON.stringify(e.data))) replies.push(e.data);
      });
      for (const message of sent) {
        postMessage(message, '*');
        document.dispatchEvent(new CustomEvent(message.type, { detail: message, bubbles: true }));
      }
      // The extension's messaging is not the page's: no runtime, or one that refuses an extension that lists no page.
      const runtime = (globalThis as any).chrome?.runtime;
      let direct = 'no runtime';
      if (runtime?.sendMessage) {
        try {
          direct = JSON.stringify(await runtime.sendMessage(extensionId, sent[0]));
        } catch (error) {
          direct = `refused: ${error}`;
        }
      }
      // Fabricated keys: the next name, then Enter to open its card.
      for (const key of ['N', 'Enter']) document.body.dispatchEvent(new KeyboardEvent('keydown', { key, code: key === 'N' ? 'KeyN' : key, altKey: key === 'N', shiftKey: key === 'N', bubbles: true }));
      await new Promise((r) => setTimeout(r, 1_000));
      return { replies, direct };
    }, session.extensionId);
    expect(heard.replies).toEqual([]);
    expect(heard.direct).toMatch(/^(no runtime|refused)/);
    expect(await cardText(page)).toBeNull();
    await page.close();
  });

  it('lets no page fetch or load any of the extension’s files', async () => {
    const manifest = JSON.parse(readFileSync(join(extensionDir(), 'manifest.json'), 'utf8'));
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    const page = await session.context.newPage();
    await page.goto(`${server.origin}/names.html`);
    const files = ['manifest.json', NAMES_SCRIPT.reader, NAMES_SCRIPT.file, NAMES_SCRIPT.ready, NAMES_SCRIPT.css, BUNDLED_INDEX_FILE, BUNDLED_DIGEST_FILE, 'popup.html', 'sidepanel.html', 'background.js', 'icon/16.png'];
    const outcomes = await page.evaluate(
      async ({ base, files }) =>
        Promise.all(
          files.map(async (file) => {
            const url = base + file.replace(/^\//, '');
            const fetched = await fetch(url).then(
              (r) => `fetched ${r.status}`,
              () => 'refused',
            );
            const loaded = await new Promise<string>((done) => {
              const img = Object.assign(document.createElement('img'), { src: url });
              img.onload = () => done('loaded');
              img.onerror = () => done('refused');
            });
            return `${file}: ${fetched}, ${loaded}`;
          }),
        ),
      { base: `chrome-extension://${session.extensionId}/`, files },
    );
    expect(outcomes).toEqual(files.map((file) => `${file}: refused, refused`));
    await page.close();
  });

  it('runs nothing of the corpus’s database in pages: the page scripts hold no IndexedDB or Dexie, which the background does', () => {
    const built = (file: string) => readFileSync(join(extensionDir(), file.replace(/^\//, '')), 'utf8');
    for (const file of [NAMES_SCRIPT.ready, NAMES_SCRIPT.reader, NAMES_SCRIPT.file, '/extract.js']) expect(built(file), file).not.toMatch(/indexedDB|Dexie/);
    expect(built('/background.js')).toMatch(/indexedDB/);
  });

  it('is ready to publish: icons at 16, 32, 48 and 128 px for the extension and its toolbar button, each a PNG of its size', () => {
    const manifest = JSON.parse(readFileSync(join(extensionDir(), 'manifest.json'), 'utf8'));
    for (const icons of [manifest.icons, manifest.action.default_icon]) {
      expect(Object.keys(icons).sort()).toEqual(['128', '16', '32', '48']);
      for (const [size, file] of Object.entries(icons as Record<string, string>)) {
        const png = readFileSync(join(extensionDir(), file));
        // The PNG signature, then the IHDR chunk's width and height.
        expect(png.subarray(1, 4).toString('latin1'), file).toBe('PNG');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)], file).toEqual([Number(size), Number(size)]);
      }
    }
  });

  it('made no network request of its own in all of the above: only the pages served here were asked for', () => {
    expect(session.extensionRequests).toEqual([]);
    expect(session.blockedRequests).toEqual([]);
  });
});
