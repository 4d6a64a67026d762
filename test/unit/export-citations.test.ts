import { afterEach, describe, expect, it } from 'vitest';
import { citationRows, siteOf } from '../../lib/export/citation-rows';
import { quotesToCsv, quotesToMarkdown, type CitationRow } from '../../lib/export/citations';
import { fileSlug } from '../../lib/export/download';
import type { ArticleRecord, EntityRecord, QuoteRecord } from '../../lib/store/db';
import { deleteTestDbs, testDb } from './helpers';

afterEach(deleteTestDbs);

const row = (over: Partial<CitationRow> = {}): CitationRow => ({
  speaker: 'Donald Tusk',
  quote: 'We will not back down',
  articleTitle: 'Poland and the war',
  site: 'Example News',
  date: '2024-11-22',
  url: 'https://example.com/a',
  ...over,
});

/** A minimal CSV reader per RFC 4180, to check that what we write reads back as written. */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field), records.push(record), (record = []), (field = ''), i++;
    } else field += c;
  }
  expect(field).toBe('');
  expect(record).toEqual([]);
  return records;
}

describe('quotes as CSV', () => {
  it('quotes every field, doubles quote marks and keeps commas and line breaks inside their field', () => {
    const hostile = row({ quote: 'He said "no", then\r\nleft, again', articleTitle: 'A, B and "C"', speaker: 'O’Brien, Jr.' });
    const csv = quotesToCsv([hostile, row()]);
    expect(csv.endsWith('\r\n')).toBe(true);
    const records = readCsv(csv);
    expect(records[0]).toEqual(['speaker', 'quote', 'article title', 'site', 'date', 'url']);
    expect(records[1]).toEqual([hostile.speaker, hostile.quote, hostile.articleTitle, hostile.site, hostile.date, hostile.url]);
    expect(records[2][1]).toBe('We will not back down');
    expect(records).toHaveLength(3);
  });

  it('keeps a field that a spreadsheet would run as a formula as text', () => {
    const records = readCsv(
      quotesToCsv([
        row({ quote: '=HYPERLINK("http://evil.invalid","click")' }),
        row({ quote: '+1 for this' }),
        row({ quote: '-2 degrees' }),
        row({ quote: '@SUM(A1)' }),
        row({ quote: 'Plain = fine' }),
      ]),
    );
    expect(records.slice(1).map((r) => r[1])).toEqual([
      `'=HYPERLINK("http://evil.invalid","click")`,
      `'+1 for this`,
      `'-2 degrees`,
      `'@SUM(A1)`,
      'Plain = fine',
    ]);
  });

  it('writes only the header when there are no quotes', () => {
    expect(readCsv(quotesToCsv([]))).toHaveLength(1);
  });
});

