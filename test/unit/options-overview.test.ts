import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleRecord, SourceRecord } from '../../lib/store/db';
import { articlesOfSource, corpusOverview } from '../../lib/ui/options/corpus-overview';
import { deleteTestDbs, testDb } from './helpers';

afterEach(deleteTestDbs);

const source = (id: string, kind: SourceRecord['kind'], createdAt: number): SourceRecord => ({
  id,
  source: kind === 'bundled' ? 'bundled' : 'user',
  kind,
  label: kind === 'saved' ? 'Saved pages' : id,
  hash: '',
  createdAt,
});

const article = (id: string, sourceId: string, over: Partial<ArticleRecord> = {}): ArticleRecord => ({
  id,
  source: sourceId.startsWith('bundled') ? 'bundled' : 'user',
  sourceId,
  file: `${id}.txt`,
  index: 0,
  title: `Title ${id}`,
  date: '2024-01-02',
  credits: null,
  captions: [],
  paragraphs: ['Text.'],
  complete: true,
  url: null,
  siteName: null,
  byline: null,
  addedAt: null,
  hash: id,
  textHash: id,
  words: 1,
  ...over,
});

describe('the corpus as the options page lists it', () => {
  it('counts the bundled corpus apart, then saved pages, then imports newest first', async () => {
    const db = testDb();
    await db.sources.bulkPut([
      source('bundled:a.txt', 'bundled', 1),
      source('bundled:b.txt', 'bundled', 1),
      source('import:1', 'import', 100),
      source('saved', 'saved', 50),
      source('import:2', 'import', 200),
    ]);
    await db.articles.bulkPut([
      article('b1', 'bundled:a.txt'),
      article('b2', 'bundled:b.txt'),
      article('b3', 'bundled:b.txt'),
      article('i1', 'import:1'),
      article('i2', 'import:2'),
      article('i3', 'import:2'),
      article('s1', 'saved'),
    ]);
    const overview = await corpusOverview(db);
    expect(overview.bundled).toEqual({ files: 2, articles: 3 });
    expect(overview.user.map((s) => [s.id, s.articles])).toEqual([
      ['saved', 1],
      ['import:2', 2],
      ['import:1', 1],
    ]);
    expect(overview.userArticles).toBe(4);
  });

  it('lists a source’s articles a page at a time and says when there are more', async () => {
    const db = testDb();
    await db.articles.bulkPut([1, 2, 3].map((n) => article(`i${n}`, 'import:1', { url: n === 1 ? 'https://example.com/1' : null, addedAt: 5 })));
    await db.articles.put(article('other', 'import:2'));
    const first = await articlesOfSource(db, 'import:1', 2);
    expect(first.more).toBe(true);
    expect(first.lines).toHaveLength(2);
    expect(first.lines[0]).toEqual({ id: 'i1', heading: 'Title i1', url: 'https://example.com/1', date: '2024-01-02', addedAt: 5, file: 'i1.txt' });
    const all = await articlesOfSource(db, 'import:1', 50);
    expect(all).toMatchObject({ more: false });
    expect(all.lines.map((l) => l.id)).toEqual(['i1', 'i2', 'i3']);
  });
});
