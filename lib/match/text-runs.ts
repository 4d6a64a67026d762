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
  'IFRAME', 'OBJECT', 'CANVAS', 'SVG', 'svg', 'MATH', 'math', 'HEAD', 'TITLE',
]);

/** Phrasing elements a name can be split by without starting a new block. */
const INLINE_TAGS = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DFN', 'EM', 'FONT', 'I', 'INS', 'DEL', 'KBD', 'LABEL',
  'MARK', 'Q', 'RUBY', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'TT', 'U', 'VAR', 'WBR', 'NOBR',
]);

export interface RunOptions {
  /** Our own UI (the card's host element): never scanned. */
  isOwn?: (el: Element) => boolean;
}

export function isSkipped(el: Element, options: RunOptions = {}): boolean {
  if (SKIPPED_TAGS.has(el.tagName)) return true;
  if (el.hasAttribute('hidden')) return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
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
 * Yields the text runs under `root` in document order. A native TreeWalker
 * visits only text nodes; each node's block (nearest non-inline ancestor) and
 * whether it sits in a skipped element come from a per-call memo, so every
 * element is examined once. Consecutive text nodes with the same block form
 * a run. No layout or style is read.
 */
export function* textRuns(root: Node, options: RunOptions = {}): Generator<TextRun> {
  if (root.nodeType === 3) {
    const t = root as Text;
    if (/\S/.test(t.data)) yield { text: t.data, nodes: [t], starts: [0] };
    return;
  }
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const memo = new Map<Element, BlockInfo>();
  const chain: Element[] = [];
  const blockOf = (el: Element): BlockInfo => {
    let inherited: BlockInfo | null = null;
    for (let cur: Element | null = el; cur; cur = cur.parentElement) {
      const known = memo.get(cur);
      if (known !== undefined) {
        inherited = known;
        break;
      }
      chain.push(cur);
      if (cur === root) break;
    }
    while (chain.length > 0) {
      const e = chain.pop()!;
      const info: BlockInfo =
        inherited === SKIP || isSkipped(e, options) ? SKIP : inherited !== null && INLINE_TAGS.has(e.tagName) ? inherited : e;
      memo.set(e, info);
      inherited = info;
    }
    return inherited ?? SKIP;
  };

  let block: BlockInfo | null = null;
  let nodes: Text[] = [];
  let starts: number[] = [];
  let text = '';
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const parent = n.parentElement;
    const b = parent ? (memo.get(parent) ?? blockOf(parent)) : SKIP;
    // A <br> inside a block ends a line: "Biden<br>Donald" are two runs, not "BidenDonald".
    const prev = n.previousSibling;
    if (b !== block || (prev !== null && prev.nodeName === 'BR')) {
      if (nodes.length > 0 && /\S/.test(text)) yield { text, nodes, starts };
      nodes = [];
      starts = [];
      text = '';
      block = b;
    }
    if (b === SKIP) continue;
    nodes.push(n);
    starts.push(text.length);
    text += n.data;
  }
  if (nodes.length > 0 && /\S/.test(text)) yield { text, nodes, starts };
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
