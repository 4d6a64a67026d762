// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createCardHost } from '../../entrypoints/names/card-host';
import { clickPoint, isFullyVisible } from '../../lib/in-page/card/exposure';
import { CardView } from '../../lib/in-page/card/view';
import type { EntityCard } from '../../lib/messages';

const card: EntityCard = {
  id: 'person:donald-tusk', name: 'Donald Tusk', type: 'person', role: null, aliases: [], quotesBy: [], quotesAbout: [], articles: [],
  counts: { quotesBy: 0, quotesAbout: 0, articles: 0 }, userOnly: false,
};
const AT = { x: 10, y: 10 };

/** A card host as the names script makes it, and what the document says is topmost at a point (happy-dom lays nothing out). */
function host() {
  const made = createCardHost(document, 'backstory-card', '');
  let top: Element | null = made.host;
  document.elementFromPoint = () => top;
  return { ...made, cover: (el: Element | null) => (top = el) };
}

afterEach(() => {
  document.documentElement.querySelectorAll('backstory-card').forEach((e) => e.remove());
  document.documentElement.removeAttribute('style');
  document.body.innerHTML = '';
});

describe('the card is clickable only while fully visible', () => {
  it('is visible as the names script draws it', () => {
    expect(isFullyVisible(host().host, AT)).toBe(true);
  });

  it('is not when the page makes the host or an ancestor transparent, hidden, clipped, filtered or masked', () => {
    const styles: Array<[string, string]> = [
      ['opacity', '0'], ['opacity', '0.99'], ['visibility', 'hidden'], ['clip-path', 'inset(50%)'], ['filter', 'opacity(0)'], ['mask-image', 'linear-gradient(transparent, transparent)'],
    ];
    for (const [property, value] of styles) {
      const h = host();
      h.host.style.setProperty(property, value, 'important');
      expect(isFullyVisible(h.host, AT), `${property}: ${value}`).toBe(false);
      h.remove();
    }
    const h = host();
    document.documentElement.style.setProperty('opacity', '0.5');
    expect(isFullyVisible(h.host, AT)).toBe(false);
  });

  it('is not when something of the page covers it at the clicked point, nor once removed', () => {
    const h = host();
    const decoy = document.body.appendChild(document.createElement('div'));
    h.cover(decoy);
    expect(isFullyVisible(h.host, AT)).toBe(false);
    h.cover(null);
    expect(isFullyVisible(h.host, AT)).toBe(false);
    h.cover(h.host);
    h.remove();
    expect(isFullyVisible(h.host, AT)).toBe(false);
  });

  it('takes the pointer’s position for a mouse click and the middle of the button for one from the keyboard', () => {
    expect(clickPoint(new MouseEvent('click', { detail: 1, clientX: 3, clientY: 4 }))).toEqual({ x: 3, y: 4 });
    const button = document.body.appendChild(document.createElement('button'));
    button.getBoundingClientRect = () => ({ left: 10, top: 20, width: 40, height: 10 }) as DOMRect;
    const keyboard = new MouseEvent('click', { detail: 0 });
    Object.defineProperty(keyboard, 'target', { value: button });
    expect(clickPoint(keyboard)).toEqual({ x: 30, y: 25 });
  });

  it('stops a click the page fabricated on the card before it reaches a button', async () => {
    const calls: string[] = [];
    let surface: ReturnType<typeof createCardHost> | null = null;
    const view = new CardView(async () => (surface = createCardHost(document, 'backstory-card', '')), {
      openSidePanel: (id) => void calls.push(id),
      search: async () => null,
    });
    await view.show({ status: 'ready', card }, { left: 0, top: 0, right: 10, bottom: 10, width: 10, height: 10 } as never, { focus: false, onClose() {} });
    const button = [...surface!.container.querySelectorAll('button')].find((b) => b.textContent?.includes('side panel'))!;
    button.click(); // untrusted, as anything a script dispatches
    expect(calls).toEqual([]);
  });
});
