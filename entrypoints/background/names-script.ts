/**
 * Runs Backstory on the pages where it is on. A registered content script
 * (page-ready.js, at document_idle, in every http(s) frame but those of sites
 * turned off) tells the background a document is ready: a top document with
 * its prose, read there at once; a frame by offering the reader, which the
 * background calls with the frame's budget (reader.js is injected where no
 * reader is offered: documents open before an install). The background
 * looks for names in the prose, and only where it finds some does it
 * inject the names script (names.js: marks and card) and hand it what it
 * found. A page without names so costs one read of its text: the names
 * script, its messaging and its listeners never load there. The marks' styles
 * come with the registered script, in place before the page is first styled.
 * Flipping a switch applies at once to open tabs, frame by frame.
 */
import { browser, type Browser } from 'wxt/browser';
import type { NameMatch, Sender } from '../../lib/messages';
import { READ_BUDGET_KEY, READ_OFFER_KEY, READER_KEY } from '../../lib/in-page/page-reader';
import { MIN_READ_CHARS, type PageDocuments } from '../../lib/lookup/page-documents';
import { ReadQueue } from '../../lib/lookup/read-queue';
import { firstOfPieces } from '../../lib/char-budget';
import { packTexts } from '../../lib/text/pieces';
import { BENCHMARK_READS } from '../../lib/bench-marks';
import { hostnameOf, isActiveInFrame, parseRunSettings, RUN_SETTINGS_KEYS, settingsChange, type RunSettings } from '../../lib/sites';
import { isRegisteredAs, NAMES_SCRIPT, namesStyleRegistration } from '../../lib/page-scripts';
import { readerPieces } from '../../lib/lookup/reader-results';

/** Nothing runs anywhere: what tabs hold before an install reads them. */
const NOWHERE: RunSettings = { paused: true, disabledSites: [] };

/** Non-production builds: how many names each read found, once done (see BENCHMARK_READS). */
const finishedReads: Map<string, number> | null = import.meta.env?.MODE !== 'production' ? new Map() : null;
if (finishedReads) Object.assign(globalThis, { [BENCHMARK_READS]: finishedReads });

type Target = Browser.scripting.InjectionTarget;

/** One document: by its id where the browser gives one (a frame that navigated meanwhile is then left alone; Firefox has none), else by its frame. */
const documentTarget = (tabId: number, frameId: number, documentId?: string): Target =>
  documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [frameId] };

/** One frame of a tab, as an injection into all frames reports it. */
interface Frame {
  frameId: number;
  documentId?: string;
  url: string | undefined;
  /** Its document reported ready (page-ready.js), so it offers the reader (lib/in-page/read-document.ts). */
  offersReader?: boolean;
  /** A top document's prose, read as it reported ready and carried by its note. */
  pieces?: string[];
}

