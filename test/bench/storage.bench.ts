/**
 * What the store writes per article, without a browser: generated articles
 * (scale-corpus.ts) loaded as the background loads them, into the in-memory
 * IndexedDB of the unit tests, then every table's rows and an estimate of its
 * bytes on disk. Cheap enough to run after every change to the schema.
 *
 * The estimate follows how Chromium stores a row: the value as V8 serialises
 * it, the primary key, and one entry per index (its key and the primary key),
 * string keys in UTF-16. LevelDB's block compression comes on top, so disk
 * use is lower; the shares between tables are what this is for.
 *
 * `npm run bench -- storage` (BACKSTORY_STORAGE_SIZE=1000 articles by default;
 * BACKSTORY_STORAGE_BATCH_WORDS to try another batch size).
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { BATCH_WORDS, loadBundledCorpus, makeBundledIndex } from '../../lib/store/bundled';
import { openDb } from '../../lib/store/db';
import { articleText, readTextPool, seededRandom, writeCorpus } from './scale-corpus';
import { SAVED_SOURCE_ID, addUserArticles } from '../../lib/store/user-corpus';

/** Bytes of an IndexedDB key in Chromium's encoding: strings are UTF-16, arrays a tag and their items. */
function keyBytes(key: unknown): number {
  if (typeof key === 'string') return 1 + 2 + 2 * key.length;
  if (typeof key === 'number') return 9;
  if (Array.isArray(key)) return 2 + key.reduce((n: number, k) => n + keyBytes(k), 0);
  return 8;
}

/** The value of a key path in a row: 'a', '[a+b]', or a multi-entry '*a' (its items). */
function indexKeys(row: Record<string, unknown>, spec: string): unknown[] {
  const multi = spec.startsWith('*');
  const path = spec.replace(/^[*&]/, '');
  if (path.startsWith('[')) return [path.slice(1, -1).split('+').map((p) => row[p])];
  const value = row[path];
  if (value === undefined) return [];
  return multi && Array.isArray(value) ? [...new Set(value)] : [value];
}

export interface TableCost {
  rows: number;
  valueBytes: number;
  keyBytes: number;
}

/** Rows and estimated bytes of every table of a Dexie database. */
export async function tableCosts(db: Dexie): Promise<Record<string, TableCost>> {
  const out: Record<string, TableCost> = {};
  for (const table of db.tables) {
    const cost: TableCost = { rows: 0, valueBytes: 0, keyBytes: 0 };
    const indexes = table.schema.indexes.map((i) => i.src);
    await table.each((row, cursor) => {
      cost.rows++;
      cost.valueBytes += serialize(row).length;
      const primary = keyBytes(cursor.primaryKey);
      cost.keyBytes += primary;
      for (const spec of indexes) for (const key of indexKeys(row as Record<string, unknown>, spec)) cost.keyBytes += keyBytes(key) + primary;
    });
    out[table.name] = cost;
  }
  return out;
}

/** Per table: rows written (put, add, delete) and read by key, queries (index or range reads, each a round trip), and the bytes of the values written and read. */
interface Requests {
  written: number;
  readByKey: number;
  queries: number;
  bytesWritten: number;
  bytesRead: number;
}

const NO_REQUESTS: Requests = { written: 0, readByKey: 0, queries: 0, bytesWritten: 0, bytesRead: 0 };

/** Bytes of values as V8 serialises them for IndexedDB (the keys' bytes are not counted). */
const valueBytes = (values: readonly unknown[] | undefined) => (values ?? []).reduce((n: number, v) => n + (v === undefined ? 0 : serialize(v).length), 0);

/** Counts what the store asks of IndexedDB, through Dexie's middleware: each row and each query is a request. */
function countRequests(db: Dexie): Map<string, Requests> {
  const counts = new Map<string, Requests>();
  const of = (table: string) => counts.get(table) ?? (counts.set(table, { ...NO_REQUESTS }), counts.get(table)!);
  db.use({
    stack: 'dbcore',
    name: 'count-requests',
    // Closest to IndexedDB: what the store's own middleware (articles' text as bytes) hands it.
    level: 0,
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        const read = <T,>(result: Promise<T>, values: (r: T) => readonly unknown[] | undefined) => result.then((r) => ((of(name).bytesRead += valueBytes(values(r))), r));
        return {
          ...table,
          mutate: (req) => {
            const counts = of(name);
            counts.written += 'keys' in req && req.keys ? req.keys.length : 'values' in req ? req.values.length : 1;
            if ('values' in req) counts.bytesWritten += valueBytes(req.values);
            return table.mutate(req);
          },
          get: (req) => ((of(name).readByKey += 1), read(table.get(req), (v) => [v])),
          getMany: (req) => ((of(name).readByKey += req.keys.length), read(table.getMany(req), (v) => v)),
          query: (req) => ((of(name).queries += 1), read(table.query(req), (r) => (req.values ? r.result : undefined))),
          openCursor: (req) => ((of(name).queries += 1), table.openCursor(req)),
          count: (req) => ((of(name).queries += 1), table.count(req)),
        };
      },
    }),
  });
  return counts;
}

