import { extensionRuntime } from '../lib/in-page/extension-api';
import { offerReader, readTopDocument } from '../lib/in-page/read-document';
import { scriptStart } from '../lib/bench-marks';

/**
 * Registered in every http(s) frame of the sites where Backstory is on, at
 * document_idle (entrypoints/background/names-script.ts): tells the
 * background this document is ready. A top document is read at once and its
 * prose goes with the note; a frame offers the reader
 * (lib/in-page/read-document.ts), which the background calls with the
 * frame's budget, one injection. What the webNavigation API told before,
 * without its permission ("Read your browsing history"). The background
 * checks the frame's site and its tab's.
 */
export default defineUnlistedScript(() => {
  try {
    const world = globalThis as unknown as Record<string, unknown>;
    const startedAt = import.meta.env.MODE === 'bench' ? scriptStart() : 0;
    let pieces: string[] | null = null;
    // A frame's budget is its tab's to say; a top document's is always a whole first read.
    if (window === window.top) pieces = readTopDocument(world, startedAt);
    else offerReader(world, import.meta.env.MODE === 'bench' ? performance.now() - startedAt : 0);
    void extensionRuntime()?.sendMessage(pieces ? { type: 'page/ready', pieces } : { type: 'page/ready' }).catch(() => undefined);
  } catch {
    // Deliberately silent: the page's console belongs to the page.
  }
});
