import { useEffect, useRef, useState } from 'preact/hooks';
import type { BackstoryDb } from '../../store/db';
import { ArticleView } from './ArticleView';
import { PanelContext, type Panel } from './context';
import { EntityView } from './EntityView';
import { HomeView } from './HomeView';
import { parseHash, viewKey, type Route } from './router';
import { LookupView, SearchView } from './SearchView';
import { useRouter } from './useRouter';

export interface SidePanelProps {
  db: BackstoryDb;
  copy(text: string): Promise<void>;
  /** Calls back with routes the background asks for (a hover card's "More", the context menu). */
  subscribeToHandoffs?(navigate: (hash: string) => void): () => void;
}

export function SidePanel({ db, copy, subscribeToHandoffs }: SidePanelProps) {
  const router = useRouter();
  const key = viewKey(router.route);
  const [announcement, setAnnouncement] = useState('');
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  const panel: Panel = { db, copy, navigate: router.navigate, announce: setAnnouncement };

  useEffect(() => subscribeToHandoffs?.((hash) => router.navigate(parseHash(hash))), []);

  // A new view moves focus to its heading, so keyboard and screen-reader users
  // start reading there instead of on a link that no longer exists.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
    main.current?.scrollTo?.(0, 0);
  }, [key]);

  const query = router.route.view === 'search' ? router.route.q : '';
  return (
    <PanelContext.Provider value={panel}>
      <header class="panel-bar">
        <nav aria-label="History" class="history">
          <button type="button" onClick={router.back} disabled={!router.canGoBack} aria-label="Back" title="Back">
            ‹
          </button>
          <button type="button" onClick={router.forward} disabled={!router.canGoForward} aria-label="Forward" title="Forward">
            ›
          </button>
        </nav>
        <SearchForm key={query} initial={query} onSearch={(q) => router.navigate({ view: 'search', q })} />
      </header>
      <main ref={main} id="main">
        <View key={key} route={router.route} />
      </main>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </PanelContext.Provider>
  );
}

function View({ route }: { route: Route }) {
  switch (route.view) {
    case 'entity':
      return <EntityView id={route.id} about={route.about} />;
    case 'article':
      return <ArticleView id={route.id} quote={route.quote} />;
    case 'search':
      return <SearchView q={route.q} />;
    case 'lookup':
      return <LookupView q={route.q} />;
    case 'home':
      return <HomeView />;
  }
}

function SearchForm({ initial, onSearch }: { initial: string; onSearch(q: string): void }) {
  const [value, setValue] = useState(initial);
  return (
    <form
      role="search"
      class="panel-search"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) onSearch(value.trim());
      }}
    >
      <input
        type="search"
        aria-label="Search names, quotes and articles, or ask “Tusk on Ukraine”"
        placeholder="e.g. Tusk on Ukraine"
        value={value}
        onInput={(e) => setValue(e.currentTarget.value)}
      />
      <button type="submit">Search</button>
    </form>
  );
}
