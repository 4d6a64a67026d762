/**
 * When the card shows and hides: hover intent with a grace period, and a
 * keyboard path through the marked names.
 */
import type { EntityCard } from '../../messages';
import { liveRange, matchAtPoint, type MatchLookup } from '../hit-test';
import type { HighlightLayer } from '../highlights';
import { compareMatches, type PageMatch } from '../page-match';
import type { CardView } from './view';

/** Pointer rest before the card opens: Wikipedia Page Previews' measured choice (shorter opens by accident, longer feels slow). */
export const HOVER_INTENT_MS = 500;
/** Grace before the card hides after the pointer leaves, long enough to travel into it: Page Previews again. */
export const HIDE_GRACE_MS = 300;

/**
 * Alt+Shift+N / Alt+Shift+P: next / previous marked name; Enter opens its
 * card, Esc closes it or leaves name navigation. Chosen because Alt+Shift+B
 * (the obvious "Backstory") focuses the bookmarks bar in Chrome, and N/P are
 * free in Chrome and Firefox. Matched on `code`, so layouts and macOS Option
 * characters do not change it.
 */
export const SHORTCUT = { next: 'KeyN', previous: 'KeyP' } as const;

export interface ControllerDeps {
  doc: Document;
  lookup: MatchLookup;
  layer: HighlightLayer;
  matches(): Iterable<PageMatch>;
  view: Pick<CardView, 'show' | 'update' | 'hide' | 'isOpen' | 'owns'>;
  fetchCard(entityId: string): Promise<EntityCard | null>;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  /** addEventListener bound to the session's life: removed when it stops. */
  listen(target: EventTarget, type: string, fn: (e: Event) => void, options?: AddEventListenerOptions): void;
}

export class CardController {
  private hovered: PageMatch | null = null;
  private shown: PageMatch | null = null;
  private focused: PageMatch | null = null;
  private showTimer: unknown = null;
  private hideTimer: unknown = null;
  private framePending = false;
  private lastPoint = { x: 0, y: 0, target: null as EventTarget | null };
  private returnFocus: HTMLElement | null = null;
  private readonly cache = new Map<string, Promise<EntityCard | null>>();

  constructor(private readonly d: ControllerDeps) {}

  attach(): void {
    const { doc } = this.d;
    // Only the user's own input counts: a page script can dispatch events over a name to learn,
    // from the card appearing, which names Backstory knows (isTrusted is false for those).
    const trusted = (handle: (e: Event) => void) => (e: Event) => {
      if (e.isTrusted) handle(e);
    };
    this.d.listen(doc, 'mousemove', trusted((e) => this.onMove(e as MouseEvent)), { passive: true, capture: true });
    this.d.listen(doc, 'keydown', trusted((e) => this.onKey(e as KeyboardEvent)), { capture: true });
    this.d.listen(doc, 'mousedown', trusted((e) => {
      if (!this.d.view.owns(e.target)) this.leaveNavigation();
    }), { capture: true, passive: true });
  }

  /** Closes the card and drops hover and focus state (names removed, script turned off). */
  reset(): void {
    this.cancel('show');
    this.cancel('hide');
    this.hovered = null;
    this.focused = null;
    this.close();
  }

  /** Forget matches that left the page. */
  forget(removed: PageMatch[]): void {
    if (this.hovered && removed.includes(this.hovered)) this.hovered = null;
    if (this.focused && removed.includes(this.focused)) this.leaveNavigation();
    if (this.shown && removed.includes(this.shown)) this.close();
  }

  private onMove(e: MouseEvent): void {
    this.lastPoint = { x: e.clientX, y: e.clientY, target: e.target };
    if (this.framePending) return;
    this.framePending = true;
    // One hit test per frame at most, however fast the mouse events come.
    this.d.setTimeout(() => {
      this.framePending = false;
      this.sample();
    }, 16);
  }

