import { startNames } from './session';

/**
 * Names on any page: marks the names the corpus knows and shows a card on
 * hover or from the keyboard (Alt+Shift+N, then Enter). All logic lives in
 * lib/match and lib/ui/card; session.ts wires it to the browser.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  runAt: 'document_idle',
  // WXT's old way to stop a previous instance posts a message every page's own
  // listeners receive (and some mishandle); its custom event does the job alone.
  // The post also measured ~5 ms per page load in the content benchmark.
  noScriptStartedPostMessage: true,
  main(ctx) {
    startNames(ctx);
  },
});
