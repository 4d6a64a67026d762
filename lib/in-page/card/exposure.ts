/**
 * Clickjacking: the page can see the card's host element (only its shadow
 * root is closed) and restyle it, say fully transparent over a decoy button
 * of its own, so that the user's click lands on the card unseen. The card's
 * actions therefore run only while the host is shown as Backstory drew it:
 * opaque, visible, unclipped, unfiltered, and on top at the clicked point.
 */

/** Whether `host` is fully visible and the topmost element at `point` (viewport coordinates). */
export function isFullyVisible(host: Element, point: { x: number; y: number }): boolean {
  const doc = host.ownerDocument;
  const view = doc.defaultView;
  if (!view || !host.isConnected) return false;
  const own = view.getComputedStyle(host);
  // An empty value is an engine that computes no such property (test DOMs); browsers always give one.
  if (own.visibility !== '' && own.visibility !== 'visible') return false;
  if (own.clip && own.clip !== 'auto') return false;
  // Opacity, filters, clipping and masks compose down the tree: any ancestor's count.
  for (let el: Element | null = host; el; el = el.parentElement) {
    const style = view.getComputedStyle(el);
    if (style.opacity !== '' && Number(style.opacity) !== 1) return false;
    if (isSet(style.filter) || isSet(style.clipPath) || isSet(style.getPropertyValue('mask-image')) || isSet(style.getPropertyValue('-webkit-mask-image'))) return false;
  }
  // Nothing of the page's over it (elementFromPoint answers with the host for a point inside its shadow root).
  const top = doc.elementFromPoint(point.x, point.y);
  return !!top && (top === host || host.contains(top));
}

const isSet = (value: string | undefined) => !!value && value !== 'none';

/** Where a click happened: the pointer's position, or for a click from the keyboard (no pointer), the middle of what was clicked. */
export function clickPoint(event: MouseEvent): { x: number; y: number } {
  if (event.detail > 0) return { x: event.clientX, y: event.clientY };
  const box = (event.target as Element | null)?.getBoundingClientRect?.();
  return box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : { x: event.clientX, y: event.clientY };
}
