/**
 * The corpus by where it came from (bundled, saved pages, each import) with
 * counts; the user's articles can be deleted one by one or a whole import at
 * once, with everything derived from them.
 */
import { useState } from 'preact/hooks';
import type { BackstoryDb } from '../../store/db';
import { deleteArticles, deleteSource } from '../../store/user-corpus';
import { formatDate, plural } from '../format';
import { useLiveQuery, type LiveResult } from '../useLiveQuery';
import { ARTICLES_PER_PAGE, articlesOfSource, type CorpusOverview, type SourceSummary } from './corpus-overview';

export function CorpusSection({ db, overview }: { db: BackstoryDb; overview: LiveResult<CorpusOverview> }) {
  const o = overview.value;
  return (
    <section aria-labelledby="corpus-heading" aria-busy={!o}>
      <h2 id="corpus-heading">Your corpus</h2>
      {overview.error ? (
        <p class="error" role="alert">
          Could not read the corpus: {String((overview.error as Error)?.message ?? overview.error)}
        </p>
      ) : null}
      {o && (
        <ul class="sources">
          <li class="source">
            <div class="source-head">
              <span class="source-label">Bundled with Backstory</span>
              <span class="count">
                {plural(o.bundled.articles, 'article')} from {plural(o.bundled.files, 'file')}
              </span>
            </div>
            <p class="meta">The news corpus that ships with the extension. It cannot be deleted; it is loaded again on every update.</p>
          </li>
          {o.user.length === 0 && (
            <li class="source">
              <p class="meta">No articles of your own yet: import files above, or use “Save this page” on a news article.</p>
            </li>
          )}
          {o.user.map((source) => (
            <UserSource key={source.id} db={db} source={source} />
          ))}
        </ul>
      )}
    </section>
  );
}

function UserSource({ db, source }: { db: BackstoryDb; source: SourceSummary }) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const what = source.kind === 'saved' ? 'all saved pages' : 'this import';

  const removeAll = async () => {
    setError(null);
    try {
      await deleteSource(db, source.id);
    } catch (e) {
      setError(`Could not delete ${what}: ${(e as Error).message}`);
    }
    setConfirming(false);
  };

  return (
    <li class="source" aria-label={source.label}>
      <div class="source-head">
        <span class="source-label">{source.label}</span>
        <span class="count">{plural(source.articles, 'article')}</span>
        {confirming ? (
          <span class="confirm" role="group" aria-label={`Delete ${what}?`}>
            Delete {plural(source.articles, 'article')} and what Backstory learnt from them?{' '}
            <button type="button" class="danger" onClick={() => void removeAll()}>
              Delete
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            {source.kind === 'saved' ? 'Delete all saved pages' : 'Delete this import'}
          </button>
        )}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>Articles</summary>
        {open && <SourceArticles db={db} sourceId={source.id} />}
      </details>
    </li>
  );
}

function SourceArticles({ db, sourceId }: { db: BackstoryDb; sourceId: string }) {
  const [limit, setLimit] = useState(ARTICLES_PER_PAGE);
  const [error, setError] = useState<string | null>(null);
  const list = useLiveQuery(() => articlesOfSource(db, sourceId, limit), [sourceId, limit]);

  const remove = async (id: string, heading: string) => {
    setError(null);
    try {
      await deleteArticles(db, [id]);
    } catch (e) {
      setError(`Could not delete “${heading}”: ${(e as Error).message}`);
    }
  };

  if (!list.value) return <p class="meta">Loading…</p>;
  return (
    <>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <ol class="source-articles">
        {list.value.lines.map((a) => (
          <li key={a.id}>
            <span class="article-heading">{a.url ? <a href={a.url} target="_blank" rel="noreferrer noopener">{a.heading}</a> : a.heading}</span>
            <span class="meta">
              {formatDate(a.date)}
              {a.file && ` · from ${a.file}`}
              {a.addedAt && ` · added ${formatDate(new Date(a.addedAt).toISOString().slice(0, 10))}`}
            </span>
            <button type="button" aria-label={`Delete “${a.heading}”`} onClick={() => void remove(a.id, a.heading)}>
              Delete
            </button>
          </li>
        ))}
      </ol>
      {list.value.more && (
        <button type="button" onClick={() => setLimit((n) => n + ARTICLES_PER_PAGE)}>
          Show more
        </button>
      )}
    </>
  );
}
