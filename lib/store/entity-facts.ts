import { appearancesOf, mentionsOf } from './appearances';
import type { ArticleRecord, BackstoryDb, EntityRecord, MentionRecord, QuoteRecord } from './db';
import { newestQuotes, quoteCount } from './quote-links';

/** Newest first; undated last. */
const byDateDesc = (a: { date: string | null }, b: { date: string | null }) => (b.date ?? '').localeCompare(a.date ?? '');

/** The newest `count` of a list (all of it for Infinity), newest first. */
export const newestOf = <T extends { date: string | null }>(list: T[], count: number): T[] =>
  Number.isFinite(count) ? [...list].sort(byDateDesc).slice(0, count) : list;

/** What the corpus holds about one entity: the one read behind the hover card and the profile. */
export interface EntityFacts {
  entity: EntityRecord;
  /** The newest quotes the entity said, newest first. */
  said: QuoteRecord[];
  /** The newest quotes by others that mention it, newest first (a quote by the entity naming itself is under `said` only). */
  about: QuoteRecord[];
  /** How many quotes of each kind the corpus holds in all. */
  totals: { said: number; about: number };
  /** Its mentions in its newest articles. */
  mentions: MentionRecord[];
  /** The articles the quotes and mentions come from, by id. */
  articles: Map<string, ArticleRecord>;
  /** Names of the entity and of the speakers of `about`, by entity id. */
  names: Record<string, string>;
}

/**
 * The newest `newest` quotes of each kind and articles, with their articles
 * (the hover card shows a few, the profile a page): the entity's other quotes
 * and articles are counted on keys and not read, so a card or a profile page
 * costs the same for a name in every article.
 */
export async function loadEntityFacts(db: BackstoryDb, entityId: string, { newest }: { newest: number }): Promise<EntityFacts | null> {
  return db.transaction('r', [db.entities, db.quotes, db.quoteLinks, db.entityMentions, db.articles], async () => {
    const entity = await db.entities.get(entityId);
    if (!entity) return null;
    const [said, about, saidTotal, aboutTotal, appearances] = await Promise.all([
      newestQuotes(db, entityId, 'said', newest),
      newestQuotes(db, entityId, 'about', newest),
      quoteCount(db, entityId, 'said'),
      quoteCount(db, entityId, 'about'),
      appearancesOf(db, entityId, newest),
    ]);
    const mentions = mentionsOf(appearances);
    const articleIds = [...new Set([...said, ...about, ...appearances].map((r) => r.articleId))];
    const articles = new Map<string, ArticleRecord>();
    for (const a of await db.articles.bulkGet(articleIds)) if (a) articles.set(a.id, a);
    const names: Record<string, string> = { [entity.id]: entity.name };
    const speakerIds = [...new Set(about.map((q) => q.speakerId).filter((id): id is string => !!id))];
    for (const s of await db.entities.bulkGet(speakerIds)) if (s) names[s.id] = s.name;
    return { entity, said, about, totals: { said: saidTotal, about: aboutTotal }, mentions, articles, names };
  });
}
