/**
 * The options page's side of an import: starts a corpus worker of its own,
 * follows its progress, and cancels by terminating it. A terminated worker's
 * open transaction is aborted by the browser, so the file in progress is not
 * stored and every file reported as stored before it stays.
 */
import { CorpusWorkerClient, workerEndpoint } from '../worker/client';
import { emptyProgress, type ImportProgress } from './progress';

export type ImportOutcome = ImportProgress & { state: 'done' | 'cancelled' | 'failed'; error?: string };

export interface ImportHandle {
  /** Resolves when the import ends: done, cancelled or failed. */
  finished: Promise<ImportOutcome>;
  cancel(): void;
}

/** Worker is the browser's; a test can pass anything that behaves like one. */
export type WorkerLike = Pick<Worker, 'postMessage' | 'terminate' | 'addEventListener'>;

export function startImport(
  createWorker: () => WorkerLike,
  files: File[],
  label: string,
  onProgress: (progress: ImportProgress) => void,
): ImportHandle {
  const worker = createWorker();
  let last = emptyProgress(files.length);
  let settle!: (outcome: ImportOutcome) => void;
  let settled = false;
  const finished = new Promise<ImportOutcome>((resolve) => (settle = resolve));
  const end = (outcome: ImportOutcome) => {
    if (settled) return;
    settled = true;
    worker.terminate();
    settle(outcome);
  };
  const follow = (progress: ImportProgress) => {
    if (settled) return;
    last = progress;
    onProgress(progress);
  };

  new CorpusWorkerClient(async () => workerEndpoint(worker)).run('import', { label, files }, follow).then(
    (progress) => {
      follow(progress);
      end({ ...progress, state: 'done' });
    },
    (error: Error) => end({ ...last, current: null, state: 'failed', error: error.message }),
  );

  return {
    finished,
    cancel: () => end({ ...last, current: null, state: 'cancelled' }),
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Import of 6 Dec 2026, 14:02", in the user's local time. */
export function importLabel(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `Import of ${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}, ${two(date.getHours())}:${two(date.getMinutes())}`;
}
