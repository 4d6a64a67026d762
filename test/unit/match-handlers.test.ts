import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleLabel } from '../../lib/match/card-data';
import { createMatchHandlers, createNameIndexSource } from '../../lib/match/handlers';
import type { EntityCard } from '../../lib/messages';
import { openDb, type ArticleRecord, type BackstoryDb, type EntityRecord, type QuoteRecord } from '../../lib/store/db';
import { nameWords } from '../../lib/search/search-index';

const DB = 'backstory-match-test';
let db: BackstoryDb;

const article = (id: string, title: string, date: string): ArticleRecord => ({
  id, title, date, file: 'f.txt', index: 0, credits: null, captions: [], paragraphs: ['x'], complete: true, source: 'bundled', hash: id,
});
const entity = (id: string, name: string, type: EntityRecord['type'], aliases: string[] = [], roles: string[] = []): EntityRecord => ({
  id, name, type, aliases, roles, keys: [name, ...aliases].map((n) => n.toLowerCase()), words: nameWords({ name, aliases }), articleCount: 1, quoteCount: 0,
});
const quote = (id: string, articleId: string, text: string, speakerId: string | null, aboutIds: string[], speakerDescription: string | null = null): QuoteRecord => ({
  id, articleId, text, start: 0, end: text.length, speakerId, speakerDescription, aboutIds,
});
const TUSK_QUOTE = 'We support Ukraine in a war that is a defensive war and there is nothing to discuss here';

beforeEach(async () => {
  db = openDb(DB);
  await db.articles.bulkPut([article('a1', 'Nato allies back Kursk incursion', '2024-08-14'), article('a2', 'Air defence over Ukraine', '2024-08-20')]);
  await db.entities.bulkPut([
    entity('person:donald-tusk', 'Donald Tusk', 'person', ['Tusk'], ['Polish Prime Minister', 'Prime Minister', 'Polish Prime Minister']),
    entity('person:volodymyr-zelensky', 'Volodymyr Zelensky', 'person', ['Zelenskiy']),
    entity('org:nato', 'NATO', 'org', ['Nato']),
  ]);
  await db.mentions.bulkPut([
    { entityId: 'person:donald-tusk', articleId: 'a1', start: 0, end: 5 },
    { entityId: 'person:volodymyr-zelensky', articleId: 'a1', start: 10, end: 15 },
    { entityId: 'person:volodymyr-zelensky', articleId: 'a2', start: 10, end: 15 },
  ]);
  await db.quotes.bulkPut([
    quote('a1#100', 'a1', TUSK_QUOTE, 'person:donald-tusk', ['org:nato']),
    quote('a2#50', 'a2', 'Zelensky asked Tusk for help', null, ['person:donald-tusk', 'person:volodymyr-zelensky'], 'a spokesperson'),
  ]);
});

afterEach(async () => {
  db.close();
  await Dexie.delete(DB);
});

describe('names/match handler', () => {
  it('finds the candidates in the text and answers them from the stored entities, with offsets inside each candidate', async () => {
    const h = createMatchHandlers(db, createNameIndexSource(db));
    const text = 'Polish Prime Minister Donald Tusk met Zelenskiy.\nLet us go, said Nato.';
    const found = await h['names/match']({ type: 'names/match', text }, {});
    expect(found.map(({ text, entityId, candidate, start }) => [text, entityId, candidate, start])).toEqual([
      ['Donald Tusk', 'person:donald-tusk', 0, 22],
      ['Zelenskiy', 'person:volodymyr-zelensky', 1, 0],
      ['Nato', 'org:nato', 3, 0],
    ]);
  });

  it('rebuilds the index when the entities table changes', async () => {
    const h = createMatchHandlers(db, createNameIndexSource(db));
    const ask = async () => (await h['names/match']({ type: 'names/match', text: 'Kaja Kallas spoke.' }, {})).map((m) => m.entityId);
    expect(await ask()).toEqual([]);
    await db.entities.put(entity('person:kaja-kallas', 'Kaja Kallas', 'person'));
    let ids: string[] = [];
    for (let i = 0; i < 50 && ids.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
      ids = await ask();
    }
    expect(ids).toEqual(['person:kaja-kallas']);
  });
});

describe('entity/card handler', () => {
  it('builds the card: role, quotes by, quotes about (with speaker), articles, counts', async () => {
    const h = createMatchHandlers(db, createNameIndexSource(db));
    const card = (await h['entity/card']({ type: 'entity/card', entityId: 'person:donald-tusk' }, {})) as EntityCard;
    expect(card).toMatchObject({ name: 'Donald Tusk', type: 'person', role: 'Polish Prime Minister' });
    expect(card.quotesBy).toEqual([
      { id: 'a1#100', text: TUSK_QUOTE, articleId: 'a1', articleTitle: 'Nato allies back Kursk incursion', date: '2024-08-14', speaker: 'Donald Tusk' },
    ]);
    expect(card.quotesAbout.map((q) => [q.text, q.speaker, q.articleTitle])).toEqual([['Zelensky asked Tusk for help', 'a spokesperson', 'Air defence over Ukraine']]);
    expect(card.articles.map((a) => a.title)).toEqual(['Nato allies back Kursk incursion']);
    expect(card.counts).toEqual({ quotesBy: 1, quotesAbout: 1, articles: 1 });
  });

  it('lists articles most recent first and answers null for an unknown entity', async () => {
    const h = createMatchHandlers(db, createNameIndexSource(db));
    const card = (await h['entity/card']({ type: 'entity/card', entityId: 'person:volodymyr-zelensky' }, {})) as EntityCard;
    expect(card.articles.map((a) => a.id)).toEqual(['a2', 'a1']);
    expect(await h['entity/card']({ type: 'entity/card', entityId: 'person:nobody' }, {})).toBeNull();
  });
});

describe('articleLabel', () => {
  it('uses the title, else the opening words cut at a word boundary', () => {
    expect(articleLabel({ title: 'Headline', paragraphs: ['Body'] })).toBe('Headline');
    const lede = 'Kyiv’s allies are largely withholding judgement over the Ukrainian offensive into Russian territory amid uncertainty';
    expect(articleLabel({ title: null, paragraphs: [lede] })).toBe('Kyiv’s allies are largely withholding judgement over the Ukrainian offensive…');
    expect(articleLabel({ title: null, paragraphs: [] })).toBeNull();
  });
});
