/**
 * Finds the corpus's names on a page: text runs → candidate spans → one
 * request to the background → matches mapped back to DOM points. Later content
 * is rescanned through one MutationObserver, debounced and capped.
 */
import { MAX_CANDIDATES_PER_REQUEST, type NameMatch } from '../messages';
import { extractCandidates } from './candidates';
import type { PageMatch } from './page-match';
import { createRateCap, type RateCap } from './rate-cap';
import { INLINE_TAGS, isInsideSkipped, pointAt, TextRunIterator, type RunOptions, type TextRun } from './text-runs';

/** Work per slice before yielding to the page: well under the 50 ms that makes a "long task" (RAIL, Long Tasks API). */
export const SCAN_SLICE_MS = 8;
/** Quiet time after the last mutation before rescanning: Hypothesis waits 40 ms; a little more batches a frame's worth of inserts. */
export const MUTATION_DEBOUNCE_MS = 50;
/** At most this many mutation rescans per window: enough for a feed that appends every half second, not for a page looping on us. */
export const MUTATION_SCANS_PER_WINDOW = 20;
export const MUTATION_WINDOW_MS = 10_000;

export interface ScannerOptions {
  doc: Document;
  /** Asks the background which candidates are names ('names/match'). */
  match(candidates: string[], seen: string[]): Promise<NameMatch[]>;
  /** Timers bound to the content script's life (ctx.setTimeout). */
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  /** Lets the page run between slices of a long scan (timers.ts). */
  yieldToPage(): Promise<void>;
  now?: () => number;
  /** Our own UI, never scanned. */
  isOwn?: (el: Element) => boolean;
  onAdded(matches: PageMatch[]): void;
  onRemoved(matches: PageMatch[]): void;
  /** Called with the duration of every synchronous slice of work (benchmarks). */
  onWork?(ms: number): void;
  cap?: RateCap;
}

interface Occurrence {
  run: TextRun;
  start: number;
}

export class PageScanner {
  readonly matches = new Set<PageMatch>();
  private readonly seen = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private observer: MutationObserver | null = null;
  private pending = new Set<Node>();
  private changedTexts = new Set<Node>();
  private timer: unknown = null;
  private stopped = false;
  private readonly now: () => number;
  private readonly cap: RateCap;
  private readonly skip: RunOptions;

  constructor(private readonly o: ScannerOptions) {
    this.skip = { isOwn: o.isOwn };
    this.now = o.now ?? (() => performance.now());
    this.cap = o.cap ?? createRateCap(MUTATION_SCANS_PER_WINDOW, MUTATION_WINDOW_MS, this.now);
  }

