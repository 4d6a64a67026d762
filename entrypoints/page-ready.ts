import { extensionRuntime } from '../lib/in-page/extension-api';

/**
 * Registered in every http(s) frame of the sites where Backstory is on, at
 * document_idle (entrypoints/background/names-script.ts): tells the
 * background this document is ready, and the background reads it. What the
 * webNavigation API told before, without its permission ("Read your
 * browsing history"). The background checks the frame's site and its tab's.
 */
export default defineUnlistedScript(() => {
  try {
    void extensionRuntime()?.sendMessage({ type: 'page/ready' }).catch(() => undefined);
  } catch {
    // Deliberately silent: the page's console belongs to the page.
  }
});
