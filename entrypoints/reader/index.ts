import { takeReadBudget } from '../../lib/in-page/page-reader';
import { readDocument } from '../../lib/in-page/read-document';
import { scriptStart } from '../../lib/bench-marks';

/**
 * Reads a page's prose and returns it as the injection's result
 * (lib/in-page/read-document.ts), within the budget the background left just
 * before (none if it left none). An unlisted script the background injects
 * where page-ready.js has not offered the reader: documents open before an
 * install or a switch turned on (entrypoints/background/names-script.ts).
 */
export default defineUnlistedScript(() => {
  const world = globalThis as unknown as Record<string, unknown>;
  return readDocument(world, takeReadBudget(world), scriptStart());
});
