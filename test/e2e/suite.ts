/**
 * The set-up most end-to-end files share: one browser with the built
 * extension and its corpus loaded, pages served from `root` (and `routes`),
 * and the popup open; all closed after the file's tests.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchExtension, servePages, waitForCorpusReady, type ExtensionSession, type PageServer } from './harness';

export interface ExtensionSuite {
  session: ExtensionSession;
  server: PageServer;
  popup: Page;
}

export function extensionSuite(root: string, routes: Record<string, string> = {}): ExtensionSuite {
  const suite = {} as ExtensionSuite;
  beforeAll(async () => {
    suite.session = await launchExtension();
    await waitForCorpusReady(suite.session);
    suite.server = await servePages(root, routes);
    suite.popup = await suite.session.page('popup.html');
  });
  afterAll(async () => {
    // The browser first: the server's close() waits for the browser's keep-alive connections to end.
    await suite.session?.close();
    await suite.server?.close();
  });
  return suite;
}