describe('quotes as Markdown', () => {
  it('writes one list item per quote with its full citation', () => {
    const md = quotesToMarkdown([row(), row({ site: '', url: '', date: '' })], 'Quotes of Donald Tusk');
    const lines = md.trimEnd().split('\n');
    expect(lines[0]).toBe('# Quotes of Donald Tusk');
    expect(lines[2]).toBe('- “We will not back down” — Donald Tusk, in “Poland and the war”, Example News, 22 November 2024, <https://example.com/a>');
    expect(lines[3]).toBe('- “We will not back down” — Donald Tusk, in “Poland and the war”, undated');
    expect(lines).toHaveLength(4);
  });

  it('keeps markup, line breaks and link syntax in quotes from becoming Markdown', () => {
    const md = quotesToMarkdown(
      [row({ quote: 'Line one\n\n# not a heading\n- not an item <script>alert(1)</script> [x](javascript:alert(1)) *em* `code`', speaker: '' })],
      'All quotes',
    );
    const items = md.split('\n').filter((l) => l.startsWith('- '));
    expect(items).toHaveLength(1);
    expect(md.split('\n').filter((l) => l.startsWith('#'))).toEqual(['# All quotes']);
    // Every markup character of the quote is escaped (the only bare `<` is the address's autolink, after it).
    expect(items[0].split(' — ')[0]).not.toMatch(/(^|[^\\])[<[*`]/);
    expect(items[0]).toContain('\\<script\\>');
    expect(items[0]).toContain('— unknown speaker,');
  });

  it('does not turn an address that is not http(s) into a link', () => {
    const md = quotesToMarkdown([row({ url: 'javascript:alert(1)' }), row({ url: 'https://a.example/x y' })], 'Q');
    expect(md).not.toContain('<javascript:');
    expect(md).not.toContain('<https://a.example/x y>');
  });
});

describe('reading the rows of an export', () => {
  const article = (id: string, over: Partial<ArticleRecord>): ArticleRecord => ({
    id,
    source: 'user',
    sourceId: 'import:1',
    file: 'a.txt',
    index: 0,
    title: null,
    date: null,
    credits: null,
    captions: [],
    paragraphs: ['First sentence here. Second one.'],
    complete: true,
    url: null,
    siteName: null,
    byline: null,
    addedAt: 1,
    hash: id,
    textHash: id,
    words: 5,
    ...over,
  });
  const entity = (id: string, name: string): EntityRecord => ({
    id,
    name,
    type: 'person',
    aliases: [],
    roles: [],
    keys: [name.toLowerCase()],
    joinKeys: [],
    words: [],
    articleCount: 1,
    quoteCount: 1,
    bundledCount: 0,
    formCounts: {},
  });
  const quote = (articleId: string, start: number, text: string, speakerId: string | null, speakerDescription: string | null = null): QuoteRecord => ({
    id: `${articleId}#${start}`,
    articleId,
    text,
    start,
    end: start + text.length,
    speakerId,
    speakerDescription,
    aboutIds: [],
    date: null,
  });

  it('gives each quote its speaker, article title, site, date and address, newest article first', async () => {
    const db = testDb();
    await db.articles.bulkPut([
      article('user:old', { title: 'Old news', date: '2023-01-02', url: 'https://www.example.org/old', siteName: null }),
      article('user:new', { title: null, date: '2024-05-06', url: 'https://news.example/new', siteName: 'The Example' }),
    ]);
    await db.entities.bulkPut([entity('person:tusk', 'Donald Tusk'), entity('person:other', 'Someone Else')]);
    await db.quotes.bulkPut([
      quote('user:old', 50, 'second in old', 'person:tusk'),
      quote('user:old', 10, 'first in old', 'person:tusk'),
      quote('user:new', 5, 'in new', 'person:tusk'),
      quote('user:new', 40, 'by a spokesperson', null, 'a spokesperson'),
      quote('user:gone', 1, 'orphan', 'person:tusk'),
      quote('user:new', 80, 'by someone else', 'person:other'),
    ]);

    const tusk = await citationRows(db, { speakerId: 'person:tusk' });
    expect(tusk.map((r) => r.quote)).toEqual(['in new', 'first in old', 'second in old']);
    expect(tusk[0]).toEqual({
      speaker: 'Donald Tusk',
      quote: 'in new',
      articleTitle: 'First sentence here.',
      site: 'The Example',
      date: '2024-05-06',
      url: 'https://news.example/new',
    });
    expect(tusk[1].site).toBe('example.org');
    expect(tusk[1].articleTitle).toBe('Old news');

    const all = await citationRows(db);
    expect(all.map((r) => r.speaker)).toEqual(['Donald Tusk', 'a spokesperson', 'Someone Else', 'Donald Tusk', 'Donald Tusk']);
  });

  it('names a site only from what the article knows', () => {
    expect(siteOf({ siteName: null, url: null })).toBe('');
    expect(siteOf({ siteName: null, url: 'not a url' })).toBe('');
    expect(siteOf({ siteName: '  BBC ', url: 'https://bbc.co.uk' })).toBe('BBC');
  });
});

describe('file names', () => {
  it('makes a portable name from any entity name', () => {
    expect(fileSlug('Volodymyr Zelenskyy')).toBe('volodymyr-zelenskyy');
    expect(fileSlug('Łukasz Kaściūnas')).toBe('ukasz-kasciunas');
    expect(fileSlug('../../etc')).toBe('etc');
    expect(fileSlug('…')).toBe('quotes');
  });
});
