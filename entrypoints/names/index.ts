import { startNames } from './session';

/**
 * Names on any page: marks the names the corpus knows and shows a card on
 * hover or from the keyboard (Alt+Shift+N, then Enter). An unlisted script,
 * which the background registers as a content script where Backstory is on
 * (entrypoints/background/names-script.ts). All logic lives in lib/match and
 * lib/ui/card; session.ts wires it to the browser.
 */
export default defineUnlistedScript(() => {
  startNames();
});
