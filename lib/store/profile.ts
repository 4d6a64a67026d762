/**
 * Read-side queries behind the side panel: an entity's profile (what it said,
 * what was said about it, where it was mentioned, who appears beside it) and an
 * article with its mentions and quotes. Plain Dexie reads, so they run inside
 * liveQuery and in Node tests alike.
 */
import type { EntityType } from '../analysis/types';
import { articleText } from '../corpus/article';
import type { ArticleRecord, BackstoryDb, EntityRecord, MentionRecord, QuoteRecord } from './db';
import { snippet } from '../search/corpus-search';
import { appearanceKeysIn, appearancesIn, appearancesOf, mentionsOf } from './appearances';
import { loadEntityFacts } from './entity-facts';

/** What a list item needs to show and link to an article. */
export interface ArticleSummary {
  id: string;
  title: string | null;
  date: string | null;
  complete: boolean;
  /** First paragraph, so a heading can fall back to the first sentence. */
  paragraphs: string[];
}

export interface QuoteGroup {
  article: ArticleSummary;
  quotes: QuoteRecord[];
}

export interface Snippet {
  before: string;
  match: string;
  after: string;
}

export interface ArticleMention {
  article: ArticleSummary;
  /** Times the entity is mentioned in the article. */
  count: number;
  snippet: Snippet;
}

export interface Companion {
  entity: EntityRecord;
  /** Articles that mention both. */
  sharedArticles: number;
}

export type Companions = Record<EntityType, Companion[]>;

export interface EntityProfile {
  entity: EntityRecord;
  /** What the corpus holds in all; the lists below hold the newest `limit` of each. */
  totals: { said: number; about: number; articles: number };
  said: QuoteGroup[];
  /** Quotes by others that mention this entity. */
  about: QuoteGroup[];
  articles: ArticleMention[];
  /** Names of the speakers of `about` quotes (and of anyone else a quote needs). */
  names: Record<string, string>;
}

/**
 * Quotes of each kind, and articles, a profile shows at first; the reader asks
 * for more a page at a time. A name in thousands of articles would otherwise
 * read every one of them (their text, for the snippets) before drawing. At
 * 100 a page, the most-mentioned person of a 10,000-article corpus read 212
 * whole articles and drew 2,900 elements, 100-150 ms in Chromium; 50 fill
 * several screens of the side panel. The side panel reads and draws the first
 * few of each (FIRST_SHOWN in lib/ui/sidepanel/EntityView.tsx) before the page.
 */
export const PROFILE_PAGE = 50;

/** How many companions of each type a profile lists. */
export const COMPANIONS_PER_TYPE = 8;
/** Characters of context on each side of a mention in an article snippet. */
export const SNIPPET_CONTEXT_CHARS = 90;

export function summarize(article: ArticleRecord): ArticleSummary {
  return {
    id: article.id,
    title: article.title,
    date: article.date,
    complete: article.complete,
    paragraphs: article.paragraphs.slice(0, 1),
  };
}

/** Newest first; undated articles last; then by id so the order is stable. */
export function compareArticles(a: Pick<ArticleSummary, 'id' | 'date'>, b: Pick<ArticleSummary, 'id' | 'date'>): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Groups quotes by article, newest article first, quotes in reading order. */
export function groupByArticle(quotes: QuoteRecord[], articles: Map<string, ArticleRecord>): QuoteGroup[] {
  const groups = new Map<string, QuoteGroup>();
  for (const quote of quotes) {
    const article = articles.get(quote.articleId);
    if (!article) continue; // the article was removed under a stale quote
    let group = groups.get(article.id);
    if (!group) groups.set(article.id, (group = { article: summarize(article), quotes: [] }));
    group.quotes.push(quote);
  }
  const list = [...groups.values()].sort((a, b) => compareArticles(a.article, b.article));
  for (const group of list) group.quotes.sort((a, b) => a.start - b.start);
  return list;
}

/** The text around [start, end) within its paragraph, cut at word boundaries, with an ellipsis where the paragraph goes on. */
export function snippetAround(text: string, start: number, end: number, context = SNIPPET_CONTEXT_CHARS): Snippet {
  const window = snippet(text, [[start, end]], context, context);
  const [from, to] = window.marks[0];
  return { before: window.text.slice(0, from), match: window.text.slice(from, to), after: window.text.slice(to) };
}

/**
 * Articles companions are counted over: an entity's newest this many. A name
 * in thousands of articles would otherwise read every entity of every one of
 * them; its recent company is what a reader asks about.
 */
export const COMPANION_ARTICLES = 300;

