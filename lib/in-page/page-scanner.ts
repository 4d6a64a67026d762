/**
 * Finds the corpus's names on a page: the root's text as one string, scripts
 * and styles cut out (page-text.ts) → the background finds the candidate
 * names in it and looks them up → each name it found looked up in the text,
 * mapped back to text nodes and checked against the DOM. The page's first
 * read is the reader's (page-reader.ts), whose text the background has
 * already looked at; content added later is rescanned here, through one
 * MutationObserver, debounced and capped, with a request per scan.
 */
import { MAX_SEEN_PER_REQUEST, type NameMatch } from '../messages';
import { endFirstRead, firstOfPieces, freshBudget, takeChars, type CharBudgetState } from '../char-budget';
import { LETTER } from '../text/letters';
import { BlockMemo, breakBetween, collectTextNodes, INLINE_TAGS, isInsideSkipped, nodeIndexAt, pointAt, skippedSelector, SKIPPED, type Block, type TextNodes } from './dom-text';
import type { PageMatch } from './page-match';
import { packTexts } from '../text/pieces';
import { firstReadable, prosePieces, readText, type ReadText } from './page-text';
import { createRateCap, type RateCap } from './rate-cap';

/** Work per slice before yielding to the page: well under the 50 ms that makes a "long task" (RAIL, Long Tasks API). */
export const SCAN_SLICE_MS = 8;
/** Quiet time after the last mutation before rescanning: Hypothesis waits 40 ms; a little more batches a frame's worth of inserts. */
export const MUTATION_DEBOUNCE_MS = 50;
/** At most this many mutation rescans per window: enough for a feed that appends every half second, not for a page looping on us. */
export const MUTATION_SCANS_PER_WINDOW = 20;
export const MUTATION_WINDOW_MS = 10_000;

export interface ScannerOptions {
  doc: Document;
  /** Asks the background which names a piece of the page's text holds ('names/match'). */
  match(text: string, seen: string[]): Promise<NameMatch[]>;
  /** Timers bound to the content script's life. */
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  /** Lets the page run between slices of a long scan (timers.ts). */
  yieldToPage(): Promise<void>;
  now?: () => number;
  /** The tag of our own UI's host element, never scanned. */
  ownTag?: string;
  onAdded(matches: PageMatch[]): void;
  onRemoved(matches: PageMatch[]): void;
  /** Called with the duration of every synchronous slice of work (benchmarks). */
  onWork?(ms: number): void;
  cap?: RateCap;
  /** The document's character budget (tests start with a smaller one). */
  budget?: CharBudgetState;
}

/** The people named in full that a request carries, the oldest dropped first: past this, a page's bare surnames resolve to the ones it named most recently. */
export const MAX_SEEN_NAMES = MAX_SEEN_PER_REQUEST;

/** What the reader read and the background found in it, for the names script's first scan. */
export interface FirstScan {
  read: ReadText | null;
  found: NameMatch[];
  /** Changes the reader saw after it read. */
  changes: MutationRecord[];
}

/** A name the background found, at its offsets in a root's text. */
interface Hit {
  start: number;
  end: number;
  name: NameMatch;
}

export class PageScanner {
  readonly matches = new Set<PageMatch>();
  /** People named in full, oldest first (a name seen again moves to the end). */
  private readonly seen = new Set<string>();
  /** What this document's text may still cost to look up (lib/char-budget.ts): the background meters the same. */
  private readonly budget: CharBudgetState;
  private queue: Promise<void> = Promise.resolve();
  private observer: MutationObserver | null = null;
  private pending = new Set<Node>();
  private changedTexts = new Set<Node>();
  private timer: unknown = null;
  private stopped = false;
  /** When the current slice of work began: scans run one at a time (the queue), so one clock serves. */
  private sliceStart = 0;
  private readonly now: () => number;
  private readonly cap: RateCap;
  /** What is never scanned, as a selector (dom-text.ts). */
  private readonly skipped: string;

  constructor(private readonly o: ScannerOptions) {
    this.skipped = skippedSelector(o.ownTag);
    this.now = o.now ?? (() => performance.now());
    this.cap = o.cap ?? createRateCap(MUTATION_SCANS_PER_WINDOW, MUTATION_WINDOW_MS, this.now);
    this.budget = o.budget ?? freshBudget(this.now());
  }

