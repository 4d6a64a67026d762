/**
 * Text runs: the text of one block as a reader sees it, concatenated across
 * inline tags (`Joe <b>Biden</b>` is one run "Joe Biden"), with the way back
 * from a run offset to a text node and an offset in it.
 */

export interface TextRun {
  text: string;
  nodes: Text[];
  /** Offset in `text` where each node's data begins. */
  starts: number[];
}

export interface DomPoint {
  node: Text;
  offset: number;
}

/** Elements whose content is never page prose, or is the user's to edit. */
const SKIPPED_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'TEMPLATE',
  'IFRAME', 'OBJECT', 'CANVAS', 'svg', 'math', 'HEAD', 'TITLE',
]);

/** Phrasing elements a name can be split by without starting a new block (the scanner also climbs out of them to rescan a whole block). */
export const INLINE_TAGS = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DFN', 'EM', 'FONT', 'I', 'INS', 'DEL', 'KBD', 'LABEL',
  'MARK', 'Q', 'RUBY', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'TT', 'U', 'VAR', 'WBR', 'NOBR',
]);

export interface RunOptions {
  /** Our own UI (the card's host element): never scanned. */
  isOwn?: (el: Element) => boolean;
}

/** Hidden or editable: one selector match instead of two attribute reads (each DOM call from a content script's world is costly). */
const SKIPPED_ATTRS = '[hidden],[contenteditable]:not([contenteditable=false])';

/**
 * A run is cut before a node starting with one of these (a comma, a bracket…)
 * once it has MAX_RUN_NODES nodes: no name continues across such a character,
 * and a block of thousands of links (a list of names joined by commas) then
 * becomes several runs the scanner can yield between. 1,000 nodes take a few
 * ms; the 7,400-node list on a saved Archive of Our Own page took ~58 ms as
 * one run.
 */
const MAX_RUN_NODES = 1000;
const RUN_CUT = /^[,;|)\]]/;
const BLANK = /^\s*$/;

export function isSkipped(el: Element, options: RunOptions = {}): boolean {
  if (SKIPPED_TAGS.has(el.tagName) || el.matches(SKIPPED_ATTRS)) return true;
  return options.isOwn?.(el) ?? false;
}

/** True when `node` or an ancestor is skipped (used for roots added later). */
export function isInsideSkipped(node: Node, options: RunOptions = {}): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (isSkipped(el, options)) return true;
  }
  return false;
}

/** Memo value for an element whose text is not scanned. */
const SKIP = Symbol('skip');
type BlockInfo = Element | typeof SKIP;

/**
 * The text runs under `root` in document order, one per `next()` call (a
 * plain iterator: the scanner pauses between calls to yield to the page). A
 * native TreeWalker visits only text nodes; a node's block (nearest non-inline
 * ancestor) and whether it sits in a skipped element come from a memo, so each
 * element is examined once, and a node with the same parent as the one before
 * skips even that. Consecutive text nodes with the same block form a run.
 * Blank nodes are only looked at when text of the same run follows them, and
 * <br>s are found once per root: from a content script's world every DOM read
 * costs, and these were most of them. No layout or style is read.
 */
export class TextRunIterator {
  private readonly walker: TreeWalker;
  private readonly memo = new Map<Element, BlockInfo>();
  private readonly chain: Element[] = [];
  private pending: Text | null = null;
  /** Text nodes right after a <br> (a <br> ends a line: "Biden<br>Donald" is two runs), found once instead of a sibling read per node. */
  private readonly afterBreak = new Set<Node | null>();
  private readonly held: Text[] = [];

  constructor(
    private readonly root: Node,
    private readonly options: RunOptions = {},
  ) {
    this.walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    // A text node as root is its own only node (the walker visits descendants only).
    if (root.nodeType === 3) this.pending = root as Text;
    else {
      for (const br of (root as Element).getElementsByTagName('br')) this.afterBreak.add(br.nextSibling);
      this.pending = this.walker.nextNode() as Text | null;
    }
  }

  next(): TextRun | null {
    const { walker, held } = this;
    for (;;) {
      let n = this.pending;
      if (!n) return null;
      let text = n.data;
      // A blank node cannot start a name: skipped without looking up its block.
      if (BLANK.test(text)) {
        this.pending = walker.nextNode() as Text | null;
        continue;
      }
      let parent = n.parentElement;
      const block = this.blockAt(parent);
      if (block === SKIP) {
        // Skip the rest of this skipped element's text without examining it again.
        do n = walker.nextNode() as Text | null;
        while (n && n.parentElement === parent);
        this.pending = n;
        continue;
      }
      const nodes: Text[] = [n];
      const starts: number[] = [0];
      held.length = 0;
      for (n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const data = n.data;
        // Blank nodes (indentation between blocks, mostly) join only when text of the same block follows: held, unexamined, until then.
        if (BLANK.test(data)) {
          held.push(n);
          continue;
        }
        const p = n.parentElement;
        if (p !== parent) {
          if (this.blockAt(p) !== block) break;
          parent = p;
        }
        const { afterBreak } = this;
        // Held blank nodes are tested as a node with text would be.
        if (afterBreak.has(n) || (nodes.length >= MAX_RUN_NODES && RUN_CUT.test(data)) || (held.length && held.some((h) => this.blockAt(h.parentElement) !== block || afterBreak.has(h)))) break;
        for (const h of held) {
          nodes.push(h);
          starts.push(text.length);
          text += h.data;
        }
        held.length = 0;
        nodes.push(n);
        starts.push(text.length);
        text += data;
      }
      this.pending = n;
      return { text, nodes, starts };
    }
  }

  private blockAt(el: Element | null): BlockInfo {
    return el ? (this.memo.get(el) ?? this.blockOf(el)) : SKIP;
  }

  private blockOf(el: Element): BlockInfo {
    const { memo, chain } = this;
    let inherited: BlockInfo | null = null;
    for (let cur: Element | null = el; cur; cur = cur.parentElement) {
      const known = memo.get(cur);
      if (known !== undefined) {
        inherited = known;
        break;
      }
      chain.push(cur);
      if (cur === this.root) break;
    }
    while (chain.length > 0) {
      const e = chain.pop()!;
      const info: BlockInfo =
        inherited === SKIP || isSkipped(e, this.options) ? SKIP : inherited !== null && INLINE_TAGS.has(e.tagName) ? inherited : e;
      memo.set(e, info);
      inherited = info;
    }
    return inherited ?? SKIP;
  }
}

/** All text runs under `root` (tests and small subtrees; the scanner uses TextRunIterator). */
export function* textRuns(root: Node, options: RunOptions = {}): Generator<TextRun> {
  const it = new TextRunIterator(root, options);
  for (let run = it.next(); run; run = it.next()) yield run;
}

/** The DOM point for a run offset; `asEnd` picks the end of a node over the start of the next. */
export function pointAt(run: TextRun, offset: number, asEnd = false): DomPoint {
  const { nodes, starts } = run;
  let lo = 0;
  let hi = nodes.length - 1;
  // Last node whose start is <= offset (or < offset for an end point).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (asEnd ? starts[mid] < offset : starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  // Empty text nodes share a start with the next one: step past them for a start point.
  while (!asEnd && lo < nodes.length - 1 && nodes[lo].data.length === 0) lo++;
  return { node: nodes[lo], offset: offset - starts[lo] };
}