/** Entities that share articles with `entityId`, by number of shared (recent) articles, per type. */
export async function companionsOf(db: BackstoryDb, entityId: string, limit = COMPANIONS_PER_TYPE): Promise<Companions> {
  return db.transaction('r', [db.entities, db.entityMentions, db.articleEntities], async () => {
    const articleIds = (await appearancesOf(db, entityId, COMPANION_ARTICLES)).map(({ articleId }) => articleId);
    const shared = new Map<string, number>();
    for (const [, other] of await appearanceKeysIn(db, articleIds)) if (other !== entityId) shared.set(other, (shared.get(other) ?? 0) + 1);
    // Which type each is, from the type index's keys: the records are read only for the few that can make a list.
    const types: EntityType[] = ['person', 'place', 'org'];
    const idsByType = await Promise.all(types.map((type) => db.entities.where('type').equals(type).primaryKeys()));
    const result: Companions = { person: [], place: [], org: [] };
    for (const [i, type] of types.entries()) {
      const ranked = idsByType[i].filter((id) => shared.has(id)).sort((a, b) => shared.get(b)! - shared.get(a)!);
      // Ties at the cut are settled by the records (articles, then name): all of them are read.
      const cut = ranked.length > limit ? shared.get(ranked[limit - 1])! : 0;
      const entities = await db.entities.bulkGet(ranked.filter((id) => shared.get(id)! >= cut));
      result[type] = entities
        .filter((entity): entity is EntityRecord => entity !== undefined)
        .map((entity) => ({ entity, sharedArticles: shared.get(entity.id)! }))
        .sort((a, b) => b.sharedArticles - a.sharedArticles || b.entity.articleCount - a.entity.articleCount || a.entity.name.localeCompare(b.entity.name))
        .slice(0, limit);
    }
    return result;
  });
}

/** What the profile view shows, the newest `limit` of each list, or null when the corpus has no such entity. */
export async function loadProfile(db: BackstoryDb, entityId: string, limit = PROFILE_PAGE): Promise<EntityProfile | null> {
  return db.transaction('r', [db.entities, db.quotes, db.quoteLinks, db.entityMentions, db.articles], async () => {
    const facts = await loadEntityFacts(db, entityId, { newest: limit });
    if (!facts) return null;
    const { entity, said, about, mentions, articles, names } = facts;

    const byArticle = new Map<string, MentionRecord[]>();
    for (const m of mentions) {
      const list = byArticle.get(m.articleId) ?? [];
      list.push(m);
      byArticle.set(m.articleId, list);
    }
    const mentioned: ArticleMention[] = [];
    for (const [articleId, list] of byArticle) {
      const article = articles.get(articleId);
      if (!article) continue;
      const first = list.reduce((a, b) => (b.start < a.start ? b : a));
      mentioned.push({
        article: summarize(article),
        count: list.length,
        snippet: snippetAround(articleText(article), first.start, first.end),
      });
    }
    mentioned.sort((a, b) => compareArticles(a.article, b.article));

    return {
      entity,
      totals: { ...facts.totals, articles: entity.articleCount },
      said: groupByArticle(said, articles),
      about: groupByArticle(about, articles),
      articles: mentioned,
      names,
    };
  });
}

/** An article with what the reader view needs to mark it up. */
export interface ArticleDetail {
  article: ArticleRecord;
  mentions: MentionRecord[];
  quotes: QuoteRecord[];
  /** Entities mentioned or quoted in the article, by id. */
  entities: Record<string, EntityRecord>;
}

export async function loadArticle(db: BackstoryDb, articleId: string): Promise<ArticleDetail | null> {
  return db.transaction('r', [db.articles, db.entityMentions, db.articleEntities, db.quotes, db.entities], async () => {
    const article = await db.articles.get(articleId);
    if (!article) return null;
    const [appearances, quotes] = await Promise.all([appearancesIn(db, [article]), db.quotes.where('articleId').equals(articleId).sortBy('start')]);
    const mentions = mentionsOf(appearances);
    const ids = new Set([...mentions.map((m) => m.entityId), ...quotes.map((q) => q.speakerId).filter((id): id is string => !!id)]);
    const entities: Record<string, EntityRecord> = {};
    for (const e of await db.entities.bulkGet([...ids])) if (e) entities[e.id] = e;
    return { article, mentions, quotes, entities };
  });
}

/** Entities to offer on the empty side panel: the most quoted, and the most mentioned of the rest. */
export async function prominentEntities(db: BackstoryDb, limit = 8): Promise<{ quoted: EntityRecord[]; mentioned: EntityRecord[] }> {
  // The top of two indexes, not the whole table: ties at the cut are settled among what was read.
  const [byQuotes, byArticles] = await Promise.all([
    db.entities.orderBy('quoteCount').reverse().limit(limit * 4).toArray(),
    db.entities.orderBy('articleCount').reverse().limit(limit * 5).toArray(),
  ]);
  const all = [...new Map([...byQuotes, ...byArticles].map((e) => [e.id, e])).values()];
  const byName = (a: EntityRecord, b: EntityRecord) => a.name.localeCompare(b.name);
  const quoted = all
    .filter((e) => e.quoteCount > 0)
    .sort((a, b) => b.quoteCount - a.quoteCount || b.articleCount - a.articleCount || byName(a, b))
    .slice(0, limit);
  const shown = new Set(quoted.map((e) => e.id));
  const mentioned = all
    .filter((e) => !shown.has(e.id))
    .sort((a, b) => b.articleCount - a.articleCount || byName(a, b))
    .slice(0, limit);
  return { quoted, mentioned };
}
