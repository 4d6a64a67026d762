/**
 * The corpus worker's jobs: everything that parses or analyses runs in one
 * dedicated Worker script (entrypoints/corpus-worker.ts), asked by the
 * options page (imports) and by the background (the bundled corpus, saved
 * pages). Both ends are Backstory's own code in extension contexts, so no
 * validation beyond the type.
 */
import type { ImportProgress } from '../import/progress';
import type { BundledReport, LoadProgress } from '../store/bundled-digest';
import type { AddReport, ExtractedPage } from '../store/user-corpus';

export interface CorpusJobs {
  /** Files the user dropped on the options page, stored as one import. */
  import: { request: { label: string; files: File[] }; progress: ImportProgress; result: ImportProgress };
  /** The bundled corpus's files not stored yet, read from the package. */
  'load-bundled': { request: Record<never, never>; progress: LoadProgress; result: BundledReport };
  /** A page "Save this page" extracted in its tab. */
  'add-page': { request: { page: ExtractedPage }; progress: never; result: AddReport };
}

export type JobType = keyof CorpusJobs;

/** A job as sent: `id` pairs it with its replies (ids are the asker's). */
export type CorpusJob<T extends JobType = JobType> = { [K in T]: { id: number; type: K } & CorpusJobs[K]['request'] }[T];

export type FromCorpusWorker<T extends JobType = JobType> =
  | { id: number; type: 'progress'; progress: CorpusJobs[T]['progress'] }
  | { id: number; type: 'done'; result: CorpusJobs[T]['result'] }
  /** The job could not run (the database would not open, a read failed): nothing of it is stored. */
  | { id: number; type: 'failed'; message: string };

/** What passes jobs and replies: a Worker, or the port to the document that holds one. */
export interface JobEndpoint {
  postMessage(message: CorpusJob): void;
  /** Calls `listener` with each reply. */
  onReply(listener: (reply: FromCorpusWorker) => void): void;
  /** Calls `listener` once, should the worker (or what holds it) stop: every job still running fails. */
  onStopped(listener: (reason: string) => void): void;
  /** Ends the worker (or closes what holds it): called with no job running. */
  close(): void;
}

/** The worker's global scope, as much of it as the jobs use. */
export interface WorkerScope {
  postMessage(message: FromCorpusWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<CorpusJob>) => void): void;
}
