import type { ArticleRecord, BackstoryDb, EntityRecord, MentionRecord, QuoteRecord } from './db';

/** What the corpus holds about one entity: the one read behind the hover card and the profile. */
export interface EntityFacts {
  entity: EntityRecord;
  /** Quotes the entity said. */
  said: QuoteRecord[];
  /** Quotes by others that mention it (a quote by the entity naming itself is under `said` only). */
  about: QuoteRecord[];
  mentions: MentionRecord[];
  /** Every article the quotes and mentions come from, by id. */
  articles: Map<string, ArticleRecord>;
  /** Names of the entity and of the speakers of `about`, by entity id. */
  names: Record<string, string>;
}

export async function loadEntityFacts(db: BackstoryDb, entityId: string): Promise<EntityFacts | null> {
  return db.transaction('r', [db.entities, db.quotes, db.mentions, db.articles], async () => {
    const entity = await db.entities.get(entityId);
    if (!entity) return null;
    const [said, aboutAll, mentions] = await Promise.all([
      db.quotes.where('speakerId').equals(entityId).toArray(),
      db.quotes.where('aboutIds').equals(entityId).toArray(),
      db.mentions.where('entityId').equals(entityId).toArray(),
    ]);
    const about = aboutAll.filter((q) => q.speakerId !== entityId);
    const articleIds = [...new Set([...said, ...about, ...mentions].map((r) => r.articleId))];
    const articles = new Map<string, ArticleRecord>();
    for (const a of await db.articles.bulkGet(articleIds)) if (a) articles.set(a.id, a);
    const names: Record<string, string> = { [entity.id]: entity.name };
    const speakerIds = [...new Set(about.map((q) => q.speakerId).filter((id): id is string => !!id))];
    for (const s of await db.entities.bulkGet(speakerIds)) if (s) names[s.id] = s.name;
    return { entity, said, about, mentions, articles, names };
  });
}
