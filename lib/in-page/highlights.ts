/**
 * Marks names with the CSS Custom Highlight API: the page's DOM and text stay
 * exactly as they were. One Highlight per entity type, plus one for the name
 * that has keyboard focus. Where the API is missing nothing is painted, and
 * hover still works through hit-testing (hit-test.ts).
 *
 * The ::highlight rules (HIGHLIGHT_CSS) are not added from here: a style
 * sheet added to a rendered page makes the browser recompute the style of
 * every element (a paired median of 15 ms on the benchmark's pages with
 * marks). The build writes them to highlights.css, which a registered content
 * script injects before the page is first styled.
 */
import type { EntityType } from '../analysis/types';
import type { PageMatch } from './page-match';

export const HIGHLIGHT_NAMES: Record<EntityType, string> = {
  person: 'backstory-person',
  place: 'backstory-place',
  org: 'backstory-org',
};
export const FOCUS_HIGHLIGHT = 'backstory-focus';

/**
 * Mid-luminance colours (WCAG contrast ≥ 3:1 against both white and #121212
 * for the underline), and a different line style per type so colour is not
 * the only cue. Focus adds a background, as the browser's find-in-page does.
 */
export const HIGHLIGHT_CSS = `
::highlight(${HIGHLIGHT_NAMES.person}) { text-decoration: underline solid rgb(59 130 246 / 0.9); text-decoration-thickness: 2px; text-underline-offset: 3px; }
::highlight(${HIGHLIGHT_NAMES.place}) { text-decoration: underline dotted rgb(22 163 74 / 0.95); text-decoration-thickness: 2px; text-underline-offset: 3px; }
::highlight(${HIGHLIGHT_NAMES.org}) { text-decoration: underline dashed rgb(217 119 6 / 0.95); text-decoration-thickness: 2px; text-underline-offset: 3px; }
::highlight(${FOCUS_HIGHLIGHT}) { background-color: rgb(250 204 21 / 0.55); color: #111; text-decoration: underline solid #111; text-decoration-thickness: 3px; }
`;

/** Most arguments passed in one call: a call with too many overflows the stack. */
const MAX_SPREAD = 10_000;

type HighlightCtor = new (...ranges: AbstractRange[]) => Set<AbstractRange>;

export class HighlightLayer {
  /** Read on first use: reaching a page global from a content script's world has a cost worth paying only on pages with names. */
  private api?: { registry: Map<string, Set<AbstractRange>>; Highlight: HighlightCtor } | null;
  private readonly highlights = new Map<string, Set<AbstractRange>>();
  private readonly ranges = new Map<PageMatch, AbstractRange>();

  constructor(private readonly doc: Document) {}

  private get highlightApi() {
    if (this.api === undefined) {
      const win = this.doc.defaultView as (Window & { CSS?: { highlights?: Map<string, Set<AbstractRange>> }; Highlight?: HighlightCtor }) | null;
      const registry = win?.CSS?.highlights;
      const Highlight = win?.Highlight;
      this.api = registry && Highlight ? { registry, Highlight } : null;
    }
    return this.api;
  }

  get supported(): boolean {
    return this.highlightApi !== null;
  }

  add(matches: PageMatch[]): void {
    if (matches.length === 0 || !this.supported) return;
    const byName = new Map<string, AbstractRange[]>();
    for (const m of matches) {
      const range = this.rangeFor(m);
      this.ranges.set(m, range);
      const name = HIGHLIGHT_NAMES[m.type];
      const list = byName.get(name);
      if (list) list.push(range);
      else byName.set(name, [range]);
    }
    // A new highlight gets all its ranges in one call, before the page sees it; each call into the page's objects has a cost.
    for (const [name, ranges] of byName) {
      const existing = this.highlights.get(name);
      if (existing) for (const range of ranges) existing.add(range);
      else this.highlight(name, ranges);
    }
  }

  remove(matches: PageMatch[]): void {
    for (const m of matches) {
      const range = this.ranges.get(m);
      if (!range) continue;
      this.ranges.delete(m);
      this.highlights.get(HIGHLIGHT_NAMES[m.type])?.delete(range);
      this.highlights.get(FOCUS_HIGHLIGHT)?.delete(range);
    }
  }

  /** Shows the keyboard focus on one match (null: none). */
  focus(match: PageMatch | null): void {
    if (!this.supported) return;
    const focus = this.highlight(FOCUS_HIGHLIGHT);
    focus.clear();
    if (match) focus.add(this.ranges.get(match) ?? this.rangeFor(match));
  }

  /** Removes every mark. */
  clear(): void {
    for (const name of this.highlights.keys()) this.api?.registry.delete(name);
    this.highlights.clear();
    this.ranges.clear();
  }

  private highlight(name: string, ranges: AbstractRange[] = []): Set<AbstractRange> {
    let h = this.highlights.get(name);
    if (!h) {
      const { registry, Highlight } = this.highlightApi!;
      h = new Highlight(...ranges.slice(0, MAX_SPREAD));
      for (let i = MAX_SPREAD; i < ranges.length; i++) h.add(ranges[i]);
      this.highlights.set(name, h);
      registry.set(name, h);
    }
    return h;
  }

  private rangeFor(m: PageMatch): AbstractRange {
    const win = this.doc.defaultView as Window & typeof globalThis;
    return new win.StaticRange({ startContainer: m.start.node, startOffset: m.start.offset, endContainer: m.end.node, endOffset: m.end.offset });
  }
}