  /**
   * Watches the page for added content and scans it once: from the start, or,
   * given what the reader read and the background found there (`first`), by
   * marking that, and taking over the changes the reader saw since. Resolves
   * when the first scan is done.
   */
  start(first?: FirstScan): Promise<void> {
    const root = this.o.doc.body ?? this.o.doc.documentElement;
    if (!root) return Promise.resolve();
    const View = globalThis.MutationObserver ?? this.o.doc.defaultView?.MutationObserver;
    if (View) {
      this.observer = new View((records) => this.onMutations(records));
      this.observer.observe(root, { childList: true, subtree: true, characterData: true });
    }
    if (!first) return this.enqueue([root]).then(() => endFirstRead(this.budget));
    // The reader's read was the first look-up: later text gets the trickle only.
    endFirstRead(this.budget);
    if (first.changes.length) this.onMutations(first.changes);
    return this.addFound(first.found, first.read ?? undefined);
  }

  /** Marks names the background found in this page's text (read now, unless given). */
  addFound(found: NameMatch[], read?: ReadText): Promise<void> {
    if (found.length === 0) return this.queue;
    this.queue = this.queue
      .then(() => {
        const root = this.o.doc.body ?? this.o.doc.documentElement;
        const texts = read ? [read] : root ? [readText(root)] : [];
        return this.markFound(texts, found);
      })
      .catch(() => undefined);
    return this.queue;
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
      let root: Node = node;
      while (root.parentElement && (root.nodeType === 3 || INLINE_TAGS.has((root as Element).tagName))) root = root.parentElement;
      if (isInsideSkipped(root, this.skipped)) continue;
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

  /** Scans `roots`: reads their text, asks the background for the names in it, marks them. */
  private async scan(roots: Node[]): Promise<void> {
    this.sliceStart = this.now();
    const texts: ReadText[] = [];
    const pieces: string[] = [];
    for (const root of roots) {
      const read = readText(root);
      texts.push(read);
      pieces.push(...prosePieces(read));
      if (this.overBudget() && !(await this.pause())) return;
    }
    // Past the document's budget, the rest is dropped, not kept for later: a page cannot queue work for us.
    const wanted = pieces.reduce((n, p) => n + p.length, 0);
    const granted = takeChars(this.budget, wanted, this.now());
    // The background finds the candidates, in its own thread. One request at a time, each in a slice of its own (the
    // message is serialised in it), and each told the people the page has named in full so far, for their surnames.
    const found: NameMatch[] = [];
    for (const text of packTexts(granted < wanted ? firstOfPieces(pieces, granted) : pieces)) {
      if (this.overBudget() && !(await this.pause())) return;
      const reply = this.o.match(text, [...this.seen]);
      this.o.onWork?.(this.now() - this.sliceStart);
      const names = await reply;
      if (this.stopped) return;
      this.sliceStart = this.now();
      this.learn(names);
      found.push(...names);
    }
    await this.mark(granted < wanted ? firstReadable(texts, granted) : texts, found);
  }

  /** Marks names the background found in text read before (by the reader, or by a scan). */
  private async markFound(texts: ReadText[], found: NameMatch[]): Promise<void> {
    this.sliceStart = this.now();
    this.learn(found);
    await this.mark(texts, found);
  }

  /** Remembers the people named in full, so a later scan's bare surnames can resolve to them. */
  private learn(found: NameMatch[]): void {
    for (const m of found) {
      if (!m.text.includes(' ')) continue;
      this.seen.delete(m.entityId);
      this.seen.add(m.entityId);
    }
    // Past the cap the oldest go, so every request stays within what the background accepts and marking goes on.
    for (const id of this.seen) {
      if (this.seen.size <= MAX_SEEN_NAMES) break;
      this.seen.delete(id);
    }
  }

  private overBudget(): boolean {
    return this.now() - this.sliceStart > SCAN_SLICE_MS;
  }

  /** Yields to the page between slices so no single task runs long; false once stopped. */
  private async pause(): Promise<boolean> {
    this.o.onWork?.(this.now() - this.sliceStart);
    await this.o.yieldToPage();
    this.sliceStart = this.now();
    return !this.stopped;
  }

  /** Finds where each found name stands in the texts, checks it against the DOM, and adds the matches. */
  private async mark(texts: ReadText[], found: NameMatch[]): Promise<void> {
    if (found.length === 0) {
      this.o.onWork?.(this.now() - this.sliceStart);
      return;
    }
    // A name resolves the same wherever its text stands, so each distinct text is looked up once.
    const names = new Map<string, NameMatch>();
    for (const m of found) if (!names.has(m.text)) names.set(m.text, m);
    const added: PageMatch[] = [];
    for (const at of texts) {
      if (!at.root.isConnected) continue;
      const list: Hit[] = [];
      for (const [name, match] of names) {
        findHits(at, name, match, list);
        if (this.overBudget() && !(await this.pause())) return;
      }
      if (list.length === 0) continue;
      const through = list.reduce((max, h) => Math.max(max, h.end), 0);
      const nodes = await collectTextNodes(at.root, through, () => !this.overBudget() || this.pause());
      if (!nodes || this.stopped) return;
      const blocks = new BlockMemo(at.root, this.skipped);
      let changed = false;
      // Longest first at each start, then drop what overlaps a kept match ("DeSantis" over "Santis").
      list.sort((a, b) => a.start - b.start || b.end - a.end);
      let keptEnd = -1;
      for (const [i, hit] of list.entries()) {
        // A page with thousands of "US" can take a while: checkMatch reads the DOM afresh, so pausing is safe.
        if ((i & 255) === 255 && this.overBudget() && !(await this.pause())) return;
        if (hit.start < keptEnd) continue;
        const match = checkMatch(at.text, nodes, blocks, this.skipped, hit);
        if (match === TEXT_CHANGED) changed = true;
        else if (match) {
          added.push(match);
          keptEnd = hit.end;
        }
      }
      // The page edited this text since it was read: scan it again (debounced and capped like any mutation).
      if (changed) {
        this.pending.add(at.root);
        if (this.timer === null) this.schedule(MUTATION_DEBOUNCE_MS);
      }
    }
    // Pauses let the page run: drop what it removed meanwhile.
    const live = added.filter((m) => m.start.node.isConnected && m.end.node.isConnected);
    for (const m of live) this.matches.add(m);
    if (live.length) this.o.onAdded(live);
    this.o.onWork?.(this.now() - this.sliceStart);
  }
}

/** Adds every place a found name's text stands in the prose of a root's text (checkMatch then rejects those inside longer words). */
function findHits(at: ReadText, name: string, match: NameMatch, hits: Hit[]): void {
  for (let i = at.text.indexOf(name); i >= 0; i = at.text.indexOf(name, i + 1)) {
    if (isReadable(at.readable, i)) hits.push({ start: i, end: i + name.length, name: match });
  }
}

function isReadable(ranges: Array<[number, number]>, offset: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < ranges[mid][0]) hi = mid - 1;
    else if (offset >= ranges[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

const TEXT_CHANGED = 'changed';
/** A letter or digit: a name glued to one is part of a longer word ("McDonald" holds no "Donald"). */
const WORD_CHAR = new RegExp(`[${LETTER}0-9]`);

/**
 * The DOM points of a hit, if the DOM agrees with what was read: the text is
 * unchanged, it lies in one block outside skipped elements, and it is not
 * glued to a letter in the same line (a root's text joins blocks and <br>s
 * with nothing between, so "Kyiv</h2><p>Tusk" yields "Tusk", "Mc<b>Donald</b>" does not).
 */
function checkMatch(text: string, nodes: TextNodes, blocks: BlockMemo, skipped: string, hit: Hit): PageMatch | null | typeof TEXT_CHANGED {
  const first = nodeIndexAt(nodes, hit.start);
  const last = nodeIndexAt(nodes, hit.end, true);
  // A name within one text node (nearly all) needs only one native call to know it is not skipped; across nodes, they share a block.
  let block: Block | undefined;
  if (first === last) {
    if (isInsideSkipped(nodes.nodes[first], skipped)) return null;
  } else {
    block = blocks.of(nodes.nodes[first]);
    if (block === SKIPPED) return null;
    for (let i = first + 1; i <= last; i++) if (blocks.of(nodes.nodes[i]) !== block) return null;
  }
  // Only the name's own characters are read back (a text node may be a megabyte of JSON).
  let now = '';
  for (let i = first; i <= last; i++) {
    const from = i === first ? hit.start - nodes.starts[i] : 0;
    const to = i === last ? hit.end - nodes.starts[i] : nodes.nodes[i].length;
    if (to > nodes.nodes[i].length) return TEXT_CHANGED;
    now += nodes.nodes[i].substringData(from, to - from);
  }
  if (now !== text.slice(hit.start, hit.end)) return TEXT_CHANGED;
  // Nodes `before` and `after` read as one line when they are one node, or share the match's block with no <br> between.
  const oneLine = (before: number, after: number, other: number) =>
    before === after || (blocks.of(nodes.nodes[other]) === (block ??= blocks.of(nodes.nodes[first])) && !breakBetween(nodes.nodes[before], nodes.nodes[after]));
  if (hit.start > 0 && WORD_CHAR.test(text[hit.start - 1])) {
    const previous = nodeIndexAt(nodes, hit.start - 1);
    if (oneLine(previous, first, previous)) return null;
  }
  if (hit.end < text.length && WORD_CHAR.test(text[hit.end])) {
    const next = nodeIndexAt(nodes, hit.end);
    if (oneLine(last, next, next)) return null;
  }
  const { entityId, type, text: name, hidden } = hit.name;
  return {
    entityId,
    type,
    text: name,
    ...(hidden && { hidden }),
    start: pointAt(nodes, hit.start),
    end: pointAt(nodes, hit.end, true),
    nodes: nodes.nodes.slice(first, last + 1),
  };
}
