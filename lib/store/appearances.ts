/**
 * Where entities appear, in two tables whose rows are little more than keys
 * (schema version 7):
 * - `entityMentions`: one row per entity, date and article, keyed
 *   [entity, date, article], whose value is every span of the entity in that
 *   article, packed as bytes: the hover card and the profile read an entity's
 *   newest articles with their spans in one range, and count them on keys;
 * - `articleEntities`: one row per article, the ids of the entities in it,
 *   for who appears in an article (the reader view, deletes, companions).
 * Version 6 kept one row holding the article, the entity, the date and the
 * spans, with a compound index over the entity and the date: every id was
 * written three times in the row and its index entry, a quarter of the
 * database at 10,000 articles, and an entity's rows were read one request each.
 */
import type Dexie from 'dexie';
import type { Mention } from '../analysis/types';
import { packRefs, unpackRefs } from '../search/search-index';
import type { AppearanceRecord, BackstoryDb, MentionRecord } from './db';
import { asKeys, rowsKeyedUnder } from './key-reads';

/** An undated article's date in keys (IndexedDB keys cannot be null): before every date, so newest-first puts it last. */
export const UNDATED = '';

/** An entityMentions row's key: the entity, the article's date ('' when undated), the article. */
export type EntityMentionKey = [entityId: string, date: string, articleId: string];
/** An article and an entity in it. */
export type ArticleEntityKey = [articleId: string, entityId: string];

/** Both tables' rows are keyed out of line: neither value repeats an id. */
export const APPEARANCES_SCHEMA = { entityMentions: '', articleEntities: '' };

export type EntityMentionsTable = Dexie.Table<Uint8Array, EntityMentionKey>;
/** An article's id → the ids of the entities it mentions. */
export type ArticleEntitiesTable = Dexie.Table<string[], string>;

type AppearancesDb = Pick<BackstoryDb, 'entityMentions' | 'articleEntities'>;

/** Spans [start, end, …] as bytes: each start's gap from the previous one and each length, as varints (two or three bytes a mention). */
export function packSpans(spans: number[]): Uint8Array {
  const pairs: number[] = [];
  for (let i = 0; i < spans.length; i += 2) pairs.push(spans[i], spans[i + 1] - spans[i]);
  return packRefs(pairs);
}

/** The spans `packSpans` packed. */
export function unpackSpans(bytes: Uint8Array): number[] {
  const pairs = unpackRefs(bytes);
  for (let i = 0; i < pairs.length; i += 2) pairs[i + 1] += pairs[i];
  return pairs;
}

