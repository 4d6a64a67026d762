import { useEffect, useMemo, useState } from 'preact/hooks';
import type { EntityType } from '../../analysis/types';
import { entitiesNamed, filterQuotes } from '../../search/said-about';
import { companionsOf, loadProfile, PROFILE_PAGE, type Companions, type EntityProfile, type QuoteGroup } from '../../store/profile';
import { plural } from '../format';
import { QuoteExport } from '../QuoteExport';
import { useLiveQuery } from '../useLiveQuery';
import { usePanel } from './context';
import { ViewError } from './ViewError';
import { ArticleLine, EntityLink, TYPE_LABEL, TYPE_PLURAL } from './links';
import { QuoteGroups } from './QuoteItem';

/**
 * Items of each list (quotes said, quotes about, articles) a profile reads
 * and draws first; the rest of its first page (PROFILE_PAGE of each) is read
 * and drawn right after. A side panel shows a few at a time, and reading and
 * drawing a whole page at once (some 300 records and 2,000 elements for the
 * most-mentioned person of a 10,000-article corpus) took 100-150 ms before
 * anything showed.
 */
export const FIRST_SHOWN = 8;

/**
 * How many of each list to read: FIRST_SHOWN, then, once those are painted,
 * PROFILE_PAGE, then a page more on each "Show older".
 */
