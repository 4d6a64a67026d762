/** The hover card: who this is, what they said, what mentions them. */
import type { CardArticle, CardQuote, EntityCard } from '../../messages';

export type CardState =
  | { status: 'loading'; name: string }
  | { status: 'ready'; card: EntityCard }
  | { status: 'missing'; name: string };

export interface CardProps {
  state: CardState;
  /** Set after "Search in popup" when the popup could not be opened from here. */
  note?: string | null;
  onClose(): void;
  onOpenSidePanel(entityId: string): void;
  onSearch(query: string): void;
}

const TYPE_LABEL = { person: 'Person', place: 'Place', org: 'Organisation' } as const;

const source = (q: { articleTitle: string | null; date: string | null }) => [q.articleTitle ?? 'Untitled article', q.date].filter(Boolean).join(' · ');

function Quotes({ title, quotes, total, withSpeaker }: { title: string; quotes: CardQuote[]; total: number; withSpeaker: boolean }) {
  if (quotes.length === 0) return null;
  return (
    <section>
      <h3>
        {title} ({total})
      </h3>
      <ul>
        {quotes.map((q) => (
          <li key={q.id}>
            <blockquote>“{q.text}”</blockquote>
            <span class="source">
              {withSpeaker ? `${q.speaker ?? 'unattributed'} — ` : ''}
              {source(q)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Articles({ articles, total }: { articles: CardArticle[]; total: number }) {
  if (articles.length === 0) return null;
  return (
    <section>
      <h3>Articles ({total})</h3>
      <ul>
        {articles.map((a) => (
          <li key={a.id}>
            <span>{a.title ?? 'Untitled article'}</span>
            {a.date && <span class="source">{a.date}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Card({ state, note, onClose, onOpenSidePanel, onSearch }: CardProps) {
  const name = state.status === 'ready' ? state.card.name : state.name;
  return (
    <div class="card" role="dialog" aria-modal="false" aria-label={`Backstory: ${name}`} tabIndex={-1}>
      <div class="head">
        <p class="name">{name}</p>
        {state.status === 'ready' && <span class="type">{TYPE_LABEL[state.card.type]}</span>}
        <button type="button" class="close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      {state.status === 'loading' && <p class="role">Looking it up…</p>}
      {state.status === 'missing' && <p class="role">The corpus no longer has this name.</p>}
      {state.status === 'ready' && <CardBody card={state.card} />}
      {state.status === 'ready' && (
        <div class="actions">
          <button type="button" onClick={() => onOpenSidePanel(state.card.id)}>
            Open in side panel
          </button>
          <button type="button" onClick={() => onSearch(state.card.name)}>
            Search in popup
          </button>
        </div>
      )}
      {note && (
        <p class="note" role="status">
          {note}
        </p>
      )}
    </div>
  );
}

function CardBody({ card }: { card: EntityCard }) {
  const { counts } = card;
  return (
    <>
      {card.role && <p class="role">{card.role}</p>}
      <p class="counts">
        {counts.articles} article{counts.articles === 1 ? '' : 's'} · {counts.quotesBy} quote{counts.quotesBy === 1 ? '' : 's'} by · {counts.quotesAbout}{' '}
        about
      </p>
      <Quotes title="Said" quotes={card.quotesBy} total={counts.quotesBy} withSpeaker={false} />
      <Quotes title="Quoted about" quotes={card.quotesAbout} total={counts.quotesAbout} withSpeaker />
      <Articles articles={card.articles} total={counts.articles} />
      {card.userOnly && (
        <p class="private">
          From your own articles only. Backstory doesn’t underline such names, because a page’s scripts can read underlines; you can change that in
          Backstory’s options.
        </p>
      )}
    </>
  );
}
