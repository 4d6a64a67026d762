/**
 * What a context derives from a table and keeps between reads (the popup's
 * vocabulary, the search segments' text lists), dropped as soon as the table
 * changes: Dexie reports this context's writes and, through its broadcast,
 * other contexts' (the background's ingest).
 */
import Dexie from 'dexie';

/** Per database, a value made by `create`, made anew after any write to `table`. */
export function untilTableChanges<T>(table: string, create: (db: Dexie) => T): (db: Dexie) => T {
  const kept = new Map<string, T>();
  Dexie.on('storagemutated', (parts) => {
    for (const dbName of kept.keys()) {
      if (Object.keys(parts).some((part) => part.startsWith(`idb://${dbName}/${table}/`))) kept.delete(dbName);
    }
  });
  return (db) => {
    let value = kept.get(db.name);
    if (value === undefined) kept.set(db.name, (value = create(db)));
    return value;
  };
}
