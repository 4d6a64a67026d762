/**
 * End-to-end harness: a real headless Chromium with the built extension loaded,
 * pages served from this machine, and every other request blocked.
 */
import { chromium, type BrowserContext, type Page, type Request, type Worker } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import type { CorpusStatus } from '../../lib/messages';

const repoRoot = resolve(import.meta.dirname, '../..');

/** Where Debian, Ubuntu and most distributions put Chromium; BACKSTORY_CHROMIUM overrides. */
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string {
  return browserPath({
    override: process.env.BACKSTORY_CHROMIUM,
    candidates: CHROMIUM_CANDIDATES,
    missing: 'No Chromium found for the end-to-end tests',
    install: 'Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), or point BACKSTORY_CHROMIUM at a Chromium or Chrome binary.',
  });
}

/** The first browser binary that exists, the environment's choice first; else an error that says how to install one. */
export function browserPath({ override, candidates, missing, install }: { override?: string; candidates: string[]; missing: string; install: string }): string {
  const looked = [override, ...candidates].filter(Boolean) as string[];
  const found = looked.find((path) => existsSync(path));
  if (!found) throw new Error(`${missing} (looked at ${looked.join(', ')}). ${install}`);
  return found;
}

/** The built extension: `fallback` unless the environment variable names another; the error says which build makes it. */
export function extensionDir(fallback = '.output/chrome-mv3', build = { envVar: 'BACKSTORY_EXTENSION_DIR', command: 'npm run build' }): string {
  const dir = resolve(repoRoot, process.env[build.envVar] ?? fallback);
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`No built extension in ${dir}: run \`${build.command}\` first.`);
  }
  return dir;
}

/** Flags that keep Chromium off the network and quiet on a machine without one. */
const CHROMIUM_ARGS = [
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-gpu',
  '--no-sandbox',
];

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  /** The service worker; replace it after a restart. */
  worker: Worker;
  /** Opens an extension page, e.g. page('popup.html'). */
  page(path: string): Promise<Page>;
  /** Requests that were blocked because they left this machine. */
  blockedRequests: string[];
  /** Every address other than the extension's own files that the extension itself requested: from its service worker or its pages. */
  extensionRequests: string[];
  /** The browser profile (benchmarks read its IndexedDB size and find its processes by it). */
  userDataDir: string;
  close(): Promise<void>;
}

const isLocal = (url: string) => {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'chrome-extension:' || protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
};

/** Whether the extension's service worker or one of its pages made a request (a page's frames may be gone by then: its URL is asked only when there is one). */
function madeByExtension(request: Request): boolean {
  if (request.serviceWorker()) return true;
  try {
    return request.frame().url().startsWith('chrome-extension:');
  } catch {
    return false; // a navigation request of a frame not yet attached, which only pages make
  }
}

/**
 * `userDataDir`: a browser profile to open (created when missing) and keep on
 * close; otherwise a fresh one, deleted on close.
 */
export async function launchExtension(options: { javaScriptEnabled?: boolean; dir?: string; userDataDir?: string } = {}): Promise<ExtensionSession> {
  const dir = options.dir ?? extensionDir();
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'backstory-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  const blockedRequests: string[] = [];
  const extensionRequests: string[] = [];
  await context.route('**/*', (route) => {
    const request = route.request();
    const url = request.url();
    if (!url.startsWith('chrome-extension:') && madeByExtension(request)) extensionRequests.push(url);
    if (isLocal(url)) return route.continue();
    blockedRequests.push(url);
    return route.abort('blockedbyclient');
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    blockedRequests,
    extensionRequests,
    userDataDir,
    async page(path: string) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close() {
      await context.close();
      if (!options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Stops the extension's service worker, as the browser does when it idles, and
 * returns once it has stopped. The list goes on recording the worker's states
 * (for "running" when something wakes it). Replace session.worker afterwards.
 */
export async function stopServiceWorker(session: ExtensionSession, page: Page, timeoutMs = 5_000): Promise<string[]> {
  const cdp = await session.context.newCDPSession(page);
  const states: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => states.push(...versions.map((v) => v.runningStatus)));
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const deadline = Date.now() + timeoutMs;
  while (!states.includes('stopped')) {
    if (Date.now() > deadline) throw new Error(`The service worker did not stop: ${states.join(', ')}`);
    await page.waitForTimeout(50);
  }
  return states;
}

/**
 * Asks the background for the corpus status from an extension page until it is
 * ready, and waits for the names script's registration (which the background
 * makes as it starts), so pages opened next get the script.
 */
export async function waitForCorpusReady(session: ExtensionSession, timeoutMs = 30_000): Promise<CorpusStatus> {
  const page = await session.page('popup.html');
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reply = (await page.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'corpus/status' }))) as { value?: CorpusStatus };
      const status = reply?.value;
      const registered = await page.evaluate(() => (globalThis as any).chrome.scripting.getRegisteredContentScripts());
      if (status?.state === 'ready' && registered.length > 0) return status;
      if (status?.state === 'error' || Date.now() > deadline) {
        throw new Error(`Corpus not ready: ${JSON.stringify(status)}`);
      }
      await page.waitForTimeout(100);
    }
  } finally {
    await page.close();
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
};

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

/** A static file server on 127.0.0.1 for the saved pages; `extraRoutes` serve generated HTML. */
export async function servePages(root: string, extraRoutes: Record<string, string> = {}): Promise<PageServer> {
  const base = resolve(root);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path in extraRoutes) {
      res.writeHead(200, { 'content-type': CONTENT_TYPES['.html'] });
      res.end(extraRoutes[path]);
      return;
    }
    const file = normalize(join(base, path));
    if (!file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
