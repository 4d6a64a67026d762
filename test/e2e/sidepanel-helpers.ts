/** Helpers for the side panel's end-to-end tests. */
import type { Page } from 'playwright-core';
import type { ExtensionSession } from './harness';

/** The widths Chrome's side panel is usually given; the layout must hold at the narrow end. */
export const PANEL_VIEWPORT = { width: 360, height: 900 };

/** Opens sidepanel.html (as a tab: a headless browser has no side panel to show) on `hash`. */
export async function openPanel(session: ExtensionSession, hash = ''): Promise<Page> {
  const page = await session.context.newPage();
  await page.setViewportSize(PANEL_VIEWPORT);
  await page.goto(`chrome-extension://${session.extensionId}/sidepanel.html${hash}`);
  return page;
}

/** The h1 of the current view, once it has loaded. */
export async function viewHeading(page: Page, expected: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: expected, exact: true }).waitFor({ timeout: 10_000 });
}

/** Ids of stored articles with the given date, read from the extension's IndexedDB. */
export async function articleIdsDated(page: Page, date: string): Promise<string[]> {
  return page.evaluate(
    (wanted) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('backstory');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          // Articles have no index by date: the few of the test corpus are read whole.
          const request = open.result.transaction('articles').objectStore('articles').getAll();
          request.onsuccess = () => resolve((request.result as Array<{ id: string; date: string | null }>).filter((a) => a.date === wanted).map((a) => a.id));
          request.onerror = () => reject(request.error);
        };
      }),
    date,
  );
}

/** The browser window a page is in, as the extension APIs number it. */
export async function windowIdOf(page: Page): Promise<number> {
  return page.evaluate(async () => ((await (globalThis as any).chrome.windows.getCurrent()) as { id: number }).id);
}

/**
 * Clicks "Look up “…” in Backstory" as far as a test can: the service worker's
 * registered onClicked listeners run with the selection, as after a real right
 * click. Opening the panel itself needs a real gesture and fails headless; the
 * route it hands over is what the panel follows.
 */
export async function clickLookupMenu(session: ExtensionSession, selectionText: string, windowId: number): Promise<void> {
  await session.worker.evaluate(
    ({ selectionText, windowId }) => {
      const info = { menuItemId: 'backstory-lookup', selectionText, editable: false, pageUrl: 'http://127.0.0.1/' };
      // Chrome's event objects expose dispatch() to the extension's own contexts.
      (globalThis as any).chrome.contextMenus.onClicked.dispatch(info, { id: -1, windowId });
    },
    { selectionText, windowId },
  );
}

/** URLs of the side panels the browser has open (the real panel, not a tab), as the service worker sees them. */
export async function sidePanelUrls(session: ExtensionSession): Promise<string[]> {
  const contexts: { documentUrl?: string }[] = await session.worker.evaluate(() =>
    (globalThis as any).chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] }),
  );
  return contexts.map((c) => c.documentUrl ?? '');
}
