/**
 * Counts a bulk job owes (lib/store/pending-counts.ts): paid when the job
 * ends, by the next write when it stopped, and never while it runs. Each test
 * checks the stored counts against what the stored articles and quotes give.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runImport } from '../../lib/import/run';
import { loadBundledCorpus, makeBundledIndex } from '../../lib/store/bundled';
import type { BackstoryDb } from '../../lib/store/db';
import { analyzeArticles, commitBatch, toArticleRecord } from '../../lib/store/ingest';
import { payAbandonedCounts, payPendingCounts } from '../../lib/store/merge';
import { SAVED_SOURCE_ID, addUserArticles, deleteArticles, type NewArticle } from '../../lib/store/user-corpus';
import { allMarkers, PendingCounts } from '../../lib/store/pending-counts';
import { articleText } from '../../lib/corpus/article';
import { parseCorpusFile } from '../../lib/corpus/parse';
import { allAppearances, bundledCorpusFiles, deleteTestDbs, loadBundled, testDb } from './helpers';

afterEach(async () => {
  vi.unstubAllGlobals();
  await deleteTestDbs();
});

/** Each stored entity's counts, and what its stored appearances and quotes say they must be. */
async function storedAndDerivedCounts(db: BackstoryDb) {
  const [entities, appearances, quotes, articles] = await Promise.all([db.entities.toArray(), allAppearances(db), db.quotes.toArray(), db.articles.toArray()]);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const derived = new Map<string, { articleCount: number; bundledCount: number; quoteCount: number; formCounts: Record<string, number> }>();
  const of = (id: string) => derived.get(id) ?? (derived.set(id, { articleCount: 0, bundledCount: 0, quoteCount: 0, formCounts: {} }), derived.get(id)!);
  for (const { articleId, entityId, spans } of appearances) {
    const article = byId.get(articleId)!;
    const counts = of(entityId);
    counts.articleCount++;
    if (article.source === 'bundled') counts.bundledCount++;
    const text = articleText(article);
    const forms = new Set<string>();
    for (let i = 0; i < spans.length; i += 2) forms.add(text.slice(spans[i], spans[i + 1]));
    for (const form of forms) counts.formCounts[form] = (counts.formCounts[form] ?? 0) + 1;
  }
  for (const q of quotes) if (q.speakerId) of(q.speakerId).quoteCount++;
  const stored = Object.fromEntries(entities.map((e) => [e.id, { articleCount: e.articleCount, bundledCount: e.bundledCount, quoteCount: e.quoteCount, formCounts: e.formCounts }]));
  return { stored, derived: Object.fromEntries([...derived].filter(([id]) => id in stored || derived.get(id)!.articleCount > 0)) };
}

/**
 * Page-lookup entries that do not follow their entity: whether it is known from
 * the bundled corpus, and in a row of several, its count (which orders them).
 */
async function nameEntriesOffTheirEntities(db: BackstoryDb) {
  const entities = new Map((await db.entities.toArray()).map((e) => [e.id, e]));
  return (await db.names.toArray()).flatMap((row) =>
    row.entries.filter((entry) => {
      const entity = entities.get(entry.id);
      return !entity || entry.bundled !== entity.bundledCount > 0 || (row.entries.length > 1 && entry.articleCount !== entity.articleCount);
    }),
  );
}

const markerRows = (db: BackstoryDb) => allMarkers(db).count();