function usePageLimit(id: string, shownLimit: number | undefined): [number, () => void] {
  const [page, setPage] = useState({ id, limit: FIRST_SHOWN });
  const limit = page.id === id ? page.limit : FIRST_SHOWN;
  useEffect(() => {
    if (shownLimit !== limit || limit >= PROFILE_PAGE) return;
    // After the first items are painted: a frame, then a task.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setPage({ id, limit: PROFILE_PAGE }))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [id, shownLimit, limit]);
  return [limit, () => setPage({ id, limit: limit < PROFILE_PAGE ? PROFILE_PAGE : limit + PROFILE_PAGE })];
}

/** Typing pause before the filter is written into the URL (one history entry rewrite per pause, not per key). */
const FILTER_URL_DELAY_MS = 300;

export function EntityView({ id, about = '' }: { id: string; about?: string }) {
  const { db } = usePanel();
  const [pageShown, setPageShown] = useState<{ id: string; limit: number } | undefined>(undefined);
  const [limit, showMore] = usePageLimit(id, pageShown?.id === id ? pageShown.limit : undefined);
  // Each result says which page it is, so the view knows when the page it asked for is the one drawn.
  const profile = useLiveQuery(async () => {
    const loaded = await loadProfile(db, id, limit);
    return loaded && { ...loaded, page: { id, limit } };
  }, [id, limit]);
  const page = profile.value?.page;
  useEffect(() => setPageShown(page), [page]);
  // Busy until the first page is read whole and drawn.
  const wholePage = page?.id === id && page.limit === limit && limit >= PROFILE_PAGE;
  // A query of its own, begun once that page is drawn: counting who appears beside a name reads every entity of its newest articles, and would compete with the profile's reads.
  const companions = useLiveQuery(() => (wholePage ? companionsOf(db, id) : undefined), [id, wholePage]).value;

  if (profile.error) return <ViewError error={profile.error} />;
  if (profile.value === null) {
    return (
      <article class="view">
        <h1 tabIndex={-1}>Not in the corpus</h1>
        <p>
          Backstory has no entry for <code>{id}</code>. It may have been merged with another name when the corpus changed.
        </p>
      </article>
    );
  }
  const p = profile.value;
  return (
    <article class="view" aria-busy={!wholePage}>
      <header>
        <h1 tabIndex={-1}>{p?.entity.name ?? 'Loading…'}</h1>
        {p && <EntityFacts profile={p} />}
      </header>
      {p && (
        <>
          <SaidSection profile={p} about={about} companions={companions} showMore={showMore} />
          {p.about.length > 0 && (
            <section aria-labelledby="about-heading">
              <h2 id="about-heading">Quotes that mention {p.entity.name}</h2>
              <QuoteGroups groups={p.about} names={p.names} showSpeaker />
              <ShowOlder shown={quotesIn(p.about)} total={p.totals.about} what="quote" onClick={showMore} />
            </section>
          )}
          <ArticlesSection profile={p} showMore={showMore} />
          {companions && <CompanionsSection companions={companions} />}
        </>
      )}
    </article>
  );
}

/** Quotes in these groups. */
const quotesIn = (groups: QuoteGroup[]) => groups.reduce((n, g) => n + g.quotes.length, 0);

/** The end of a list that holds the newest of more: how many, and a button for the next page. */
function ShowOlder({ shown, total, what, onClick }: { shown: number; total: number; what: string; onClick: () => void }) {
  if (shown >= total) return null;
  return (
    <p class="more-items">
      Newest {shown} of {plural(total, what)}.{' '}
      <button type="button" onClick={onClick}>
        Show older
      </button>
    </p>
  );
}

function EntityFacts({ profile: { entity, totals } }: { profile: EntityProfile }) {
  return (
    <>
      <p class="meta">
        <span class={`type type-${entity.type}`}>{TYPE_LABEL[entity.type]}</span>
        {' · '}
        {plural(totals.articles, 'article')}
        {totals.said > 0 && ` · ${plural(totals.said, 'quote')}`}
      </p>
      {entity.aliases.length > 0 && (
        <p class="aliases">
          <span class="label">Also called</span> {entity.aliases.join(', ')}
        </p>
      )}
      {entity.roles.length > 0 && (
        <div class="roles">
          <span class="label" id="roles-label">
            Roles seen
          </span>
          <ul aria-labelledby="roles-label">
            {entity.roles.map((role) => (
              <li key={role}>{role}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

/** What the entity said, filterable to "what did X say about Y". */
function SaidSection({ profile, about, companions, showMore }: { profile: EntityProfile; about: string; companions?: Companions; showMore: () => void }) {
  const { db, navigate } = usePanel();
  const [filter, setFilter] = useState(about);
  useEffect(() => setFilter(about), [about]);
  const topicEntity = useLiveQuery(async () => (filter.trim() ? ((await entitiesNamed(db, filter))[0] ?? null) : null), [filter]);

  // Keep the URL in step so the filtered view can be shared, reloaded and gone back to.
  useEffect(() => {
    if (filter === about) return;
    const timer = setTimeout(
      () => navigate({ view: 'entity', id: profile.entity.id, about: filter.trim() || undefined }, { replace: true }),
      FILTER_URL_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [filter]);

  const total = profile.totals.said;
  const loaded = quotesIn(profile.said);
  const groups: QuoteGroup[] = useMemo(() => {
    if (!filter.trim()) return profile.said;
    const topic = { text: filter.trim(), entity: topicEntity.value ?? null };
    return profile.said
      .map((g) => ({ article: g.article, quotes: filterQuotes(g.quotes, topic) }))
      .filter((g) => g.quotes.length > 0);
  }, [profile, filter, topicEntity.value]);
  const shown = quotesIn(groups);
  const name = profile.entity.name;

  if (total === 0) {
    // Places and organisations are rarely quoted; only a person's silence is worth a line.
    if (profile.entity.type !== 'person') return null;
    return (
      <section aria-labelledby="said-heading">
        <h2 id="said-heading">What {name} said</h2>
        <p class="empty">No quotes by {name} in the corpus.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="said-heading">
      <h2 id="said-heading">What {name} said</h2>
      <form class="filter" role="search" aria-label={`Filter ${name}’s quotes`} onSubmit={(e) => e.preventDefault()}>
        <label for="said-about">Said about</label>
        <input
          id="said-about"
          type="search"
          placeholder="name or word, e.g. Ukraine"
          list="said-about-names"
          value={filter}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
        {/* Names seen beside the speaker are the likely topics; the browser offers them as the reader types. */}
        <datalist id="said-about-names">
          {Object.values(companions ?? {})
            .flat()
            .map(({ entity }) => (
              <option key={entity.id} value={entity.name} />
            ))}
        </datalist>
      </form>
      <p class="count" role="status" aria-live="polite">
        {filter.trim()
          ? `${shown} of ${loaded < total ? `the newest ${plural(loaded, 'quote')}` : plural(total, 'quote')} about “${filter.trim()}”${aka(filter, topicEntity.value?.name)}`
          : plural(total, 'quote')}
      </p>
      <QuoteGroups groups={groups} names={profile.names} showSpeaker={false} />
      <ShowOlder shown={loaded} total={total} what="quote" onClick={showMore} />
      <QuoteExport db={db} speaker={{ id: profile.entity.id, name }} />
    </section>
  );
}

function ArticlesSection({ profile, showMore }: { profile: EntityProfile; showMore: () => void }) {
  return (
    <section aria-labelledby="articles-heading">
      <h2 id="articles-heading">Articles that mention {profile.entity.name}</h2>
      <ol class="articles">
        {profile.articles.map(({ article, snippet, count }) => (
          <li key={article.id}>
            <ArticleLine article={article} level="p" />
            <p class="snippet">
              {snippet.before}
              <mark>{snippet.match}</mark>
              {snippet.after}
              {count > 1 && <span class="more"> ({count} mentions)</span>}
            </p>
          </li>
        ))}
      </ol>
      <ShowOlder shown={profile.articles.length} total={profile.totals.articles} what="article" onClick={showMore} />
    </section>
  );
}

function CompanionsSection({ companions }: { companions: Companions }) {
  const types = (Object.keys(companions) as EntityType[]).filter((t) => companions[t].length > 0);
  if (!types.length) return null;
  return (
    <section aria-labelledby="companions-heading">
      <h2 id="companions-heading">Often alongside</h2>
      <div class="companions">
        {types.map((type) => (
          <div key={type}>
            <h3 id={`companions-${type}`}>{TYPE_PLURAL[type]}</h3>
            <ul aria-labelledby={`companions-${type}`}>
              {companions[type].map(({ entity, sharedArticles }) => (
                <li key={entity.id}>
                  <EntityLink id={entity.id} type={entity.type}>
                    {entity.name}
                  </EntityLink>{' '}
                  <span class="count-badge" aria-label={`in ${plural(sharedArticles, 'shared article')}`}>
                    {sharedArticles}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}

/** " (Nato)" when the typed topic resolved to an entity under another name ("the alliance" → no; "NATO" → Nato). */
function aka(typed: string, name: string | undefined): string {
  return name && name.toLowerCase() !== typed.trim().toLowerCase() ? ` (${name})` : '';
}
