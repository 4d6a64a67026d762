/** Where the card goes: below the name when it fits, else above, always inside the viewport. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Gap between the name and the card, and between the card and the viewport's edge. */
export const CARD_GAP_PX = 8;

export function placeCard(anchor: Box, size: { width: number; height: number }, viewport: { width: number; height: number }): { left: number; top: number } {
  const below = anchor.bottom + CARD_GAP_PX;
  const above = anchor.top - CARD_GAP_PX - size.height;
  let top = below + size.height <= viewport.height - CARD_GAP_PX ? below : above >= CARD_GAP_PX ? above : viewport.height - CARD_GAP_PX - size.height;
  top = Math.max(CARD_GAP_PX, top);
  const left = Math.min(Math.max(CARD_GAP_PX, anchor.left), Math.max(CARD_GAP_PX, viewport.width - CARD_GAP_PX - size.width));
  return { left, top };
}
