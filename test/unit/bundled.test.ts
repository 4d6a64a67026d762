import { describe, expect, it, afterEach, vi } from 'vitest';
import Dexie from 'dexie';
import { loadBundledCorpus, makeBundledIndex } from '../../lib/store/bundled';
import { BUNDLED_DIGEST_KEY } from '../../lib/store/bundled-digest';
import { CorpusLoader } from '../../lib/store/corpus-loader';
import { BUNDLED_COUNTS_KEY, DB_NAME, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V7, openDb, type AppearanceRecord } from '../../lib/store/db';
import { appearancesOf, packSpans } from '../../lib/store/appearances';
import { corpusOverview } from '../../lib/ui/options/corpus-overview';
import { loadProfile } from '../../lib/store/profile';
import { buildEntityCard } from '../../lib/lookup/card-data';
import { searchCorpus } from '../../lib/search/corpus-search';
import { readBucket, unpackRefs } from '../../lib/search/search-index';
import { SAVED_SOURCE_ID, addUserArticles, deleteArticles } from '../../lib/store/user-corpus';
import { allAppearances, allPostings, bundledCorpusFiles, corpusState, deleteTestDbs, loadBundled, readGold, storeAppearances, testDb } from './helpers';

const gold = readGold('seed-gold.json');
const text = (s: string) => new TextEncoder().encode(s);

afterEach(deleteTestDbs);