  /** Scans the whole page once, then watches for added content. Resolves when the first scan is done. */
  start(): Promise<void> {
    const root = this.o.doc.body ?? this.o.doc.documentElement;
    if (!root) return Promise.resolve();
    const View = this.o.doc.defaultView?.MutationObserver ?? globalThis.MutationObserver;
    if (View) {
      this.observer = new View((records) => this.onMutations(records));
      this.observer.observe(root, { childList: true, subtree: true, characterData: true });
    }
    return this.enqueue([root]);
  }

  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    this.observer = null;
    if (this.timer !== null) this.o.clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    this.changedTexts.clear();
    const all = [...this.matches];
    this.matches.clear();
    if (all.length) this.o.onRemoved(all);
  }

  /** Resolves when every scan queued so far has finished. */
  idle(): Promise<void> {
    return this.queue;
  }

  private enqueue(roots: Node[]): Promise<void> {
    this.queue = this.queue.then(() => this.scan(roots)).catch(() => undefined);
    return this.queue;
  }

  private onMutations(records: MutationRecord[]): void {
    let removed = false;
    for (const r of records) {
      if (r.type === 'characterData') {
        this.changedTexts.add(r.target);
        this.pending.add(r.target);
      } else {
        r.addedNodes.forEach((n) => this.pending.add(n));
        if (r.removedNodes.length > 0) removed = true;
      }
    }
    if (removed) this.pending.add(this.o.doc); // marker: prune detached matches
    if (this.timer === null) this.schedule(MUTATION_DEBOUNCE_MS);
  }

  private schedule(ms: number): void {
    this.timer = this.o.setTimeout(() => {
      this.timer = null;
      if (this.stopped) return;
      if (!this.cap.take()) {
        this.schedule(this.cap.wait() + MUTATION_DEBOUNCE_MS);
        return;
      }
      this.flush();
    }, ms);
  }

  private flush(): void {
    const t0 = this.now();
    const pending = [...this.pending];
    const changed = this.changedTexts;
    this.pending = new Set();
    this.changedTexts = new Set();
    // Rescan whole blocks: a text node added beside "Joe " may complete "Joe Biden".
    const roots = new Set<Node>();
    for (const node of pending) {
      if (node === this.o.doc || !node.isConnected) continue;
      if (node.nodeType !== 1 && node.nodeType !== 3) continue;
      if (node.nodeType === 1 && this.o.isOwn?.(node as Element)) continue;
      let root: Node = node;
      while (root.parentElement && (root.nodeType === 3 || INLINE_TAGS.has((root as Element).tagName))) root = root.parentElement;
      if (isInsideSkipped(root, this.skip)) continue;
      roots.add(root);
    }
    const outer = [...roots].filter((r) => ![...roots].some((other) => other !== r && other.contains(r)));
    const stale = [...this.matches].filter(
      (m) => !m.start.node.isConnected || !m.end.node.isConnected || m.nodes.some((n) => changed.has(n)) || outer.some((r) => r.contains(m.start.node)),
    );
    for (const m of stale) this.matches.delete(m);
    if (stale.length) this.o.onRemoved(stale);
    this.o.onWork?.(this.now() - t0);
    if (outer.length) void this.enqueue(outer);
  }

  private async scan(roots: Node[]): Promise<void> {
    const occurrences = new Map<string, Occurrence[]>();
    let sliceStart = this.now();
    for (const root of roots) {
      const runs = new TextRunIterator(root, this.skip);
      for (let run = runs.next(); run; run = runs.next()) {
        extractCandidates(run.text, (span) => {
          const list = occurrences.get(span.text);
          if (list) list.push({ run, start: span.start });
          else occurrences.set(span.text, [{ run, start: span.start }]);
        });
        if (this.now() - sliceStart > SCAN_SLICE_MS) {
          this.o.onWork?.(this.now() - sliceStart);
          // Yield to the page between slices so no single task runs long.
          await this.o.yieldToPage();
          if (this.stopped) return;
          sliceStart = this.now();
        }
      }
    }
    const candidates = [...occurrences.keys()];
    this.o.onWork?.(this.now() - sliceStart);
    if (candidates.length === 0) return;

    const results: NameMatch[] = [];
    for (let i = 0; i < candidates.length; i += MAX_CANDIDATES_PER_REQUEST) {
      const batch = candidates.slice(i, i + MAX_CANDIDATES_PER_REQUEST);
      const found = await this.o.match(batch, [...this.seen]);
      for (const m of found) results.push({ ...m, candidate: m.candidate + i });
    }
    if (this.stopped) return;

    const t0 = this.now();
    const added: PageMatch[] = [];
    for (const m of results) {
      if (m.text.includes(' ')) this.seen.add(m.entityId);
      const candidate = candidates[m.candidate];
      if (candidate === undefined) continue;
      for (const occ of occurrences.get(candidate) ?? []) {
        const match = toPageMatch(occ, m);
        if (match) added.push(match);
      }
    }
    for (const m of added) this.matches.add(m);
    if (added.length) this.o.onAdded(added);
    this.o.onWork?.(this.now() - t0);
  }
}

/** Maps a match inside a candidate occurrence to DOM points, if the text is still what was scanned. */
function toPageMatch(occ: Occurrence, m: NameMatch): PageMatch | null {
  const { run } = occ;
  const start = pointAt(run, occ.start + m.start);
  const end = pointAt(run, occ.start + m.end, true);
  if (!start.node.isConnected || start.offset > start.node.data.length || end.offset > end.node.data.length) return null;
  const first = run.nodes.indexOf(start.node);
  const last = run.nodes.indexOf(end.node);
  const nodes = run.nodes.slice(first, last + 1);
  // The page may have edited the text while we waited for the background.
  const now = nodes.map((n) => n.data).join('');
  const expected = run.text.slice(run.starts[first], run.starts[last] + end.node.data.length);
  if (now !== expected) return null;
  return { entityId: m.entityId, type: m.type, text: m.text, start, end, nodes };
}
