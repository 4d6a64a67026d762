import { startNames } from './session';

/**
 * Names on any page: marks the names the corpus knows and shows a card on
 * hover or from the keyboard (Alt+Shift+N, then Enter). An unlisted script,
 * which the background injects where the reader's text held names, or where
 * the page added content (entrypoints/background/names-script.ts), and then
 * hands what it found. All logic lives in lib/in-page;
 * session.ts wires it to the browser.
 */
export default defineUnlistedScript(() => {
  startNames();
});