export function setupNamesScript(
  findNames: (texts: string[]) => Promise<NameMatch[]>,
  documents: () => Promise<{ documents: PageDocuments; changed(): void }>,
): { pageReady(sender: Sender, pieces?: string[]): Promise<boolean>; loadNamesScript(sender: Sender): Promise<boolean> } {
  /**
   * Reads one document (counted against its tab's share when it reported
   * ready) and starts the names script there if names were found. The reader
   * is told what the document may still have read, so text over budget never
   * leaves the page.
   */
  const readAndMark = async (tabId: number, frame: Frame) => {
    const memory = await documents();
    // A tab that spent its budget (frames reloading all the time) is not read again until the trickle refills.
    const budget = memory.documents.available(tabId, frame.frameId);
    if (budget < MIN_READ_CHARS) return;
    const target = documentTarget(tabId, frame.frameId, frame.documentId);
    const pieces = readerPieces(frame.pieces ?? (await readByInjection(target, budget, frame.offersReader)));
    if (!pieces) return;
    // The first read is the document's first allowance, within what its tab has left; the rest is dropped.
    const granted = memory.documents.take(tabId, frame.frameId, pieces.reduce((n, p) => n + p.length, 0), true);
    const found = await findNames(packTexts(firstOfPieces(pieces, granted)));
    memory.documents.matched(tabId, frame.frameId, found.map((m) => m.entityId));
    memory.changed();
    // A frame that navigated or closed meanwhile takes nothing.
    if (found.length) await runNames(target, found).catch(() => undefined);
    if (finishedReads) finishedReads.set((await browser.tabs.get(tabId)).url ?? '', found.length);
  };
  const reads = new ReadQueue<Frame>((tabId, _, frame) => readAndMark(tabId, frame));

  /** A document new in its frame: read it, unless its tab has had its share; `newPage`: the tab starts afresh (a top document loaded, or a switch turned on). */
  const readNew = async (tabId: number, frame: Frame, newPage = frame.frameId === 0) => {
    const memory = await documents();
    const allowed = memory.documents.ready(tabId, frame.frameId, newPage);
    memory.changed();
    if (allowed) reads.push(tabId, frame.frameId, frame);
  };

  // Read on every page load: kept while the worker lives, forgotten on any change of the local area.
  let settings: Promise<RunSettings> | null = null;
  const readSettings = () => (settings ??= browser.storage.local.get(RUN_SETTINGS_KEYS).then(parseRunSettings));

  // One change at a time: registering and injecting are asynchronous, and two at once would race.
  let queue = Promise.resolve();
  const apply = (after: RunSettings, before: RunSettings | null) => {
    queue = queue
      .then(async () => {
        await registerPageScripts(after);
        if (before) await applyToTabs(before, after, readNew);
      })
      .catch((error) => console.error('Backstory could not apply its settings to pages:', error));
  };
  const current = readSettings();
  void current.then((settings) => apply(settings, null));
  // Registered at once, so a change wakes this worker; the change carries both states.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    settings = null;
    void browser.storage.local.get(RUN_SETTINGS_KEYS).then((values) => {
      const change = settingsChange(changes, values);
      if (change) apply(change.after, change.before);
    });
  });
  // Tabs open before an install or update have not been read (or hold an orphaned script): read them.
  browser.runtime.onInstalled.addListener(() => void current.then((settings) => apply(settings, NOWHERE)));
  browser.tabs.onRemoved.addListener((tabId) => {
    reads.dropTab(tabId);
    void documents().then((memory) => {
      memory.documents.closeTab(tabId);
      memory.changed();
    });
  });

  return {
    /** A document reported ready (page-ready.js), a top one with its prose: read it if Backstory is on for it and its tab. */
    async pageReady({ tabId, frameId, documentId, url, tabUrl }: Sender, pieces?: string[]): Promise<boolean> {
      if (tabId === undefined || frameId === undefined || !isActiveInFrame(tabUrl, url, await readSettings())) return false;
      await readNew(tabId, pieces ? { frameId, documentId, url, pieces } : { frameId, documentId, url, offersReader: true });
      return true;
    },
    /** The reader saw its page change: the names script takes over there, to scan what was added. */
    async loadNamesScript({ tabId, frameId, documentId, url, tabUrl }: Sender): Promise<boolean> {
      if (tabId === undefined || frameId === undefined || !isActiveInFrame(tabUrl, url, await readSettings())) return false;
      await runNames(documentTarget(tabId, frameId, documentId), []);
      return true;
    },
  };
}

/**
 * Reads one document within `budget` characters: by the reader page-ready.js
 * offered, one injection, where it did; else (a document open before an
 * install or a switch turned on) by leaving the budget and injecting reader.js.
 */
async function readByInjection(target: Target, budget: number, offered = false): Promise<unknown> {
  if (offered) {
    const [read] = await browser.scripting.executeScript({ target, func: callOfferedReader, args: [READ_OFFER_KEY, budget, NOT_OFFERED] });
    if (read?.result !== NOT_OFFERED) return read?.result;
  }
  await browser.scripting.executeScript({ target, func: leaveReadBudget, args: [READ_BUDGET_KEY, budget] });
  const [read] = await browser.scripting.executeScript({ target, files: [NAMES_SCRIPT.reader] });
  return read?.result;
}

/** What callOfferedReader returns where no reader is offered (a script from an older version of the extension ran there). */
const NOT_OFFERED = 'not offered';

/** Runs in one document, in the isolated world: the reader page-ready.js offered, called with the document's budget. */
function callOfferedReader(offerKey: string, chars: number, notOffered: string): unknown {
  const offer = (globalThis as unknown as Record<string, unknown>)[offerKey];
  return typeof offer === 'function' ? (offer as (chars: number) => unknown)(chars) : notOffered;
}

