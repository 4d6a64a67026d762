/**
 * The reader as the page scripts run it (lib/in-page/page-reader.ts wired to
 * the browser): reader.js, which the background injects, and page-ready.js,
 * which offers it to the background (READ_OFFER_KEY). A document that
 * reported ready is so read in one injection (the offer called with its
 * budget), not two (the budget left, then reader.js injected).
 */
import { extensionRuntime } from './extension-api';
import { request } from '../messages';
import { READ_OFFER_KEY, readPage } from './page-reader';
import { MUTATION_DEBOUNCE_MS } from './page-scanner';
import { MAX_READ_CHARS } from '../char-budget';
import { READ_MARK } from '../bench-marks';

/**
 * Reads the document's prose, at most `budget` characters (never more than a
 * first read); null when it was read already or may have nothing read.
 * `startedAt` (benchmark builds): when this script's own work started, noted
 * with the read's main-thread time.
 */
export function readDocument(world: Record<string, unknown>, budget: number, startedAt = 0): string[] | null {
  try {
    const pieces = readPage({
      doc: document,
      world,
      // The page changed: the names script takes over from here. Orphaned (the extension was updated or removed), there is no one to ask.
      onChanged: async () => {
        const runtime = extensionRuntime();
        return runtime !== undefined && (await request((m) => runtime.sendMessage(m), { type: 'names/load' }));
      },
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      debounceMs: MUTATION_DEBOUNCE_MS,
      maxChars: Math.min(MAX_READ_CHARS, budget),
    });
    if (import.meta.env.MODE === 'bench') performance.mark(READ_MARK, { detail: { work: performance.now() - startedAt } });
    return pieces;
  } catch {
    return null; // Deliberately silent: the page's console belongs to the page.
  }
}

/**
 * Reads a top document at once, for its page/ready note to carry: a top
 * document that loads starts its tab afresh in the background
 * (lib/lookup/page-documents.ts), so its first read is always allowed a whole
 * first read, and reading it here costs no round trip. `startedAt`: as for
 * readDocument.
 */
export function readTopDocument(world: Record<string, unknown>, startedAt = 0): string[] | null {
  return readDocument(world, MAX_READ_CHARS, startedAt);
}

/**
 * Leaves the reader for the background to call with this document's budget
 * (what it may still have read; a budget that is not a positive number reads
 * nothing). One call only: a second returns null, as a repeated read does.
 * `setUpMs` (benchmark builds): the main-thread time the offering script took
 * to load, added to the read's.
 */
export function offerReader(world: Record<string, unknown>, setUpMs = 0): void {
  const offer = (budget: unknown): string[] | null => {
    if (world[READ_OFFER_KEY] !== offer) return null;
    delete world[READ_OFFER_KEY];
    const startedAt = import.meta.env.MODE === 'bench' ? performance.now() - setUpMs : 0;
    return readDocument(world, typeof budget === 'number' && budget > 0 ? budget : 0, startedAt);
  };
  world[READ_OFFER_KEY] = offer;
}
