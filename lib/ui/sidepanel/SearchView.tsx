import { useEffect } from 'preact/hooks';
import { bestEntityFor } from '../../search/said-about';
import { summarize } from '../../store/profile';
import { formatDate, plural } from '../format';
import { useLiveQuery } from '../useLiveQuery';
import { usePanel } from './context';
import { ViewError } from './ViewError';
import { Marked } from '../Marked';
import { articleHref, EntityLink, ExcerptBadge, TYPE_LABEL } from './links';
import { QuoteItem } from './QuoteItem';
import { searchCorpus } from './search';

export function SearchView({ q }: { q: string }) {
  const { db, navigate } = usePanel();
  const results = useLiveQuery(() => searchCorpus(db, q), [q]);
  const r = results.value;


  // "Tusk on Ukraine" is a question for Tusk's profile, filtered; go there when it has an answer.
  const said = r?.saidAbout;
  useEffect(() => {
    if (said && said.quotes.length > 0) {
      navigate({ view: 'entity', id: said.speaker.id, about: said.topic.text }, { replace: true });
    }
  }, [said?.speaker.id, said?.quotes.length]);

  if (results.error) return <ViewError error={results.error} />;
  const total = r ? r.entities.length + r.quotes.length + r.articles.length : 0;
  return (
    <article class="view" aria-busy={!r}>
      <h1 tabIndex={-1}>Results for “{q}”</h1>
      <p class="count" role="status" aria-live="polite">
        {r
          ? total === 0
            ? 'Nothing in the corpus matches.'
            : `${plural(r.entities.length, 'name')}, ${plural(r.quotes.length, 'quote')}, ${plural(r.articles.length, 'article')}`
          : 'Searching…'}
      </p>
      {said && said.quotes.length === 0 && (
        <p class="note">
          <EntityLink id={said.speaker.id}>{said.speaker.name}</EntityLink> is not quoted on “{said.topic.text}” in the corpus.
        </p>
      )}
      {r && r.entities.length > 0 && (
        <section aria-labelledby="r-names">
          <h2 id="r-names">Names</h2>
          <ul class="entities">
            {r.entities.map(({ entity }) => (
              <li key={entity.id}>
                <EntityLink id={entity.id} type={entity.type}>
                  {entity.name}
                </EntityLink>{' '}
                <span class="meta">
                  {TYPE_LABEL[entity.type]} · {plural(entity.articleCount, 'article')}
                  {entity.quoteCount > 0 && ` · ${plural(entity.quoteCount, 'quote')}`}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {r && r.quotes.length > 0 && (
        <section aria-labelledby="r-quotes">
          <h2 id="r-quotes">Quotes</h2>
          <ul class="quotes">
            {r.quotes
              .filter((hit) => hit.article)
              .map((hit) => (
                <QuoteItem
                  key={hit.quote.id}
                  quote={hit.quote}
                  article={summarize(hit.article!)}
                  speakerName={hit.speakerName}
                  showArticle
                />
              ))}
          </ul>
        </section>
      )}
      {r && r.articles.length > 0 && (
        <section aria-labelledby="r-articles">
          <h2 id="r-articles">Articles</h2>
          <ol class="articles">
            {r.articles.map(({ article, heading, snippet }) => (
              <li key={article.id}>
                <p class="article-line">
                  <a href={articleHref(article.id)}>{heading}</a>
                </p>
                <p class="meta">
                  {formatDate(article.date)}
                  {!article.complete && <ExcerptBadge />}
                </p>
                <p class="snippet">
                  <Marked text={snippet.text} marks={snippet.marks} />
                </p>
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}

/**
 * Free text from a page selection: straight to the entity it names (exact name
 * or alias, else the closest fuzzy match), else to search results. Replaces
 * itself in history, so back skips it.
 */
export function LookupView({ q }: { q: string }) {
  const { db, navigate } = usePanel();
  // Waits for the corpus: a panel opened during the first ingest has no entities yet.
  const lookup = useLiveQuery(async () => ((await db.entities.count()) ? { entity: await bestEntityFor(db, q) } : null), [q]);
  useEffect(() => {
    if (!lookup.value) return;
    const entity = lookup.value.entity;
    navigate(entity ? { view: 'entity', id: entity.id } : { view: 'search', q }, { replace: true });
  }, [lookup.value]);
  return (
    <article class="view" aria-busy="true">
      <h1 tabIndex={-1}>Looking up “{q}”…</h1>
      {lookup.value === null && <p class="note">The corpus is still being analysed.</p>}
    </article>
  );
}
