/** The hover card's data, read from the store in the background. */
import type { CardArticle, CardQuote, EntityCard } from '../messages';
import type { ArticleRecord, BackstoryDb, QuoteRecord } from '../store/db';
import { loadEntityFacts, newestOf } from '../store/entity-facts';
import { articleHeading, truncate } from '../ui/format';

/** How many quotes and articles a card lists: a card is a glance; the side panel has the rest. */
export const CARD_LIST_LIMIT = 3;

/** Longest article label on a card: a card is a glance (the side panel shows the full heading). */
export const CARD_LABEL_LENGTH = 80;

/** An article's title, or its first sentence when it has none (truncated teasers often have no headline), cut to fit a card. */
export function articleLabel(article: Pick<ArticleRecord, 'title' | 'paragraphs'>): string | null {
  if (!article.title && !article.paragraphs.some((p) => p.trim())) return null;
  return truncate(articleHeading(article), CARD_LABEL_LENGTH);
}


/** The role written most often beside the name. Roles arrive in text order, so ties go to the first seen. */
function mainRole(roles: string[]): string | null {
  const counts = new Map<string, number>();
  for (const r of roles) counts.set(r, (counts.get(r) ?? 0) + 1);
  let best: string | null = null;
  for (const [role, n] of counts) if (best === null || n > counts.get(best)!) best = role;
  return best;
}

export async function buildEntityCard(db: BackstoryDb, entityId: string): Promise<EntityCard | null> {
  const facts = await loadEntityFacts(db, entityId, { newest: CARD_LIST_LIMIT });
  if (!facts) return null;
  const { entity, said, about: quotesAbout, totals, mentions, articles, names } = facts;
  const toCardQuote = (q: QuoteRecord): CardQuote => {
    const article = articles.get(q.articleId);
    return {
      id: q.id,
      text: q.text,
      articleId: q.articleId,
      articleTitle: article ? articleLabel(article) : null,
      date: q.date,
      speaker: q.speakerId ? (names[q.speakerId] ?? null) : q.speakerDescription,
    };
  };
  const mentioning: CardArticle[] = [...new Set(mentions.map((m) => m.articleId))]
    .map((id) => articles.get(id))
    .filter((a): a is ArticleRecord => !!a)
    .map((a) => ({ id: a.id, title: articleLabel(a), date: a.date }));

  return {
    id: entity.id,
    name: entity.name,
    type: entity.type,
    role: mainRole(entity.roles),
    aliases: entity.aliases,
    quotesBy: said.map(toCardQuote),
    quotesAbout: quotesAbout.map(toCardQuote),
    articles: newestOf(mentioning, CARD_LIST_LIMIT),
    counts: { quotesBy: totals.said, quotesAbout: totals.about, articles: entity.articleCount },
    userOnly: entity.bundledCount === 0,
  };
}
