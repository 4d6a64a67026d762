/**
 * Where entities appear, in two tables (schema version 8):
 * - `entityMentions`: one row per entity and group of articles written
 *   together (a batch of a load or an import, a saved page), keyed
 *   [entity, group], holding each of those articles' ids, dates and the
 *   entity's spans in it, packed as bytes;
 * - `articleEntities`: one row per article, its group and the ids of the
 *   entities in it, for who appears in an article (the reader view, deletes,
 *   companions) and for finding its spans.
 * Version 7 kept a row per entity and article: 190,000 rows at 10,000
 * articles, and in Chromium each row a request, some 115 µs of the browser's
 * time to write whatever its size, so they were a fifth of a bulk load. A
 * batch now writes a row per entity it names. An entity's rows are read
 * whole and sorted newest first: a few dozen rows for a name in thousands
 * of articles. Its article count is the entity record's `articleCount`.
 */
import type Dexie from 'dexie';
import type { Mention } from '../analysis/types';
import { packRefs, unpackRefs } from '../search/search-index';
import type { AppearanceRecord, BackstoryDb, MentionRecord } from './db';
import { asKeys, keysAndRows, rowsKeyedUnder } from './key-reads';

/** An undated article's date (IndexedDB keys cannot be null): before every date, so newest-first puts it last. */
export const UNDATED = '';

/** An entityMentions row's key: the entity, and the group its articles were written in. */
export type EntityMentionKey = [entityId: string, group: number];
/** An article and an entity in it. */
export type ArticleEntityKey = [articleId: string, entityId: string];

/** An entity's appearances in one group's articles: the i-th article, its date and the entity's spans in it (`packSpans`). */
export interface EntityMentionsRow {
  articles: string[];
  dates: string[];
  spans: Uint8Array[];
}

/** An article's entities, and the group its entityMentions rows are under. */
export interface ArticleEntitiesRow {
  group: number;
  entities: string[];
}

/** An appearance as stored: with the group whose row holds it, which a delete rewrites. */
export interface StoredAppearance extends AppearanceRecord {
  group: number;
}

/** Both tables' rows are keyed out of line: neither value repeats its key. */
export const APPEARANCES_SCHEMA = { entityMentions: '', articleEntities: '' };

export type EntityMentionsTable = Dexie.Table<EntityMentionsRow, EntityMentionKey>;
export type ArticleEntitiesTable = Dexie.Table<ArticleEntitiesRow, string>;

/** The meta row holding the next group's number. */
export const NEXT_APPEARANCE_GROUP_KEY = 'nextAppearanceGroup';

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

/** Both tables' rows for appearances of one group: a row per entity, a row per article. */
export function groupRows(rows: AppearanceRecord[], group: number): { mentions: Map<string, EntityMentionsRow>; articles: Map<string, ArticleEntitiesRow> } {
  const mentions = new Map<string, EntityMentionsRow>();
  const articles = new Map<string, ArticleEntitiesRow>();
  for (const { articleId, entityId, date, spans } of rows) {
    let row = mentions.get(entityId);
    if (!row) mentions.set(entityId, (row = { articles: [], dates: [], spans: [] }));
    row.articles.push(articleId);
    row.dates.push(date);
    row.spans.push(packSpans(spans));
    articles.get(articleId)?.entities.push(entityId) ?? articles.set(articleId, { group, entities: [entityId] });
  }
  return { mentions, articles };
}

/** A new group's number, counted in `meta`: call inside the transaction that writes the group. */
async function newGroup(db: Pick<BackstoryDb, 'meta'>): Promise<number> {
  const stored = (await db.meta.get(NEXT_APPEARANCE_GROUP_KEY))?.value;
  const group = typeof stored === 'number' ? stored : 1;
  await db.meta.put({ key: NEXT_APPEARANCE_GROUP_KEY, value: group + 1 });
  return group;
}

/**
 * Stores the appearances of articles not stored yet, as one new group; call
 * inside a transaction over both tables and `meta`.
 */
export async function putAppearances(db: AppearancesDb & Pick<BackstoryDb, 'meta'>, rows: AppearanceRecord[]): Promise<void> {
  if (rows.length === 0) return;
  const group = await newGroup(db);
  const { mentions, articles } = groupRows(rows, group);
  // Sent together: IndexedDB runs a transaction's requests in order, and awaiting each left it idle for a round trip.
  await Promise.all([
    db.entityMentions.bulkPut([...mentions.values()], asKeys([...mentions.keys()].map((entityId): EntityMentionKey => [entityId, group]))),
    db.articleEntities.bulkPut([...articles.values()], [...articles.keys()]),
  ]);
}

