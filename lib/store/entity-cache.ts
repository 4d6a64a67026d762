/**
 * The stored entities and page-lookup rows that batches have read or written,
 * kept in memory from one batch to the next. A bulk load names the same
 * well-known people in every batch: each batch asked IndexedDB again for the
 * entities under a few thousand join keys (a query each), read their records
 * and their name rows, and wrote them back. With this cache a batch asks only
 * for the keys, records and rows no earlier batch has seen.
 *
 * The cache is only ever a copy of what is stored. Every write of entities
 * and name rows (merge.ts, `storeEntityChanges`) updates it and stores a new
 * random token in `meta`; a batch first reads that token and drops the cache
 * when it is not the one the cache was made with. So a write from another
 * context, a transaction that aborted after updating the cache, or a deleted
 * database, all leave a token the cache does not hold, and it starts empty.
 *
 * Most of a batch's entities are new to the store, and their join keys, name
 * rows and ids each cost a request only to learn that nothing is stored
 * under them. A cache made from an empty store also keeps a filter of every
 * join key, name key and id it wrote (key-filter.ts): what the filter has
 * never seen is not stored, and is not asked for.
 *
 * Memory is bounded: each map keeps at most a fixed number of entries, least
 * recently used dropped first, and the filters have a fixed size, so a load
 * of any size holds the same (some 15 MB at most; a filter that has seen more
 * keys than it was made for answers "maybe" more often, and more is asked).
 */
import Dexie from 'dexie';
import type { BackstoryDb, EntityRecord, NameRow } from './db';
import { KeyFilter } from './key-filter';

/** The meta row holding the token of the last write of entities and name rows. */
export const ENTITIES_WRITTEN_KEY = 'entitiesWritten';

/**
 * A batch of 160,000 words names some 2,000 entities, looks up some 4,000 join
 * keys and touches some 2,500 name rows; the well-known ones recur in every
 * batch and stay. An entity record takes some 2 kB of heap, a join key's
 * list 200 bytes, a name row 400 bytes (measured at 1,000 articles).
 */
const MAX_RECORDS = 3_000;
const MAX_JOIN_KEYS = 20_000;
const MAX_NAME_ROWS = 10_000;
/** Filter sizes in bits: at 10,000 articles (some 150,000 join keys, 90,000 name keys, 27,500 ids) a "maybe" for an unseen key is rare. */
const JOIN_KEY_FILTER_BITS = 2 ** 23;
const NAME_KEY_FILTER_BITS = 2 ** 22;
const ID_FILTER_BITS = 2 ** 21;

/** A Map that keeps at most `limit` entries, dropping the least recently used. */
class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      // Moved to the end: Map iterates in insertion order, so the front is the least recently used.
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  /** The value without marking it used. */
  peek(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.limit) {
      for (const oldest of this.map.keys()) {
        this.map.delete(oldest);
        if (this.map.size <= this.limit) break;
      }
    }
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}

export interface EntityChange {
  before: EntityRecord | null;
  after: EntityRecord | null;
}

export class EntityCache {
  /** The meta token the cached rows are a copy of; undefined until read. */
  private token: unknown = undefined;
  /** Join key → ids of every stored entity with that key (an empty list: none). */
  private readonly idsByJoinKey = new BoundedMap<string, string[]>(MAX_JOIN_KEYS);
  private readonly records = new BoundedMap<string, EntityRecord>(MAX_RECORDS);
  /** Name key → its page-lookup row as stored (no entries: no row). */
  private readonly nameRows = new BoundedMap<string, NameRow>(MAX_NAME_ROWS);
  /** Every join key, name key and id stored, when the cache was made from an empty store (else null: anything may be stored). */
  private stored: { joinKeys: KeyFilter; nameKeys: KeyFilter; ids: KeyFilter } | null = null;

  /** Drops what the cache holds unless it is a copy of the stored rows. Call inside the transaction, before reading through it. */
  validate(db: BackstoryDb): PromiseLike<this> {
    return db.meta.get(ENTITIES_WRITTEN_KEY).then((row) => {
      const stored = row?.value;
      if (stored === this.token && stored !== undefined) return this;
      this.idsByJoinKey.clear();
      this.records.clear();
      this.nameRows.clear();
      this.token = stored;
      // Only a store with no entity at all is known whole without reading it.
      return db.entities.limit(1).primaryKeys().then((ids) => {
        this.stored =
          ids.length === 0 ? { joinKeys: new KeyFilter(JOIN_KEY_FILTER_BITS), nameKeys: new KeyFilter(NAME_KEY_FILTER_BITS), ids: new KeyFilter(ID_FILTER_BITS) } : null;
        return this;
      });
    });
  }

  /** Whether an entity with this id may be stored (false: surely not). */
  mayBeStoredId(id: string): boolean {
    return this.stored?.ids.mayHave(id) ?? true;
  }

  /*
   * The reads below hand back Dexie's own promises, also when everything was
   * cached: inside a transaction, awaiting a native promise that no request
   * resolves can lose Dexie's zone, and the transaction then commits early.
   */

