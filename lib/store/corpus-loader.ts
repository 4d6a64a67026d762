import { errorMessage, type CorpusStatus } from '../messages';
import { isBundledCorpusLoaded, type BundledReport, type LoadProgress } from './bundled-digest';
import type { BackstoryDb } from './db';
import { hasOwedCounts } from './pending-counts';

/**
 * Keeps the bundled corpus loaded and says how that went. Loads run one at a
 * time: onInstalled and a service-worker start can ask at once. The check
 * runs here (one small file and one meta row); the load itself, which parses
 * and analyses, is `load`'s: in the extension, the corpus worker's.
 */
export class CorpusLoader {
  private current: CorpusStatus = { state: 'empty', articles: 0, errors: [] };
  private queue: Promise<unknown> = Promise.resolve();
  /** Settles once the last load asked for has stored what it loads (or failed), before the status counts the articles. */
  private storedLatest: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: BackstoryDb,
    /** The digest of the corpus shipped: when it is the one loaded, nothing else is read. */
    private readonly readDigest: () => Promise<string>,
    /** Loads what is not loaded yet, reporting progress as it goes. */
    private readonly load: (onProgress: (progress: LoadProgress) => void) => Promise<BundledReport>,
  ) {}

  status(): CorpusStatus {
    return this.current;
  }

  /**
   * Resolves once the bundled corpus asked for last is stored, or its load
   * failed: what page lookups wait for (after an install, not against an
   * empty table), without the article count the status then takes.
   */
  stored(): Promise<void> {
    return this.storedLatest;
  }

  /** Brings the stored bundled corpus up to date; safe to call any number of times. */
  loadBundled(): Promise<CorpusStatus> {
    let markStored!: () => void;
    this.storedLatest = new Promise((resolve) => (markStored = resolve));
    const run = this.queue.then(() => this.run(markStored));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(markStored: () => void): Promise<CorpusStatus> {
    this.current = { ...this.current, state: 'loading' };
    const started = performance.now();
    try {
      // Counts owed by a load or an import that stopped (pending-counts.ts) are paid by the load's job, as the first write of its worker.
      const unchanged = (await isBundledCorpusLoaded(this.db, await this.readDigest())) && !(await hasOwedCounts(this.db));
      const report: BundledReport = unchanged
        ? { changed: false, errors: [], words: 0 }
        : await this.load((progress) => {
            this.current = { ...this.current, state: 'loading', progress };
          });
      markStored();
      for (const error of report.errors) console.error(`Backstory: skipped a corpus file: ${error}`);
      this.current = {
        state: 'ready',
        articles: await this.db.articles.count(),
        errors: report.errors,
        ...(report.changed && { loadMs: Math.round(performance.now() - started), words: report.words, analysedBatches: report.analysedBatches }),
      };
    } catch (error) {
      markStored();
      const message = errorMessage(error);
      console.error('Backstory: loading the corpus failed:', error);
      this.current = { state: 'error', articles: await this.db.articles.count().catch(() => 0), errors: [message] };
    }
    return this.current;
  }
}
