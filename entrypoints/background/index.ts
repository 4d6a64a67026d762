import { checkMatched, createMatchHandlers } from '../../lib/lookup/handlers';
import { createNameLookup } from '../../lib/lookup/name-lookup';
import { acceptBackgroundChannels } from '../../lib/background-channel';
import { respond, type Handlers, type Sender } from '../../lib/messages';
import { markUserNamesItem, popupQueryItem } from '../../lib/settings';
import { BUNDLED_DIGEST_FILE, type BundledIndex } from '../../lib/store/bundled-digest';
import { CorpusLoader } from '../../lib/store/corpus-loader';
import { openDb } from '../../lib/store/db';
import { keepAliveUntil } from '../../lib/keep-alive';
import { corpusWorkerClient } from './corpus-worker';
import { setupNamesScript } from './names-script';
import { pageDocumentsMemory } from './page-documents';
import { setupSavePage } from './save-page';
import { createLookupMenu, openSidePanel, setupSidePanel } from './sidepanel';

// The corpus files are added by a build hook, so WXT's typed public paths don't list them.
const extensionUrl = (path: string) => (browser.runtime.getURL as (path: string) => string)(path);

/** The index's digest alone: all a start reads when nothing changed. */
async function readBundledDigest(): Promise<string> {
  return ((await (await fetch(extensionUrl(`/${BUNDLED_DIGEST_FILE}`))).json()) as Pick<BundledIndex, 'digest'>).digest;
}

export default defineBackground(() => {
  const db = openDb();
  // Opened at once, alive until open: a schema upgrade of a large corpus outlasts Chrome's 30 s without an event.
  keepAliveUntil(db.open(), () => browser.runtime.getPlatformInfo()).catch(() => undefined);
  // Parsing and analysis run in the corpus worker, started only when a job needs it (a load, a save).
  const corpusWorker = corpusWorkerClient(extensionUrl);
  // Every start (install, update, browser start, a woken service worker) compares
  // the bundled corpus's digest with the stored one: one file of a few bytes read when nothing changed,
  // and no worker started. Otherwise the worker loads what is missing, and its progress is the popup's.
  const loader = new CorpusLoader(db, readBundledDigest, async (onProgress) => {
    try {
      return await corpusWorker.run('load-bundled', {}, onProgress);
    } finally {
      // A load leaves the worker's heap large: ended (and Chrome's offscreen document closed) unless a save is running.
      void corpusWorker.release();
    }
  });
  void loader.loadBundled();
  const names = createNameLookup(db);
  // Read once while the worker lives, not on every page: forgotten when the setting changes.
  let markUserNames: Promise<boolean> | null = null;
  markUserNamesItem.watch(() => (markUserNames = null));
  const readMarkUserNames = () =>
    markUserNamesItem.getValue().catch((error: unknown) => {
      markUserNames = null; // read again on the next page
      throw error;
    });
  const lookupOptions = async () => ({ markUserNames: await (markUserNames ??= readMarkUserNames()) });
  const documents = pageDocumentsMemory();
  // Pages are looked up once the corpus is in: after an install, not against an empty table.
  const namesScript = setupNamesScript(async (texts) => {
    const [options] = await Promise.all([lookupOptions(), loader.stored()]);
    return names.match(texts, options);
  }, documents.get);

  const savePage = setupSavePage(async (page) => {
    const report = await corpusWorker.run('add-page', { page });
    // The worker's write reaches this context's cache through Dexie's broadcast, which may come after the reply: the next page looks up afresh.
    names.forget();
    return report;
  });
  // Each message is accepted only from the senders its type is for (lib/messages.ts MESSAGE_ORIGINS): saving, for one, only from Backstory's own pages.
  const handlers: Handlers = {
    'page/save': ({ tabId }) => savePage.save(tabId),
    'corpus/status': () => loader.status(),
    ...createMatchHandlers(db, names, documents.get, lookupOptions),
    'page/ready': ({ pieces }, sender) => namesScript.pageReady(sender, pieces),
    'names/load': (_, sender) => namesScript.loadNamesScript(sender),
    'sidepanel/open': (target, sender) => openSidePanel(target, sender),
    'card/sidepanel': async ({ entityId }, sender) => {
      // Checked without awaiting when the memory is loaded: the panel opens only within the click's gesture.
      checkMatched((documents.now() ?? (await documents.get())).documents, sender, entityId);
      return openSidePanel({ entityId }, sender);
    },
    'popup/open': async ({ query }, sender) => {
      // Firefox's MV2 build has no action.openPopup: the side bar opens on the same search, called before any
      // await so it stays within the click's gesture; the query still waits for the popup should it not open.
      const openPopup = (browser as { action?: { openPopup?: () => Promise<void> } }).action?.openPopup;
      if (!openPopup) {
        const opened = openSidePanel({ query }, sender);
        await popupQueryItem.setValue(query);
        return opened;
      }
      await popupQueryItem.setValue(query);
      try {
        await browser.action.openPopup();
        return true;
      } catch {
        return false; // no focused window: the query waits for a click
      }
    },
  };

  const answer = (message: unknown, from: Sender) => respond(handlers, message, from, extensionUrl('/'));
  // Chrome: extension pages ask over ports straight to this worker, clear of the browser's busy main thread (lib/background-channel.ts).
  if ('ServiceWorkerGlobalScope' in globalThis) acceptBackgroundChannels(self as never, location.origin, answer);
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const from = {
      tabId: sender.tab?.id,
      windowId: sender.tab?.windowId,
      url: sender.url,
      tabUrl: sender.tab?.url,
      frameId: sender.frameId,
      documentId: sender.documentId,
    };
    answer(message, from).then(sendResponse);
    return true; // the reply is sent asynchronously
  });

  setupSidePanel();
  // Menus persist across service-worker restarts; recreate them to avoid duplicate-id errors.
  // Promise form: Firefox's browser.* namespace takes no callbacks.
  void browser.contextMenus.removeAll().then(() => {
    createLookupMenu();
    savePage.createMenu();
  });
});