  private sample(): void {
    const { x, y, target } = this.lastPoint;
    if (this.d.view.owns(target)) {
      this.cancel('hide');
      this.cancel('show');
      this.hovered = null;
      return;
    }
    const m = matchAtPoint(this.d.doc, this.d.lookup, x, y);
    if (m && m === this.shown) {
      this.cancel('hide');
      return;
    }
    if (m) {
      if (m !== this.hovered) {
        this.hovered = m;
        this.cancel('show');
        this.showTimer = this.d.setTimeout(() => {
          this.showTimer = null;
          if (this.hovered === m) void this.open(m, false);
        }, HOVER_INTENT_MS);
      }
      return;
    }
    this.hovered = null;
    this.cancel('show');
    if (this.shown && this.hideTimer === null) {
      this.hideTimer = this.d.setTimeout(() => {
        this.hideTimer = null;
        this.close();
      }, HIDE_GRACE_MS);
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && (e.code === SHORTCUT.next || e.code === SHORTCUT.previous)) {
      const ordered = [...this.d.matches()].sort(compareMatches);
      if (ordered.length === 0) return;
      e.preventDefault();
      e.stopPropagation();
      const at = this.focused ? ordered.indexOf(this.focused) : -1;
      const step = e.code === SHORTCUT.next ? 1 : -1;
      const next = ordered[(at + step + ordered.length) % ordered.length] ?? ordered[0];
      this.focusMatch(next);
      return;
    }
    if (e.key === 'Escape' && (this.d.view.isOpen || this.focused)) {
      e.preventDefault();
      e.stopPropagation();
      if (this.d.view.isOpen) this.close();
      else this.leaveNavigation();
      return;
    }
    if (e.key === 'Enter' && this.focused && !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && !this.d.view.owns(e.target)) {
      // Enter in a field, button or link is the page's: leave name navigation instead.
      if (isInteractive(e.target)) {
        this.leaveNavigation();
        return;
      }
      e.preventDefault();
      e.stopPropagation();
      void this.open(this.focused, true);
    }
  }

  private focusMatch(m: PageMatch): void {
    this.focused = m;
    this.d.layer.focus(m);
    if (this.d.view.isOpen) this.close();
    const box = liveRange(this.d.doc, m).getBoundingClientRect();
    const view = this.d.doc.defaultView;
    if (view && (box.top < 0 || box.bottom > view.innerHeight)) {
      m.start.node.parentElement?.scrollIntoView({ block: 'center' });
    }
  }

  private leaveNavigation(): void {
    if (!this.focused) return;
    this.focused = null;
    this.d.layer.focus(null);
  }

  private async open(m: PageMatch, viaKeyboard: boolean): Promise<void> {
    this.cancel('hide');
    this.shown = m;
    const active = this.d.doc.activeElement;
    this.returnFocus = viaKeyboard && active instanceof this.d.doc.defaultView!.HTMLElement ? active : null;
    const box = liveRange(this.d.doc, m).getBoundingClientRect();
    const anchor = { left: box.left, top: box.top, right: box.right, bottom: box.bottom };
    let data = this.cache.get(m.entityId);
    if (!data) {
      data = this.d.fetchCard(m.entityId).catch(() => {
        this.cache.delete(m.entityId); // try again on the next open
        return null;
      });
      this.cache.set(m.entityId, data);
    }
    await this.d.view.show({ status: 'loading', name: m.text }, anchor, { focus: viaKeyboard, onClose: () => this.close() });
    const card = await data;
    if (this.shown === m) this.d.view.update(card, m.text);
  }

  private close(): void {
    this.shown = null;
    this.d.view.hide();
    const back = this.returnFocus;
    this.returnFocus = null;
    back?.focus({ preventScroll: true });
  }

  private cancel(which: 'show' | 'hide'): void {
    const id = which === 'show' ? this.showTimer : this.hideTimer;
    if (id !== null) this.d.clearTimeout(id);
    if (which === 'show') this.showTimer = null;
    else this.hideTimer = null;
  }
}

const INTERACTIVE = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A', 'SUMMARY']);

function isInteractive(target: EventTarget | null): boolean {
  const el = target as Element | null;
  if (!el || el.nodeType !== 1) return false;
  return INTERACTIVE.has(el.tagName) || (el as HTMLElement).isContentEditable === true;
}
