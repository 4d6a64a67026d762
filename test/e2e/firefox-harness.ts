/**
 * End-to-end harness for Firefox: the system's Firefox ESR, headless, driven
 * over WebDriver BiDi by puppeteer-core, with the Firefox build installed as a
 * temporary add-on. Pages are served from this machine; every other request
 * goes to a local proxy that refuses it and records it. It builds nothing:
 * run `npm run build:firefox` first.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { CorpusStatus } from '../../lib/messages';
import { cardTextOf, type DomNode } from './content-helpers';
import { browserPath, extensionDir } from './harness';

/** Debian's Firefox ESR, then a plain Firefox; BACKSTORY_FIREFOX overrides. */
const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

export function firefoxPath(): string {
  return browserPath({
    override: process.env.BACKSTORY_FIREFOX,
    candidates: FIREFOX_CANDIDATES,
    missing: 'No Firefox found for the Firefox end-to-end tests',
    install: 'Install it with `sudo apt-get install -y firefox-esr` (Debian), or point BACKSTORY_FIREFOX at a Firefox binary.',
  });
}

/** What `wxt build -b firefox` writes (BACKSTORY_FIREFOX_EXTENSION_DIR overrides). */
export function firefoxExtensionDir(): string {
  return extensionDir('.output/firefox-mv2', { envVar: 'BACKSTORY_FIREFOX_EXTENSION_DIR', command: 'npm run build:firefox' });
}

export interface FirefoxSession {
  browser: Browser;
  /** The host of the extension's moz-extension:// pages. */
  uuid: string;
  /** Opens an extension page in a new tab, e.g. page('popup.html'). */
  page(path: string): Promise<Page>;
  /** Requests that would have left this machine, refused by the proxy: "GET http://…" or "CONNECT host:443". */
  blockedRequests: string[];
  /** The last lines Firefox printed, its extension pages' and workers' console among them: for a failure's message. */
  recentOutput(): string;
  close(): Promise<void>;
}

/** An HTTP proxy on 127.0.0.1 that refuses everything and records what it was asked for. */
async function refusingProxy(blocked: string[]): Promise<{ port: number; server: Server }> {
  const server = createServer((req, res) => {
    blocked.push(`${req.method} ${req.url}`);
    res.writeHead(403).end();
  });
  server.on('connect', (req, socket) => {
    blocked.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return { port: address.port, server };
}

/** The add-on id the Firefox build declares (browser_specific_settings.gecko.id). */
function geckoId(dir: string): string {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${dir}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

export async function launchFirefoxExtension(options: { dir?: string } = {}): Promise<FirefoxSession> {
  const dir = options.dir ?? firefoxExtensionDir();
  const blockedRequests: string[] = [];
  const proxy = await refusingProxy(blockedRequests);
  // Firefox gives each add-on a random UUID for its moz-extension:// host and
  // reads the map from this preference, so presetting it names the host.
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    // WebDriver BiDi refuses to navigate to moz-extension:// pages without it.
    args: ['--remote-allow-system-access'],
    env: {
      ...process.env,
      // Lets the remote-settings preference below take effect (release builds ignore it otherwise).
      MOZ_REMOTE_SETTINGS_DEVTOOLS: '1',
    },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId(dir)]: uuid }),
      // The value Firefox itself reads as "remote settings off": no fetches of blocklists or rules.
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      // Everything but this machine goes through the refusing proxy.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxy.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': false,
      // The extension's console (its pages and workers) goes to Firefox's output, which a failure quotes.
      'devtools.console.stdout.content': true,
    },
  });
  const output = recentLines(browser, 60);
  try {
    await browser.installExtension(dir);
  } catch (error) {
    await browser.close();
    proxy.server.close();
    throw error;
  }
  return {
    browser,
    uuid,
    blockedRequests,
    recentOutput: output,
    async page(path: string) {
      const page = await browser.newPage();
      // Raw BiDi: puppeteer's goto waits for events the switch to the
      // extension's process never sends ("Frame detached"); page.url() keeps
      // saying about:blank, but evaluate and input reach the extension page.
      await bidi(browser, 'browsingContext.navigate', { context: contextId(page), url: `moz-extension://${uuid}/${path}`, wait: 'complete' });
      return page;
    },
    async close() {
      await browser.close();
      await new Promise<void>((done) => proxy.server.close(() => done()));
    },
  };
}

/** The last `keep` lines the browser process printed, as one text. */
function recentLines(browser: Browser, keep: number): () => string {
  const lines: string[] = [];
  const take = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter((line) => line.trim() !== ''));
    lines.splice(0, Math.max(0, lines.length - keep));
  };
  const child = browser.process();
  child?.stdout?.on('data', take);
  child?.stderr?.on('data', take);
  return () => lines.join('\n');
}

