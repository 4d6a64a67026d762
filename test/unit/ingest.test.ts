import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { corpusPipeline } from '../../lib/pipeline';
import { DB_NAME, SCHEMA_V1, openDb } from '../../lib/store/db';
import { ingestFiles, type IngestPipeline } from '../../lib/store/ingest';
import { bundledCorpusFiles, deleteTestDbs, readGold, testDb } from './helpers';

const gold = readGold('seed-gold.json');
const text = (s: string) => new TextEncoder().encode(s);

afterEach(deleteTestDbs);

describe('ingesting the bundled corpus', () => {
  it('stores every article of the seed files with the facts derived from them', async () => {
    const db = testDb();
    const report = await ingestFiles(db, 'bundled', bundledCorpusFiles(), corpusPipeline);

    expect(report.errors).toEqual([]);
    expect(report.articles).toBe(gold.articles.length);
    const articles = await db.articles.orderBy('id').toArray();
    expect(articles.map((a) => a.file)).toEqual(gold.articles.map((a: { file: string }) => a.file));
    for (const article of articles) {
      expect(article.source).toBe('bundled');
      expect(article.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(article.paragraphs.length).toBeGreaterThan(0);
    }
    expect(await db.sources.count()).toBe(2);
    expect(await db.entities.count()).toBeGreaterThan(20);
    expect(await db.quotes.count()).toBeGreaterThan(10);
    expect(await db.mentions.count()).toBeGreaterThan(await db.entities.count());
  });

  it('writes nothing when run again on the same files', async () => {
    const db = testDb();
    await ingestFiles(db, 'bundled', bundledCorpusFiles(), corpusPipeline);
    const before = await snapshot(db);
    const again = await ingestFiles(db, 'bundled', bundledCorpusFiles(), corpusPipeline, { removeMissing: true });
    expect(again.changedFiles).toEqual([]);
    expect(await snapshot(db)).toEqual(before);
  });

  it('skips an empty or binary file with a clear error and loads the rest', async () => {
    const db = testDb();
    const files = [
      ...bundledCorpusFiles(),
      { name: 'empty.txt', bytes: new Uint8Array() },
      { name: 'photo.txt', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
    ];
    const report = await ingestFiles(db, 'bundled', files, corpusPipeline);
    expect(report.errors).toHaveLength(2);
    expect(report.errors[0]).toMatch(/empty\.txt.*empty/i);
    expect(report.errors[1]).toMatch(/photo\.txt.*not (a )?text/i);
    expect(report.articles).toBe(gold.articles.length);
  });

  it('replaces the articles of a changed file instead of adding to them, and drops removed files', async () => {
    const db = testDb();
    const [first, second] = bundledCorpusFiles();
    await ingestFiles(db, 'bundled', [first, second], corpusPipeline);
    const changed = { name: second.name, bytes: text('Tusk said the war was defensive.\n') };
    const report = await ingestFiles(db, 'bundled', [first, changed], corpusPipeline);
    expect(report.changedFiles).toEqual([second.name]);
    const fromSecond = await db.articles.where('file').equals(second.name).toArray();
    expect(fromSecond).toHaveLength(1);
    expect(fromSecond[0].paragraphs).toEqual(['Tusk said the war was defensive.']);

    await ingestFiles(db, 'bundled', [first], corpusPipeline, { removeMissing: true });
    expect(await db.articles.where('file').equals(second.name).count()).toBe(0);
    expect(await db.sources.count()).toBe(1);
  });

  it('keeps user articles when the bundled corpus is brought up to date', async () => {
    const db = testDb();
    const [first] = bundledCorpusFiles();
    await ingestFiles(db, 'user', [{ name: 'notes.txt', bytes: text('Donald Tusk visited Kyiv on Monday.\n') }], corpusPipeline);
    await ingestFiles(db, 'bundled', [first], corpusPipeline, { removeMissing: true });
    expect(await db.articles.where('source').equals('user').count()).toBe(1);
    expect(await db.articles.where('source').equals('bundled').count()).toBeGreaterThan(0);
  });

  it('leaves the stored corpus as it was when analysis fails halfway', async () => {
    const db = testDb();
    const [first, second] = bundledCorpusFiles();
    await ingestFiles(db, 'bundled', [first], corpusPipeline);
    const before = await snapshot(db);
    const broken: IngestPipeline = {
      ...corpusPipeline,
      // Two entities with one id: the write fails inside the transaction.
      analyze: (inputs) => {
        const analysis = corpusPipeline.analyze(inputs);
        return { ...analysis, entities: [...analysis.entities, analysis.entities[0]] };
      },
    };
    await expect(ingestFiles(db, 'bundled', [first, second], broken)).rejects.toThrow();
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('schema migration', () => {
  it('opens a version 1 database with its articles and re-derives entities on the next ingest', async () => {
    const name = `${DB_NAME}-migration-${process.pid}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    const files = bundledCorpusFiles();
    // What version 1 stored: the articles and source hashes, no entities.
    const seeded = testDb();
    await ingestFiles(seeded, 'bundled', files, corpusPipeline);
    await v1.table('articles').bulkAdd(await seeded.articles.toArray());
    await v1.table('sources').bulkAdd(await seeded.sources.toArray());
    v1.close();

    const db = openDb(name);
    try {
      expect(db.verno).toBe(3);
      expect(await db.articles.count()).toBe(gold.articles.length);
      expect(await db.entities.count()).toBe(0);
      const report = await ingestFiles(db, 'bundled', files, corpusPipeline, { removeMissing: true });
      expect(report.articles).toBe(gold.articles.length);
      expect(report.entities).toBe(await seeded.entities.count());
      expect(report.quotes).toBe(await seeded.quotes.count());
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });
});

async function snapshot(db: ReturnType<typeof testDb>) {
  return {
    articles: await db.articles.toArray(),
    sources: await db.sources.toArray(),
    entities: await db.entities.toArray(),
    mentions: await db.mentions.toArray(),
    quotes: await db.quotes.toArray(),
  };
}
