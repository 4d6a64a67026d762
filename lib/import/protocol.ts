/**
 * Messages between the options page and its import worker. Both ends are
 * Backstory's own code in extension contexts, so no validation beyond the type.
 */
import type { ImportProgress } from './progress';

export type ToImportWorker = { type: 'import'; label: string; files: File[] };

export type FromImportWorker =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; progress: ImportProgress }
  /** The worker could not run at all (the database would not open). */
  | { type: 'failed'; message: string };

/** The worker's global scope, as much of it as the import uses. */
export interface WorkerScope {
  postMessage(message: FromImportWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToImportWorker>) => void): void;
}