function printRequests(requests: Map<string, Requests>): void {
  const total = (r: Requests) => r.written + r.readByKey + r.queries;
  console.log(`${'table'.padEnd(16)} ${'written'.padStart(9)} ${'read'.padStart(9)} ${'queries'.padStart(9)} ${'kB out'.padStart(9)} ${'kB in'.padStart(9)}`);
  for (const [name, r] of [...requests].filter(([, r]) => total(r) > 0).sort((a, b) => total(b[1]) - total(a[1]))) {
    const kB = (n: number) => (n / 1e3).toFixed(0).padStart(9);
    console.log(`${name.padEnd(16)} ${String(r.written).padStart(9)} ${String(r.readByKey).padStart(9)} ${String(r.queries).padStart(9)} ${kB(r.bytesWritten)} ${kB(r.bytesRead)}`);
  }
}

export default async function run(): Promise<void> {
  const size = Number(process.env.BACKSTORY_STORAGE_SIZE ?? 1000);
  const dir = mkdtempSync(join(tmpdir(), 'backstory-storage-'));
  try {
    const pool = readTextPool();
    const written = writeCorpus(dir, size, pool);
    const files = readdirSync(dir).sort().map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
    const byName = new Map(files.map((f) => [f.name, f.bytes]));
    const db = openDb(`backstory-storage-${process.pid}`);
    const requests = countRequests(db);
    const started = performance.now();
    const batchWords = Number(process.env.BACKSTORY_STORAGE_BATCH_WORDS ?? BATCH_WORDS);
    await loadBundledCorpus(db, await makeBundledIndex(files), async (name) => byName.get(name)!, undefined, batchWords);
    const loadMs = performance.now() - started;
    const loadRequests = new Map([...requests].map(([name, r]) => [name, { ...r }]));
    // The rows as stored, read without the store's middleware (which hands articles out with their text as strings).
    const stored = await new Dexie(db.name).open();
    const costs = await tableCosts(stored);
    stored.close();
    const total = Object.values(costs).reduce((n, c) => n + c.valueBytes + c.keyBytes, 0);
    console.log(`batches of ${batchWords} words`);
    console.log(`${size} articles, ${written.words} words, ${(written.bytes / 1e6).toFixed(2)} MB of text; loaded in ${(loadMs / 1000).toFixed(1)} s (in-memory IndexedDB)`);
    console.log(`${'table'.padEnd(16)} ${'rows'.padStart(9)} ${'values MB'.padStart(10)} ${'keys MB'.padStart(8)} ${'share'.padStart(6)}`);
    for (const [name, c] of Object.entries(costs).sort((a, b) => b[1].valueBytes + b[1].keyBytes - (a[1].valueBytes + a[1].keyBytes))) {
      const share = (100 * (c.valueBytes + c.keyBytes)) / total;
      console.log(`${name.padEnd(16)} ${String(c.rows).padStart(9)} ${(c.valueBytes / 1e6).toFixed(2).padStart(10)} ${(c.keyBytes / 1e6).toFixed(2).padStart(8)} ${share.toFixed(0).padStart(5)}%`);
    }
    const rows = Object.values(costs).reduce((n, c) => n + c.rows, 0);
    console.log(`total: ${rows} rows, ${(total / 1e6).toFixed(2)} MB, ${(total / written.bytes).toFixed(2)}× the text`);
    console.log(`\nRequests of the load, per table (rows written, rows read by key, queries; values written and read):`);
    printRequests(loadRequests);

    // One article added as a saved page: what it asks of the store, against what the whole load asked.
    for (const r of requests.values()) Object.assign(r, NO_REQUESTS);
    const addStarted = performance.now();
    await addUserArticles(db, SAVED_SOURCE_ID, [{ origin: 'added.txt', title: 'Added', date: null, credits: null, captions: [], complete: true, paragraphs: articleText(pool, seededRandom(size + 1)).split('\n\n').slice(2) }]);
    console.log(`\nAdding one article: ${(performance.now() - addStarted).toFixed(0)} ms (in-memory IndexedDB); requests per table:`);
    printRequests(requests);
    db.close();
    await Dexie.delete(db.name);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