describe('counts owed by a bulk job', () => {
  it('are paid when a load of many batches ends: every count is what the stored articles and quotes give', async () => {
    const db = testDb();
    await loadBundled(db, bundledCorpusFiles(), 1);
    const { stored, derived } = await storedAndDerivedCounts(db);
    expect(Object.keys(stored).length).toBeGreaterThan(20);
    expect(stored).toEqual(derived);
    expect(await nameEntriesOffTheirEntities(db)).toEqual([]);
    expect(await markerRows(db)).toBe(0);
  });

  it('take an article replaced by a later batch of the same import off its entities, and drop the entities only it named', async () => {
    const db = testDb();
    const prose = (who: string) =>
      [
        `${who} told the council on Tuesday that the library on Mill Street would stay open through the winter, after a vote that split the members.`,
        'Members said the cost would be met from reserves for now, and that a longer plan would come before them in the spring, once the survey is done.',
        'The library has served the town since 1921 and lends more books a year now than it did a decade ago, its staff told the meeting.',
      ]
        .map((p) => `<p>${p}</p>`)
        .join('');
    const page = (who: string) =>
      `<!doctype html><html><head><title>Library stays open</title><link rel="canonical" href="https://news.example/library"></head><body><article>${prose(who)}</article></body></html>`;
    const files = [new File([page('Ines Okonkwo-Marsh')], 'first.html'), new File([page('Tobias Ferreira-Lund')], 'again.html')];
    const result = await runImport(db, files, { label: 'x', onProgress: () => undefined, batchWords: 1 });
    expect({ added: result.articlesAdded, updated: result.articlesUpdated }).toEqual({ added: 1, updated: 1 });
    expect(await db.entities.where('keys').equals('ines okonkwo-marsh').count()).toBe(0);
    expect(await db.entities.where('keys').equals('tobias ferreira-lund').count()).toBe(1);
    const { stored, derived } = await storedAndDerivedCounts(db);
    expect(stored).toEqual(derived);
    expect(await nameEntriesOffTheirEntities(db)).toEqual([]);
  });

  it('of a stopped load are paid by the next write, as loading the same batches would have stored them', async () => {
    const db = testDb();
    // A copy of the first file, loaded second: its batch names the entities the first created, and owes them counts.
    const [first, ...rest] = bundledCorpusFiles();
    const files = [first, { name: '001_copy.txt', bytes: first.bytes }, ...rest];
    const index = await makeBundledIndex(files);
    expect(index.files.map((f) => f.name).slice(0, 2)).toEqual([first.name, '001_copy.txt']);
    const byName = new Map(files.map((f) => [f.name, f.bytes]));
    const stopAt = index.files[2].name;
    const stopping = async (name: string) => {
      if (name === stopAt) throw new Error('worker stopped');
      return byName.get(name)!;
    };
    await expect(loadBundledCorpus(db, index, stopping, undefined, 1)).rejects.toThrow('stopped');
    // Two batches are stored, the second's counts still owed.
    expect(await markerRows(db)).toBe(1);
    const owed = await storedAndDerivedCounts(db);
    expect(owed.stored).not.toEqual(owed.derived);

    await payAbandonedCounts(db);
    expect(await markerRows(db)).toBe(0);
    const paid = await storedAndDerivedCounts(db);
    expect(paid.stored).toEqual(paid.derived);
    const straight = testDb();
    await loadBundled(straight, files.slice(0, 2), 1);
    expect((await storedAndDerivedCounts(straight)).stored).toEqual(paid.stored);
  });

  it('are left alone while their job runs, in this context or, holding its lock, in another', async () => {
    const held = new Set<string>();
    vi.stubGlobal('navigator', {
      locks: {
        request: (name: string, hold: () => Promise<void>) => (held.add(name), hold().finally(() => held.delete(name))),
        query: async () => ({ held: [...held].map((name) => ({ name })) }),
      },
    });
    const db = testDb();
    const [file] = bundledCorpusFiles();
    const parsed = parseCorpusFile(file.name, new TextDecoder().decode(file.bytes));
    const batch = (prefix: string) => Promise.all(parsed.map((a) => toArticleRecord(`${prefix}:${a.index}`, 'bundled', 'bundled:x', a)));
    const job = await PendingCounts.start();
    expect(held.size).toBe(1);
    // The second batch names the entities the first created: it owes them counts.
    for (const articles of [await batch('a'), await batch('b')]) await commitBatch(db, articles, await analyzeArticles(articles), { pending: job });
    const unpaid = await storedAndDerivedCounts(db);
    expect(unpaid.stored).not.toEqual(unpaid.derived);

    // Running here.
    await payAbandonedCounts(db);
    expect(await storedAndDerivedCounts(db)).toEqual(unpaid);
    // Ended here, but its lock still held: a job of another context, still running.
    const [lock] = held;
    job.end();
    await vi.waitFor(() => expect(held.size).toBe(0));
    held.add(lock);
    await payAbandonedCounts(db);
    expect(await storedAndDerivedCounts(db)).toEqual(unpaid);
    // Its context gone, the lock with it.
    held.delete(lock);
    await payAbandonedCounts(db);
    const paid = await storedAndDerivedCounts(db);
    expect(paid.stored).toEqual(paid.derived);
    expect(await markerRows(db)).toBe(0);
  });

  it('keep an entity that a running job’s batches name when the last other article naming it is deleted', async () => {
    const db = testDb();
    const saved = (origin: string, paragraph: string): NewArticle => ({ origin, title: origin, date: '2024-12-01', credits: null, captions: [], paragraphs: [paragraph], complete: true });
    const { articleIds } = await addUserArticles(db, SAVED_SOURCE_ID, [saved('first.txt', 'Ines Okonkwo-Marsh told the council that the library would stay open.')]);
    const job = await PendingCounts.start();
    const { origin: file, ...second } = saved('second.txt', 'Ines Okonkwo-Marsh said the vote had been close, and thanked the staff.');
    const records = [await toArticleRecord('user:second', 'user', SAVED_SOURCE_ID, { ...second, file, index: 0 })];
    await commitBatch(db, records, await analyzeArticles(records), { pending: job });
    const ines = await db.entities.where('keys').equals('ines okonkwo-marsh').first();
    expect(ines?.articleCount).toBe(1);

    await deleteArticles(db, articleIds);
    expect(await db.entities.get(ines!.id)).toBeDefined();
    await payPendingCounts(db, job);
    job.end();
    expect(await db.entities.get(ines!.id)).toMatchObject({ articleCount: 1, quoteCount: 0 });
    const { stored, derived } = await storedAndDerivedCounts(db);
    expect(stored).toEqual(derived);
    expect(await nameEntriesOffTheirEntities(db)).toEqual([]);
  });
});
