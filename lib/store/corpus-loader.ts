import type { CorpusStatus } from '../messages';
import type { BackstoryDb } from './db';
import { ingestFiles, type CorpusFile, type IngestPipeline } from './ingest';

/**
 * Keeps the bundled corpus loaded and says how that went. Loads run one at a
 * time: onInstalled and a service-worker start can ask at once.
 */
export class CorpusLoader {
  private current: CorpusStatus = { state: 'empty', articles: 0, errors: [] };
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(status: CorpusStatus) => void>();

  constructor(
    private readonly db: BackstoryDb,
    private readonly pipeline: IngestPipeline,
    private readonly readBundledFiles: () => Promise<CorpusFile[]>,
  ) {}

  status(): CorpusStatus {
    return this.current;
  }

  /** Called after every load that changed the stored corpus. */
  onChange(listener: (status: CorpusStatus) => void): void {
    this.listeners.add(listener);
  }

  /** Brings the stored bundled corpus up to date; safe to call any number of times. */
  loadBundled(): Promise<CorpusStatus> {
    const run = this.queue.then(() => this.run());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(): Promise<CorpusStatus> {
    this.set({ ...this.current, state: 'loading' });
    const started = performance.now();
    try {
      const files = await this.readBundledFiles();
      const report = await ingestFiles(this.db, 'bundled', files, this.pipeline, { removeMissing: true });
      for (const error of report.errors) console.error(`Backstory: skipped a corpus file: ${error}`);
      this.set({ state: 'ready', articles: report.articles, errors: report.errors, loadMs: Math.round(performance.now() - started) });
      if (report.changedFiles.length > 0) for (const listener of this.listeners) listener(this.current);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error('Backstory: loading the corpus failed:', error);
      this.set({ state: 'error', articles: await this.db.articles.count().catch(() => 0), errors: [message] });
    }
    return this.current;
  }

  private set(status: CorpusStatus) {
    this.current = status;
  }
}
