/**
 * The first step on every page where Backstory is on, and on most pages the
 * only one. When a document has loaded, the reader reads its prose
 * (lib/in-page/read-document.ts: a top document's goes with its ready note, a
 * frame's is the result of the background's call), and the background looks
 * for names in it. Only where it finds some does it inject
 * the names script (marks, card) and hand it what it found. A page without
 * names so pays for one `textContent` read and nothing else: no messaging
 * binding, no listener, no timer until the page changes.
 *
 * What was read stays in the reader's isolated world (never the page's), for
 * the names script to mark without reading the page again. The reader also
 * watches for added content: the first change (debounced) asks the
 * background for the names script, which takes over the changes seen so far.
 */
import { firstChars } from '../text/pieces';
import { firstReadable, prosePieces, readText, type ReadText } from './page-text';

/** Where the reader leaves its state in the isolated world. */
export const READER_KEY = '__backstoryReader';
/**
 * Where the background leaves, just before injecting the reader, how many
 * characters this document may still have read (its budget and its tab's,
 * page-documents.ts): the reader returns no more, so a frame over budget
 * costs no transfer of text the background would drop.
 */
export const READ_BUDGET_KEY = '__backstoryReadBudget';
/**
 * Where page-ready.js leaves the reader in its isolated world
 * (lib/in-page/read-document.ts), a function of the characters this document
 * may have read: the background calls it once, and it is gone after that call.
 */
export const READ_OFFER_KEY = '__backstoryReadOffer';

/** The budget the background left for this read, taken so a later injection cannot reuse it; 0 when none was left (a document that replaced the one it was for). */
export function takeReadBudget(world: Record<string, unknown>): number {
  const budget = world[READ_BUDGET_KEY];
  delete world[READ_BUDGET_KEY];
  return typeof budget === 'number' && budget > 0 ? budget : 0;
}

export interface ReaderState {
  /** The first read, until the names script takes it. */
  read: ReadText | null;
  /** Stops watching and returns the changes seen and not yet handed on. */
  stop(): MutationRecord[];
}

export interface ReaderOptions {
  doc: Document;
  /** The isolated world's global object, where the state is kept. */
  world: Record<string, unknown>;
  /** Asks the background for the names script: the page changed. Called once; true when the names script is on its way. */
  onChanged(): Promise<boolean>;
  setTimeout(fn: () => void, ms: number): unknown;
  debounceMs: number;
  /** Most characters of prose returned (the rest of a huge page is not looked up); 0: nothing is read. */
  maxChars: number;
}

/**
 * Reads the page once per isolated world: the pieces of prose to look up
 * (the background joins them into texts; joining here would copy them), or
 * null when this world has read it already (an injection repeated by an
 * update or a switch), the document has no root yet, or it may have nothing
 * read (`maxChars` 0).
 */
export function readPage({ doc, world, onChanged, setTimeout, debounceMs, maxChars }: ReaderOptions): string[] | null {
  if (world[READER_KEY] || maxChars <= 0) return null;
  const root = doc.body ?? doc.documentElement;
  if (!root) return null;
  const records: MutationRecord[] = [];
  let asked = false;
  const observer = new MutationObserver((added) => {
    records.push(...added);
    if (asked) return;
    asked = true;
    // No names script coming (Backstory was turned off here, or updated or removed): stop watching, keep nothing.
    const giveUp = () => void state.stop();
    setTimeout(() => onChanged().then((coming) => coming || giveUp(), giveUp), debounceMs);
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  const read = readText(root);
  const state: ReaderState = {
    // The names script marks the names found within what was returned (to a piece's length more: firstChars keeps whole pieces).
    read: firstReadable([read], maxChars)[0],
    stop() {
      records.push(...observer.takeRecords());
      observer.disconnect();
      return records.splice(0);
    },
  };
  world[READER_KEY] = state;
  // Only what the background will look up crosses to it: a page of fifty megabytes sends two.
  return firstChars(prosePieces(read), maxChars);
}
