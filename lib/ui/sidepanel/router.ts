/**
 * The side panel's views as URL hashes (`#/entity/person:donald-tusk`,
 * `#/article/<id>`, `#/search?q=`), so any view opens directly from
 * `sidepanel.html#/…`, plus the stack behind its back/forward buttons.
 */

export type Route =
  | { view: 'home' }
  | { view: 'entity'; id: string; /** "What did X say about …" filter. */ about?: string }
  | { view: 'article'; id: string; /** Quote to scroll to and mark. */ quote?: string }
  | { view: 'search'; q: string }
  /** Resolve free text (a page selection) to the best entity, else search; never kept in history. */
  | { view: 'lookup'; q: string };

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '').replace(/^\//, '');
  const [path, queryString = ''] = splitOnce(raw, '?');
  const params = new URLSearchParams(queryString);
  const [view, encodedId = ''] = splitOnce(path, '/');
  let id = '';
  try {
    id = decodeURIComponent(encodedId);
  } catch {
    return { view: 'home' };
  }
  switch (view) {
    case 'entity':
      if (!id) break;
      return params.get('about') ? { view, id, about: params.get('about')! } : { view, id };
    case 'article':
      if (!id) break;
      return params.get('quote') ? { view, id, quote: params.get('quote')! } : { view, id };
    case 'search':
    case 'lookup': {
      const q = params.get('q')?.trim() ?? '';
      if (q) return { view, q };
      break;
    }
  }
  return { view: 'home' };
}

/** Ids as readable as the URL allows: ':' may stay in a fragment, '#', '/', '?' and '%' may not. */
const encodeId = (id: string) => encodeURIComponent(id).replace(/%3A/gi, ':');

export function formatRoute(route: Route): string {
  const query = (params: Record<string, string | undefined>) => {
    const defined = Object.entries(params).filter((e): e is [string, string] => !!e[1]);
    return defined.length ? `?${new URLSearchParams(defined)}` : '';
  };
  switch (route.view) {
    case 'home':
      return '#/';
    case 'entity':
      return `#/entity/${encodeId(route.id)}${query({ about: route.about })}`;
    case 'article':
      return `#/article/${encodeId(route.id)}${query({ quote: route.quote })}`;
    case 'search':
    case 'lookup':
      return `#/${route.view}${query({ q: route.q })}`;
  }
}

/**
 * What makes a view a different view: a profile's "said about" filter is state
 * within the profile (typing it must not remount the view and lose focus).
 */
export function viewKey(route: Route): string {
  return route.view === 'entity' ? formatRoute({ view: 'entity', id: route.id }) : formatRoute(route);
}

/** The route for a 'sidepanel/open' target; entity wins over article over query. */
export function routeForTarget(target: { entityId?: string; articleId?: string; query?: string; lookup?: string }): Route {
  if (target.entityId) return { view: 'entity', id: target.entityId };
  if (target.articleId) return { view: 'article', id: target.articleId };
  if (target.lookup?.trim()) return { view: 'lookup', q: target.lookup.trim() };
  if (target.query?.trim()) return { view: 'search', q: target.query.trim() };
  return { view: 'home' };
}

function splitOnce(s: string, sep: string): [string, string?] {
  const i = s.indexOf(sep);
  return i === -1 ? [s] : [s.slice(0, i), s.slice(i + 1)];
}

/**
 * Back/forward over visited hashes. The browser's history holds the same
 * entries (each tagged with its index), so the panel's buttons and the
 * browser's own back stay in step; this only knows what the buttons can do.
 */
export class ViewStack {
  private entries: string[];
  private current = 0;

  constructor(initial: string) {
    this.entries = [initial];
  }

  get index(): number {
    return this.current;
  }
  get hash(): string {
    return this.entries[this.current];
  }
  get canGoBack(): boolean {
    return this.current > 0;
  }
  get canGoForward(): boolean {
    return this.current < this.entries.length - 1;
  }

  /** A new view: drops anything ahead of the current one. Returns the new index, or null if already there. */
  push(hash: string): number | null {
    if (hash === this.hash) return null;
    this.entries = [...this.entries.slice(0, this.current + 1), hash];
    this.current = this.entries.length - 1;
    return this.current;
  }

  /** Swaps the current view (a lookup resolved to a profile) without a new entry. */
  replace(hash: string): void {
    this.entries[this.current] = hash;
  }

  /**
   * The browser moved to history entry `index` (popstate). An index the stack
   * does not know (an entry from before a reload) starts a fresh stack there.
   */
  moveTo(index: number | undefined, hash: string): void {
    if (index !== undefined && index >= 0 && index < this.entries.length && this.entries[index] === hash) {
      this.current = index;
      return;
    }
    // A hash typed by hand, or history from an earlier page load.
    this.push(hash);
  }
}
