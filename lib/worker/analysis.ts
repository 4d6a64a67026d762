/**
 * The analysis of a batch on a thread of its own. A bulk load (the bundled
 * corpus, an import) alternates two kinds of work: analysing a batch, which
 * is pure CPU, and writing the batch before it, which mostly waits for
 * IndexedDB. On one thread the analysis, one long synchronous run, held up
 * the write's next request until it ended; with the analysis in a second
 * worker (a worker of the same script, started by the corpus worker) the
 * batch after is analysed while the one before is written, on two cores.
 * Chrome only: Firefox's corpus worker analyses in its own thread (see
 * entrypoints/corpus-worker.ts).
 */
import { errorMessage } from '../messages';
import { analyzeInThisThread, type AnalysedBatch, type Analyzer, type BatchInput } from '../store/ingest';

/** The worker's name when it is started as the analysis worker (a worker reads its own as `self.name`). */
export const ANALYSIS_WORKER_NAME = 'backstory-analysis';

interface AnalysisRequest {
  id: number;
  inputs: BatchInput[];
}

type AnalysisReply = { id: number; analysis: AnalysedBatch } | { id: number; error: string };

/** The analysis worker's side, as much of its global scope as it uses. */
export interface AnalysisScope {
  postMessage(message: AnalysisReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<AnalysisRequest>) => void): void;
}

/** Answers each batch sent with its analysis, or with why it could not be analysed. */
export function serveAnalysis(scope: AnalysisScope, analyze: Analyzer = analyzeInThisThread): void {
  scope.addEventListener('message', ({ data: { id, inputs } }) => {
    analyze(inputs).then(
      (analysis) => scope.postMessage({ id, analysis }),
      (error: unknown) => scope.postMessage({ id, error: errorMessage(error) }),
    );
  });
}

/** As much of a Worker as the analyzer uses. */
export interface AnalysisWorker {
  postMessage(message: AnalysisRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<AnalysisReply>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/**
 * How long the analysis worker is kept with no batch to analyse: a load's
 * batches follow each other well within it, and a worker kept after the load
 * would hold its heap (tens of MB) for nothing.
 */
export const ANALYSIS_WORKER_IDLE_MS = 5_000;

/**
 * An Analyzer that sends each batch to a worker `start` makes, started when
 * first needed and terminated once idle for `idleMs`. A worker that fails
 * (its script throws, or will not load) is terminated, every batch it held
 * fails, and the next batch starts a new one.
 */
export function workerAnalyzer(start: () => AnalysisWorker, idleMs = ANALYSIS_WORKER_IDLE_MS): Analyzer {
  let worker: AnalysisWorker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(analysis: AnalysedBatch): void; reject(error: Error): void }>();
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const stopWhenIdle = () => {
    clearTimeout(idleTimer);
    if (pending.size > 0) return;
    idleTimer = setTimeout(() => {
      if (pending.size > 0 || !worker) return;
      worker.terminate();
      worker = null;
    }, idleMs);
  };
  const failed = (worker: AnalysisWorker, reason: string) => {
    worker.terminate();
    const held = [...pending.values()];
    pending.clear();
    for (const { reject } of held) reject(new Error(`the analysis worker stopped: ${reason}`));
  };
  const running = (): AnalysisWorker => {
    if (worker) return worker;
    const started = start();
    started.addEventListener('message', ({ data }) => {
      const asker = pending.get(data.id);
      if (!asker) return;
      pending.delete(data.id);
      if ('error' in data) asker.reject(new Error(data.error));
      else asker.resolve(data.analysis);
      stopWhenIdle();
    });
    started.addEventListener('error', (event) => {
      if (worker === started) worker = null;
      failed(started, event.message || 'its script failed');
    });
    return (worker = started);
  };
  return (inputs) =>
    new Promise<AnalysedBatch>((resolve, reject) => {
      const id = nextId++;
      clearTimeout(idleTimer);
      pending.set(id, { resolve, reject });
      running().postMessage({ id, inputs });
    });
}

/**
 * The analyzer of a corpus worker: a worker of its own script (`scriptUrl`)
 * where workers can start workers, else this thread.
 */
export function corpusWorkerAnalyzer(scriptUrl: string): Analyzer {
  if (typeof Worker === 'undefined') return analyzeInThisThread;
  return workerAnalyzer(() => new Worker(scriptUrl, { name: ANALYSIS_WORKER_NAME }) as unknown as AnalysisWorker);
}
