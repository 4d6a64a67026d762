import { afterEach, describe, expect, it } from 'vitest';
import {
  SAVED_SOURCE_ID,
  addUserArticles,
  createImportSource,
  deleteArticles,
  deleteSource,
  exportUserCorpus,
  importExportFile,
  parseExportFile,
  type NewArticle,
} from '../../lib/store/user-corpus';
import { corpusState as state, deleteTestDbs, loadBundled, testDb } from './helpers';

afterEach(deleteTestDbs);

const page = (paragraphs: string[], fields: Partial<NewArticle> = {}): NewArticle => ({
  origin: fields.url ?? 'notes.txt', title: 'A saved page', date: '2024-12-01', credits: null, captions: [], paragraphs, complete: true, ...fields,
});
const KYIV = page(
  [
    'Ukrainian President Volodymyr Zelenskiy met Polish Prime Minister Donald Tusk in Kyiv on Monday.',
    '“We will not be divided,” Tusk said after the talks.',
    'Marta Quillon, a spokeswoman for the Nordic Freight Alliance, said shipments would resume.',
  ],
  { url: 'https://news.example/kyiv-talks', siteName: 'Example News', byline: 'A. Reporter' },
);

async function entityByName(db: ReturnType<typeof testDb>, name: string) {
  return db.entities.where('keys').equals(name.toLowerCase()).first();
}

describe('adding a user article', () => {
  it('joins names the corpus knows and counts the article on them; new names become entities known only from the user', async () => {
    const db = testDb();
    await loadBundled(db);
    const tuskBefore = (await entityByName(db, 'Donald Tusk'))!;
    const zelenskyBefore = (await entityByName(db, 'Zelensky'))!;

    const report = await addUserArticles(db, SAVED_SOURCE_ID, [KYIV]);
    expect(report.added).toBe(1);
    expect(report.found.person).toBeGreaterThanOrEqual(3);
    expect(report.found.quotes).toBe(1);

    const tusk = (await entityByName(db, 'Donald Tusk'))!;
    expect(tusk.id).toBe(tuskBefore.id);
    expect(tusk.articleCount).toBe(tuskBefore.articleCount + 1);
    expect(tusk.bundledCount).toBe(tuskBefore.bundledCount);
    expect(tusk.quoteCount).toBe(tuskBefore.quoteCount + 1);
    // "Zelenskiy" in the saved page is the bundled corpus's Zelensky.
    expect((await entityByName(db, 'Volodymyr Zelenskiy'))!.id).toBe(zelenskyBefore.id);

    const quill = (await entityByName(db, 'Marta Quillon'))!;
    expect(quill).toMatchObject({ type: 'person', articleCount: 1, bundledCount: 0 });
    expect((await db.names.get('marta quillon'))!.entries).toEqual([expect.objectContaining({ id: quill.id, bundled: false })]);
    const [article] = await db.articles.bulkGet(report.articleIds);
    expect(article).toMatchObject({ source: 'user', sourceId: SAVED_SOURCE_ID, url: KYIV.url, siteName: 'Example News', byline: 'A. Reporter' });
    expect(await db.sources.get(SAVED_SOURCE_ID)).toMatchObject({ kind: 'saved' });
  });

  it('keeps two people of one surname apart, and joins a lone surname to the one person it can be', async () => {
    const db = testDb();
    await addUserArticles(db, SAVED_SOURCE_ID, [page(['Ada Morrow spoke in Boise on Monday.'], { url: 'https://news.example/ada' })]);
    await addUserArticles(db, SAVED_SOURCE_ID, [page(['Ben Morrow opened a bakery in Boise.'], { url: 'https://news.example/ben' })]);
    const ada = (await entityByName(db, 'Ada Morrow'))!;
    const ben = (await entityByName(db, 'Ben Morrow'))!;
    expect(ben.id).not.toBe(ada.id);
    expect([ada.articleCount, ben.articleCount]).toEqual([1, 1]);

    // Someone the corpus knows by surname alone becomes the person an article names in full.
    await addUserArticles(db, SAVED_SOURCE_ID, [page(['Halvorsen spoke for the union in Bergen.'], { url: 'https://news.example/halvorsen' })]);
    await addUserArticles(db, SAVED_SOURCE_ID, [page(['Eirik Halvorsen met the mayor of Bergen.'], { url: 'https://news.example/eirik' })]);
    expect(await db.entities.where('keys').equals('halvorsen').count()).toBe(1);
    expect(await entityByName(db, 'Eirik Halvorsen')).toMatchObject({ articleCount: 2 });
  });

  it('updates the article when the same address is saved again, and knows the same text from another address', async () => {
    const db = testDb();
    const first = await addUserArticles(db, SAVED_SOURCE_ID, [KYIV]);
    const edited = { ...KYIV, paragraphs: [...KYIV.paragraphs, 'Tusk later flew to Brussels.'] };
    const again = await addUserArticles(db, SAVED_SOURCE_ID, [edited]);
    expect(again).toMatchObject({ added: 0, updated: 1, articleIds: first.articleIds });
    expect(await db.articles.count()).toBe(1);
    expect((await db.articles.get(first.articleIds[0]))!.paragraphs).toHaveLength(4);
    expect((await entityByName(db, 'Donald Tusk'))!.articleCount).toBe(1);

    const elsewhere = await addUserArticles(db, SAVED_SOURCE_ID, [{ ...edited, url: 'https://mirror.example/kyiv' }]);
    expect(elsewhere.articleIds).toEqual(first.articleIds);
    expect(await db.articles.count()).toBe(1);
    const unchanged = await addUserArticles(db, SAVED_SOURCE_ID, [{ ...edited, url: 'https://mirror.example/kyiv' }]);
    expect(unchanged).toMatchObject({ added: 0, updated: 0, unchanged: 1, found: again.found });
  });
});