/** The rows for mentions of articles whose dates are given. */
export function toAppearances(mentions: Mention[], dateOf: (articleId: string) => string | null): AppearanceRecord[] {
  const rows = new Map<string, AppearanceRecord>();
  for (const m of [...mentions].sort((a, b) => a.start - b.start)) {
    const key = `${m.articleId}\u0000${m.entityId}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { articleId: m.articleId, entityId: m.entityId, date: dateOf(m.articleId) ?? UNDATED, spans: [] }));
    row.spans.push(m.start, m.end);
  }
  return [...rows.values()];
}

/** The mentions a row holds, in text order. */
export function mentionsOf(rows: AppearanceRecord[]): MentionRecord[] {
  const out: MentionRecord[] = [];
  for (const row of rows) for (let i = 0; i < row.spans.length; i += 2) out.push({ articleId: row.articleId, entityId: row.entityId, start: row.spans[i], end: row.spans[i + 1] });
  return out.sort((a, b) => (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : a.start - b.start));
}

const entityMentionKey = (row: Pick<AppearanceRecord, 'articleId' | 'entityId' | 'date'>): EntityMentionKey => [row.entityId, row.date, row.articleId];
/** The entities of each article these rows are in, by article. */
function entitiesByArticle(rows: Array<Pick<AppearanceRecord, 'articleId' | 'entityId'>>): Map<string, string[]> {
  const byArticle = new Map<string, string[]>();
  for (const { articleId, entityId } of rows) byArticle.get(articleId)?.push(entityId) ?? byArticle.set(articleId, [entityId]);
  return byArticle;
}

/**
 * Stores appearances in both tables; call inside a transaction over them.
 * The rows of an article come together (a batch writes whole articles): its
 * articleEntities row is written from them alone.
 */
export async function putAppearances(db: AppearancesDb, rows: AppearanceRecord[]): Promise<void> {
  const byArticle = entitiesByArticle(rows);
  // Sent together: IndexedDB runs a transaction's requests in order, and awaiting each left it idle for a round trip.
  await Promise.all([
    db.entityMentions.bulkPut(
      rows.map((row) => packSpans(row.spans)),
      asKeys(rows.map(entityMentionKey)),
    ),
    db.articleEntities.bulkPut([...byArticle.values()], [...byArticle.keys()]),
  ]);
}

/** Deletes appearances (as read: every row of their articles) from both tables; call inside a transaction over them. */
export async function deleteAppearances(db: AppearancesDb, rows: AppearanceRecord[]): Promise<void> {
  await db.entityMentions.bulkDelete(rows.map(entityMentionKey));
  await db.articleEntities.bulkDelete([...entitiesByArticle(rows).keys()]);
}

/** The keys ([article, entity]) of every entity's row in these articles: who appears in them, without reading the spans. */
export async function appearanceKeysIn(db: AppearancesDb, articleIds: string[]): Promise<ArticleEntityKey[]> {
  const entities = await db.articleEntities.bulkGet(articleIds);
  return articleIds.flatMap((articleId, i) => (entities[i] ?? []).map((entityId): ArticleEntityKey => [articleId, entityId]));
}

/** Every entity's row in these articles (their dates are the articles'). */
export async function appearancesIn(db: AppearancesDb, articles: Array<{ id: string; date: string | null }>): Promise<AppearanceRecord[]> {
  const dates = new Map(articles.map((a) => [a.id, a.date ?? UNDATED]));
  const rows = (await appearanceKeysIn(db, [...dates.keys()])).map(([articleId, entityId]) => ({ articleId, entityId, date: dates.get(articleId)! }));
  const spans = await db.entityMentions.bulkGet(rows.map(entityMentionKey));
  return rows.flatMap((row, i): AppearanceRecord[] => (spans[i] ? [{ ...row, spans: unpackSpans(spans[i]!) }] : []));
}

/** An entity's rows by date, oldest first. */
const mentionsOfEntity = (db: AppearancesDb, entityId: string) =>
  rowsKeyedUnder(db.entityMentions, [entityId]);

/** The keys ([article, entity]) of an entity's rows, newest article first; at most `limit`. */
export async function appearanceKeysOf(db: AppearancesDb, entityId: string, limit: number): Promise<ArticleEntityKey[]> {
  const keys = (await mentionsOfEntity(db, entityId).reverse().limit(limit).primaryKeys()) as EntityMentionKey[];
  return keys.map(([, , articleId]): ArticleEntityKey => [articleId, entityId]);
}

/** An entity's rows, newest article first; at most `limit`: its keys and its values, two requests over one range. */
export async function appearancesOf(db: AppearancesDb, entityId: string, limit = Infinity): Promise<AppearanceRecord[]> {
  const range = () => {
    const newest = mentionsOfEntity(db, entityId).reverse();
    return Number.isFinite(limit) ? newest.limit(limit) : newest;
  };
  const [keys, spans] = (await Promise.all([range().primaryKeys(), range().toArray()])) as [EntityMentionKey[], Uint8Array[]];
  return keys.map(([, date, articleId], i) => ({ articleId, entityId, date, spans: unpackSpans(spans[i]) }));
}

/** How many articles mention an entity, counted on the keys without reading a row. */
export const appearanceCount = (db: AppearancesDb, entityId: string): Promise<number> => mentionsOfEntity(db, entityId).count();
