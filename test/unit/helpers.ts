import Dexie from 'dexie';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDb, type BackstoryDb } from '../../lib/store/db';
import type { CorpusFile } from '../../lib/store/ingest';
import { putSearchRows, searchRowsForArticles } from '../../lib/search/search-index';

export const repoRoot = resolve(import.meta.dirname, '../..');

/** The bundled corpus files, as the background reads them: bytes. */
export function bundledCorpusFiles(): CorpusFile[] {
  const dir = resolve(repoRoot, 'assets/corpus');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(resolve(dir, name))) }));
}

export function readGold(name: 'seed-gold.json' | 'gum-news.json') {
  return JSON.parse(readFileSync(resolve(repoRoot, 'test/fixtures/eval', name), 'utf8'));
}

let counter = 0;
const opened: BackstoryDb[] = [];

/** A fresh database per test, deleted afterwards by `deleteTestDbs`. */
export function testDb(): BackstoryDb {
  const db = openDb(`backstory-test-${process.pid}-${++counter}`);
  opened.push(db);
  return db;
}

export async function deleteTestDbs(): Promise<void> {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
}

/**
 * Writes the search index of every stored article, for databases filled
 * record by record rather than through ingest.
 */
export async function indexStoredArticles(db: BackstoryDb): Promise<void> {
  await db.transaction('rw', [db.articles, db.quotes, db.searchTerms, db.searchWords], async () => {
    const [articles, quotes] = await Promise.all([db.articles.toArray(), db.quotes.toArray()]);
    await putSearchRows(db, searchRowsForArticles(articles, quotes));
  });
}
