import { extensionRuntime } from '../../lib/in-page/extension-api';
import { request } from '../../lib/messages';
import { readPage, takeReadBudget } from '../../lib/in-page/page-reader';
import { MUTATION_DEBOUNCE_MS } from '../../lib/in-page/page-scanner';
import { MAX_READ_CHARS } from '../../lib/char-budget';
import { READ_MARK, scriptStart } from '../../lib/bench-marks';

/**
 * The first step on a page where Backstory is on: reads its prose and returns
 * it as the injection's result (lib/in-page/page-reader.ts). An unlisted script
 * the background injects (entrypoints/background/names-script.ts).
 */
export default defineUnlistedScript(() => {
  try {
    const world = globalThis as unknown as Record<string, unknown>;
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
      // What the background said this document may still have read (none if it said nothing), never more than a first read.
      maxChars: Math.min(MAX_READ_CHARS, takeReadBudget(world)),
    });
    if (import.meta.env.MODE === 'bench') {
      const work = performance.now() - scriptStart();
      performance.mark(READ_MARK, { detail: { work } });
    }
    return pieces;
  } catch {
    return null; // Deliberately silent: the page's console belongs to the page.
  }
});
