import { appearancesOf, mentionsOf } from './appearances';
import type { ArticleRecord, BackstoryDb, EntityRecord, MentionRecord, QuoteRecord } from './db';

/** Newest first; undated last. */
const byDateDesc = (a: { date: string | null }, b: { date: string | null }) => (b.date ?? '').localeCompare(a.date ?? '');

/** The newest `count` of a list (all of it for Infinity), newest first. */
export const newestOf = <T extends { date: string | null }>(list: T[], count: number): T[] =>
  Number.isFinite(count) ? [...list].sort(byDateDesc).slice(0, count) : list;

/** What the corpus holds about one entity: the one read behind the hover card and the profile. */
export interface EntityFacts {
  entity: EntityRecord;
  /** Quotes the entity said. */
  said: QuoteRecord[];
  /** Quotes by others that mention it (a quote by the entity naming itself is under `said` only). */
  about: QuoteRecord[];
  /** Its mentions: in every article, or in the newest few (see `newest`). */
  mentions: MentionRecord[];
  /** The articles the quotes and mentions come from, by id. */
  articles: Map<string, ArticleRecord>;
  /** Names of the entity and of the speakers of `about`, by entity id. */
  names: Record<string, string>;
}

/**
 * `newest`: only the newest this many quotes of each kind and articles carry
 * their articles (the hover card shows a few): the entity's other articles
 * are then not read, so a card costs the same for a name in every article.
 */
export async function loadEntityFacts(db: BackstoryDb, entityId: string, { newest = Infinity } = {}): Promise<EntityFacts | null> {
  return db.transaction('r', [db.entities, db.quotes, db.appearances, db.articles], async () => {
    const entity = await db.entities.get(entityId);
    if (!entity) return null;
    const [said, aboutAll, appearances] = await Promise.all([
      db.quotes.where('speakerId').equals(entityId).toArray(),
      db.quotes.where('aboutIds').equals(entityId).toArray(),
      appearancesOf(db, entityId, newest),
    ]);
    const about = aboutAll.filter((q) => q.speakerId !== entityId);
    const mentions = mentionsOf(appearances);
    const articleIds = [...new Set([...newestOf(said, newest), ...newestOf(about, newest), ...appearances].map((r) => r.articleId))];
    const articles = new Map<string, ArticleRecord>();
    for (const a of await db.articles.bulkGet(articleIds)) if (a) articles.set(a.id, a);
    const names: Record<string, string> = { [entity.id]: entity.name };
    const speakerIds = [...new Set(about.map((q) => q.speakerId).filter((id): id is string => !!id))];
    for (const s of await db.entities.bulkGet(speakerIds)) if (s) names[s.id] = s.name;
    return { entity, said, about, mentions, articles, names };
  });
}
