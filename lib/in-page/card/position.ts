/** Where the card goes: below the name when it fits, else above, always inside the viewport and never over the name. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Gap between the name and the card, and between the card and the viewport's edge. */
export const CARD_GAP_PX = 8;

export interface Placement {
  left: number;
  top: number;
  /** Set when the card must shrink (and scroll) to fit beside the name. */
  maxHeight?: number;
}

export function placeCard(anchor: Box, size: { width: number; height: number }, viewport: { width: number; height: number }): Placement {
  const left = Math.min(Math.max(CARD_GAP_PX, anchor.left), Math.max(CARD_GAP_PX, viewport.width - CARD_GAP_PX - size.width));
  const roomBelow = viewport.height - anchor.bottom - 2 * CARD_GAP_PX;
  const roomAbove = anchor.top - 2 * CARD_GAP_PX;
  if (size.height <= roomBelow) return { left, top: anchor.bottom + CARD_GAP_PX };
  if (size.height <= roomAbove) return { left, top: anchor.top - CARD_GAP_PX - size.height };
  // Fits on neither side: take the roomier one and scroll inside the card, so the name stays visible.
  if (roomBelow >= roomAbove) return { left, top: anchor.bottom + CARD_GAP_PX, maxHeight: Math.max(0, roomBelow) };
  return { left, top: CARD_GAP_PX, maxHeight: Math.max(0, roomAbove) };
}
