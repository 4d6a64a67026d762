/**
 * The asking side of the corpus worker: sends jobs, follows their progress,
 * and fails every job still running when the worker (or the document holding
 * it) stops, so that no asker waits for ever. The endpoint is opened on the
 * first job, not before: a woken background whose corpus is loaded starts no
 * worker at all.
 */
import type { CorpusJob, CorpusJobs, FromCorpusWorker, JobEndpoint, JobType } from './protocol';

interface Pending {
  /** The endpoint the job went through: only its stopping fails the job. */
  via: Promise<JobEndpoint>;
  onProgress(progress: unknown): void;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

export class CorpusWorkerClient {
  private endpoint: Promise<JobEndpoint> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Jobs asked for and not settled, counted from the moment they are asked (before the endpoint opens). */
  private active = 0;

  constructor(private readonly connect: () => Promise<JobEndpoint>) {}

  async run<T extends JobType>(
    type: T,
    request: CorpusJobs[T]['request'],
    onProgress: (progress: CorpusJobs[T]['progress']) => void = () => {},
  ): Promise<CorpusJobs[T]['result']> {
    this.active++;
    try {
      const via = this.open();
      const endpoint = await via;
      const id = this.nextId++;
      return await new Promise((resolve, reject) => {
        this.pending.set(id, { via, onProgress: onProgress as Pending['onProgress'], resolve: resolve as Pending['resolve'], reject });
        endpoint.postMessage({ ...request, id, type } as CorpusJob);
      });
    } finally {
      this.active--;
    }
  }

  /**
   * Ends the worker when no job is running, to give back its memory (a load
   * leaves a large heap behind); the next job starts another.
   */
  async release(): Promise<void> {
    if (this.active > 0 || !this.endpoint) return;
    const endpoint = this.endpoint;
    this.endpoint = null;
    (await endpoint.catch(() => null))?.close();
  }

  private open(): Promise<JobEndpoint> {
    if (this.endpoint) return this.endpoint;
    const opening: Promise<JobEndpoint> = this.connect().then(
      (endpoint) => {
        endpoint.onReply((reply) => this.receive(reply));
        endpoint.onStopped((reason) => {
          // The next job opens it anew.
          if (this.endpoint === opening) this.endpoint = null;
          for (const [id, job] of this.pending) {
            if (job.via !== opening) continue;
            this.pending.delete(id);
            job.reject(new Error(reason));
          }
        });
        return endpoint;
      },
      (error: unknown) => {
        if (this.endpoint === opening) this.endpoint = null;
        throw error;
      },
    );
    return (this.endpoint = opening);
  }

  private receive(reply: FromCorpusWorker): void {
    const job = this.pending.get(reply.id);
    if (!job) return;
    if (reply.type === 'progress') return job.onProgress(reply.progress);
    this.pending.delete(reply.id);
    if (reply.type === 'done') job.resolve(reply.result);
    else job.reject(new Error(reply.message));
  }
}

/** A Worker as an endpoint: where the asker can start one itself (a page, Firefox's background page). */
export function workerEndpoint(worker: Pick<Worker, 'postMessage' | 'addEventListener' | 'terminate'>): JobEndpoint {
  return {
    close: () => worker.terminate(),
    postMessage: (job) => worker.postMessage(job),
    onReply: (listener) => worker.addEventListener('message', (event) => listener((event as MessageEvent<FromCorpusWorker>).data)),
    onStopped: (listener) => worker.addEventListener('error', (event) => listener(stoppedReason((event as ErrorEvent).message))),
  };
}

/** Why jobs failed when their worker stopped, for the popup and the options page to show. */
export const stoppedReason = (detail?: string) => `the corpus worker stopped${detail ? `: ${detail}` : ''}`;