/** Deletes appearances (as read: every row of their articles) from both tables; call inside a transaction over them. */
export async function deleteAppearances(db: AppearancesDb, rows: StoredAppearance[]): Promise<void> {
  const gone = new Set(rows.map((row) => row.articleId));
  const keys = [...new Map(rows.map((row): [string, EntityMentionKey] => [`${row.entityId}\u0000${row.group}`, [row.entityId, row.group]])).values()];
  const stored = await db.entityMentions.bulkGet(asKeys(keys) as never);
  const kept: EntityMentionsRow[] = [];
  const keptKeys: EntityMentionKey[] = [];
  const emptied: EntityMentionKey[] = [];
  stored.forEach((row, i) => {
    if (!row) return;
    const left: EntityMentionsRow = { articles: [], dates: [], spans: [] };
    row.articles.forEach((articleId, j) => {
      if (gone.has(articleId)) return;
      left.articles.push(articleId);
      left.dates.push(row.dates[j]);
      left.spans.push(row.spans[j]);
    });
    if (left.articles.length > 0) (kept.push(left), keptKeys.push(keys[i]));
    else emptied.push(keys[i]);
  });
  await Promise.all([
    db.entityMentions.bulkPut(kept, asKeys(keptKeys)),
    db.entityMentions.bulkDelete(asKeys(emptied) as never),
    db.articleEntities.bulkDelete([...gone]),
  ]);
}

/** The keys ([article, entity]) of every entity's row in these articles: who appears in them, without reading the spans. */
export async function appearanceKeysIn(db: AppearancesDb, articleIds: string[]): Promise<ArticleEntityKey[]> {
  const rows = await db.articleEntities.bulkGet(articleIds);
  return articleIds.flatMap((articleId, i) => (rows[i]?.entities ?? []).map((entityId): ArticleEntityKey => [articleId, entityId]));
}

/** Every entity's appearance in these articles. */
export async function appearancesIn(db: AppearancesDb, articles: Array<{ id: string }>): Promise<StoredAppearance[]> {
  const ids = articles.map((a) => a.id);
  const lists = await db.articleEntities.bulkGet(ids);
  const wanted = ids.flatMap((articleId, i) => (lists[i]?.entities ?? []).map((entityId) => ({ articleId, entityId, group: lists[i]!.group })));
  const rows = await db.entityMentions.bulkGet(asKeys(wanted.map(({ entityId, group }): EntityMentionKey => [entityId, group])) as never);
  return wanted.flatMap((want, i): StoredAppearance[] => {
    const row = rows[i];
    const at = row ? row.articles.indexOf(want.articleId) : -1;
    return at < 0 ? [] : [{ ...want, date: row!.dates[at], spans: unpackSpans(row!.spans[at]) }];
  });
}

/**
 * An entity's appearances, newest article first (undated last, then by id
 * from the last), at most `limit`; their spans are unpacked for those only.
 */
export async function appearancesOf(db: AppearancesDb, entityId: string, limit = Infinity): Promise<StoredAppearance[]> {
  const [keys, rows] = await keysAndRows(() => rowsKeyedUnder(db.entityMentions, [entityId]));
  const all: Array<{ row: EntityMentionsRow; at: number; group: number }> = [];
  rows.forEach((row, i) => row.articles.forEach((_, at) => all.push({ row, at, group: keys[i][1] })));
  const newestFirst = (a: (typeof all)[number], b: (typeof all)[number]) => {
    const [dateA, dateB] = [a.row.dates[a.at], b.row.dates[b.at]];
    if (dateA !== dateB) return dateA < dateB ? 1 : -1;
    const [idA, idB] = [a.row.articles[a.at], b.row.articles[b.at]];
    return idA < idB ? 1 : idA > idB ? -1 : 0;
  };
  return all
    .sort(newestFirst)
    .slice(0, limit)
    .map(({ row, at, group }) => ({ articleId: row.articles[at], entityId, date: row.dates[at], group, spans: unpackSpans(row.spans[at]) }));
}
