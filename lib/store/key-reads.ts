/**
 * Reads by many keys of one index. Dexie's `anyOf` walks a cursor that jumps
 * from key to key, one round trip to the database per key, one after the
 * other; in Chromium each is an IPC hop, so a batch's few thousand name keys
 * took seconds (a 1,000-article load spent 105 of its 131 s waiting on
 * writes, most of it here). One request per key, all issued at once, lets
 * the browser pipeline them inside the transaction.
 */
import Dexie, { type Collection, type IndexableTypeArrayReadonly, type Table } from 'dexie';

/** Compound keys (arrays of mixed types) for a bulk write or delete: Dexie's key-list type has no place for them; IndexedDB takes them. */
export const asKeys = (keys: readonly unknown[][]) => keys as unknown as IndexableTypeArrayReadonly;

/**
 * The primary keys and the rows of one range, in the same order, in a request
 * each: a range of many rows read by cursor is a round trip a row. `range`
 * makes the collection anew for each request.
 */
export function keysAndRows<T, K>(range: () => Collection<T, K>): Promise<[K[], T[]]> {
  return Promise.all([range().primaryKeys(), range().toArray()]);
}

/** The rows whose compound primary key begins with `prefix`, in key order. */
export function rowsKeyedUnder<T, K>(table: Table<T, K, any>, prefix: readonly unknown[]): Collection<T, K> {
  return table.where(':id').between([...prefix, Dexie.minKey], [...prefix, Dexie.maxKey], true, true);
}

/** Primary keys of the rows whose `index` is any of `keys`. */
export async function primaryKeysWithAnyKey<T, K>(table: Table<T, K, any>, index: string, keys: Iterable<string>): Promise<K[]> {
  const found = await Promise.all([...new Set(keys)].map((key) => table.where(index).equals(key).primaryKeys()));
  return [...new Set(found.flat())];
}
