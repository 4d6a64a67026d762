/**
 * Which marked name is under the pointer. Highlights are paint only (no
 * events), so hover is found from the caret position at the pointer, checked
 * against the name's boxes; this also works where highlights are unsupported.
 */
import { containsPoint, type PageMatch } from './page-match';

export class MatchLookup {
  private readonly byNode = new Map<Node, PageMatch[]>();

  add(matches: Iterable<PageMatch>): void {
    for (const m of matches) {
      for (const n of m.nodes) {
        const list = this.byNode.get(n);
        if (list) list.push(m);
        else this.byNode.set(n, [m]);
      }
    }
  }

  remove(matches: Iterable<PageMatch>): void {
    for (const m of matches) {
      for (const n of m.nodes) {
        const list = this.byNode.get(n)?.filter((x) => x !== m);
        if (list?.length) this.byNode.set(n, list);
        else this.byNode.delete(n);
      }
    }
  }

  clear(): void {
    this.byNode.clear();
  }

  at(node: Node, offset: number): PageMatch | null {
    return this.byNode.get(node)?.find((m) => containsPoint(m, node, offset)) ?? null;
  }

  get size(): number {
    return this.byNode.size;
  }
}

type CaretDoc = Document & {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

export function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const d = doc as CaretDoc;
  if (d.caretPositionFromPoint) {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = d.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

/** A live Range over the match, for its boxes (StaticRange has none). */
export function liveRange(doc: Document, m: PageMatch): Range {
  const range = doc.createRange();
  range.setStart(m.start.node, m.start.offset);
  range.setEnd(m.end.node, m.end.offset);
  return range;
}

/** The match under (x, y), if the point is inside one of its boxes. */
export function matchAtPoint(doc: Document, lookup: MatchLookup, x: number, y: number): PageMatch | null {
  if (lookup.size === 0) return null;
  const caret = caretAt(doc, x, y);
  if (!caret) return null;
  const m = lookup.at(caret.node, caret.offset);
  if (!m) return null;
  for (const box of liveRange(doc, m).getClientRects()) {
    if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) return m;
  }
  return null;
}
