import type { CorpusStatus } from '../messages';
import { isBundledCorpusLoaded, loadBundledCorpus, type BundledIndex, type BundledReport } from './bundled';
import type { BackstoryDb } from './db';

/**
 * Keeps the bundled corpus loaded and says how that went. Loads run one at a
 * time: onInstalled and a service-worker start can ask at once.
 */
export class CorpusLoader {
  private current: CorpusStatus = { state: 'empty', articles: 0, errors: [] };
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: BackstoryDb,
    private readonly readIndex: () => Promise<BundledIndex>,
    private readonly readFile: (name: string) => Promise<Uint8Array>,
    /** The index's digest alone, when the build writes it apart: when it is the one loaded, the index is not read. */
    private readonly readDigest?: () => Promise<string>,
  ) {}

  status(): CorpusStatus {
    return this.current;
  }

  /** Brings the stored bundled corpus up to date; safe to call any number of times. */
  loadBundled(): Promise<CorpusStatus> {
    const run = this.queue.then(() => this.run());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(): Promise<CorpusStatus> {
    this.current = { ...this.current, state: 'loading' };
    const started = performance.now();
    try {
      const unchanged = this.readDigest && (await isBundledCorpusLoaded(this.db, await this.readDigest()));
      const report: BundledReport = unchanged
        ? { changed: false, errors: [], words: 0 }
        : await loadBundledCorpus(this.db, await this.readIndex(), this.readFile, (progress) => {
            this.current = { ...this.current, state: 'loading', progress };
          });
      for (const error of report.errors) console.error(`Backstory: skipped a corpus file: ${error}`);
      this.current = {
        state: 'ready',
        articles: await this.db.articles.count(),
        errors: report.errors,
        ...(report.changed && { loadMs: Math.round(performance.now() - started), words: report.words }),
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error('Backstory: loading the corpus failed:', error);
      this.current = { state: 'error', articles: await this.db.articles.count().catch(() => 0), errors: [message] };
    }
    return this.current;
  }
}
