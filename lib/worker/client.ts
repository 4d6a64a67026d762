/**
 * The asking side of the corpus worker: sends jobs, follows their progress,
 * and fails every job still running when the worker (or the document holding
 * it) stops, so that no asker waits for ever. The endpoint is opened on the
 * first job, not before: a woken background whose corpus is loaded starts no
 * worker at all.
 */
import type { CorpusJob, CorpusJobs, FromCorpusWorker, JobEndpoint, JobType } from './protocol';

interface Pending {
  onProgress(progress: unknown): void;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

export class CorpusWorkerClient {
  private endpoint: Promise<JobEndpoint> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly connect: () => Promise<JobEndpoint>) {}

  async run<T extends JobType>(
    type: T,
    request: CorpusJobs[T]['request'],
    onProgress: (progress: CorpusJobs[T]['progress']) => void = () => {},
  ): Promise<CorpusJobs[T]['result']> {
    const endpoint = await this.open();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { onProgress: onProgress as Pending['onProgress'], resolve: resolve as Pending['resolve'], reject });
      endpoint.postMessage({ ...request, id, type } as CorpusJob);
    });
  }

  private open(): Promise<JobEndpoint> {
    this.endpoint ??= this.connect().then(
      (endpoint) => {
        endpoint.onReply((reply) => this.receive(reply));
        endpoint.onStopped((reason) => {
          // The next job opens it anew.
          this.endpoint = null;
          const stopped = [...this.pending.values()];
          this.pending.clear();
          for (const job of stopped) job.reject(new Error(reason));
        });
        return endpoint;
      },
      (error: unknown) => {
        this.endpoint = null;
        throw error;
      },
    );
    return this.endpoint;
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
export function workerEndpoint(worker: Pick<Worker, 'postMessage' | 'addEventListener'>): JobEndpoint {
  return {
    postMessage: (job) => worker.postMessage(job),
    onReply: (listener) => worker.addEventListener('message', (event) => listener((event as MessageEvent<FromCorpusWorker>).data)),
    onStopped: (listener) => worker.addEventListener('error', (event) => listener(stoppedReason((event as ErrorEvent).message))),
  };
}

/** Why jobs failed when their worker stopped, for the popup and the options page to show. */
export const stoppedReason = (detail?: string) => `the corpus worker stopped${detail ? `: ${detail}` : ''}`;
