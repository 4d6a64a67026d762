/**
 * Where entities appear, in two tables whose rows are little more than keys
 * (schema version 7):
 * - `mentionSpans`: one row per article and entity, keyed [article, entity],
 *   whose value is every span of the entity in that article, packed as bytes;
 * - `entityArticles`: one key-only row per entity, date and article, so the
 *   hover card and the profile read an entity's newest articles, and count
 *   them, without loading the rest.
 * Version 6 kept one row holding the article, the entity, the date and the
 * spans, with a compound index over the entity and the date: every id was
 * written three times in the row and its index entry, a quarter of the
 * database at 10,000 articles.
 */
import Dexie from 'dexie';
import type { IndexableTypeArrayReadonly } from 'dexie';
import type { Mention } from '../analysis/types';
import { packRefs, unpackRefs } from '../search/search-index';
import type { AppearanceRecord, BackstoryDb, MentionRecord } from './db';

/** An undated article's date in keys (IndexedDB keys cannot be null): before every date, so newest-first puts it last. */
export const UNDATED = '';

/** A mentionSpans row's key. */
export type MentionSpansKey = [articleId: string, entityId: string];
/** An entityArticles row's key: the entity, the article's date ('' when undated), the article. */
export type EntityArticleKey = [entityId: string, date: string, articleId: string];

/** Both tables' rows are keyed out of line: neither value repeats an id. */
export const APPEARANCES_SCHEMA = { mentionSpans: '', entityArticles: '' };

export type MentionSpansTable = Dexie.Table<Uint8Array, MentionSpansKey>;
export type EntityArticlesTable = Dexie.Table<0, EntityArticleKey>;

type AppearancesDb = Pick<BackstoryDb, 'mentionSpans' | 'entityArticles'>;

/** Dexie's key-list type has no place for compound keys; IndexedDB takes them. */
const asKeys = (keys: Array<MentionSpansKey | EntityArticleKey>) => keys as unknown as IndexableTypeArrayReadonly;

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

const entityArticleKey = (row: AppearanceRecord): EntityArticleKey => [row.entityId, row.date, row.articleId];

/** Stores appearances in both tables; call inside a transaction over them. */
export async function putAppearances(db: AppearancesDb, rows: AppearanceRecord[]): Promise<void> {
  await db.mentionSpans.bulkPut(
    rows.map((row) => packSpans(row.spans)),
    asKeys(rows.map((row): MentionSpansKey => [row.articleId, row.entityId])),
  );
  await db.entityArticles.bulkPut(
    rows.map(() => 0 as const),
    asKeys(rows.map(entityArticleKey)),
  );
}

/** Deletes appearances (as read) from both tables; call inside a transaction over them. */
export async function deleteAppearances(db: AppearancesDb, rows: AppearanceRecord[]): Promise<void> {
  await db.mentionSpans.bulkDelete(rows.map((row): MentionSpansKey => [row.articleId, row.entityId]));
  await db.entityArticles.bulkDelete(rows.map(entityArticleKey));
}

/** An article's mentionSpans rows, one per entity. */
const rowsIn = (db: AppearancesDb, articleId: string) => db.mentionSpans.where(':id').between([articleId, Dexie.minKey], [articleId, Dexie.maxKey]);

/** Every entity's row in these articles (their dates are the articles'). */
export async function appearancesIn(db: AppearancesDb, articles: Array<{ id: string; date: string | null }>): Promise<AppearanceRecord[]> {
  const perArticle = await Promise.all(
    articles.map(async ({ id, date }) => {
      const [keys, values] = (await Promise.all([rowsIn(db, id).primaryKeys(), rowsIn(db, id).toArray()])) as [MentionSpansKey[], Uint8Array[]];
      return keys.map(([articleId, entityId], i): AppearanceRecord => ({ articleId, entityId, date: date ?? UNDATED, spans: unpackSpans(values[i]) }));
    }),
  );
  return perArticle.flat();
}

/** The keys ([article, entity]) of every entity's row in these articles: who appears in them, without reading the spans. */
export async function appearanceKeysIn(db: AppearancesDb, articleIds: string[]): Promise<MentionSpansKey[]> {
  return (await Promise.all(articleIds.map((id) => rowsIn(db, id).primaryKeys()))).flat();
}

/** An entity's articles by date, oldest first. */
const articlesOf = (db: AppearancesDb, entityId: string) => db.entityArticles.where(':id').between([entityId, Dexie.minKey], [entityId, Dexie.maxKey], true, true);

/** The keys ([article, entity]) of an entity's rows, newest article first; at most `limit`. */
export async function appearanceKeysOf(db: AppearancesDb, entityId: string, limit: number): Promise<MentionSpansKey[]> {
  const keys = (await articlesOf(db, entityId).reverse().limit(limit).primaryKeys()) as EntityArticleKey[];
  return keys.map(([, , articleId]): MentionSpansKey => [articleId, entityId]);
}

/** An entity's rows, newest article first; at most `limit`. */
export async function appearancesOf(db: AppearancesDb, entityId: string, limit = Infinity): Promise<AppearanceRecord[]> {
  const range = articlesOf(db, entityId).reverse();
  const keys = (await (Number.isFinite(limit) ? range.limit(limit) : range).primaryKeys()) as EntityArticleKey[];
  const spans = await db.mentionSpans.bulkGet(keys.map(([, , articleId]): MentionSpansKey => [articleId, entityId]));
  return keys.flatMap(([, date, articleId], i): AppearanceRecord[] => {
    const packed = spans[i];
    return packed ? [{ articleId, entityId, date, spans: unpackSpans(packed) }] : [];
  });
}

/** How many articles mention an entity, counted on the keys without reading a row. */
export const appearanceCount = (db: AppearancesDb, entityId: string): Promise<number> => articlesOf(db, entityId).count();
