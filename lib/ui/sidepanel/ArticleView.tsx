import { useEffect, useMemo } from 'preact/hooks';
import type { EntityRecord, QuoteRecord } from '../../store/db';
import { loadArticle, type ArticleDetail } from '../../store/profile';
import { articleHeading } from '../format';
import { useLiveQuery } from '../useLiveQuery';
import { usePanel } from './context';
import { ViewError } from './ViewError';
import { Dateline, EntityLink, ExcerptBadge } from './links';
import { paragraphPieces, type Run } from './segments';

export function ArticleView({ id, quote }: { id: string; quote?: string }) {
  const { db } = usePanel();
  const detail = useLiveQuery(() => loadArticle(db, id), [id]);

  // Scroll to the quote the reader came for, once its paragraph is on screen.
  useEffect(() => {
    if (!quote || !detail.value) return;
    document.getElementById(quoteDomId(quote))?.scrollIntoView({ block: 'center' });
  }, [quote, !!detail.value]);

  if (detail.error) return <ViewError error={detail.error} />;
  if (detail.value === null) {
    return (
      <article class="view">
        <h1 tabIndex={-1}>Article not found</h1>
        <p>The corpus no longer holds this article.</p>
      </article>
    );
  }
  const d = detail.value;
  return (
    <article class="view reader" aria-busy={!d}>
      <header>
        <h1 tabIndex={-1} class={d && !d.article.title ? 'first-sentence' : undefined}>
          {d ? articleHeading(d.article) : 'Loading…'}
        </h1>
        {d && (
          <>
            <p class="meta">
              <Dateline date={d.article.date} />
              {!d.article.complete && <ExcerptBadge />}
            </p>
            {d.article.credits && <p class="credits">{d.article.credits}</p>}
          </>
        )}
      </header>
      {d && <ArticleBody detail={d} focusQuote={quote} />}
    </article>
  );
}

const quoteDomId = (quoteId: string) => `quote-${quoteId.replace(/[^\w-]/g, '_')}`;

function ArticleBody({ detail, focusQuote }: { detail: ArticleDetail; focusQuote?: string }) {
  const { article, mentions, quotes, entities } = detail;
  const pieces = useMemo(() => paragraphPieces(article.paragraphs, mentions, quotes), [article, mentions, quotes]);
  const quoteById = useMemo(() => new Map(quotes.map((q) => [q.id, q])), [quotes]);
  return (
    <>
      {article.captions.length > 0 && (
        <aside class="captions" aria-label="Photo captions">
          {article.captions.map((caption) => (
            <p key={caption}>{caption}</p>
          ))}
        </aside>
      )}
      <div class="body">
        {pieces.map((paragraph, i) => (
          <p key={i}>
            {paragraph.map((piece, j) =>
              piece.kind === 'text' ? (
                <RunText key={j} run={piece} entities={entities} />
              ) : (
                <QuoteSpan
                  key={piece.quoteId}
                  runs={piece.runs}
                  quote={quoteById.get(piece.quoteId)!}
                  entities={entities}
                  focused={piece.quoteId === focusQuote}
                />
              ),
            )}
          </p>
        ))}
        {!article.complete && <p class="note">Excerpt: the corpus holds only this part of the article.</p>}
      </div>
    </>
  );
}

function RunText({ run, entities }: { run: Run; entities: Record<string, EntityRecord> }) {
  const entity = run.entityId ? entities[run.entityId] : undefined;
  if (!entity) return <>{run.text}</>;
  return (
    <EntityLink id={entity.id} type={entity.type}>
      {run.text}
    </EntityLink>
  );
}

/** A quote, visibly marked, followed by who said it. */
function QuoteSpan({
  runs,
  quote,
  entities,
  focused,
}: {
  runs: Run[];
  quote: QuoteRecord;
  entities: Record<string, EntityRecord>;
  focused: boolean;
}) {
  const speaker = quote.speakerId ? entities[quote.speakerId] : undefined;
  return (
    <>
      <span class={`quote${focused ? ' focused' : ''}`} id={quoteDomId(quote.id)}>
        {runs.map((run, i) => (
          <RunText key={i} run={run} entities={entities} />
        ))}
      </span>
      <span class="speaker-tag">
        <span class="visually-hidden"> (quote by </span>
        {speaker ? (
          <EntityLink id={speaker.id} type={speaker.type}>
            {speaker.name}
          </EntityLink>
        ) : (
          (quote.speakerDescription ?? 'unattributed')
        )}
        <span class="visually-hidden">)</span>
      </span>
    </>
  );
}
