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

/**
 * Yields the text runs under `root` in document order. A run ends at every
 * element that is not inline (and at <br>); skipped subtrees are not entered.
 * Plain DOM traversal (firstChild/nextSibling), no layout or style reads.
 */
export function* textRuns(root: Node, options: RunOptions = {}): Generator<TextRun> {
  let nodes: Text[] = [];
  let starts: number[] = [];
  let text = '';
  const flush = (): TextRun | null => {
    const run = nodes.length > 0 && /\S/.test(text) ? { text, nodes, starts } : null;
    nodes = [];
    starts = [];
    text = '';
    return run;
  };
  const isBlock = (el: Element) => !INLINE_TAGS.has(el.tagName);

  if (root.nodeType === 3) {
    const t = root as Text;
    if (/\S/.test(t.data)) yield { text: t.data, nodes: [t], starts: [0] };
    return;
  }
  let node: Node | null = root.firstChild;
  while (node) {
    if (node.nodeType === 3) {
      const t = node as Text;
      nodes.push(t);
      starts.push(text.length);
      text += t.data;
    } else if (node.nodeType === 1) {
      const el = node as Element;
      if (isBlock(el) || el.tagName === 'BR') {
        const run = flush();
        if (run) yield run;
      }
      if (!isSkipped(el, options) && el.firstChild) {
        node = el.firstChild;
        continue;
      }
    }
    // Climb out of finished elements; leaving a block ends its run.
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (node && node !== root && node.nodeType === 1 && isBlock(node as Element)) {
        const run = flush();
        if (run) yield run;
      }
    }
    if (!node || node === root) break;
    node = node.nextSibling;
  }
  const run = flush();
  if (run) yield run;
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
