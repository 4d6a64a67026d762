/**
 * The page's text as one string, and the way back from an offset in it to a
 * text node. A scan reads `root.textContent` (one native call, no node is
 * touched) and looks for names in that string; only where the background
 * found a name does it walk the text nodes, and only as far as the last name.
 *
 * Why: from a content script's isolated world, every node it touches costs a
 * wrapper object; touching each text node was most of a scan's time (over
 * the 130 pages of the benchmark, a text-node walk reading `.data` cost ~1 ms
 * at the median and 25 ms on the largest page; `textContent` 0.4 ms and 3 ms).
 * The string also holds what a reader never sees (scripts, styles) and joins
 * blocks without a separator ("Kyiv</h2><p>Tusk" is "KyivTusk"), so every
 * match is checked against the DOM before it is marked (see `checkMatch`).
 */

export interface DomPoint {
  node: Text;
  offset: number;
}

/** Text nodes under a root in document order, with the offset in `root.textContent` where each one's text begins. */
export interface TextNodes {
  nodes: Text[];
  starts: number[];
}

/**
 * Elements whose content is never page prose, or is the user's to edit, as
 * one selector: a single native `matches` or `closest` call instead of a
 * walk up the ancestors, each of which would cost a wrapper in our world.
 */
const SKIPPED_ELEMENTS = [
  'script', 'style', 'noscript', 'textarea', 'input', 'select', 'option', 'template',
  'iframe', 'object', 'canvas', 'svg', 'math', 'head', 'title',
  '[hidden]', '[contenteditable]:not([contenteditable=false])',
].join(',');

/** Phrasing elements a name can be split by without starting a new block (the scanner also climbs out of them to rescan a whole block). */
export const INLINE_TAGS = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DFN', 'EM', 'FONT', 'I', 'INS', 'DEL', 'KBD', 'LABEL',
  'MARK', 'Q', 'RUBY', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'TT', 'U', 'VAR', 'WBR', 'NOBR',
]);

/** What a scan skips: SKIPPED_ELEMENTS, and our own UI (the card's host element) when its tag is given. */
export function skippedSelector(ownTag?: string): string {
  return ownTag ? `${SKIPPED_ELEMENTS},${ownTag}` : SKIPPED_ELEMENTS;
}

/** True when `node` or an ancestor is skipped (`skipped` from skippedSelector). */
export function isInsideSkipped(node: Node, skipped: string): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return el !== null && el.closest(skipped) !== null;
}

/** Elements whose text is part of `textContent` but never prose: their text is cut out before looking for names. */
const UNREAD = 'script,style,noscript';
/**
 * Shorter unread texts stay in: harmless there (a match inside a skipped
 * element is dropped anyway), while finding a short text by its content might
 * cut out a piece of prose that happens to read the same.
 */
const MIN_UNREAD_LENGTH = 8;

/**
 * The parts of `text` (the root's textContent) outside scripts and styles, as
 * [start, end) ranges. Their text is found by content, in order, from where
 * the previous one ended: one `querySelectorAll` instead of a walk. On a page
 * with a megabyte of inline JSON this keeps the regular expressions, and the
 * background, away from it.
 */
export function readableRanges(root: Node, text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let pos = 0;
  if (root.nodeType === 1) {
    let outer: Element | null = null;
    for (const el of (root as Element).querySelectorAll(UNREAD)) {
      if (outer?.contains(el)) continue;
      const unread = el.textContent ?? '';
      if (unread.length < MIN_UNREAD_LENGTH) continue;
      const at = text.indexOf(unread, pos);
      if (at < 0) continue;
      if (at > pos) ranges.push([pos, at]);
      pos = at + unread.length;
      outer = el;
    }
  }
  if (pos < text.length) ranges.push([pos, text.length]);
  return ranges;
}

/** Memo value for an element whose text is not scanned. */
export const SKIPPED = null;
/** A text node's block: its nearest non-inline ancestor, or SKIPPED. */
export type Block = Element | typeof SKIPPED;

/**
 * Blocks of elements under one root, each element examined once: text in one
 * block reads as one line ("Joe <b>Biden</b>"), text in two blocks does not.
 */
export class BlockMemo {
  private readonly memo = new Map<Element, Block>();
  private readonly chain: Element[] = [];

  constructor(
    private readonly root: Node,
    /** From skippedSelector. */
    private readonly skipped: string,
  ) {}

  of(node: Text): Block {
    const el = node.parentElement;
    if (!el) return SKIPPED;
    const known = this.memo.get(el);
    return known !== undefined ? known : this.compute(el);
  }

  private compute(el: Element): Block {
    const { memo, chain } = this;
    let inherited: Block | undefined;
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
      const block: Block =
        inherited === SKIPPED || e.matches(this.skipped) ? SKIPPED : inherited !== undefined && INLINE_TAGS.has(e.tagName) ? inherited : e;
      memo.set(e, block);
      inherited = block;
    }
    return inherited ?? SKIPPED;
  }
}

/**
 * Walks `root`'s text nodes up to the one holding offset `through` (in the
 * root's text). Reads only `length`: no string crosses into our world.
 * `pause` is asked every few hundred nodes and may suspend the walk (to let
 * the page run); the walk ends early when it returns false.
 */
export async function collectTextNodes(root: Node, through: number, pause?: () => Promise<boolean> | boolean): Promise<TextNodes | null> {
  const nodes: Text[] = [];
  const starts: number[] = [];
  if (root.nodeType === 3) {
    nodes.push(root as Text);
    starts.push(0);
    return { nodes, starts };
  }
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let pos = 0;
  for (let n = walker.nextNode() as Text | null; n && pos <= through; n = walker.nextNode() as Text | null) {
    nodes.push(n);
    starts.push(pos);
    pos += n.length;
    if ((nodes.length & 511) === 0 && pause && !(await pause())) return null;
  }
  return { nodes, starts };
}

/** Index of the node holding the character at `offset` (for an end point, `asEnd`: the node a text ending at `offset` ends in). */
export function nodeIndexAt(text: TextNodes, offset: number, asEnd = false): number {
  const { nodes, starts } = text;
  let lo = 0;
  let hi = nodes.length - 1;
  // Last node whose start is <= offset (or < offset for an end point).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (asEnd ? starts[mid] < offset : starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  // Empty text nodes share a start with the next one: step past them for a start point.
  while (!asEnd && lo < nodes.length - 1 && nodes[lo].length === 0) lo++;
  return lo;
}

/** The DOM point for an offset in the root's text; `asEnd` picks the end of a node over the start of the next. */
export function pointAt(text: TextNodes, offset: number, asEnd = false): DomPoint {
  const i = nodeIndexAt(text, offset, asEnd);
  return { node: text.nodes[i], offset: offset - text.starts[i] };
}

/** True when a <br> lies between two text nodes (`a` before `b`): it ends a line as a block does. */
export function breakBetween(a: Node, b: Node): boolean {
  for (let n: Node | null = previousInOrder(b); n && n !== a; n = previousInOrder(n)) {
    if (n.nodeName === 'BR') return true;
  }
  return false;
}

/** The node before `node` in document order (pre-order), or null. */
function previousInOrder(node: Node): Node | null {
  let prev = node.previousSibling;
  if (!prev) return node.parentNode;
  while (prev.lastChild) prev = prev.lastChild;
  return prev;
}
