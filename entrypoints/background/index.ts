import { corpusPipeline } from '../../lib/pipeline';
import { createMatchHandlers, createNameIndexSource } from '../../lib/match/handlers';
import { respond, type Handlers } from '../../lib/messages';
import { popupQueryItem } from '../../lib/settings';
import { CorpusLoader } from '../../lib/store/corpus-loader';
import { openDb } from '../../lib/store/db';
import type { CorpusFile } from '../../lib/store/ingest';
import { setupNamesScript } from './names-script';
import { openSidePanel, setupSidePanel } from './sidepanel';

/** Reads the corpus files shipped with the extension (listed in corpus/index.json at build time). */
async function readBundledFiles(): Promise<CorpusFile[]> {
  // The corpus files are added by a build hook, so WXT's typed public paths don't list them.
  const url = browser.runtime.getURL as (path: string) => string;
  const names = (await (await fetch(url('/corpus/index.json'))).json()) as string[];
  return Promise.all(
    names.map(async (name) => ({ name, bytes: new Uint8Array(await (await fetch(url(`/corpus/${name}`))).arrayBuffer()) })),
  );
}

export default defineBackground(() => {
  const db = openDb();
  const loader = new CorpusLoader(db, corpusPipeline, readBundledFiles);
  // Every start (install, update, browser start, a woken service worker) checks
  // the stored corpus against the bundled files; unchanged files cost one hash.
  const loaded = loader.loadBundled();
  const names = createNameIndexSource(db);
  // Pages are looked up once the corpus is in: after an install, not against an empty table.
  const namesScript = setupNamesScript(() => loaded.then(() => names.get()));

  const handlers: Handlers = {
    'corpus/status': () => loader.status(),
    ...createMatchHandlers(db, names),
    'names/load': (_, sender) => namesScript.loadNamesScript(sender),
    'sidepanel/open': (target, sender) => openSidePanel(target, sender),
    'popup/open': async ({ query }) => {
      await popupQueryItem.setValue(query);
      try {
        await browser.action.openPopup();
        return true;
      } catch {
        return false; // no focused window, or a browser without action.openPopup: the query waits for a click
      }
    },
  };

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const from = {
      tabId: sender.tab?.id,
      windowId: sender.tab?.windowId,
      url: sender.url,
      tabUrl: sender.tab?.url,
      frameId: sender.frameId,
      documentId: sender.documentId,
    };
    respond(handlers, message, from).then(sendResponse);
    return true; // the reply is sent asynchronously
  });

  setupSidePanel();
});
