/** Helpers for the content script's end-to-end tests and benchmark. */
import type { CDPSession, Page, Worker } from 'playwright-core';

/** A quote of Donald Tusk's in the bundled corpus, which his card shows. */
export const TUSK_QUOTE = 'We support Ukraine in a war that is a defensive war and there is nothing to discuss here';
/** A page naming people and an organisation of the bundled corpus: in full, by surname, possessive, split by markup, and in a textarea (not marked). */
export const NAMES_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Names</title></head><body>
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

/** A node as the DevTools protocol's DOM.getDocument describes it; the Firefox harness maps WebDriver BiDi's serialization onto it. */
export type DomNode = { nodeType: number; nodeName: string; localName?: string; nodeValue?: string; children?: DomNode[]; shadowRoots?: DomNode[] };

/**
 * The text inside the card's closed shadow root, or null when no card host
 * exists. Page scripts cannot read a closed shadow root; the DevTools protocol
 * (DOM.getDocument with pierce) can, which is how a test sees the card.
 */
export async function cardText(page: Page): Promise<string | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const host = find(root, (n) => n.localName === 'backstory-card');
    return host ? cardTextOf(host) : null;
  } finally {
    await cdp.detach();
  }
}

/** The visible text under the card's host element, shadow roots included, styles left out. */
export function cardTextOf(host: DomNode): string {
  const parts: string[] = [];
  const collect = (n: DomNode) => {
    if (n.nodeType === 3 && n.nodeValue) parts.push(n.nodeValue);
    if (n.localName === 'style') return;
    for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) collect(c);
  };
  collect(host);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

function find(n: DomNode, test: (n: DomNode) => boolean): DomNode | null {
  if (test(n)) return n;
  for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) {
    const f = find(c, test);
    if (f) return f;
  }
  return null;
}

/** Polls until `read` returns something `ok` accepts, or fails with the last value seen. */
export async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What these helpers need of a page: a Playwright Page or Frame, or a Puppeteer Page (the Firefox suite). */
export interface Evaluates {
  evaluate(fn: (arg: any) => unknown, arg?: any): Promise<any>;
}

/** Records per store in the extension's own IndexedDB, read from one of its pages. */
export function countStores(page: Evaluates, names: string[]): Promise<Record<string, number>> {
  return page.evaluate(
    (names: string[]) =>
      new Promise<Record<string, number>>((done, fail) => {
        const open = indexedDB.open('backstory');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(names, 'readonly');
          const counts: Record<string, number> = {};
          for (const name of names) {
            const req = tx.objectStore(name).count();
            req.onsuccess = () => (counts[name] = req.result);
          }
          tx.oncomplete = () => {
            open.result.close();
            done(counts);
          };
        };
      }),
    names,
  );
}

/** Highlight sizes and marked texts as the page's (or frame's) main world sees CSS.highlights. */
export function mainWorldHighlights(page: Evaluates): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    const registry = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights;
    // Iterators, not forEach: with page JavaScript off, the page world cannot run callbacks.
    for (const [name, h] of registry ? [...registry.entries()] : []) {
      out[name] = [];
      for (const r of [...h]) {
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        out[name].push(live.toString());
      }
    }
    return out;
  });
}

/** Centre of the `nth` occurrence of `text` inside the element matched by `selector`, in viewport coordinates. */
export function textPoint(page: Evaluates, selector: string, text: string, nth = 0): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ({ selector, text, nth }) => {
      const root = document.querySelector(selector);
      if (!root) throw new Error(`no ${selector}`);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        for (let i = n.data.indexOf(text); i >= 0; i = n.data.indexOf(text, i + 1)) {
          if (seen++ < nth) continue;
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + text.length);
          const box = r.getBoundingClientRect();
          return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
        }
      }
      throw new Error(`no "${text}" in ${selector}`);
    },
    { selector, text, nth },
  );
}

/**
 * body.innerHTML of the page's own source, parsed without any script or
 * extension touching it. Like the live parser: a declarative shadow root's
 * <template shadowrootmode> becomes a shadow root, so it leaves innerHTML
 * (DOMParser keeps it), and a byte-order mark is dropped as the decoder does.
 */
export function pristineBody(page: Evaluates, source: string): Promise<string> {
  return page.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    for (const t of [...doc.querySelectorAll('template[shadowrootmode]')]) {
      if (t.parentElement && !t.parentElement.shadowRoot) t.remove();
    }
    return doc.body.innerHTML;
  }, source.replace(/^\uFEFF/, ''));
}

/** Collects uncaught errors and console errors of a page. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

export type { CDPSession };

/**
 * Exceptions thrown in any of the page's JavaScript worlds, the content
 * script's isolated world included (Playwright's 'pageerror' sees only the
 * page's main world).
 */
export async function collectAllExceptions(page: Page): Promise<string[]> {
  const errors: string[] = [];
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Runtime.exceptionThrown', (e: { exceptionDetails: { text: string; exception?: { description?: string } } }) =>
    errors.push(e.exceptionDetails.exception?.description ?? e.exceptionDetails.text),
  );
  await cdp.send('Runtime.enable');
  return errors;
}

/**
 * Names and aliases of every stored entity, read from the extension's
 * IndexedDB in its service worker (an extension page would not do: with page
 * JavaScript off, its IndexedDB callbacks never run).
 */
export async function corpusNames(worker: Worker): Promise<string[]> {
  return worker.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('backstory');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('entities').objectStore('entities').getAll();
          request.onsuccess = () => resolve((request.result as Array<{ name: string; aliases: string[] }>).flatMap((e) => [e.name, ...e.aliases]));
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/** Whether the page's visible text (not scripts, styles or form fields) contains any of `names` as a whole word, as written. */
export function pageMentionsAny(page: Page, names: string[]): Promise<string | null> {
  return page.evaluate((names) => {
    const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'TEMPLATE', 'SELECT', 'OPTION', 'svg', 'TITLE']);
    let text = '';
    const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      let hidden = false;
      for (let el = n.parentElement; el; el = el.parentElement) {
        if (skip.has(el.tagName) || el.hasAttribute('hidden') || (el.getAttribute('contenteditable') ?? 'false') !== 'false') hidden = true;
      }
      if (!hidden) text += (n as Text).data + '\n';
    }
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const name of names) {
      if (name.length < 3 || !/^\p{Lu}/u.test(name)) continue;
      if (new RegExp(`(?<![\\p{L}\\p{N}])${escape(name)}(?![\\p{L}\\p{N}-])`, 'u').test(text)) return name;
    }
    return null;
  }, names);
}
