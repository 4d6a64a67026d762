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
  main(ctx) {
    startNames(ctx);
  },
});
