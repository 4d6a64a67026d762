import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type BackstoryDb } from '../../lib/store/db';
import { analyzeArticles, commitBatch, toArticleRecord } from '../../lib/store/ingest';
import { SAVED_SOURCE_ID, addUserArticles, type NewArticle } from '../../lib/store/user-corpus';
import { deleteTestDbs, loadBundled, testDb } from './helpers';

afterEach(deleteTestDbs);

const page = (paragraphs: string[], url: string): NewArticle => ({
  origin: url, url, title: 'A saved page', date: '2024-12-01', credits: null, captions: [], paragraphs, complete: true,
});

const entitiesNamed = (db: BackstoryDb, name: string) => db.entities.where('keys').equals(name.toLowerCase()).toArray();

/*
 * A batch reads the entities earlier batches wrote from memory (lib/store/entity-cache.ts).
 * What it then joins and counts must be what a batch reading IndexedDB would: these
 * are the writes the cache cannot see by itself.
 */
describe('the entity cache between batches', () => {
  it('joins an entity that another connection stored after this one had read the store', async () => {
    const db = testDb();
    // Loaded from empty: this connection knows every stored join key, so a key it lacks would be taken as new.
    await loadBundled(db);
    const other = openDb(db.name);
    try {
      await addUserArticles(other, SAVED_SOURCE_ID, [page(['Senator Ada Morrow told reporters in Boise that the bill was dead.'], 'https://news.example/a')]);
    } finally {
      other.close();
    }
    await addUserArticles(db, SAVED_SOURCE_ID, [page(['Ada Morrow voted against the bill on Tuesday.'], 'https://news.example/b')]);
    const morrows = await entitiesNamed(db, 'Ada Morrow');
    expect(morrows).toHaveLength(1);
    expect(morrows[0].articleCount).toBe(2);
    expect((await db.names.get('ada morrow'))!.entries).toEqual([expect.objectContaining({ id: morrows[0].id })]);
  });

  it('leaves a name of one entity alone when only its count changes, and orders a name two then share by their counts now', async () => {
    const db = testDb();
    for (const [i, text] of ['Ada Morrow spoke in Boise on Monday.', 'Ada Morrow spoke in Helena on Tuesday.', 'Ada Morrow spoke in Cody on Friday.'].entries()) {
      await addUserArticles(db, SAVED_SOURCE_ID, [page([text], `https://news.example/ada-${i}`)]);
    }
    // Written with the first article: the row of one entry was not rewritten for the next two.
    expect((await db.names.get('morrow'))!.entries).toEqual([expect.objectContaining({ id: 'person:ada-morrow', articleCount: 1 })]);
    expect((await entitiesNamed(db, 'Ada Morrow'))[0].articleCount).toBe(3);
    // Another Morrow in two articles at once: the surname's row now orders two people, Ada first (3 articles to 2).
    await addUserArticles(db, SAVED_SOURCE_ID, [
      page(['Ben Morrow opened a bakery in Boise.'], 'https://news.example/ben-0'),
      page(['Ben Morrow closed the bakery in Boise.'], 'https://news.example/ben-1'),
    ]);
    const entries = (await db.names.get('morrow'))!.entries;
    expect(entries.map((e) => [e.id, e.articleCount]).sort((a, b) => Number(b[1]) - Number(a[1]))).toEqual([
      ['person:ada-morrow', 3],
      ['person:ben-morrow', 2],
    ]);
  });

  it('forgets what a batch whose transaction aborted wrote', async () => {
    const db = testDb();
    await loadBundled(db);
    const [tusk] = await entitiesNamed(db, 'Donald Tusk');
    const saved = { file: 'saved', index: 0, title: null, date: '2024-12-02', credits: null, captions: [], complete: true };
    const aborted = await toArticleRecord('user:aborted', 'user', SAVED_SOURCE_ID, { ...saved, paragraphs: ['Donald Tusk and Ida Venn spoke in Warsaw.'] });
    await expect(
      commitBatch(db, [aborted], await analyzeArticles([aborted]), {
        alsoWrite: () => Promise.reject(new Error('stopped after the batch was written')),
      }),
    ).rejects.toThrow(/stopped/);
    expect(await db.articles.get('user:aborted')).toBeUndefined();
    expect(await entitiesNamed(db, 'Ida Venn')).toEqual([]);

    await addUserArticles(db, SAVED_SOURCE_ID, [page(['Donald Tusk met Ida Venn in Gdansk on Friday.'], 'https://news.example/c')]);
    expect((await entitiesNamed(db, 'Donald Tusk'))[0].articleCount).toBe(tusk.articleCount + 1);
    const venns = await entitiesNamed(db, 'Ida Venn');
    expect(venns).toHaveLength(1);
    expect(venns[0]).toMatchObject({ id: 'person:ida-venn', articleCount: 1 });
  });

  it('merges a load in small batches into the same entities and name rows as in one batch', async () => {
    const whole = testDb();
    const batched = testDb();
    await loadBundled(whole, undefined, 1_000_000);
    await loadBundled(batched, undefined, 2_000);
    const state = async (db: BackstoryDb) => ({
      entities: (await db.entities.toArray()).map(({ id, articleCount, quoteCount, bundledCount }) => ({ id, articleCount, quoteCount, bundledCount })),
      names: await db.names.toArray(),
    });
    const [a, b] = [await state(whole), await state(batched)];
    expect(b.entities.length).toBeGreaterThan(50);
    const sortEntries = (rows: typeof a.names) => rows.map((r) => ({ key: r.key, entries: [...r.entries].sort((x, y) => x.id.localeCompare(y.id)) }));
    expect(b.entities).toEqual(a.entities);
    expect(sortEntries(b.names)).toEqual(sortEntries(a.names));
  });
});
