import Dexie from 'dexie';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadBundledCorpus, makeBundledIndex } from '../../lib/store/bundled';
import { openDb, type AppearanceRecord, type ArticleRecord, type BackstoryDb, type EntityRecord, type QuoteRecord } from '../../lib/store/db';
import { putQuotes } from '../../lib/store/quote-links';
import { putAppearances, unpackSpans, type ArticleEntitiesRow, type EntityMentionKey, type EntityMentionsRow } from '../../lib/store/appearances';
import type { CorpusFile } from '../../lib/store/ingest';
import { joinKeysOf } from '../../lib/store/join-keys';
import { batchTables, storeEntityChanges } from '../../lib/store/merge';
import { nameWords, putSearchRows, readBucket, searchTextsOfArticles, unpackRefs } from '../../lib/search/search-index';

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

/** The bundled corpus loaded as the background loads it: index, then batches. */
export async function loadBundled(db: BackstoryDb, files: CorpusFile[] = bundledCorpusFiles(), batchWords?: number) {
  const byName = new Map(files.map((f) => [f.name, f.bytes]));
  return loadBundledCorpus(db, await makeBundledIndex(files), async (name) => byName.get(name)!, undefined, batchWords);
}

/** A stored article with the fields a test does not care about filled in. */
export function articleRecord(fields: Pick<ArticleRecord, 'id'> & Partial<ArticleRecord>): ArticleRecord {
  const paragraphs = fields.paragraphs ?? ['x'];
  return {
    source: 'bundled', sourceId: `bundled:${fields.file ?? 'f.txt'}`, hash: fields.id, textHash: fields.id, words: paragraphs.join(' ').split(/\s+/).length,
    file: 'f.txt', index: 0, title: null, date: null, credits: null, captions: [], paragraphs, complete: true,
    url: null, siteName: null, byline: null, addedAt: null,
    ...fields,
  };
}

/** A stored entity with its derived keys. */
export function entityRecord(fields: Pick<EntityRecord, 'id' | 'name' | 'type'> & Partial<EntityRecord>): EntityRecord {
  const base = { aliases: [], roles: [], articleCount: 1, quoteCount: 0, bundledCount: fields.articleCount ?? 1, formCounts: {}, ...fields };
  return { ...base, keys: [base.name, ...base.aliases].map((n) => n.toLowerCase()), joinKeys: joinKeysOf(base), words: nameWords(base) };
}

/** Stores entities as the ingest does: records, and the page-lookup rows of their names. */
export function putEntities(db: BackstoryDb, entities: EntityRecord[]): Promise<void> {
  return db.transaction('rw', batchTables(db), () => storeEntityChanges(db, entities.map((after) => ({ before: null, after }))));
}

/**
 * Writes the search index of every stored article, for databases filled
 * record by record rather than through ingest.
 */
export async function indexStoredArticles(db: BackstoryDb): Promise<void> {
  await db.transaction('rw', [db.articles, db.quotes, db.searchPostings, db.searchSegments, db.searchVocabulary], async () => {
    const [articles, quotes] = await Promise.all([db.articles.toArray(), db.quotes.toArray()]);
    await putSearchRows(db, searchTextsOfArticles(articles, quotes));
  });
}

/** Stores quotes as ingestion does, with the links a profile and a card read them by. */
export function storeQuotes(db: BackstoryDb, quotes: QuoteRecord[]): Promise<void> {
  return db.transaction('rw', [db.quotes, db.quoteLinks], () => putQuotes(db, quotes));
}

/** What a corpus holds, for comparing two: every table but the bookkeeping of where things are stored. */
export async function corpusState(db: BackstoryDb, { ignoreSource = false } = {}) {
  // Which segment of the search index holds an article is the store's own business (its postings are compared below).
  const articles = (await db.articles.toArray()).map(({ sourceId, addedAt, searchSeg: _, ...a }) => (ignoreSource && a.source === 'user' ? a : { ...a, sourceId, addedAt }));
  return {
    articles,
    entities: (await db.entities.toArray()).map((e) => ({ ...e, aliases: [...e.aliases].sort(), keys: [...e.keys].sort(), joinKeys: [...e.joinKeys].sort() })),
    appearances: await allAppearances(db),
    quotes: await db.quotes.toArray(),
    quoteLinks: await db.quoteLinks.toCollection().primaryKeys(),
    names: (await db.names.toArray()).map((r) => ({ ...r, entries: [...r.entries].sort((a, b) => a.id.localeCompare(b.id)) })),
    // Search postings by word, whatever segment holds them.
    search: await allPostings(db),
  };
}

/** Every posting of the search index as "word doc count", whatever segment holds it. */
export async function allPostings(db: BackstoryDb) {
  const docs = new Map((await db.searchSegments.toArray()).map((s) => [s.seg, s.docs]));
  const out: string[] = [];
  const [keys, rows] = await Promise.all([db.searchPostings.toCollection().primaryKeys(), db.searchPostings.toArray()]);
  rows.map(readBucket).forEach((bucket, n) => {
    const [, seg] = keys[n];
    for (const [term, row] of bucket) {
      const refs = unpackRefs(row);
      for (let i = 0; i < refs.length; i += 2) out.push(`${term} ${docs.get(seg)![refs[i]]![0]} ${refs[i + 1]}`);
    }
  });
  return { postings: out.sort(), words: (await db.searchVocabulary.toArray()).flatMap((row) => row.words.split('\n')) };
}

/**
 * Every appearance as one record (article, entity, date, spans), in the order
 * of their articles and entities: both of the store's tables read whole, each
 * row matched with the other's, so a row missing from either shows.
 */
export async function allAppearances(db: BackstoryDb): Promise<AppearanceRecord[]> {
  const [mentionKeys, mentionRows, articleIds, articleRows] = (await Promise.all([
    db.entityMentions.toCollection().primaryKeys(),
    db.entityMentions.toArray(),
    db.articleEntities.toCollection().primaryKeys(),
    db.articleEntities.toArray(),
  ])) as [EntityMentionKey[], EntityMentionsRow[], string[], ArticleEntitiesRow[]];
  const rows = new Map<string, AppearanceRecord>();
  mentionKeys.forEach(([entityId, group], i) =>
    mentionRows[i].articles.forEach((articleId, j) =>
      rows.set(`${articleId}\u0000${entityId}\u0000${group}`, { articleId, entityId, date: mentionRows[i].dates[j], spans: unpackSpans(mentionRows[i].spans[j]) }),
    ),
  );
  const listed = articleIds.flatMap((articleId, i) => [...articleRows[i].entities].sort().map((entityId) => `${articleId}\u0000${entityId}\u0000${articleRows[i].group}`));
  if (rows.size !== listed.length) throw new Error(`${rows.size} articles' spans but ${listed.length} entities listed in their articles`);
  return listed.map((key) => {
    const row = rows.get(key);
    if (!row) throw new Error(`no spans of ${key.split('\u0000').slice(0, 2).join(' in ')}`);
    return row;
  });
}

/** Stores appearance records as the ingestion does, in one transaction over both tables. */
export function storeAppearances(db: BackstoryDb, rows: AppearanceRecord[]): Promise<void> {
  return db.transaction('rw', [db.entityMentions, db.articleEntities, db.meta], () => putAppearances(db, rows));
}
