import { afterAll, describe, expect, it, vi } from 'vitest';
import { BestTexts, KeptReads, quotesBySpeakers, searchCorpus, warmSearch, type SearchResults } from '../../lib/search/corpus-search';
import {
  beginMerge,
  compactSearchIndex,
  concatRefs,
  mergeSegments,
  moveBuckets,
  packRefs,
  putSearchRows,
  searchTextsOfArticles,
  termPostings,
  unpackRefs,
  vocabularyStartingWith,
} from '../../lib/search/search-index';
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

  it('shows an article’s first paragraph that holds a matched word, ASCII or not, possessive or not', async () => {
    const db = testDb();
    await loadBundled(db);
    const summit: NewArticle = {
      ...clinton,
      origin: 'summit.txt',
      title: 'Talks go on',
      paragraphs: [
        'Ordinary words come first, with presummitteering and unbrusselslike letters but neither word itself.',
        '“Quoted” words — dashes… and ‘single’ quotes, no summit nor Brussels’ own: O’Brien’s.',
        'Fans in Kaunas cheered as Kasčiūnas spoke.',
        'The summit’s agenda in Brussels ran long.',
        'Brussels summit again, in a later paragraph.',
      ],
    };
    await addUserArticles(db, SAVED_SOURCE_ID, [summit]);
    const [found] = (await searchCorpus(db, 'Brussels summit')).articles.filter((r) => r.article.title === summit.title);
    // The line with typographic punctuation holds both words: it comes first.
    expect(found.snippet.text).toBe(summit.paragraphs[1]);
    expect(marked(found.snippet)).toEqual(['summit', 'Brussels']);
    const [apostrophe] = (await searchCorpus(db, 'O’Brien')).articles.filter((r) => r.article.title === summit.title);
    expect(marked(apostrophe.snippet)).toEqual(['O’Brien’s']);
    // A word first matched in a line with letters beyond ASCII.
    const [accented] = (await searchCorpus(db, 'Kasciunas cheered')).articles.filter((r) => r.article.title === summit.title);
    expect(accented.snippet.text).toBe(summit.paragraphs[2]);
    expect(marked(accented.snippet)).toEqual(['cheered', 'Kasčiūnas']);
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

/** Indexes the stored articles anew, in `parts` segments of their own (as a bulk load's batches are); returns the segments. */
async function indexInSegments(db: BackstoryDb, parts: number, splitBytes?: number): Promise<number[]> {
  return db.transaction('rw', [db.articles, db.quotes, db.searchPostings, db.searchSegments, db.searchVocabulary], async () => {
    await Promise.all([db.searchPostings.clear(), db.searchSegments.clear(), db.searchVocabulary.clear()]);
    const [articles, quotes] = await Promise.all([db.articles.toArray(), db.quotes.toArray()]);
    const segs: number[] = [];
    for (let i = 0; i < parts; i++) {
      const group = articles.filter((_, n) => n % parts === i);
      // No room in any segment: each group is a segment of its own.
      const seg = await putSearchRows(db, searchTextsOfArticles(group, quotes), 0, splitBytes);
      await db.articles.bulkPut(group.map((a) => ({ ...a, searchSeg: seg })));
      segs.push(seg);
    }
    return segs;
  });
}

/** The bundled corpus with the Clinton article saved, and the bundled corpus alone: what the first must equal once the article is deleted. */
async function clintonSavedAndBundledOnly() {
  const db = testDb();
  await loadBundled(db);
  const { articleIds } = await addUserArticles(db, SAVED_SOURCE_ID, [clinton]);
  const bundledOnly = testDb();
  await loadBundled(bundledOnly);
  return { db, articleIds, bundledOnly };
}

const MERGE_QUERIES = ['Tusk', 'Zelenskyy', 'Tsuk', 'Nato', 'Kursk', 'Russia Belgorod', 'defensive war', 'Ukraine', 'Meloni', 'allies withholding', 'Clint'];
const topIds = (r: SearchResults) => [r.entities.map((e) => e.entity.id), r.quotes.map((q) => q.quote.id), r.articles.map((a) => a.article.id)];
const searchAll = async (db: BackstoryDb) => Promise.all(MERGE_QUERIES.map(async (q) => topIds(await searchCorpus(db, q))));
const bucketsOf = (db: BackstoryDb, prefix: string) => db.searchPostings.where(':id').between([prefix, -Infinity], [prefix, Infinity]).count();

describe('warming the popup’s search', () => {
  it('reads the segments’ text lists and the vocabulary as the popup opens: a search then reads only its words’ buckets', async () => {
    const db = testDb();
    await loadBundled(db);
    await addUserArticles(db, SAVED_SOURCE_ID, [clinton]);
    await warmSearch(db);
    const reads = [vi.spyOn(db.searchSegments, 'bulkGet'), vi.spyOn(db.searchVocabulary, 'where')];
    expect((await searchCorpus(db, 'Clinton Brussels')).articles.map((a) => a.article.title)).toEqual([clinton.title]);
    // Typos and prefixes still found through the vocabulary read as the popup opened.
    expect((await searchCorpus(db, 'Clintn Brusse')).articles.map((a) => a.article.title)).toEqual([clinton.title]);
    for (const spy of reads) expect(spy).not.toHaveBeenCalled();
  });
});

describe('entities held in memory by the popup', () => {
  it('finds the same names without reading them once warmed, and finds a name added afterwards', async () => {
    const db = testDb();
    await loadBundled(db);
    const queries = ['Tusk', 'Clinton', 'Meloni', 'prime minister', 'Zelenskyy', 'Tusk on Ukraine', 'Kyiv', 'Don'];
    const read = async () => Promise.all(queries.map(async (q) => await searchCorpus(db, q)));
    const unwarmed = await read();
    await warmSearch(db);
    const entityReads = [vi.spyOn(db.entities, 'where'), vi.spyOn(db.entities, 'bulkGet')];
    expect(await read()).toEqual(unwarmed);
    for (const spy of entityReads) expect(spy).not.toHaveBeenCalled();
    expect(unwarmed.some((r) => r.entities.length > 0 && r.quotes.some((q) => q.speakerName))).toBe(true);

    await addUserArticles(db, SAVED_SOURCE_ID, [clinton]);
    expect((await searchCorpus(db, 'Clinton')).entities.map((r) => r.entity.name)).toContain('Hillary Clinton');
    // Held again after the change: read from memory once that read is done.
    await warmSearch(db);
    entityReads.forEach((spy) => spy.mockClear());
    expect((await searchCorpus(db, 'Hillary Clinton')).entities.map((r) => r.entity.name)).toContain('Hillary Clinton');
    for (const spy of entityReads) expect(spy).not.toHaveBeenCalled();
  });
});

describe('what a context keeps between keystrokes', () => {
  it('asks for a name word and its records once, and anew once the entities change', async () => {
    const db = testDb();
    await loadBundled(db);
    expect((await searchCorpus(db, 'Clinton')).entities).toEqual([]);
    // A typo's close spellings, looked for before the corpus held the word.
    expect((await searchCorpus(db, 'Clintn')).articles.map((r) => r.article.title)).not.toContain(clinton.title);
    const entityReads = [vi.spyOn(db.entities, 'where'), vi.spyOn(db.entities, 'bulkGet')];
    await searchCorpus(db, 'Tusk');
    const afterFirst = entityReads.map((spy) => spy.mock.calls.length);
    expect(afterFirst.every((n) => n > 0)).toBe(true);
    expect((await searchCorpus(db, 'Tusk')).entities[0].entity.name).toBe('Donald Tusk');
    expect(entityReads.map((spy) => spy.mock.calls.length)).toEqual(afterFirst);

    // The articles and quotes shown are read once too, while those tables are unchanged.
    const recordReads = [vi.spyOn(db.articles, 'bulkGet'), vi.spyOn(db.quotes, 'bulkGet')];
    const first = await searchCorpus(db, 'Ukraine');
    expect(first.articles.length).toBeGreaterThan(0);
    expect(first.quotes.length).toBeGreaterThan(0);
    const recordsRead = recordReads.map((spy) => spy.mock.calls.length);
    expect(await searchCorpus(db, 'Ukraine')).toEqual(first);
    expect(recordReads.map((spy) => spy.mock.calls.length)).toEqual(recordsRead);

    // "clinton" was looked up before the article naming her was added: the answer kept must not hide her.
    await addUserArticles(db, SAVED_SOURCE_ID, [clinton]);
    expect((await searchCorpus(db, 'Clinton')).entities.map((r) => r.entity.name)).toContain('Hillary Clinton');
    expect((await searchCorpus(db, 'Clinton Brussels')).articles.map((r) => r.article.title)).toEqual([clinton.title]);
    expect((await searchCorpus(db, 'Clintn')).articles.map((r) => r.article.title)).toContain(clinton.title);
  });
});

describe('kept reads', () => {
  const counting = () => {
    const asked: string[][] = [];
    const reads = new KeptReads((keys: string[]) => (asked.push(keys), Promise.resolve(keys.map((key) => `value of ${key}`))), 4);
    return { asked, reads };
  };

  it('reads each key once, only the keys not read before', async () => {
    const { asked, reads } = counting();
    expect(await reads.get(['a', 'b', 'a'])).toEqual(['value of a', 'value of b', 'value of a']);
    expect(await reads.get(['b', 'c'])).toEqual(['value of b', 'value of c']);
    expect(asked).toEqual([['a', 'b'], ['c']]);
  });

  it('stays within its bound, and answers every key asked for when it clears what it kept', async () => {
    const { asked, reads } = counting();
    await reads.get(['a', 'b', 'c']);
    // Two new keys would make five: what was kept is dropped, and the kept key asked for again is read again, not lost.
    expect(await reads.get(['a', 'd', 'e'])).toEqual(['value of a', 'value of d', 'value of e']);
    expect(asked[1]).toEqual(['a', 'd', 'e']);
    expect(reads.size).toBe(3);
    // More keys than it may keep: all answered, none kept.
    expect(await reads.get(['v', 'w', 'x', 'y', 'z', 'v'])).toEqual(['value of v', 'value of w', 'value of x', 'value of y', 'value of z', 'value of v']);
    expect(reads.size).toBeLessThanOrEqual(4);
  });
});

describe('the best texts of a search', () => {
  it('keeps the same texts in the same order as sorting them all would', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (const limit of [1, 3, 8, 50]) {
      // Few distinct scores and counts: many ties, broken by id.
      const texts = Array.from({ length: 300 }, (_, i): [string, { score: number; occurrences: number; article: string }] => [
        `doc-${Math.floor(random() * 1000)}-${i}`,
        { score: Math.floor(random() * 3) * 0.8, occurrences: Math.floor(random() * 4), article: 'a' },
      ]);
      const best = new BestTexts(limit);
      for (const text of texts) best.offer(text);
      const sorted = [...texts].sort(([a, x], [b, y]) => y.score - x.score || y.occurrences - x.occurrences || (a < b ? -1 : 1));
      expect(best.ranked.map(([doc]) => doc), `limit ${limit}`).toEqual(sorted.slice(0, limit).map(([doc]) => doc));
    }
  });
});

describe('quotes by the people a query names', () => {
  it('keeps a speaker’s first quotes between searches, and reads them anew once the quotes change', async () => {
    const db = testDb();
    await loadBundled(db);
    const quote = (await db.quotes.toArray()).find((q) => q.speakerId !== null)!;
    const speaker = quote.speakerId!;
    const first = await quotesBySpeakers(db, [speaker], 16);
    expect(first.map((q) => q.id)).toContain(quote.id);
    const reads = vi.spyOn(db.quotes, 'where');
    expect(await quotesBySpeakers(db, [speaker], 16)).toEqual(first);
    expect(reads).not.toHaveBeenCalled();
    // A new quote by the same speaker, first in the speaker index's order: the kept quotes must not hide it.
    const added = { ...quote, id: `!${quote.id}` };
    await db.quotes.add(added);
    const after = await quotesBySpeakers(db, [speaker], 16);
    expect(after[0].id).toBe(added.id);
    expect(after.map((q) => q.id)).toEqual((await db.quotes.where('speakerId').equals(speaker).limit(16).toArray()).map((q) => q.id));
  });


  it('reads the first quotes of several speakers in the order the speaker index gives them', async () => {
    const db = testDb();
    await loadBundled(db);
    const speakers = [...new Set((await db.quotes.toArray()).map((q) => q.speakerId).filter((id): id is string => id !== null))];
    expect(speakers.length).toBeGreaterThan(3);
    const ids = (quotes: Array<{ id: string }>) => quotes.map((q) => q.id);
    for (const limit of [1, 5, 16, 1000]) {
      const someSpeakers = [...speakers].reverse().slice(0, 4);
      expect(ids(await quotesBySpeakers(db, someSpeakers, limit)), `limit ${limit}`).toEqual(ids(await db.quotes.where('speakerId').anyOf(someSpeakers).limit(limit).toArray()));
    }
    expect(await quotesBySpeakers(db, [], 16)).toEqual([]);
  });
});

describe('merging segments of the search index', () => {
  it('lays packed pair lists end to end as packRefs packs them together', () => {
    const a = [0, 2, 5, 1, 300, 7];
    const b = [1, 1, 200, 3];
    const c = [0, 4];
    const together = [...a, ...b.map((v, i) => (i % 2 === 0 ? v + 1000 : v)), ...c.map((v, i) => (i % 2 === 0 ? v + 100_000 : v))];
    expect(concatRefs([[packRefs(a), 0], [packRefs(b), 1000], [packRefs([]), 5000], [packRefs(c), 100_000]])).toEqual(packRefs(together));
  });

  it('merges segments into one: the same postings and search results, one bucket a prefix', async () => {
    const db = testDb();
    await loadBundled(db);
    await addUserArticles(db, SAVED_SOURCE_ID, [clinton]);
    const segs = await indexInSegments(db, 4);
    const postings = await allPostings(db);
    const results = await searchAll(db);
    expect(await bucketsOf(db, 'uk')).toBe(4);

    const merged = await mergeSegments(db, segs);
    expect(merged).toBeDefined();
    expect(await allPostings(db)).toEqual(postings);
    expect(await searchAll(db)).toEqual(results);
    expect(await bucketsOf(db, 'uk')).toBe(1);
    // The parts are left as pointers to the merged segment, with no texts of their own.
    expect((await db.searchSegments.bulkGet(segs)).map((row) => [row?.into, row?.docs.length])).toEqual(segs.map(() => [merged, 0]));

    // A saved page after the merge joins the merged segment like any other while it has room (this one holds 30 texts).
    await addUserArticles(db, SAVED_SOURCE_ID, [{ ...clinton, origin: 'again.txt', title: 'Clinton again', paragraphs: ['Clinton spoke in Warsaw about Ukraine.'] }]);
    expect(await bucketsOf(db, 'cl')).toBe(1);
    expect((await searchCorpus(db, 'Clinton Warsaw')).articles.map((a) => a.article.title)).toEqual(['Clinton again']);
  });

  it('moves a merge\'s buckets in steps bounded by the bytes read, each resuming where the last stopped', async () => {
    const db = testDb();
    await loadBundled(db);
    const segs = await indexInSegments(db, 4);
    const postings = await allPostings(db);
    const results = await searchAll(db);
    const merging = (await beginMerge(db, segs))!;
    const prefixes = (await db.searchVocabulary.toCollection().primaryKeys()) as string[];
    const stored = async () => (await db.searchPostings.toCollection().primaryKeys()) as Array<[string, number]>;

    // A step of one byte reads one group of prefixes and stops: the parts keep the buckets of every later prefix.
    const next = await moveBuckets(db, merging.seg, merging.parts, prefixes, 0, Infinity, 1);
    expect(next).toBeGreaterThan(0);
    expect(next).toBeLessThan(prefixes.length);
    // A vocabulary prefix's buckets: its own key and, for two letters, the three-letter keys it was split into.
    const movedUnder = (prefix: string) => ([key]: [string, number]) => key === prefix || (prefix.length === 2 && key.startsWith(prefix));
    for (const [i, prefix] of prefixes.entries()) {
      const keys = (await stored()).filter(movedUnder(prefix));
      expect(keys.length, prefix).toBeGreaterThan(0);
      expect(keys.every(([, seg]) => seg === merging.seg), prefix).toBe(i < next);
    }
    // Searches during the merge find every posting once, in the parts or in the merged segment.
    expect(await searchAll(db)).toEqual(results);

    let steps = 1;
    for (let from = next; from < prefixes.length; steps++) from = await moveBuckets(db, merging.seg, merging.parts, prefixes, from, Infinity, 1);
    expect(steps).toBeGreaterThan(2);
    expect((await stored()).every(([, seg]) => seg === merging.seg)).toBe(true);
    expect(await allPostings(db)).toEqual(postings);
  });

  it('merges a bulk load\'s segments into as few as hold at most the texts it is given, in writing order', async () => {
    const db = testDb();
    const docs = (n: number, seg: number) => Array.from({ length: n }, (_, i): [string, string] => [`${seg}:${i}`, `${seg}:${i}`]);
    // Five batches of a load (over SEGMENT_MAX_TEXTS each) and, between them, a segment of saved pages, which writes still join.
    const sizes = [600, 700, 800, 100, 900, 600];
    await db.searchSegments.bulkPut(sizes.map((n, i) => ({ seg: i + 1, docs: docs(n, i + 1) })));

    await compactSearchIndex(db, 1500);
    const rows = await db.searchSegments.toArray();
    const plain = rows.filter((row) => row.into === undefined).map((row) => row.docs.map((doc) => doc![0].split(':')[0]));
    const segmentsIn = (list: string[]) => [...new Set(list)].map(Number);
    expect(plain.map(segmentsIn)).toEqual([[3], [4], [1, 2], [5, 6]]);
    expect(rows.filter((row) => row.into !== undefined).map((row) => row.seg)).toEqual([1, 2, 5, 6]);
  });

  it('deletes an article merged into another segment, through the segment it was written to', async () => {
    const { db, articleIds, bundledOnly } = await clintonSavedAndBundledOnly();
    await mergeSegments(db, await indexInSegments(db, 3));

    await deleteArticles(db, articleIds);
    expect(await indexed(db, 'clinton')).toEqual([]);
    expect(await vocabularyStartingWith(db, 'c')).not.toContain('clinton');
    expect((await allPostings(db)).postings).toEqual((await allPostings(bundledOnly)).postings);
  });

  it('honours a delete in the middle of a merge, and a stopped merge is finished by the next compaction', async () => {
    const { db, articleIds, bundledOnly } = await clintonSavedAndBundledOnly();
    const segs = await indexInSegments(db, 3);

    const merging = (await beginMerge(db, segs))!;
    // Half the prefixes moved, then the worker stops; a delete comes in between.
    const prefixes = await db.searchVocabulary.toCollection().primaryKeys();
    await moveBuckets(db, merging.seg, merging.parts!, prefixes.filter((_, i) => i % 2 === 0));
    expect(await mergeSegments(db, segs)).toBeUndefined();
    await deleteArticles(db, articleIds);
    expect(await indexed(db, 'clinton')).toEqual([]);
    expect((await searchCorpus(db, 'Brussels summit')).articles).toEqual([]);

    await compactSearchIndex(db);
    expect((await db.searchSegments.get(merging.seg))!.parts).toBeUndefined();
    expect(await bucketsOf(db, 'uk')).toBe(1);
    expect(await indexed(db, 'clinton')).toEqual([]);
    expect((await allPostings(db)).postings).toEqual((await allPostings(bundledOnly)).postings);
    expect(await searchAll(db)).toEqual(await searchAll(bundledOnly));
  });
});

describe('splitting large buckets by three letters', () => {
  /** Keys of the buckets stored, by prefix length. */
  const keyLengths = async (db: BackstoryDb) => {
    const keys = await db.searchPostings.toCollection().primaryKeys();
    return { two: keys.filter(([p]) => p.length <= 2).length, three: keys.filter(([p]) => p.length === 3).length };
  };

  /** The words of the buckets stored under one prefix, in every segment. */
  const wordsUnder = async (db: BackstoryDb, prefix: string) =>
    (await db.searchPostings.where(':id').between([prefix, -Infinity], [prefix, Infinity]).toArray()).flatMap((b) => b.words.split('\n'));

  it('splits buckets over the size, in writes and merges: the same postings and results, a word read from its three-letter bucket', async () => {
    const { db, articleIds, bundledOnly } = await clintonSavedAndBundledOnly();
    const postings = await allPostings(db);
    const results = await searchAll(db);
    // A bucket over 100 bytes is split: at the bundled corpus, the common prefixes’.
    const segs = await indexInSegments(db, 3, 100);
    const written = await keyLengths(db);
    expect(written.three).toBeGreaterThan(0);
    expect(await allPostings(db)).toEqual(postings);
    expect(await searchAll(db)).toEqual(results);

    await mergeSegments(db, segs, 100);
    const merged = await keyLengths(db);
    // The merged segment's buckets are larger: more of them split.
    expect(merged.three).toBeGreaterThan(merged.two);
    expect(await allPostings(db)).toEqual(postings);
    expect(await searchAll(db)).toEqual(results);
    // "con…" words are under "con" alone: a search for one reads no other "co…" word.
    const con = (words: string[]) => words.filter((word) => word.startsWith('con'));
    expect(con(await wordsUnder(db, 'con')).length).toBeGreaterThan(0);
    expect(con(await wordsUnder(db, 'con'))).toEqual(await wordsUnder(db, 'con'));
    expect(con(await wordsUnder(db, 'co'))).toEqual([]);

    // A saved page joins the merged segment: its words go into the buckets already split, or a two-letter one.
    const { articleIds: again } = await addUserArticles(db, SAVED_SOURCE_ID, [
      { ...clinton, origin: 'again.txt', title: 'Clinton again in Ukraine', paragraphs: ['Clinton spoke in Warsaw about the conflict and its consequences.'] },
    ]);
    expect((await searchCorpus(db, 'Clinton Warsaw consequences')).articles.map((a) => a.article.title)).toEqual(['Clinton again in Ukraine']);
    expect(con(await wordsUnder(db, 'con'))).toContain('consequences');
    expect(con(await wordsUnder(db, 'co'))).toEqual([]);

    // Deleting both saved articles leaves what the bundled corpus alone gives, whatever buckets hold it.
    await deleteArticles(db, [...articleIds, ...again]);
    expect((await allPostings(db)).postings).toEqual((await allPostings(bundledOnly)).postings);
    expect(await vocabularyStartingWith(db, 'c')).not.toContain('clinton');
    expect(await searchAll(db)).toEqual(await searchAll(bundledOnly));
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
