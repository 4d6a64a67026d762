import { render } from 'preact';
import { markUserNamesItem } from '../../lib/settings';
import { openDb } from '../../lib/store/db';
import { Options } from '../../lib/ui/options/Options';
import '../../lib/ui/options/options.css';

/** The import worker is the unlisted script entrypoints/import-worker.ts, built to this path. */
const IMPORT_WORKER_PATH = '/import-worker.js';

render(
  <Options
    db={openDb()}
    createImportWorker={() => new Worker(browser.runtime.getURL(IMPORT_WORKER_PATH))}
    markUserNames={markUserNamesItem}
    storage={navigator.storage}
  />,
  document.getElementById('app')!,
);
