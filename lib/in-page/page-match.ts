import type { EntityType } from '../analysis/types';
import type { DomPoint } from './dom-text';

/** A name marked on the page: where it is, and which entity it names. */
export interface PageMatch {
  entityId: string;
  type: EntityType;
  text: string;
  start: DomPoint;
  end: DomPoint;
  /** Every text node the name covers, first to last (more than one when tags split it). */
  nodes: Text[];
  /** Not marked (a name known only from the user's own articles): found by hover alone. */
  hidden?: boolean;
}

/** True when a caret at (node, offset) lies inside the match. */
export function containsPoint(match: PageMatch, node: Node, offset: number): boolean {
  if (!match.nodes.includes(node as Text)) return false;
  if (node === match.start.node && offset < match.start.offset) return false;
  if (node === match.end.node && offset > match.end.offset) return false;
  return true;
}

/** Document order of two matches (for keyboard navigation). */
export function compareMatches(a: PageMatch, b: PageMatch): number {
  if (a.start.node === b.start.node) return a.start.offset - b.start.offset;
  // DOCUMENT_POSITION_FOLLOWING (4): b comes after a.
  return a.start.node.compareDocumentPosition(b.start.node) & 4 ? -1 : 1;
}
