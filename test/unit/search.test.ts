import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchCorpus, snippet } from '../../lib/search/corpus-search';
import type { BackstoryDb } from '../../lib/store/db';
import { editDistanceWithin } from '../../lib/text/edit-distance';
import { deleteTestDbs, loadBundled, testDb } from './helpers';

let db: BackstoryDb;
const search = { search: (query: string) => searchCorpus(db, query) };

beforeAll(async () => {
  db = testDb();
  await loadBundled(db);
});
afterAll(deleteTestDbs);

const marked = (s: { text: string; marks: Array<[number, number]> }) => s.marks.map(([a, b]) => s.text.slice(a, b));

describe('popup search', () => {
  it('finds the Kursk article by a surname, with the match marked in the snippet', async () => {
    const { articles } = await search.search('Tusk');
    expect(articles[0].article.paragraphs[0]).toMatch(/^Kyiv’s allies are largely withholding judgement/);
    expect(marked(articles[0].snippet)).toContain('Tusk');
    expect(articles[0].article.date).toBeNull();
  });

  it('tolerates typos and other spellings of a name', async () => {
    const { articles, entities } = await search.search('Zelenskyy');
    expect(articles.length).toBeGreaterThan(0);
    expect(marked(articles[0].snippet).some((w) => /^Zelensk/.test(w))).toBe(true);
    expect(entities[0].entity.name).toMatch(/^Volodymyr Zelensky?i?y$/);
    expect((await search.search('Tsuk')).entities.map((r) => r.entity.name)).toContain('Donald Tusk');
  });

  it('finds people, places and organisations by any of their names', async () => {
    const nato = (await search.search('Nato')).entities[0].entity;
    expect(nato.type).toBe('org');
    expect((await search.search('North Atlantic Treaty Organization')).entities[0].entity.id).toBe(nato.id);
    const tusk = (await search.search('Tusk')).entities.find((r) => r.entity.type === 'person')!.entity;
    expect(tusk.quoteCount).toBe(3);
    expect(tusk.articleCount).toBe(1);
  });

  it('finds quotes by their words and by the person who said them', async () => {
    const byWords = (await search.search('defensive war')).quotes;
    expect(byWords[0].quote.text).toMatch(/^We support Ukraine in a war that is a defensive war/);
    expect(byWords[0].speakerName).toBe('Donald Tusk');
    const bySpeaker = (await search.search('Nuland')).quotes;
    expect(bySpeaker.map((r) => r.speakerName)).toContain('Victoria Nuland');
  });

  it('narrows with every word typed and finds words still being typed', async () => {
    const one = (await search.search('Russia')).articles.length;
    const two = (await search.search('Russia Belgorod')).articles.length;
    expect(two).toBeGreaterThan(0);
    expect(two).toBeLessThan(one);
    expect((await search.search('Kasciu')).articles.length).toBeGreaterThan(0);
    expect(await search.search('   ')).toEqual({ entities: [], quotes: [], articles: [] });
  });
});

describe('snippets', () => {
  it('cut around the first match inside its paragraph and keep the marks on the matched words', async () => {
    const text = 'First paragraph about nothing.\n' + 'word '.repeat(40) + 'Tusk said so. ' + 'more '.repeat(60);
    const start = text.indexOf('Tusk');
    const s = snippet(text, [[start, start + 4]]);
    expect(marked(s)).toEqual(['Tusk']);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect(s.text).not.toContain('First paragraph');
  });
});

describe('whole-word typo tolerance', () => {
  it('allows one edit in short words and two in long ones, transpositions included', async () => {
    expect(editDistanceWithin('tsuk', 'tusk', 1)).toBe(1);
    expect(editDistanceWithin('zelenskyy', 'zelensky', 2)).toBe(1);
    expect(editDistanceWithin('zelenskyy', 'zelenskiy', 2)).toBe(1);
    expect(editDistanceWithin('tusk', 'status', 1)).toBeNull();
    expect(editDistanceWithin('kyiv', 'kiev', 1)).toBeNull();
    expect(editDistanceWithin('kyiv', 'kiev', 2)).toBe(2);
  });

  it('agrees with the whole optimal-string-alignment table on any pair of words, whatever their lengths', () => {
    const table = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
      return d[a.length][b.length];
    };
    let seed = 11;
    const random = (n: number) => (seed = (seed * 16807) % 2147483647) % n;
    const word = () => Array.from({ length: random(12) }, () => 'abcdé'[random(5)]).join('');
    // Long words too: the rows it works in grow.
    const pairs: Array<[string, string]> = [['x'.repeat(150), 'x'.repeat(149) + 'y'], ['', 'ab']];
    for (let n = 0; n < 2000; n++) pairs.push([word(), word()]);
    for (const [a, b] of pairs) {
      const distance = table(a, b);
      for (const max of [0, 1, 2, 3]) expect(editDistanceWithin(a, b, max), `${a} ${b} ${max}`).toBe(distance <= max ? distance : null);
    }
  });

  it('does not find a word inside a longer one', async () => {
    const hits = (await search.search('Tusk')).articles.map((r) => r.article.id);
    expect(hits).toHaveLength(1);
  });
});
