/**
 * Where entities appear: one row per article and entity, holding every span
 * of the entity in that article and the article's date. One row instead of a
 * row per mention keeps the table a fraction of the size, and the date in the
 * key lets the hover card read an entity's newest articles without loading
 * the rest.
 */
import Dexie from 'dexie';
import type { Mention } from '../analysis/types';
import type { AppearanceRecord, BackstoryDb, MentionRecord } from './db';

/** An undated article's date in keys (IndexedDB keys cannot be null): before every date, so newest-first puts it last. */
export const UNDATED = '';

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

/** Every entity's row in these articles. */
export async function appearancesIn(db: BackstoryDb, articleIds: string[]): Promise<AppearanceRecord[]> {
  return (await Promise.all(articleIds.map((id) => rowsIn(db, id).toArray()))).flat();
}

/** The keys ([article, entity]) of every entity's row in these articles: who appears in them, without reading the spans. */
export async function appearanceKeysIn(db: BackstoryDb, articleIds: string[]): Promise<Array<[string, string]>> {
  return (await Promise.all(articleIds.map((id) => rowsIn(db, id).primaryKeys()))).flat();
}

/** An article's rows, one per entity. */
const rowsIn = (db: BackstoryDb, articleId: string) => db.appearances.where('[articleId+entityId]').between([articleId, Dexie.minKey], [articleId, Dexie.maxKey]);

/** An entity's rows, oldest article first. */
const rowsOf = (db: BackstoryDb, entityId: string) => db.appearances.where('[entityId+date]').between([entityId, Dexie.minKey], [entityId, Dexie.maxKey]);

/** An entity's rows, newest article first; at most `limit`. */
export function appearancesOf(db: BackstoryDb, entityId: string, limit = Infinity): Promise<AppearanceRecord[]> {
  const rows = rowsOf(db, entityId).reverse();
  return (Number.isFinite(limit) ? rows.limit(limit) : rows).toArray();
}

/** The keys ([article, entity]) of an entity's rows, newest article first; at most `limit`. */
export const appearanceKeysOf = (db: BackstoryDb, entityId: string, limit: number): Promise<Array<[string, string]>> =>
  rowsOf(db, entityId).reverse().limit(limit).primaryKeys();

/** How many articles mention an entity, counted on the index without reading the rows. */
export const appearanceCount = (db: BackstoryDb, entityId: string): Promise<number> => rowsOf(db, entityId).count();