/**
 * Injects the names script into one document and hands it the names found
 * there, both at once: the browser may run them in either order (a file is
 * read before it runs), and the hand-over leaves what it brings for the
 * script to take as it starts when no instance is there yet.
 */
async function runNames(target: Target, found: unknown[]): Promise<void> {
  await Promise.all([
    browser.scripting.executeScript({ target, files: [NAMES_SCRIPT.file] }),
    browser.scripting.executeScript({ target, func: handOver, args: [NAMES_SCRIPT.instanceKey, NAMES_SCRIPT.foundKey, found] }),
  ]);
}

async function registerPageScripts(settings: RunSettings): Promise<void> {
  const scripts = namesStyleRegistration(settings);
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [NAMES_SCRIPT.id] });
  if (!scripts) {
    if (registered.length) await browser.scripting.unregisterContentScripts({ ids: [NAMES_SCRIPT.id] });
  } else if (registered.length) {
    if (isRegisteredAs(registered[0], scripts)) return;
    // Without the key, an update would keep the old exclusions.
    await browser.scripting.updateContentScripts([{ excludeMatches: [], ...scripts }]);
  } else {
    await browser.scripting.registerContentScripts([scripts]);
  }
}

/**
 * Reads or stops every frame whose state the change flips. Each frame goes
 * by its own site and its tab's: a frame of a site turned off stops (or is
 * not read) whatever its parent.
 */
async function applyToTabs(before: RunSettings, after: RunSettings, readNew: (tabId: number, frame: Frame, newPage: boolean) => Promise<void>): Promise<void> {
  const tabs = await browser.tabs.query({ url: [...NAMES_SCRIPT.matches] });
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || hostnameOf(tab.url) === null) return;
      const tabId = tab.id;
      try {
        const frames: Frame[] = (await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: frameUrl })).map(
          ({ frameId, documentId, result }) => ({ frameId, documentId, url: typeof result === 'string' ? result : undefined }),
        );
        let newPage = true;
        for (const frame of frames) {
          const on = isActiveInFrame(tab.url, frame.url, after);
          if (on === isActiveInFrame(tab.url, frame.url, before)) continue;
          const target = documentTarget(tabId, frame.frameId, frame.documentId);
          try {
            // Whatever ran here before (an orphaned script after an update) stops first, so the reader reads afresh.
            await browser.scripting.executeScript({ target, func: stopInstance, args: [NAMES_SCRIPT.instanceKey, READER_KEY] });
            if (on) {
              await browser.scripting.insertCSS({ target, files: [NAMES_SCRIPT.css] });
              // The first frame read starts the tab's record afresh; the rest count against its share.
              await readNew(tabId, frame, newPage);
              newPage = false;
            }
          } catch {
            // A frame that navigated or closed meanwhile: the others still get theirs.
          }
        }
      } catch {
        // A tab the extension may not script (the Web Store, a page still loading its first frame): nothing to apply.
      }
    }),
  );
}

/** Runs in each frame, in the isolated world: the frame's own URL (its site decides, not its parent's). */
function frameUrl(): string {
  return location.href;
}

/** Runs in the page's frames, in the isolated world: serialised, so it may use nothing from outside. */
function stopInstance(instanceKey: string, readerKey: string): void {
  const world = globalThis as unknown as Record<string, { stop(): unknown } | undefined>;
  world[instanceKey]?.stop();
  world[readerKey]?.stop();
  delete world[readerKey];
}

/** Runs in one document, in the isolated world, just before the reader: what it may read (see READ_BUDGET_KEY). */
function leaveReadBudget(budgetKey: string, chars: number): void {
  (globalThis as unknown as Record<string, number>)[budgetKey] = chars;
}

/**
 * Runs in one document, in the isolated world, before or after the names
 * script: hands its instance what the background found, or leaves it for the
 * instance about to start (added to anything left before and not yet taken).
 */
function handOver(instanceKey: string, foundKey: string, found: unknown[]): void {
  const world = globalThis as unknown as Record<string, unknown>;
  const instance = world[instanceKey] as { run(found: unknown[]): void; alive(): boolean } | undefined;
  if (instance?.alive()) return instance.run(found);
  const waiting = world[foundKey];
  world[foundKey] = Array.isArray(waiting) ? waiting.concat(found) : found;
}
