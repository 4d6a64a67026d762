/**
 * Entity counts that a bulk job (a load of the bundled corpus, an import)
 * owes the store. Every batch of such a job names the well-known entities
 * again, and rewriting each of their records per batch, only for new counts,
 * was the largest part of what a batch wrote: in Chromium a row written costs
 * about the same whatever its size. So a job keeps what it owes each entity
 * (articles, bundled articles, quotes, articles per form of the name) in
 * memory and writes the records once, when it ends or when it owes too many
 * (`MAX_PENDING_ENTITIES`). A batch still writes a record that is new or
 * whose name, aliases, roles or type change: whole, with its counts so far,
 * and then owes it nothing (most entities are named in one batch only, and
 * are written once).
 *
 * So that a job stopped mid-way (a closed page, a stopped worker) loses
 * nothing, each batch also stores what it added to the debt, as one row in
 * `meta` under the job's prefix, in the batch's own transaction. Paying the
 * debt and deleting those rows is one transaction too. The next batch
 * transaction of any context pays the rows of a job that is no longer running:
 * a job holds a Web Lock named after it while it runs (and the browser lets
 * go of it when the worker or page holding it ends), and jobs of this context
 * are known without one.
 *
 * Until a job pays, the stored counts are those from before it: a profile or
 * a search read during a load ranks by them.
 */

import type { BackstoryDb } from './db';

const PENDING_COUNTS_PREFIX = 'pendingCounts:';

/**
 * Entities a job may owe before it pays mid-way: bounds its memory (a debt
 * is a hundred bytes or so, more for many forms of a name) and the one
 * transaction that pays. A load of 10,000 articles named some 3,000.
 */
export const MAX_PENDING_ENTITIES = 20_000;

/** What is owed one entity: signed, as a batch adds articles or a replaced article takes them away. */
export interface CountDelta {
  articles: number;
  bundled: number;
  quotes: number;
  /** Articles writing each form of the name. */
  forms: Map<string, number>;
}

/** A marker row's value: one batch's additions to the debt, per entity [id, articles, bundled, quotes, forms]. */
type MarkerEntry = [id: string, articles: number, bundled: number, quotes: number, forms: Array<[form: string, count: number]>];

const emptyDelta = (): CountDelta => ({ articles: 0, bundled: 0, quotes: 0, forms: new Map() });

/** Adds `delta` into `into`. */
function addDelta(into: CountDelta, delta: CountDelta, sign: 1 | -1 = 1): CountDelta {
  into.articles += sign * delta.articles;
  into.bundled += sign * delta.bundled;
  into.quotes += sign * delta.quotes;
  for (const [form, n] of delta.forms) {
    const count = (into.forms.get(form) ?? 0) + sign * n;
    if (count === 0) into.forms.delete(form);
    else into.forms.set(form, count);
  }
  return into;
}

/** What marker rows owe, per entity. */
export function sumMarkers(rows: Array<{ value: unknown }>): Map<string, CountDelta> {
  const sum = new Map<string, CountDelta>();
  for (const row of rows) {
    for (const [id, articles, bundled, quotes, forms] of row.value as MarkerEntry[]) {
      let delta = sum.get(id);
      if (!delta) sum.set(id, (delta = emptyDelta()));
      addDelta(delta, { articles, bundled, quotes, forms: new Map(forms) });
    }
  }
  return sum;
}

/** Every job's marker rows. */
export const allMarkers = (db: Pick<BackstoryDb, 'meta'>) => db.meta.where('key').startsWith(PENDING_COUNTS_PREFIX);

/** One job's marker rows. */
export const markersOf = (db: Pick<BackstoryDb, 'meta'>, job: string) =>
  db.meta.where('key').between(`${PENDING_COUNTS_PREFIX}${job}:`, `${PENDING_COUNTS_PREFIX}${job}:\uffff`, true, true);

/** Whether any job, running or stopped, owes counts. */
export const hasOwedCounts = async (db: Pick<BackstoryDb, 'meta'>): Promise<boolean> => (await allMarkers(db).limit(1).count()) > 0;

