import { extensionRuntime } from '../lib/in-page/extension-api';
import { offerReader } from '../lib/in-page/read-document';
import { scriptStart } from '../lib/bench-marks';

/**
 * Registered in every http(s) frame of the sites where Backstory is on, at
 * document_idle (entrypoints/background/names-script.ts): offers the reader
 * (lib/in-page/read-document.ts) and tells the background this document is
 * ready; the background calls the reader with the document's budget, one
 * injection. What the webNavigation API told before, without its permission
 * ("Read your browsing history"). The background checks the frame's site and
 * its tab's.
 */
export default defineUnlistedScript(() => {
  try {
    const world = globalThis as unknown as Record<string, unknown>;
    offerReader(world, import.meta.env.MODE === 'bench' ? performance.now() - scriptStart() : 0);
    void extensionRuntime()?.sendMessage({ type: 'page/ready' }).catch(() => undefined);
  } catch {
    // Deliberately silent: the page's console belongs to the page.
  }
});