  /** The stored entities under any of these join keys, by id. */
  entitiesWithJoinKeys(db: BackstoryDb, keys: string[]): PromiseLike<Map<string, EntityRecord>> {
    const ids = new Set<string>();
    const unknown: string[] = [];
    for (const key of keys) {
      const known = this.idsByJoinKey.get(key);
      if (known) for (const id of known) ids.add(id);
      else if (this.stored?.joinKeys.mayHave(key) ?? true) unknown.push(key);
    }
    const reads = unknown.map((key) => db.entities.where('joinKeys').equals(key).primaryKeys());
    return Dexie.Promise.all(reads).then((found) => {
      for (const [i, key] of unknown.entries()) {
        this.idsByJoinKey.set(key, found[i]);
        for (const id of found[i]) ids.add(id);
      }
      return this.entities(db, [...ids]);
    });
  }

  /** The stored entities with these ids, by id (missing ones left out). */
  entities(db: BackstoryDb, ids: string[]): PromiseLike<Map<string, EntityRecord>> {
    const out = new Map<string, EntityRecord>();
    const unknown: string[] = [];
    for (const id of ids) {
      const record = this.records.get(id);
      if (record) out.set(id, record);
      else unknown.push(id);
    }
    return db.entities.bulkGet(unknown).then((records) => {
      for (const record of records) {
        if (!record) continue;
        this.records.set(record.id, record);
        out.set(record.id, record);
      }
      return out;
    });
  }

  /** The page-lookup rows of these keys, each a fresh copy to change (a row with no entries where none is stored). */
  nameRowsOf(db: BackstoryDb, keys: string[]): PromiseLike<Map<string, NameRow>> {
    const out = new Map<string, NameRow>();
    const unknown: string[] = [];
    for (const key of keys) {
      const row = this.nameRows.get(key);
      if (row) out.set(key, { key, entries: row.entries });
      else if (!(this.stored?.nameKeys.mayHave(key) ?? true)) out.set(key, { key, entries: [] });
      else unknown.push(key);
    }
    return db.names.bulkGet(unknown).then((rows) => {
      for (const [i, row] of rows.entries()) {
        const stored = row ?? { key: unknown[i], entries: [] };
        this.nameRows.set(stored.key, stored);
        out.set(stored.key, { key: stored.key, entries: stored.entries });
      }
      return out;
    });
  }

  /**
   * Whether a row differs from the cached copy of what is stored (rows not
   * cached count as changed, but for new rows with no entries). A row of one
   * entry whose count alone changed has not: counts only order a row's
   * entries, and rewriting every name of every entity a batch names, for its
   * count, was most of what a load wrote to this table.
   */
  nameRowChanged(row: NameRow): boolean {
    const stored = this.nameRows.peek(row.key);
    if (!stored) return row.entries.length > 0 || (this.stored?.nameKeys.mayHave(row.key) ?? true);
    return !sameEntries(stored.entries, row.entries, row.entries.length === 1);
  }

  /** Takes in what a transaction writes, under the token it stores with it. */
  written(changes: EntityChange[], rows: Iterable<NameRow>, token: string): void {
    for (const { before, after } of changes) {
      const id = (after ?? before)!.id;
      const had = new Set(before?.joinKeys ?? []);
      const has = new Set(after?.joinKeys ?? []);
      // Keys whose whole list is cached are updated, and keys never stored before get one; others are read when next needed.
      for (const key of had) {
        const ids = this.idsByJoinKey.peek(key);
        if (ids && !has.has(key)) this.idsByJoinKey.set(key, ids.filter((other) => other !== id));
      }
      for (const key of has) {
        const ids = this.idsByJoinKey.peek(key);
        if (ids && !ids.includes(id)) this.idsByJoinKey.set(key, [...ids, id]);
        else if (!ids && this.stored && !this.stored.joinKeys.mayHave(key)) this.idsByJoinKey.set(key, [id]);
        this.stored?.joinKeys.add(key);
      }
      if (after) this.records.set(id, after);
      else this.records.delete(id);
      // A filter cannot forget: a deleted id, key or row stays a "maybe", which is only asked for.
      if (after) this.stored?.ids.add(id);
    }
    for (const row of rows) {
      this.nameRows.set(row.key, row);
      if (row.entries.length > 0) this.stored?.nameKeys.add(row.key);
    }
    this.token = token;
  }
}

function sameEntries(a: NameRow['entries'], b: NameRow['entries'], ignoringCounts: boolean): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    return x.id === y.id && x.type === y.type && x.kind === y.kind && x.acronym === y.acronym && (ignoringCounts || x.articleCount === y.articleCount) && x.bundled === y.bundled;
  });
}

const caches = new WeakMap<BackstoryDb, EntityCache>();

/** The cache of this database connection, checked against the stored token. Call inside a batch's transaction. */
export function entityCache(db: BackstoryDb): PromiseLike<EntityCache> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new EntityCache()));
  return cache.validate(db);
}

/** A token for one write: random, so no other write, in this context or another, stores the same. */
export const newWriteToken = (): string => crypto.randomUUID();