describe('deleting', () => {
  it('takes the article’s share off shared entities, deletes orphans and their page-lookup rows', async () => {
    const db = testDb();
    await loadBundled(db);
    const before = await state(db);
    const { articleIds } = await addUserArticles(db, SAVED_SOURCE_ID, [KYIV]);
    await deleteArticles(db, articleIds);
    expect(await state(db)).toEqual(before);
    expect(await entityByName(db, 'Marta Quillon')).toBeUndefined();
    expect(await db.names.get('marta quillon')).toBeUndefined();
    expect(await entityByName(db, 'Donald Tusk')).toBeDefined();
  });

  it('deletes a whole import and nothing else', async () => {
    const db = testDb();
    await loadBundled(db);
    await addUserArticles(db, SAVED_SOURCE_ID, [KYIV]);
    const before = await state(db);
    const importId = await createImportSource(db, 'Import of test files');
    await addUserArticles(db, importId, [page(['Senator Ada Morrow told reporters in Boise that the bill was dead.'], { origin: 'a.txt' })]);
    await addUserArticles(db, importId, [page(['Ada Morrow voted against it.'], { origin: 'b.txt' })]);
    expect((await entityByName(db, 'Ada Morrow'))!.articleCount).toBe(2);
    await deleteSource(db, importId);
    expect(await state(db)).toEqual(before);
    expect(await db.sources.get(importId)).toBeUndefined();
    await expect(deleteSource(db, (await db.sources.where('kind').equals('bundled').first())!.id)).rejects.toThrow(/bundled/);
  });
});

describe('export and import', () => {
  it('imports back exactly into a fresh profile', async () => {
    const original = testDb();
    await loadBundled(original);
    await addUserArticles(original, SAVED_SOURCE_ID, [KYIV]);
    const importId = await createImportSource(original, 'Import');
    await addUserArticles(original, importId, [page(['Ada Morrow said: “The bill is dead.”', 'Morrow spoke in Boise.'], { origin: 'a.txt' })]);
    const exported = JSON.parse(JSON.stringify(await exportUserCorpus(original)));
    expect(exported.articles).toHaveLength(2);

    const fresh = testDb();
    await loadBundled(fresh);
    const parsed = parseExportFile(exported);
    if (!parsed.ok) throw new Error(parsed.error);
    await importExportFile(fresh, await createImportSource(fresh, 'Restored'), parsed.file);
    expect(await state(fresh, { ignoreSource: true })).toEqual(await state(original, { ignoreSource: true }));
  });

  it('refuses what is not an export, saying why', () => {
    expect(parseExportFile([])).toMatchObject({ ok: false, error: expect.stringMatching(/not a Backstory export/) });
    expect(parseExportFile({ format: 'backstory-export', version: 9, articles: [], entities: [] })).toMatchObject({ ok: false, error: expect.stringMatching(/version 9/) });
    const bad = { format: 'backstory-export', version: 1, entities: [], articles: [{ id: 'user:x', paragraphs: ['Hi'], captions: [], title: null, date: null, credits: null, url: null, siteName: null, byline: null, mentions: [{ entityId: 'person:x', start: 0, end: 2 }], quotes: [] }] };
    expect(parseExportFile(bad)).toMatchObject({ ok: false, error: 'article 1 has a malformed mention' });
  });
});
