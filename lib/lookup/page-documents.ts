/**
 * What the background remembers of the documents it reads, per tab and frame:
 * how many documents the tab has had read since its page loaded (at most
 * MAX_FRAMES_PER_TAB), each document's character budget (lib/char-budget.ts),
 * and the entities matched in it, the only ones its page scripts may ask a
 * card for (entity ids are guessable: without this, any content-script
 * context could read any entity's card, or learn which exist).
 *
 * A frame's record is reset when a new document in it reports ready, a tab's
 * when its top document does, and dropped when the tab closes. Plain data,
 * saved to session storage (`save`) so a service worker that stopped and woke
 * still knows what the open pages matched.
 */
import { availableChars, endFirstRead, freshBudget, takeChars, TRICKLE_CHARS, type CharBudgetState } from '../char-budget';
import { MAX_READ_CHARS } from '../char-budget';

/** Documents read per tab until its top document changes: a page of twenty ad frames is read whole; one that reloads frames ten times a second is not read for ever. */
export const MAX_FRAMES_PER_TAB = 50;
/**
 * A tab's budget over all its documents: their first reads share twice one
 * document's allowance (a long article and its frames), then twice one
 * document's trickle. Twenty 2 MB frames reloading ten times a second so
 * cost the background what one long page costs, not four hundred megabytes a second.
 */
export const TAB_FIRST_READS_CHARS = 2 * MAX_READ_CHARS;
export const TAB_TRICKLE_CHARS = 2 * TRICKLE_CHARS;
/**
 * Fewest characters a document must be allowed for the background to read it
 * at all: a read costs two injections and a reply whatever its size, so once
 * a tab's first allowance is spent, its trickle (TAB_TRICKLE_CHARS per 10 s)
 * pays for a read at most every half second, not one per frame load.
 */
export const MIN_READ_CHARS = 10_000;
/** Entities remembered per document, oldest forgotten first: far more than a news page names (the 130 benchmark pages: at most a few hundred). */
export const MAX_MATCHED_PER_DOCUMENT = 5_000;
/** Tabs remembered, least recently used forgotten first (a tab forgotten only loses its cards until its next load). */
export const MAX_TABS = 200;
/**
 * How long before its top document a frame may report ready and keep its
 * record through the top's reset: frames of the page being loaded, not of the
 * pages before it, so a long-lived tab does not gather records.
 */
export const EARLY_FRAME_MS = 10_000;

interface DocumentRecord {
  budget: CharBudgetState;
  matched: string[];
  /** When the document reported ready (absent in records saved before it was kept). */
  readyAt?: number;
}
interface TabRecord {
  /** Documents read since the top document loaded. */
  reads: number;
  budget: CharBudgetState;
  frames: Record<string, DocumentRecord>;
}
export type PageDocumentsState = Record<string, TabRecord>;

export class PageDocuments {
  private readonly tabs = new Map<number, TabRecord>();
  /** Matched lists as sets, made when first asked (a record replaced or dropped takes its set with it). */
  private readonly sets = new WeakMap<DocumentRecord, Set<string>>();

  constructor(
    private readonly now: () => number = () => Date.now(),
    state: PageDocumentsState = {},
  ) {
    for (const [tabId, tab] of Object.entries(state)) if (isTabRecord(tab)) this.tabs.set(Number(tabId), tab);
  }

  /**
   * A new document in a frame is ready: its record starts afresh (its tab's
   * too when `newPage`: a top document loaded). False when the tab has had
   * its share of documents read: the document is then not read at all.
   */
  ready(tabId: number, frameId: number, newPage = frameId === 0): boolean {
    let tab = this.tabs.get(tabId);
    // A new page starts the tab afresh but for the frames that reported ready just before its top
    // document did (a frame can): they must not lose their read to the top's reset.
    if (!tab || newPage) tab = { reads: 0, budget: freshBudget(this.now(), TAB_FIRST_READS_CHARS, TAB_TRICKLE_CHARS), frames: this.earlyFrames(tab) };
    this.touch(tabId, tab);
    delete tab.frames[frameId];
    if (tab.reads >= MAX_FRAMES_PER_TAB) return false;
    tab.reads++;
    tab.frames[frameId] = { budget: freshBudget(this.now()), matched: [], readyAt: this.now() };
    return true;
  }

  private earlyFrames(tab: TabRecord | undefined): Record<string, DocumentRecord> {
    const now = this.now();
    return Object.fromEntries(Object.entries(tab?.frames ?? {}).filter(([, record]) => record.readyAt !== undefined && now - record.readyAt <= EARLY_FRAME_MS));
  }

  /** Characters a document may still have read (0 for one never reported ready): within its own budget and its tab's. */
  available(tabId: number, frameId: number): number {
    const tab = this.tabs.get(tabId);
    const record = tab?.frames[frameId];
    if (!tab || !record) return 0;
    const now = this.now();
    return Math.min(availableChars(record.budget, now), availableChars(tab.budget, now));
  }

  /**
   * Characters of text granted to a document that wants `wanted` more, from
   * its budget and its tab's (0 for one never reported ready). After its
   * `firstRead`, a document gets the trickle only.
   */
  take(tabId: number, frameId: number, wanted: number, firstRead = false): number {
    const tab = this.tabs.get(tabId);
    const record = tab?.frames[frameId];
    if (!tab || !record) return 0;
    const now = this.now();
    const granted = Math.min(wanted, availableChars(record.budget, now), availableChars(tab.budget, now));
    takeChars(record.budget, granted, now);
    takeChars(tab.budget, granted, now);
    if (firstRead) endFirstRead(record.budget);
    return granted;
  }

  /** Remembers entities matched in a document, the newest last. */
  matched(tabId: number, frameId: number, entityIds: Iterable<string>): void {
    const record = this.tabs.get(tabId)?.frames[frameId];
    if (!record) return;
    const set = this.setOf(record);
    for (const id of entityIds) {
      if (set.has(id)) continue;
      set.add(id);
      record.matched.push(id);
    }
    if (record.matched.length > MAX_MATCHED_PER_DOCUMENT) {
      for (const id of record.matched.splice(0, record.matched.length - MAX_MATCHED_PER_DOCUMENT)) set.delete(id);
    }
  }

  /** Whether the entity was matched in that document. */
  wasMatched(tabId: number, frameId: number, entityId: string): boolean {
    const record = this.tabs.get(tabId)?.frames[frameId];
    return !!record && this.setOf(record).has(entityId);
  }

  closeTab(tabId: number): void {
    this.tabs.delete(tabId);
  }

  /** Everything, as plain data for session storage. */
  save(): PageDocumentsState {
    return Object.fromEntries(this.tabs);
  }

  private setOf(record: DocumentRecord): Set<string> {
    let set = this.sets.get(record);
    if (!set) this.sets.set(record, (set = new Set(record.matched)));
    return set;
  }

  /** Most recently used last; past MAX_TABS the least recently used goes. */
  private touch(tabId: number, tab: TabRecord): void {
    this.tabs.delete(tabId);
    this.tabs.set(tabId, tab);
    if (this.tabs.size > MAX_TABS) this.closeTab(this.tabs.keys().next().value!);
  }
}

function isTabRecord(value: unknown): value is TabRecord {
  const tab = value as TabRecord;
  return typeof tab === 'object' && tab !== null && typeof tab.reads === 'number' && typeof tab.budget === 'object' && tab.budget !== null && typeof tab.frames === 'object' && tab.frames !== null;
}

/** The background's PageDocuments and a call to make after each change (the background then saves them). */
export interface DocumentsMemory {
  documents: PageDocuments;
  changed(): void;
}
