/**
 * Runs Backstory on the pages where it is on. When a document has loaded,
 * the background injects the reader (reader.js), which returns the page's
 * prose; the background looks for names in it, and only where it finds some
 * does it inject the names script (names.js: marks and card) and hand it what
 * it found. A page without names so costs one read of its text: the names
 * script, its messaging and its listeners never load there. The marks' styles
 * are the CSS of a registered content script, in place before the page is
 * first styled. Flipping a switch applies at once to open tabs.
 */
import { browser, type Browser } from 'wxt/browser';
import type { NameMatch, Sender } from '../../lib/messages';
import { READER_KEY } from '../../lib/match/page-reader';
import {
  BENCHMARK_READS,
  hostnameOf,
  isActiveOn,
  NAMES_SCRIPT,
  namesStyleRegistration,
  parseRunSettings,
  readerTexts,
  RUN_SETTINGS_KEYS,
  settingsChange,
  type RunSettings,
} from '../../lib/match/run-settings';

const readSettings = () => browser.storage.local.get(RUN_SETTINGS_KEYS).then(parseRunSettings);

/** Whether Backstory is on in the tab at `tabUrl`: frames follow their tab's site, the one the user sees and switches. */
async function isActiveInTab(tabUrl: string | undefined): Promise<boolean> {
  const hostname = hostnameOf(tabUrl);
  return hostname !== null && isActiveOn(hostname, await readSettings());
}

/** Nothing runs anywhere: what tabs hold before an install reads them. */
const NOWHERE: RunSettings = { paused: true, disabledSites: [] };

/** Non-production builds: how many names each read found, once done (see BENCHMARK_READS). */
const finishedReads: Map<string, number> | null = import.meta.env?.MODE !== 'production' ? new Map() : null;
if (finishedReads) Object.assign(globalThis, { [BENCHMARK_READS]: finishedReads });

type Target = Browser.scripting.InjectionTarget;

/** One document: by its id where the browser gives one (a frame that navigated meanwhile is then left alone), else by its frame. */
const documentTarget = (tabId: number, frameId: number, documentId?: string): Target =>
  documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [frameId] };

export function setupNamesScript(findNames: (texts: string[]) => Promise<NameMatch[]>): { loadNamesScript(sender: Sender): Promise<boolean> } {
  /** Reads the documents of `target` and starts the names script in those where names were found. */
  const readAndMark = async (target: Target) => {
    const reads = await browser.scripting.executeScript({ target, files: [NAMES_SCRIPT.reader] });
    await Promise.all(
      reads.map(async ({ frameId, documentId, result }) => {
        const texts = readerTexts(result);
        if (!texts) return;
        const found = await findNames(texts);
        // A frame that navigated or closed meanwhile takes nothing: the others still get theirs.
        if (found.length) await runNames(documentTarget(target.tabId, frameId, documentId), found).catch(() => undefined);
        if (finishedReads) finishedReads.set((await browser.tabs.get(target.tabId)).url ?? '', found.length);
      }),
    );
  };

  // One change at a time: registering and injecting are asynchronous, and two at once would race.
  let queue = Promise.resolve();
  const apply = (after: RunSettings, before: RunSettings | null) => {
    queue = queue
      .then(async () => {
        await registerStyles(after);
        if (before) await applyToTabs(before, after, readAndMark);
      })
      .catch((error) => console.error('Backstory could not apply its settings to pages:', error));
  };
  const current = readSettings();
  void current.then((settings) => apply(settings, null));
  // Registered at once, so a change wakes this worker; the change carries both states.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    void browser.storage.local.get(RUN_SETTINGS_KEYS).then((values) => {
      const change = settingsChange(changes, values);
      if (change) apply(change.after, change.before);
    });
  });
  // Tabs open before an install or update have not been read (or hold an orphaned script): read them.
  browser.runtime.onInstalled.addListener(() => void current.then((settings) => apply(settings, NOWHERE)));

  // Each document where Backstory is on is read once its DOM is complete (the injection itself waits for document_idle).
  browser.webNavigation.onDOMContentLoaded.addListener(
    ({ tabId, frameId, documentId, url }) => {
      void (async () => {
        const tabUrl = frameId === 0 ? url : (await browser.tabs.get(tabId)).url;
        if (await isActiveInTab(tabUrl)) await readAndMark(documentTarget(tabId, frameId, documentId));
      })().catch(() => undefined); // A tab or frame that closed or navigated meanwhile, or a page no extension may script.
    },
    { url: NAMES_SCRIPT.schemes.map((scheme) => ({ schemes: [scheme] })) },
  );

  return {
    /** The reader saw its page change: the names script takes over there, to scan what was added. */
    async loadNamesScript({ tabId, frameId, documentId, tabUrl }: Sender): Promise<boolean> {
      if (tabId === undefined || frameId === undefined || !(await isActiveInTab(tabUrl))) return false;
      await runNames(documentTarget(tabId, frameId, documentId), []);
      return true;
    },
  };
}

/** Injects the names script into one document and hands it the names found there. */
async function runNames(target: Target, found: unknown[]): Promise<void> {
  await browser.scripting.executeScript({ target, files: [NAMES_SCRIPT.file] });
  await browser.scripting.executeScript({ target, func: runInstance, args: [NAMES_SCRIPT.instanceKey, found] });
}

async function registerStyles(settings: RunSettings): Promise<void> {
  const styles = namesStyleRegistration(settings);
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [NAMES_SCRIPT.id] });
  if (!styles) {
    if (registered.length) await browser.scripting.unregisterContentScripts({ ids: [NAMES_SCRIPT.id] });
  } else if (registered.length) {
    // Without the key, an update would keep the old exclusions.
    await browser.scripting.updateContentScripts([{ excludeMatches: [], ...styles }]);
  } else {
    await browser.scripting.registerContentScripts([styles]);
  }
}

/** Reads or stops every frame of the tabs whose state the change flips. */
async function applyToTabs(before: RunSettings, after: RunSettings, readAndMark: (target: Target) => Promise<void>): Promise<void> {
  const tabs = await browser.tabs.query({ url: [...NAMES_SCRIPT.matches] });
  await Promise.all(
    tabs.map(async (tab) => {
      const hostname = hostnameOf(tab.url);
      if (tab.id === undefined || hostname === null) return;
      const on = isActiveOn(hostname, after);
      if (on === isActiveOn(hostname, before)) return;
      const target: Target = { tabId: tab.id, allFrames: true };
      try {
        // Whatever ran here before (an orphaned script after an update) stops first, so the reader reads afresh.
        await browser.scripting.executeScript({ target, func: stopInstance, args: [NAMES_SCRIPT.instanceKey, READER_KEY] });
        if (on) {
          await browser.scripting.insertCSS({ target, files: [NAMES_SCRIPT.css] });
          await readAndMark(target);
        }
      } catch {
        // A tab the extension may not script (the Web Store, a page still loading its first frame): nothing to apply.
      }
    }),
  );
}

/** Runs in the page's frames, in the isolated world: serialised, so it may use nothing from outside. */
function stopInstance(instanceKey: string, readerKey: string): void {
  const world = globalThis as unknown as Record<string, { stop(): unknown } | undefined>;
  world[instanceKey]?.stop();
  world[readerKey]?.stop();
  delete world[readerKey];
}

/** Runs in one document, in the isolated world, after the names script: hands it what the background found. */
function runInstance(instanceKey: string, found: unknown[]): void {
  (globalThis as unknown as Record<string, { run(found: unknown[]): void } | undefined>)[instanceKey]?.run(found);
}
