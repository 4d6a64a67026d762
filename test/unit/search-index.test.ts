import { afterAll, describe, expect, it } from 'vitest';
import { searchCorpus, type SearchResults } from '../../lib/search/corpus-search';
import { packRefs, termPostings, unpackRefs, vocabularyStartingWith } from '../../lib/search/search-index';
import type { BackstoryDb } from '../../lib/store/db';
import { SAVED_SOURCE_ID, addUserArticles, deleteArticles, type NewArticle } from '../../lib/store/user-corpus';
import { CorpusSearch, readSearchableCorpus } from '../bench/in-memory-search';
import { allPostings, deleteTestDbs, loadBundled, testDb } from './helpers';

afterAll(deleteTestDbs);

const clinton: NewArticle = {
  origin: 'clinton.txt',
  title: 'Clinton backs the Brussels summit plan',
  date: null,
  credits: null,
  captions: [],
  complete: true,
  paragraphs: [
    'Hillary Clinton arrived in Brussels on Monday for talks with European ministers about sanctions.',
    '“We will not walk away from our partners,” Clinton said after the meeting.',
  ],
};
const marked = (s: { text: string; marks: Array<[number, number]> }) => s.marks.map(([a, b]) => s.text.slice(a, b));
const indexed = async (db: BackstoryDb, term: string) => (await termPostings(db, term)).map((row) => row.doc);

describe('the persisted search index', () => {
  it('packs a word’s [text, occurrences] pairs into bytes and back, whatever their size', () => {
    const refs = [0, 1, 1, 3, 127, 128, 128, 1, 20_000, 2, 3_000_000, 70_000];
    expect(unpackRefs(packRefs(refs))).toEqual(refs);
    // Small gaps and counts take a byte each: that is what makes a row small.
    expect(packRefs([0, 1, 1, 2, 5, 1]).length).toBe(6);
    expect(unpackRefs(packRefs([]))).toEqual([]);
  });

  it('indexes an added article as it is stored, and finds a word while it is still being typed', async () => {
    const db = testDb();
    await loadBundled(db);
    expect(await indexed(db, 'clinton')).toEqual([]);
    await addUserArticles(db, SAVED_SOURCE_ID, [clinton]);

    const [article] = await db.articles.where('source').equals('user').toArray();
    const quotes = await db.quotes.where('articleId').equals(article.id).toArray();
    expect(quotes.length).toBeGreaterThan(0);
    // The article's row and one per quote that holds the word.
    expect((await indexed(db, 'clinton')).sort()).toEqual([article.id, ...quotes.filter((q) => /Clinton/.test(q.text)).map((q) => q.id)].sort());
    expect(await vocabularyStartingWith(db, 'b')).toContain('brussels');

    for (const typed of ['Cli', 'Clin', 'Clint', 'Clinto', 'Clinton']) {
      const { articles } = await searchCorpus(db, typed);
      expect(articles[0]?.article.id, typed).toBe(article.id);
    }
    const { articles, quotes: quoteHits, entities } = await searchCorpus(db, 'Clint');
    expect(marked(articles[0].snippet)).toContain('Clinton');
    expect(entities.map((r) => r.entity.name)).toContain('Hillary Clinton');
    expect(quoteHits.map((r) => r.quote.text)).toContain('We will not walk away from our partners');
  });

  it('drops a deleted article’s postings, and the words no other article uses', async () => {
    const db = testDb();
    await loadBundled(db);
    const bundledRows = await db.searchPostings.count();
    const bundledWords = (await allPostings(db)).words;
    const { articleIds } = await addUserArticles(db, SAVED_SOURCE_ID, [clinton]);
    expect(await db.searchPostings.count()).toBeGreaterThan(bundledRows);

    await deleteArticles(db, articleIds);
    expect(await db.articles.where('source').equals('user').count()).toBe(0);
    expect(await indexed(db, 'clinton')).toEqual([]);
    expect(await vocabularyStartingWith(db, 'c')).not.toContain('clinton');
    // Words the bundled articles still use stay ("sanctions" is in the Kursk article too, if at all).
    expect(await db.searchPostings.count()).toBe(bundledRows);
    expect((await allPostings(db)).words).toEqual(bundledWords);
    expect((await searchCorpus(db, 'Clinton')).articles).toEqual([]);
  });

  it('puts saved pages into the newest segment while it has room: the words they share stay one row', async () => {
    const db = testDb();
    await loadBundled(db);
    const segments = await db.searchSegments.count();
    const saved: string[] = [];
    for (const n of [1, 2, 3]) {
      const { articleIds } = await addUserArticles(db, SAVED_SOURCE_ID, [{ ...clinton, title: `Clinton in Brussels, day ${n}`, paragraphs: [...clinton.paragraphs, `Day ${n} of the talks.`] }]);
      saved.push(...articleIds);
    }
    expect(await db.searchSegments.count()).toBe(segments);
    // One segment, so one bucket of the words beginning "cl".
    expect(await db.searchPostings.where(':id').between(['cl', -Infinity], ['cl', Infinity]).count()).toBe(1);
    expect((await indexed(db, 'clinton')).filter((doc) => saved.includes(doc)).sort()).toEqual([...saved].sort());

    // Deleting the middle one leaves the others findable, under their own numbers in the segment.
    await deleteArticles(db, [saved[1]]);
    expect((await indexed(db, 'clinton')).filter((doc) => saved.includes(doc)).sort()).toEqual([saved[0], saved[2]].sort());
    expect((await searchCorpus(db, 'day 3')).articles[0]?.article.id).toBe(saved[2]);
  });
});

describe('against the search it replaces', () => {
  // Names, typos, prefixes, phrases: the persisted index must rank the same texts first.
  const QUERIES = ['Tusk', 'Zelenskyy', 'Zelensky', 'Tsuk', 'Nato', 'Kursk', 'Russia Belgorod', 'defensive war', 'Kasciu', 'Ukraine', 'Nuland', 'Meloni', 'incursion', 'Biden', 'allies withholding'];

  it('finds the same top article, quote and name as the in-memory search did, at the bundled corpus', async () => {
    const db = testDb();
    await loadBundled(db);
    const before = new CorpusSearch(await readSearchableCorpus(db));
    const top = (r: SearchResults) => ({
      article: r.articles[0]?.article.id,
      // Quotes that hold the words; quotes by a matched speaker follow them, and fuse.js matched
      // speakers the words do not name ("Meloni" → Lord Cameron).
      quote: r.quotes.find((q) => q.snippet.marks.length > 0)?.quote.id,
      entity: r.entities[0]?.entity.id,
    });
    for (const query of QUERIES) {
      expect(top(await searchCorpus(db, query)), query).toEqual(top(before.search(query)));
    }
  });
});
