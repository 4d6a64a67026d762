/**
 * The import worker's body: takes one import at a time and reports on it.
 * Analysis runs here, off the options page's main thread.
 */
import type { BackstoryDb } from '../store/db';
import type { WorkerScope } from './protocol';
import { runImport } from './run';

export function serveImports(scope: WorkerScope, openDb: () => BackstoryDb): void {
  let db: BackstoryDb | null = null;
  let queue = Promise.resolve();
  scope.addEventListener('message', ({ data }) => {
    if (data?.type !== 'import') return;
    queue = queue.then(async () => {
      try {
        db ??= openDb();
        const progress = await runImport(db, data.files, {
          label: data.label,
          onProgress: (p) => scope.postMessage({ type: 'progress', progress: p }),
        });
        scope.postMessage({ type: 'done', progress });
      } catch (error) {
        scope.postMessage({ type: 'failed', message: (error as Error)?.message ?? String(error) });
      }
    });
  });
}
