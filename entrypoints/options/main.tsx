import { render } from 'preact';
import { markUserNamesItem } from '../../lib/settings';
import { openDb } from '../../lib/store/db';
import { Options } from '../../lib/ui/options/Options';
import { CORPUS_WORKER_PATH } from '../../lib/worker/paths';
import '../../lib/ui/options/options.css';

render(
  <Options
    db={openDb()}
    createImportWorker={() => new Worker(browser.runtime.getURL(CORPUS_WORKER_PATH))}
    markUserNames={markUserNamesItem}
    storage={navigator.storage}
  />,
  document.getElementById('app')!,
);
