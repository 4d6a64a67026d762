import type { ComponentChildren } from 'preact';
import type { EntityType } from '../../analysis/types';
import { articleHeading, formatDate } from '../format';
import type { ArticleSummary } from '../../store/profile';
import { formatRoute } from './router';

export const TYPE_LABEL: Record<EntityType, string> = { person: 'Person', place: 'Place', org: 'Organisation' };
export const TYPE_PLURAL: Record<EntityType, string> = { person: 'People', place: 'Places', org: 'Organisations' };

export const entityHref = (id: string, about?: string) => formatRoute({ view: 'entity', id, about });
export const articleHref = (id: string, quote?: string) => formatRoute({ view: 'article', id, quote });

export function EntityLink({ id, type, children }: { id: string; type?: EntityType; children: ComponentChildren }) {
  return (
    <a class={`entity${type ? ` entity-${type}` : ''}`} href={entityHref(id)}>
      {children}
    </a>
  );
}

/** An article's heading as a link, with its date and an excerpt badge beneath. */
export function ArticleLine({ article, level = 'h3' }: { article: ArticleSummary; level?: 'h3' | 'p' }) {
  const Heading = level;
  return (
    <>
      <Heading class="article-line">
        <a href={articleHref(article.id)}>{articleHeading(article)}</a>
      </Heading>
      <p class="meta">
        <Dateline date={article.date} />
        {!article.complete && <ExcerptBadge />}
      </p>
    </>
  );
}

export function Dateline({ date }: { date: string | null }) {
  return date ? <time dateTime={date}>{formatDate(date)}</time> : <span class="undated">undated</span>;
}

export function ExcerptBadge() {
  return (
    <span class="badge" title="The corpus holds only part of this article">
      excerpt
    </span>
  );
}