describe('loading the bundled corpus', () => {
  it('stores every article of the seed files with the facts derived from them and the page-lookup rows', async () => {
    const db = testDb();
    const report = await loadBundled(db);

    expect(report.errors).toEqual([]);
    expect(report.changed).toBe(true);
    const articles = await db.articles.orderBy('id').toArray();
    expect(articles.map((a) => a.file)).toEqual(gold.articles.map((a: { file: string }) => a.file));
    for (const article of articles) {
      expect(article.source).toBe('bundled');
      expect(article.sourceId).toBe(`bundled:${article.file}`);
      expect(article.textHash).toMatch(/^[0-9a-f]{64}$/);
      expect(article.words).toBeGreaterThan(0);
    }
    expect(await db.sources.count()).toBe(bundledCorpusFiles().length);
    const entities = await db.entities.toArray();
    expect(entities.length).toBeGreaterThan(20);
    for (const e of entities) expect(e.bundledCount).toBe(e.articleCount);
    expect(await db.quotes.count()).toBeGreaterThan(10);
    const tusk = entities.find((e) => e.name === 'Donald Tusk')!;
    expect((await db.names.get('donald tusk'))!.entries).toEqual([expect.objectContaining({ id: tusk.id, kind: 'name', bundled: true, articleCount: tusk.articleCount })]);
    expect((await db.meta.get(BUNDLED_DIGEST_KEY))!.value).toBe((await makeBundledIndex(bundledCorpusFiles())).digest);
  });

  it('reads no file and writes nothing when the stored corpus has the same digest', async () => {
    const db = testDb();
    await loadBundled(db);
    const before = await snapshot(db);
    const files = bundledCorpusFiles();
    let reads = 0;
    const report = await loadBundledCorpus(db, await makeBundledIndex(files), async () => (reads++, new Uint8Array()));
    expect(report.changed).toBe(false);
    expect(reads).toBe(0);
    expect(await snapshot(db)).toEqual(before);
  });

  it('reads only the digest on a start when that corpus is loaded, and hands the load over when it is not', async () => {
    const db = testDb();
    const files = bundledCorpusFiles();
    const byName = new Map(files.map((f) => [f.name, f.bytes]));
    const index = await makeBundledIndex(files);
    let loads = 0;
    let fileReads = 0;
    const loaderShipping = (digest: string) =>
      new CorpusLoader(
        db,
        async () => digest,
        (onProgress) => (loads++, loadBundledCorpus(db, index, async (name) => (fileReads++, byName.get(name)!), onProgress)),
      );
    expect(await loaderShipping(index.digest).loadBundled()).toMatchObject({ state: 'ready', articles: readGold('seed-gold.json').articles.length });
    expect([loads, fileReads]).toEqual([1, files.length]);
    // A woken worker: the same digest, no load asked for.
    expect(await loaderShipping(index.digest).loadBundled()).toMatchObject({ state: 'ready' });
    expect([loads, fileReads]).toEqual([1, files.length]);
    // An update that ships another corpus: its digest differs, so the load is asked for.
    expect(await loaderShipping('another digest').loadBundled()).toMatchObject({ state: 'ready' });
    expect(loads).toBe(2);
  });

  it('reports a load’s progress while it runs, and its failure as an error the popup can show', async () => {
    const db = testDb();
    let finish!: () => void;
    const loader = new CorpusLoader(
      db,
      async () => 'a digest not loaded',
      async (onProgress) => {
        onProgress({ filesDone: 3, filesTotal: 10, words: 1200 });
        await new Promise<void>((resolve) => (finish = resolve));
        throw new Error('the corpus worker stopped');
      },
    );
    const loaded = loader.loadBundled();
    await expect.poll(() => loader.status().progress).toEqual({ filesDone: 3, filesTotal: 10, words: 1200 });
    expect(loader.status().state).toBe('loading');
    finish();
    expect(await loaded).toEqual({ state: 'error', articles: 0, errors: ['the corpus worker stopped'] });
    await loader.stored(); // settled by the failure too: lookups do not wait for ever
  });

  it('says when the corpus is stored, for page lookups to wait on, only once the load has written it', async () => {
    const db = testDb();
    const files = bundledCorpusFiles();
    const byName = new Map(files.map((f) => [f.name, f.bytes]));
    const index = await makeBundledIndex(files);
    let release!: () => void;
    const loader = new CorpusLoader(
      db,
      async () => index.digest,
      async (onProgress) => {
        await new Promise<void>((resolve) => (release = resolve));
        return loadBundledCorpus(db, index, async (name) => byName.get(name)!, onProgress);
      },
    );
    const loaded = loader.loadBundled();
    let stored = false;
    void loader.stored().then(() => (stored = true));
    await expect.poll(() => release).toBeDefined();
    expect(stored).toBe(false);
    release();
    await loader.stored();
    expect(await db.articles.count()).toBe(readGold('seed-gold.json').articles.length);
    await loaded;
  });

  it('keeps the bundled corpus’s counts for the options page, so that its live overview counts nothing on every write', async () => {
    const db = testDb();
    await loadBundled(db);
    const counted = { files: await db.sources.where('kind').equals('bundled').count(), articles: await db.articles.where('source').equals('bundled').count() };
    expect((await db.meta.get(BUNDLED_COUNTS_KEY))?.value).toEqual(counted);
    expect((await corpusOverview(db)).bundled).toEqual(counted);
    // A corpus loaded before the counts were kept gets them on its next start, without loading again.
    await db.meta.delete(BUNDLED_COUNTS_KEY);
    const report = await loadBundledCorpus(db, await makeBundledIndex(bundledCorpusFiles()), async () => new Uint8Array());
    expect(report.changed).toBe(false);
    expect((await db.meta.get(BUNDLED_COUNTS_KEY))?.value).toEqual(counted);
    // Added articles are the user's: the bundled counts stay.
    await addUserArticles(db, SAVED_SOURCE_ID, [{ origin: 'a.txt', title: 'A', date: null, credits: null, captions: [], complete: true, paragraphs: ['Donald Tusk spoke in Warsaw on Monday.'] }]);
    expect((await corpusOverview(db)).bundled).toEqual(counted);
  });

  it('finds the same people loaded a file at a time as loaded at once', async () => {
    const whole = testDb();
    const perFile = testDb();
    await loadBundled(whole);
    await loadBundled(perFile, undefined, 1);
    const people = async (db: typeof whole) => (await db.entities.where('type').equals('person').toArray()).map((e) => [e.name, e.articleCount, e.quoteCount]).sort();
    expect(await people(perFile)).toEqual(await people(whole));
    expect(await perFile.quotes.count()).toBe(await whole.quotes.count());
  });

  it('skips an empty or binary file with a clear error and loads the rest', async () => {
    const db = testDb();
    const files = [
      ...bundledCorpusFiles(),
      { name: 'empty.txt', bytes: new Uint8Array() },
      { name: 'photo.txt', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
    ];
    const report = await loadBundled(db, files);
    expect(report.errors).toHaveLength(2);
    expect(report.errors[0]).toMatch(/empty\.txt.*empty/i);
    expect(report.errors[1]).toMatch(/photo\.txt.*not (a )?text/i);
    expect(await db.articles.count()).toBe(gold.articles.length);
  });

  it('replaces the articles of a changed file, drops removed files, and their entities with them', async () => {
    const db = testDb();
    const [first, second] = bundledCorpusFiles();
    await loadBundled(db, [first, second]);
    const changed = { name: second.name, bytes: text('Tusk said the war was defensive. Ines Okonkwo-Marsh agreed.\n') };
    await loadBundled(db, [first, changed]);
    const fromSecond = await db.articles.where('sourceId').equals(`bundled:${second.name}`).toArray();
    expect(fromSecond).toHaveLength(1);
    expect(fromSecond[0].paragraphs).toEqual(['Tusk said the war was defensive. Ines Okonkwo-Marsh agreed.']);
    expect(await db.entities.where('keys').equals('ines okonkwo-marsh').count()).toBe(1);

    await loadBundled(db, [first]);
    expect(await db.articles.where('sourceId').equals(`bundled:${second.name}`).count()).toBe(0);
    expect(await db.sources.count()).toBe(1);
    expect(await db.entities.where('keys').equals('ines okonkwo-marsh').count()).toBe(0);
    expect(await db.names.get('ines okonkwo-marsh')).toBeUndefined();
    const reloaded = testDb();
    await loadBundled(reloaded, [first]);
    expect(await counts(db)).toEqual(await counts(reloaded));
  });

  it('goes on where a stopped load stopped: no partial batch, nothing done twice', async () => {
    const db = testDb();
    const files = bundledCorpusFiles();
    const index = await makeBundledIndex(files);
    const byName = new Map(files.map((f) => [f.name, f.bytes]));
    // The worker "stops" while reading the second file: the first file's batch is in, nothing of the second.
    const stopping = async (name: string) => {
      if (name === index.files[1].name) throw new Error('service worker stopped');
      return byName.get(name)!;
    };
    await expect(loadBundledCorpus(db, index, stopping, undefined, 1)).rejects.toThrow('stopped');
    expect((await db.sources.toArray()).map((s) => s.id)).toEqual([`bundled:${index.files[0].name}`]);
    expect(await db.meta.get(BUNDLED_DIGEST_KEY)).toBeUndefined();

    const read: string[] = [];
    await loadBundledCorpus(db, index, async (name) => (read.push(name), byName.get(name)!), undefined, 1);
    expect(read).toEqual(index.files.slice(1).map((f) => f.name));
    const straight = testDb();
    await loadBundled(straight, files, 1);
    expect(await counts(db)).toEqual(await counts(straight));
  });

  it('leaves the stored corpus as it was when a batch fails inside its transaction', async () => {
    const db = testDb();
    const [first, second] = bundledCorpusFiles();
    await loadBundled(db, [first]);
    const before = await snapshot(db);
    db.quotes.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(loadBundled(db, [first, second])).rejects.toThrow();
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('schema migration', () => {
  it('opens a version 2 database with its data and loads the corpus again in the current version', async () => {
    const name = `${DB_NAME}-migration-${process.pid}`;
    const v2 = new Dexie(name);
    declareVersions(v2, 2);
    // What version 2 stored: the whole corpus analysed at once, with v2's record shapes.
    await v2.table('articles').add({ id: 'bundled:a.txt#0', source: 'bundled', file: 'a.txt', index: 0, hash: 'x', title: null, date: null, credits: null, captions: [], paragraphs: ['Tusk spoke.'], complete: true });
    await v2.table('sources').add({ id: 'bundled:a.txt', source: 'bundled', file: 'a.txt', hash: 'x', articleIds: ['bundled:a.txt#0'], loadedAt: 1 });
    await v2.table('entities').add({ id: 'person:tusk', name: 'Tusk', type: 'person', aliases: [], roles: [], keys: ['tusk'], articleCount: 1, quoteCount: 0 });
    await v2.table('mentions').add({ entityId: 'person:tusk', articleId: 'bundled:a.txt#0', start: 0, end: 4 });
    v2.close();

    const db = openDb(name);
    try {
      expect(await db.articles.count()).toBe(0);
      expect(db.verno).toBe(8);
      expect(await db.entities.count()).toBe(0);
      expect(db.tables.map((t) => t.name)).not.toContain('mentions');
      const files = bundledCorpusFiles();
      const byName = new Map(files.map((f) => [f.name, f.bytes]));
      await loadBundledCorpus(db, await makeBundledIndex(files), async (n) => byName.get(n)!);
      const fresh = testDb();
      await loadBundled(fresh);
      expect(await counts(db)).toEqual(await counts(fresh));
      expect(await db.searchPostings.count()).toBe(await fresh.searchPostings.count());
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });

  it('opens a version 3 database with its corpus and search index, nothing lost, and keeps them incremental', async () => {
    // A corpus as version 3 stored it: the same records, and its postings as one row of numbers per word and segment.
    const current = testDb();
    await loadBundled(current);
    const { articleIds } = await addUserArticles(current, SAVED_SOURCE_ID, [
      { origin: 'a.txt', title: 'Tusk in Vilnius', date: '2024-12-01', credits: null, captions: [], complete: true, paragraphs: ['Donald Tusk met Gitanas Nauseda in Vilnius on Monday to talk about the Suwalki gap.'] },
    ]);
    // Version 3 made a segment of every write: here, one per article, ids the write's time in base 36, then a random part.
    const v3Segment = (n: number) => `${(1_700_000_000_000 + n).toString(36)}-x${n}`;
    const articles = await current.articles.toArray();
    const segmentOf = new Map(articles.map((a, n) => [a.id, v3Segment(n)]));
    const v3Docs = new Map<string, Array<[string, string]>>();
    const renumbered = new Map<string, [string, number]>();
    for (const { docs } of await current.searchSegments.toArray()) {
      for (const doc of docs) {
        if (!doc) continue;
        const seg = segmentOf.get(doc[1])!;
        v3Docs.set(seg, [...(v3Docs.get(seg) ?? []), doc]);
        renumbered.set(doc[0], [seg, v3Docs.get(seg)!.length - 1]);
      }
    }
    const v3Rows = new Map<string, { term: string; seg: string; refs: number[] }>();
    const [keys, stored] = await Promise.all([current.searchPostings.toCollection().primaryKeys(), current.searchPostings.toArray()]);
    const rows = stored.map(readBucket);
    const docsOf = new Map((await current.searchSegments.toArray()).map((s) => [s.seg, s.docs]));
    rows.forEach((bucket, i) => {
      const [, seg] = keys[i];
      for (const [term, row] of bucket) {
        const refs = unpackRefs(row);
        for (let j = 0; j < refs.length; j += 2) {
          const [v3Seg, n] = renumbered.get(docsOf.get(seg)![refs[j]]![0])!;
          const key = `${term} ${v3Seg}`;
          if (!v3Rows.has(key)) v3Rows.set(key, { term, seg: v3Seg, refs: [] });
          v3Rows.get(key)!.refs.push(n, refs[j + 1]);
        }
      }
    });
    const name = `${DB_NAME}-migration-v3-${process.pid}`;
    const v3 = new Dexie(name);
    declareVersions(v3, 3);
    for (const table of ['sources', 'entities', 'quotes', 'names', 'meta']) await v3.table(table).bulkAdd(await current.table(table).toArray());
    await v3.table('appearances').bulkAdd(await allAppearances(current));
    await v3.table('searchWords').bulkAdd((await allPostings(current)).words.map((word) => ({ word })));
    await v3.table('articles').bulkAdd(articles.map((a) => ({ ...a, searchSeg: segmentOf.get(a.id) })));
    await v3.table('searchSegments').bulkAdd([...v3Docs].map(([seg, docs]) => ({ seg, docs })));
    await v3.table('searchTerms').bulkAdd([...v3Rows.values()]);
    expect(v3Docs.size).toBe(articles.length);
    v3.close();

    const db = openDb(name);
    try {
      expect(db.verno).toBe(8);
      expect(db.tables.map((t) => t.name)).not.toContain('searchTerms');
      expect(db.tables.map((t) => t.name)).not.toContain('searchWords');
      expect(await corpusState(db)).toEqual(await corpusState(current));
      // Results carry their articles' records, whose segment numbers the migration chose.
      const results = async (d: typeof db, query: string) => JSON.parse(JSON.stringify(await searchCorpus(d, query), (k, v) => (k === 'searchSeg' ? undefined : v)));
      for (const query of ['Tusk', 'Tsuk', 'Nauseda', 'Zelenskyy', 'defensive war']) expect(await results(db, query), query).toEqual(await results(current, query));
      // Deleting still takes exactly its own postings, from a segment numbered by the migration.
      await deleteArticles(db, articleIds);
      await deleteArticles(current, articleIds);
      expect(await corpusState(db)).toEqual(await corpusState(current));
      expect((await searchCorpus(db, 'Nauseda')).articles).toEqual([]);
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });
});

describe('schema migration to versions 5 to 8', () => {
  it('opens a version 4 database with its corpus, derives the quotes’ links, stores the articles’ text as bytes and moves the appearances into keyed tables: profiles, cards, search and deletes as in a fresh load', async () => {
    const current = testDb();
    await loadBundled(current);
    const paragraph = '“Poland stands with Lithuania,” Donald Tusk said in Vilnius, where he met Gitanas Nausėda.';
    const { articleIds } = await addUserArticles(current, SAVED_SOURCE_ID, [
      { origin: 'a.txt', title: 'Tusk in Vilnius', date: null, credits: null, captions: [], complete: true, paragraphs: [paragraph] },
    ]);
    const name = `${DB_NAME}-migration-v4-${process.pid}`;
    const v4 = new Dexie(name);
    declareVersions(v4, 4);
    // Version 4 stored the same records, paragraphs as strings; it had no links, and indexed the quotes by the entities they name.
    for (const table of ['articles', 'sources', 'entities', 'quotes', 'names', 'meta', 'searchSegments', 'searchVocabulary']) await v4.table(table).bulkAdd(await current.table(table).toArray());
    // Versions 3 to 6 kept a row per article and entity holding both ids, the date and the spans.
    const appearances = await allAppearances(current);
    await v4.table('appearances').bulkAdd(appearances);
    const [keys, buckets] = await Promise.all([current.searchPostings.toCollection().primaryKeys(), current.searchPostings.toArray()]);
    // Version 4's buckets were a Map of packed pairs per word.
    await v4.table('searchPostings').bulkAdd(buckets.map(readBucket), keys as never);
    expect(await v4.table('quotes').where('aboutIds').equals('place:russia').count()).toBeGreaterThan(0);
    const articleCount = await v4.table('articles').count();
    expect(articleCount).toBeGreaterThan(1);
    v4.close();

    const db = openDb(name);
    try {
      expect(db.verno).toBe(8);
      expect(await db.articles.toArray()).toEqual(await current.articles.toArray());
      // As stored: no paragraph strings, the text as UTF-8 bytes, every article rewritten.
      const raw = await new Dexie(name).open();
      const rows = await raw.table('articles').toArray();
      raw.close();
      expect(rows).toHaveLength(articleCount);
      for (const row of rows) {
        expect(row.paragraphs).toBeUndefined();
        expect(row.paragraphsUtf8).toBeInstanceOf(Uint8Array);
      }
      expect(await db.quoteLinks.count()).toBeGreaterThan(await db.quotes.count());
      // Version 7: the appearance rows moved into the two keyed tables (a row each for the spans, a row per article for who is in it), and v6's table is gone.
      expect(db.tables.map((t) => t.name)).not.toContain('appearances');
      expect(appearances.length).toBeGreaterThan(articleCount);
      // Version 8: the articles, fewer than a page of the upgrade, became one group: a row of spans per entity.
      expect(await db.entityMentions.count()).toBe(new Set(appearances.map((a) => a.entityId)).size);
      expect(await db.articleEntities.count()).toBe(new Set(appearances.map((a) => a.articleId)).size);
      expect(await allAppearances(db)).toEqual(appearances);
      expect([...db.backendDB().transaction('articles').objectStore('articles').indexNames]).not.toContain('date');
      expect((await db.searchPostings.toCollection().first())!.refs).toBeInstanceOf(Uint8Array);
      expect(await corpusState(db)).toEqual(await corpusState(current));
      for (const id of ['person:donald-tusk', 'place:russia', 'place:ukraine', 'place:vilnius']) {
        expect(await loadProfile(db, id), id).toEqual(await loadProfile(current, id));
        expect(await buildEntityCard(db, id), id).toEqual(await buildEntityCard(current, id));
      }
      expect((await loadProfile(db, 'place:russia'))!.totals.about).toBe(await db.quotes.filter((q) => q.aboutIds.includes('place:russia')).count());
      // The undated article's quote is Tusk's oldest: last in his profile.
      const said = (await loadProfile(db, 'person:donald-tusk'))!.said;
      expect(said.at(-1)!.article.id).toBe(articleIds[0]);
      expect((await searchCorpus(db, 'Nausėda')).articles.map((r) => r.article.paragraphs)).toEqual([[paragraph]]);
      // Deleting still finds the article's words and names from its text.
      await deleteArticles(db, articleIds);
      await deleteArticles(current, articleIds);
      expect(await corpusState(db)).toEqual(await corpusState(current));
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });
});

describe('schema migration to versions 7 and 8', () => {
  it('moves appearance rows a page at a time, an article whose rows straddle two pages written whole', async () => {
    const name = `${DB_NAME}-migration-v6-${process.pid}`;
    const v6 = new Dexie(name);
    declareVersions(v6, 6);
    // More rows than a page of the upgrade reads, in articles of 1,500 entities: some article's rows cross a page's end.
    const entities = Array.from({ length: 1500 }, (_, i) => `person:p${String(i).padStart(4, '0')}`);
    const articles = ['bundled:a.txt#0', 'bundled:b.txt#0', 'bundled:c.txt#0', 'bundled:d.txt#0', 'bundled:e.txt#0'];
    const rows = articles.flatMap((articleId, a) => entities.map((entityId, e) => ({ articleId, entityId, date: a === 0 ? '' : `2024-0${a}-01`, spans: [e, e + 3 + a] })));
    await v6.table('appearances').bulkAdd(rows);
    v6.close();

    const db = openDb(name);
    try {
      expect(db.verno).toBe(8);
      expect(await db.articleEntities.count()).toBe(articles.length);
      for (const id of articles) expect((await db.articleEntities.get(id))?.entities, id).toEqual(entities);
      expect(await allAppearances(db)).toEqual(rows);
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });
});

describe('schema migration to version 8', () => {
  it('packs an entity’s rows of each page of articles into one, keeping every span, date and article', async () => {
    const name = `${DB_NAME}-migration-v7-${process.pid}`;
    const v7 = new Dexie(name);
    declareVersions(v7, 7);
    // More articles than a page of the upgrade, some undated, each naming a few of five entities.
    const entities = ['person:a', 'person:b', 'place:c', 'org:d', 'person:e'];
    const articleIds = Array.from({ length: 1200 }, (_, i) => `user:${String(i).padStart(5, '0')}`);
    const rows = articleIds.flatMap((articleId, a) =>
      entities.filter((_, e) => (a + e) % 3 !== 0).map((entityId, e) => ({ articleId, entityId, date: a % 7 === 0 ? '' : `2024-${String((a % 12) + 1).padStart(2, '0')}-01`, spans: [e * 10, e * 10 + 4, 100 + a, 105 + a] })),
    );
    await v7.table('articles').bulkAdd(articleIds.map((id, a) => ({ id, date: a % 7 === 0 ? null : rows.find((r) => r.articleId === id)!.date })));
    await v7.table('entityMentions').bulkAdd(rows.map((r) => packSpans(r.spans)), rows.map((r) => [r.entityId, r.date, r.articleId]) as never);
    await v7.table('articleEntities').bulkAdd(articleIds.map((id) => rows.filter((r) => r.articleId === id).map((r) => r.entityId)), articleIds);
    // Version 7 gave a person named in full a one-word key from the surname alias; one known by surname alone keeps it.
    const person = { type: 'person', keys: [], words: [], quoteCount: 0, articleCount: 1 };
    await v7.table('entities').bulkAdd([
      { ...person, id: 'person:a', joinKeys: ['full:ada morrow', 'sur:morrow', 'given:ada', 'one:morrow'] },
      { ...person, id: 'person:e', joinKeys: ['one:halvorsen'] },
    ]);
    v7.close();

    // Opened as the background opens it, without the lexicon the analysis needs (the corpus worker has it): a fresh copy of the modules.
    vi.resetModules();
    const { openDb: openWithoutLexicon } = await import('../../lib/store/db');
    const db = openWithoutLexicon(name);
    try {
      expect(db.verno).toBe(8);
      const sorted = (list: AppearanceRecord[]) => [...list].sort((a, b) => a.articleId.localeCompare(b.articleId) || a.entityId.localeCompare(b.entityId));
      expect(sorted(await allAppearances(db))).toEqual(sorted(rows));
      // Three pages of articles, three groups: at most a row per entity in each.
      expect(await db.entityMentions.count()).toBe(3 * entities.length);
      // An entity's newest articles as before: by date, the undated last.
      const newest = await appearancesOf(db, 'person:b', 5);
      const expected = rows.filter((r) => r.entityId === 'person:b').sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.articleId < b.articleId ? 1 : -1));
      expect(newest.map((r) => r.articleId)).toEqual(expected.slice(0, 5).map((r) => r.articleId));
      expect((await db.entities.get('person:a'))!.joinKeys).toEqual(['full:ada morrow', 'sur:morrow', 'given:ada']);
      expect((await db.entities.get('person:e'))!.joinKeys).toEqual(['one:halvorsen']);
      // The next write starts a group of its own.
      await storeAppearances(db, [{ articleId: 'user:new', entityId: 'person:a', date: '2025-01-01', spans: [0, 3] }]);
      expect((await db.articleEntities.get('user:new'))?.group).toBe(4);
      expect((await appearancesOf(db, 'person:a', 1))[0]).toMatchObject({ articleId: 'user:new', spans: [0, 3] });
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });
});

/** Declares the schema of every version up to `last` without their upgrades, as an older Backstory opened the database. */
function declareVersions(db: Dexie, last: number): void {
  const schemas = [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, {}, SCHEMA_V7];
  for (const [i, schema] of schemas.slice(0, last).entries()) db.version(i + 1).stores(schema);
}

async function counts(db: ReturnType<typeof testDb>) {
  const entities = (await db.entities.toArray()).map((e) => `${e.id} ${e.articleCount} ${e.quoteCount} ${e.bundledCount}`).sort();
  return { articles: await db.articles.count(), entities, quotes: await db.quotes.count(), appearances: await db.entityMentions.count(), articleEntities: await db.articleEntities.count(), names: await db.names.count() };
}

async function snapshot(db: ReturnType<typeof testDb>) {
  return {
    articles: await db.articles.toArray(),
    sources: await db.sources.toArray(),
    entities: await db.entities.toArray(),
    appearances: await allAppearances(db),
    quotes: await db.quotes.toArray(),
    names: await db.names.toArray(),
    meta: await db.meta.toArray(),
  };
}