/** The job a marker row belongs to. */
export const jobOfMarker = (key: string) => key.slice(PENDING_COUNTS_PREFIX.length, key.indexOf(':', PENDING_COUNTS_PREFIX.length));

const lockName = (job: string) => `backstory-pending-counts:${job}`;

/** Jobs running in this context: known live without asking the lock manager (which Node, in tests, lacks). */
const runningHere = new Set<string>();

interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<void>;
  query(): Promise<{ held?: Array<{ name?: string }> }>;
}

const lockManager = (): LockManagerLike | undefined => (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;

/** Which of these jobs are still running, here or in another context. */
export async function runningJobs(jobs: Iterable<string>): Promise<Set<string>> {
  const wanted = [...jobs];
  const running = new Set(wanted.filter((job) => runningHere.has(job)));
  if (running.size === wanted.length) return running;
  const held = new Set(((await lockManager()?.query())?.held ?? []).map((lock) => lock.name));
  for (const job of wanted) if (held.has(lockName(job))) running.add(job);
  return running;
}

/** One job's debt: what its committed batches owe, and what the batch being written adds (`staged`), kept apart until it commits. */
export class PendingCounts {
  private readonly owed = new Map<string, CountDelta>();
  private staged = new Map<string, CountDelta>();
  private markers = 0;

  private constructor(
    readonly job: string,
    private readonly release: () => void,
  ) {}

  /** A new job, holding its lock (so other contexts leave its rows alone) until `end`. */
  static async start(): Promise<PendingCounts> {
    const job = crypto.randomUUID();
    runningHere.add(job);
    let release = () => {};
    const locks = lockManager();
    if (locks) {
      await new Promise<void>((granted) => {
        void locks.request(lockName(job), () => new Promise<void>((done) => ((release = done), granted())));
      });
    }
    return new PendingCounts(job, () => {
      runningHere.delete(job);
      release();
    });
  }

  /** Entities owed counts by committed batches. */
  get size(): number {
    return this.owed.size;
  }

  /** What is owed this entity, the batch being written included. */
  deltaOf(id: string): CountDelta | undefined {
    const owed = this.owed.get(id);
    const staged = this.staged.get(id);
    if (!staged) return owed;
    return addDelta(owed ? addDelta(emptyDelta(), owed) : emptyDelta(), staged);
  }

  /** The batch being written owes this too. */
  owe(id: string, delta: CountDelta, sign: 1 | -1 = 1): void {
    let staged = this.staged.get(id);
    if (!staged) this.staged.set(id, (staged = emptyDelta()));
    addDelta(staged, delta, sign);
  }

  /** The entity's record is deleted in the batch being written: nothing is owed it any more. */
  forgive(id: string): void {
    const owed = this.deltaOf(id);
    if (owed) this.owe(id, owed, -1);
  }

  /** The row that stores what the batch being written adds (in its transaction), or null when it adds nothing. */
  stagedMarker(): { key: string; value: MarkerEntry[] } | null {
    if (this.staged.size === 0) return null;
    const value = [...this.staged].map(([id, d]): MarkerEntry => [id, d.articles, d.bundled, d.quotes, [...d.forms]]);
    return { key: `${PENDING_COUNTS_PREFIX}${this.job}:${String(this.markers++).padStart(8, '0')}`, value };
  }

  /** The batch's transaction committed. */
  commit(): void {
    for (const [id, delta] of this.staged) {
      const owed = this.owed.get(id);
      const sum = addDelta(owed ?? emptyDelta(), delta);
      if (sum.articles === 0 && sum.bundled === 0 && sum.quotes === 0 && sum.forms.size === 0) this.owed.delete(id);
      else this.owed.set(id, sum);
    }
    this.staged = new Map();
  }

  /** The batch's transaction failed: it owes nothing. */
  discard(): void {
    this.staged = new Map();
  }

  /** What the committed batches owe, per entity: handed over to be paid (`payPendingCounts`), and forgotten here once paid. */
  debts(): Map<string, CountDelta> {
    return this.owed;
  }

  paid(): void {
    this.owed.clear();
  }

  /** The job is over: its lock goes (after it paid, or to leave its rows to the next context). */
  end(): void {
    this.release();
  }
}
