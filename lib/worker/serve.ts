/**
 * The corpus worker's body: runs the jobs it is sent and replies to each
 * with its progress and its outcome. Parsing and analysis run here, off the
 * options page's main thread and out of the background's service worker.
 */
import { BATCH_WORDS, loadBundledCorpus } from '../store/bundled';
import type { BundledIndex, BundledReport, LoadProgress } from '../store/bundled-digest';
import type { BackstoryDb } from '../store/db';
import { analyzeInThisThread, type Analyzer } from '../store/ingest';
import { SAVED_SOURCE_ID, addUserArticles, articleFromPage } from '../store/user-corpus';
import { runImport } from '../import/run';
import { payAbandonedCounts } from '../store/merge';
import { prebuiltAnalysisPath, prebuiltAnalyzer } from '../store/prebuilt-analysis';
import { packedFiles } from '../store/bundled-packs';
import { errorMessage } from '../messages';
import { type CorpusJob, type CorpusJobs, type FromCorpusWorker, type JobType, type WorkerScope } from './protocol';

/** Where the bundled corpus is read from: the extension's package, in the browser. */
export interface BundledFiles {
  readIndex(): Promise<BundledIndex>;
  /** A file of the package by its path there, e.g. `corpus/packs/0.txt`. */
  readFile(path: string): Promise<Uint8Array>;
}

interface BundledLoad {
  done: Promise<BundledReport>;
  listeners: Set<(progress: LoadProgress) => void>;
  last?: LoadProgress;
}

/** `analyze`: where batches are analysed (the corpus worker's own analysis worker, lib/worker/analysis.ts). */
export function serveCorpusJobs(scope: WorkerScope, openDb: () => BackstoryDb, bundled: BundledFiles, analyze: Analyzer = analyzeInThisThread): void {
  let db: BackstoryDb | null = null;
  const database = () => (db ??= openDb());
  // Imports run one at a time, in the order asked.
  let imports: Promise<unknown> = Promise.resolve();
  // One bundled load at a time: a second asker (a service worker woken while the load runs) follows the running one.
  let bundledLoad: BundledLoad | null = null;
  const loadBundled = (onProgress: (progress: LoadProgress) => void): Promise<BundledReport> => {
    const running = bundledLoad;
    if (running) {
      running.listeners.add(onProgress);
      if (running.last) onProgress(running.last);
      return running.done;
    }
    const load: BundledLoad = {
      listeners: new Set([onProgress]),
      // The progress callback runs after the index is read, when `load` is set.
      done: (async () => {
        await payAbandonedCounts(database());
        const index = await bundled.readIndex();
        const readAnalysis = async (key: string) => new TextDecoder().decode(await bundled.readFile(prebuiltAnalysisPath(key)));
        const prebuilt = prebuiltAnalyzer(new Set(index.analyses), readAnalysis, analyze);
        const report = await loadBundledCorpus(database(), index, packedFiles(index, bundled.readFile), (progress) => {
          load.last = progress;
          for (const listener of load.listeners) listener(progress);
        }, BATCH_WORDS, prebuilt.analyze);
        return report.changed ? { ...report, analysedBatches: prebuilt.analysedHere() } : report;
      })(),
    };
    bundledLoad = load;
    const ended = () => {
      if (bundledLoad === load) bundledLoad = null;
    };
    load.done.then(ended, ended);
    return load.done;
  };

  const jobs: { [T in JobType]: (job: CorpusJob<T>, onProgress: (progress: CorpusJobs[T]['progress']) => void) => Promise<CorpusJobs[T]['result']> } = {
    import: (job, onProgress) => {
      const run = imports.then(() => runImport(database(), job.files, { label: job.label, onProgress, analyze }));
      imports = run.catch(() => undefined);
      return run;
    },
    'load-bundled': (_, onProgress) => loadBundled(onProgress),
    'add-page': (job) => addUserArticles(database(), SAVED_SOURCE_ID, [articleFromPage(job.page)], analyze),
  };

  scope.addEventListener('message', ({ data: job }) => {
    const run = jobs[job.type] as (job: CorpusJob, onProgress: (progress: unknown) => void) => Promise<unknown>;
    if (!run) return;
    const reply = (message: FromCorpusWorker) => scope.postMessage(message);
    run(job, (progress) => reply({ id: job.id, type: 'progress', progress: progress as never })).then(
      (result) => reply({ id: job.id, type: 'done', result: result as never }),
      (error: unknown) => reply({ id: job.id, type: 'failed', message: errorMessage(error) }),
    );
  });
}
