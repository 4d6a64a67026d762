import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CorpusStatus } from '../../messages';
import type { CorpusCounts, SearchResults } from '../../search/corpus-search';
import { formatDate, plural } from '../format';
import { Marked } from '../Marked';

export type OpenTarget = { entityId: string } | { articleId: string } | { query: string };

export interface PopupProps {
  /** What the corpus holds, or null while it is being counted; new counts mean a changed corpus, searched again. */
  counts: CorpusCounts | null;
  /** Searches the corpus for what the user typed. */
  search(query: string): Promise<SearchResults>;
  status: CorpusStatus | null;
  /** Opens a result in the side panel. */
  open(target: OpenTarget): void;
  /** A query to start with (from "Search in popup" on a hover card). */
  initialQuery?: string;
  /** Controls for the current site (on/off, pause), rendered under the results. */
  footer?: ComponentChildren;
  /** Opens the options page, where the user imports and manages their own articles. */
  openOptions?: () => void;
  /** Called as soon as a query's results are in the DOM, before they are painted (the scale benchmark times input → results with it). */
  onResultsDrawn?: (query: string) => void;
}

/** The performance mark the benchmark build sets when a query's results are drawn. */
export const RESULTS_DRAWN_MARK = 'backstory:results-drawn';

type Row = { key: string; target: OpenTarget; render: () => ComponentChildren };

const TYPE_LABEL = { person: 'People', place: 'Places', org: 'Organisations' } as const;

export function Popup({ counts, search, status, open, initialQuery = '', footer, openOptions, onResultsDrawn }: PopupProps) {
  const [query, setQuery] = useState(initialQuery);
  const [active, setActive] = useState(0);
  const [results, setResults] = useState<SearchResults | null>(null);
  const [error, setError] = useState<string | null>(null);
  // As soon as the query is rendered, not after the next paint: a keystroke's search starts a frame sooner.
  useLayoutEffect(() => {
    if (!query.trim()) {
      setResults(null);
      return;
    }
    // Answers can arrive out of order; only the latest query's is shown.
    let latest = true;
    search(query).then(
      (found) => latest && (setResults(found), setError(null)),
      (failure: Error) => latest && setError(`Search failed: ${failure.message}`),
    );
    return () => {
      latest = false;
    };
  }, [query, counts, search]);
  const groups = useMemo(() => (results ? resultGroups(results) : []), [results]);
  // A layout effect runs as soon as the render is committed to the DOM, before the browser paints: the results are
  // in the DOM by then. A plain effect waited for the next frame as well, which the DOM does not need.
  useLayoutEffect(() => {
    if (results) onResultsDrawn?.(query);
  }, [results]);
  const rows = groups.flatMap((g) => g.rows);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => setActive(0), [query]);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    document.getElementById(`result-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (rows.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + rows.length) % rows.length);
    } else if (event.key === 'Enter' && rows[active]) {
      event.preventDefault();
      open(rows[active].target);
    }
  };

  let index = -1;
  return (
    <main class="popup">
      <header>
        <h1>Backstory</h1>
        <input
          ref={input}
          type="search"
          role="combobox"
          aria-expanded={rows.length > 0}
          aria-controls="results"
          aria-activedescendant={rows.length ? `result-${active}` : undefined}
          aria-label="Search people, places, quotes and articles"
          placeholder="Search people, places, quotes, articles"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
      </header>
      <p class="status" role="status" aria-live="polite">
        {describeState(status, counts, query, rows.length)}
      </p>
      {error && <p class="error">{error}</p>}
      {status?.errors.map((error) => (
        <p class="error" key={error}>
          {error}
        </p>
      ))}
      <div id="results" role="listbox" aria-label="Results">
        {groups.map((group) => (
          <section key={group.title} role="group" aria-label={group.title}>
            <h2>{group.title}</h2>
            {group.rows.map((row) => {
              index += 1;
              const i = index;
              return (
                <div
                  id={`result-${i}`}
                  key={row.key}
                  role="option"
                  aria-selected={i === active}
                  class={i === active ? 'result active' : 'result'}
                  onMouseMove={() => setActive(i)}
                  onClick={() => open(row.target)}
                >
                  {row.render()}
                </div>
              );
            })}
          </section>
        ))}
      </div>
      {footer}
      {openOptions && (
        <button type="button" class="options-link" onClick={openOptions}>
          Your articles…
        </button>
      )}
    </main>
  );
}

function describeState(status: CorpusStatus | null, counts: CorpusCounts | null, query: string, count: number): string {
  if (!counts || status?.state === 'loading') return loadingMessage(status?.progress);
  if (query.trim()) return count === 0 ? `Nothing in the corpus matches “${query.trim()}”.` : `${count} result${count === 1 ? '' : 's'}`;
  return (
    `The corpus holds ${plural(counts.articles, 'article')}, ${plural(counts.quotes, 'quote')}, ` +
    `${plural(counts.people, 'person', 'people')}, ${plural(counts.places, 'place')} and ${plural(counts.organisations, 'organisation')}. ` +
    'Type a name, a place or a few words.'
  );
}

function loadingMessage(progress: CorpusStatus['progress']): string {
  if (!progress || progress.filesTotal === 0) return 'Loading the corpus…';
  const words = progress.words.toLocaleString('en');
  return `Loading the corpus… ${progress.filesDone.toLocaleString('en')} of ${plural(progress.filesTotal, 'file')} (${words} words so far). Search finds what is loaded.`;
}

function resultGroups(results: SearchResults): Array<{ title: string; rows: Row[] }> {
  const groups: Array<{ title: string; rows: Row[] }> = [];
  for (const type of ['person', 'place', 'org'] as const) {
    const rows: Row[] = results.entities
      .filter((r) => r.entity.type === type)
      .map(({ entity }) => ({
        key: entity.id,
        target: { entityId: entity.id },
        render: () => (
          <>
            <span>
              <span class="title">{entity.name}</span>
              {entity.roles[0] && <span class="role"> · {entity.roles[0]}</span>}
            </span>
            <span class="meta">
              {entity.type === 'person' ? `${plural(entity.quoteCount, 'quote')} · ` : ''}
              {plural(entity.articleCount, 'article')}
            </span>
          </>
        ),
      }));
    if (rows.length) groups.push({ title: TYPE_LABEL[type], rows });
  }
  if (results.quotes.length) {
    groups.push({
      title: 'Quotes',
      rows: results.quotes.map((r) => ({
        key: r.quote.id,
        target: r.quote.speakerId ? { entityId: r.quote.speakerId } : { articleId: r.quote.articleId },
        render: () => (
          <>
            <q class="quote">
              <Marked {...r.snippet} />
            </q>
            <span class="meta">
              {r.speakerName ?? r.quote.speakerDescription ?? 'unattributed'} · {formatDate(r.article?.date)}
            </span>
          </>
        ),
      })),
    });
  }
  if (results.articles.length) {
    groups.push({
      title: 'Articles',
      rows: results.articles.map((r) => ({
        key: r.article.id,
        target: { articleId: r.article.id },
        render: () => (
          <>
            <span class="title">{r.heading}</span>
            <span class="meta">
              {formatDate(r.article.date)}
              {r.article.complete ? '' : ' · excerpt'}
            </span>
            <span class="snippet">
              <Marked {...r.snippet} />
            </span>
          </>
        ),
      })),
    });
  }
  return groups;
}