/** Sends a WebDriver BiDi command on puppeteer's connection. */
function bidi(browser: Browser, method: string, params: object): Promise<{ result: any }> {
  return (browser as unknown as { connection: { send(method: string, params: object): Promise<{ result: any }> } }).connection.send(method, params);
}

/** The BiDi browsing context of a page's top frame. */
const contextId = (page: Page): string => (page.mainFrame() as unknown as { _id: string })._id;

/**
 * Asks the background for the corpus status from an extension page until it is
 * ready and the names script is registered, so pages opened next get it.
 */
export async function waitForFirefoxCorpusReady(session: FirefoxSession, timeoutMs = 30_000): Promise<CorpusStatus> {
  const page = await session.page('popup.html');
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { status, registered } = await page.evaluate(async () => {
        const api = (globalThis as any).browser;
        const reply = (await api.runtime.sendMessage({ type: 'corpus/status' })) as { value?: CorpusStatus };
        return { status: reply?.value, registered: (await api.scripting.getRegisteredContentScripts()).length as number };
      });
      if (status?.state === 'ready' && registered > 0) return status;
      if (status?.state === 'error' || Date.now() > deadline) throw new Error(`Corpus not ready: ${JSON.stringify(status)}\nFirefox's last output:\n${session.recentOutput()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await page.close();
  }
}

/** A node as WebDriver BiDi serializes it (script.evaluate with serializationOptions). */
type BidiNode = {
  type: string;
  sharedId?: string;
  value?: { nodeType: number; localName?: string; nodeValue?: string; children?: BidiNode[]; shadowRoot?: BidiNode | null };
};

const toDomNode = (n: BidiNode): DomNode => ({
  nodeType: n.value?.nodeType ?? 0,
  nodeName: n.value?.localName ?? '',
  localName: n.value?.localName,
  nodeValue: n.value?.nodeValue,
  children: (n.value?.children ?? []).map(toDomNode),
  shadowRoots: n.value?.shadowRoot ? [toDomNode(n.value.shadowRoot)] : [],
});

/**
 * The card's host as WebDriver BiDi serializes it, closed shadow root
 * included (includeShadowTree "all": page scripts cannot read it, the test
 * can), or null when no card host exists.
 */
async function cardHost(session: FirefoxSession, page: Page): Promise<BidiNode | null> {
  const { result } = await bidi(session.browser, 'script.evaluate', {
    expression: 'document.querySelector("backstory-card")',
    target: { context: contextId(page) },
    awaitPromise: false,
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: null },
  });
  if (result.type !== 'success') throw new Error(`script.evaluate failed: ${JSON.stringify(result)}`);
  return result.result.type === 'node' ? (result.result as BidiNode) : null;
}

/** The text inside the card's closed shadow root, or null when no card host exists. */
export async function firefoxCardText(session: FirefoxSession, page: Page): Promise<string | null> {
  const host = await cardHost(session, page);
  return host ? cardTextOf(toDomNode(host)) : null;
}

/**
 * Clicks the card's button labelled `label` as the user would: the button is
 * found through the closed shadow root (as only the test can), scrolled into
 * the card's view, and clicked with WebDriver BiDi's pointer, a trusted click.
 */
export async function firefoxClickCardButton(session: FirefoxSession, page: Page, label: string): Promise<void> {
  const host = await cardHost(session, page);
  let button: BidiNode | undefined;
  const textOf = (n: BidiNode): string => (n.value?.nodeType === 3 ? (n.value.nodeValue ?? '') : (n.value?.children ?? []).map(textOf).join(''));
  const walk = (n: BidiNode) => {
    if (n.value?.localName === 'button' && textOf(n).trim() === label) button = n;
    for (const c of [...(n.value?.shadowRoot ? [n.value.shadowRoot] : []), ...(n.value?.children ?? [])]) walk(c);
  };
  if (host) walk(host);
  if (!button?.sharedId) throw new Error(`no “${label}” button in the card`);
  const element = { sharedId: button.sharedId };
  await bidi(session.browser, 'script.callFunction', {
    functionDeclaration: 'function () { this.scrollIntoView({ block: "nearest" }); }',
    this: element,
    target: { context: contextId(page) },
    awaitPromise: false,
  });
  await bidi(session.browser, 'input.performActions', {
    context: contextId(page),
    actions: [
      {
        type: 'pointer',
        id: 'card-click',
        parameters: { pointerType: 'mouse' },
        actions: [{ type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element } }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }],
      },
    ],
  });
}
