import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleLabel } from '../../lib/lookup/card-data';
import { createMatchHandlers } from '../../lib/lookup/handlers';
import { NameLookup } from '../../lib/lookup/name-lookup';
import { PageDocuments } from '../../lib/lookup/page-documents';
import { MAX_READ_CHARS } from '../../lib/char-budget';
import { TRICKLE_CHARS, TRICKLE_WINDOW_MS } from '../../lib/char-budget';
import type { EntityCard } from '../../lib/messages';
import { openDb, type ArticleRecord, type BackstoryDb, type EntityRecord, type QuoteRecord } from '../../lib/store/db';
import { articleRecord, entityRecord, putEntities, storeAppearances, storeQuotes } from './helpers';

const DB = 'backstory-match-test';
let db: BackstoryDb;

const article = (id: string, title: string, date: string): ArticleRecord => articleRecord({ id, title, date });
const entity = (id: string, name: string, type: EntityRecord['type'], aliases: string[] = [], roles: string[] = []): EntityRecord =>
  entityRecord({ id, name, type, aliases, roles });
const quote = (id: string, articleId: string, text: string, speakerId: string | null, aboutIds: string[], speakerDescription: string | null = null): QuoteRecord => ({
  id, articleId, text, start: 0, end: text.length, speakerId, speakerDescription, aboutIds, date: articleId === 'a1' ? '2024-08-14' : '2024-08-20',
});
const TUSK_QUOTE = 'We support Ukraine in a war that is a defensive war and there is nothing to discuss here';

beforeEach(async () => {
  db = openDb(DB);
  await db.articles.bulkPut([article('a1', 'Nato allies back Kursk incursion', '2024-08-14'), article('a2', 'Air defence over Ukraine', '2024-08-20')]);
  await putEntities(db, [
    entity('person:donald-tusk', 'Donald Tusk', 'person', ['Tusk'], ['Polish Prime Minister', 'Prime Minister', 'Polish Prime Minister']),
    entity('person:volodymyr-zelensky', 'Volodymyr Zelensky', 'person', ['Zelenskiy']),
    entity('org:nato', 'NATO', 'org', ['Nato']),
  ]);
  await storeAppearances(db, [
    { entityId: 'person:donald-tusk', articleId: 'a1', date: '2024-08-14', spans: [0, 5] },
    { entityId: 'person:volodymyr-zelensky', articleId: 'a1', date: '2024-08-14', spans: [10, 15] },
    { entityId: 'person:volodymyr-zelensky', articleId: 'a2', date: '2024-08-20', spans: [10, 15] },
  ]);
  await storeQuotes(db, [
    quote('a1#100', 'a1', TUSK_QUOTE, 'person:donald-tusk', ['org:nato']),
    quote('a2#50', 'a2', 'Zelensky asked Tusk for help', null, ['person:donald-tusk', 'person:volodymyr-zelensky'], 'a spokesperson'),
  ]);
});

afterEach(async () => {
  db.close();
  await Dexie.delete(DB);
});

/** A page document (tab 1, frame 0) the background has read, and handlers that meter and remember it. */
const PAGE = { tabId: 1, frameId: 0, url: 'https://news.example/a', tabUrl: 'https://news.example/a' };
function pageHandlers(now = () => 0) {
  const documents = new PageDocuments(now);
  documents.ready(PAGE.tabId, PAGE.frameId);
  const memory = { documents, changed() {} };
  return { h: createMatchHandlers(db, new NameLookup(db), async () => memory), documents };
}

describe('names/match handler', () => {
  it('finds the candidates in the text and answers them from the stored entities, with offsets inside each candidate', async () => {
    const { h } = pageHandlers();
    const text = 'Polish Prime Minister Donald Tusk met Zelenskiy.\nLet us go, said Nato.';
    const found = await h['names/match']({ type: 'names/match', text }, PAGE);
    expect(found.map(({ text, entityId, candidate, start }) => [text, entityId, candidate, start])).toEqual([
      ['Donald Tusk', 'person:donald-tusk', 0, 22],
      ['Zelenskiy', 'person:volodymyr-zelensky', 1, 0],
      ['Nato', 'org:nato', 3, 0],
    ]);
  });

  it('finds a name written after an earlier lookup missed it', async () => {
    const { h } = pageHandlers();
    const ask = async () => (await h['names/match']({ type: 'names/match', text: 'Kaja Kallas spoke.' }, PAGE)).map((m) => m.entityId);
    expect(await ask()).toEqual([]);
    await putEntities(db, [entity('person:kaja-kallas', 'Kaja Kallas', 'person')]);
    let ids: string[] = [];
    for (let i = 0; i < 50 && ids.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
      ids = await ask();
    }
    expect(ids).toEqual(['person:kaja-kallas']);
  });

  it('reads past the first read only a trickle of each document’s text, and drops what is over', async () => {
    let now = 0;
    const { h, documents } = pageHandlers(() => now);
    // The reader's first read took the document's first allowance.
    expect(documents.take(PAGE.tabId, PAGE.frameId, MAX_READ_CHARS, true)).toBe(MAX_READ_CHARS);
    const text = 'Donald Tusk spoke. ' + 'x'.repeat(TRICKLE_CHARS);
    // The trickle's worth is looked up (cut to it), the next request has nothing left and is refused.
    expect((await h['names/match']({ type: 'names/match', text }, PAGE)).map((m) => m.entityId)).toEqual(['person:donald-tusk']);
    await expect(h['names/match']({ type: 'names/match', text: 'Donald Tusk' }, PAGE)).rejects.toThrow('budget');
    now += TRICKLE_WINDOW_MS / 10;
    expect((await h['names/match']({ type: 'names/match', text: 'Donald Tusk' }, PAGE)).map((m) => m.entityId)).toEqual(['person:donald-tusk']);
  });

  it('answers no document it has not read, and nothing without a tab', async () => {
    const { h } = pageHandlers();
    await expect(h['names/match']({ type: 'names/match', text: 'Donald Tusk' }, { ...PAGE, frameId: 3 })).rejects.toThrow('budget');
    await expect(h['names/match']({ type: 'names/match', text: 'Donald Tusk' }, {})).rejects.toThrow('Not allowed');
  });
});

describe('entity/card handler', () => {
  it('builds the card: role, quotes by, quotes about (with speaker), articles, counts', async () => {
    const { h, documents } = pageHandlers();
    documents.matched(PAGE.tabId, PAGE.frameId, ['person:donald-tusk']);
    const card = (await h['entity/card']({ type: 'entity/card', entityId: 'person:donald-tusk' }, PAGE)) as EntityCard;
    expect(card).toMatchObject({ name: 'Donald Tusk', type: 'person', role: 'Polish Prime Minister' });
    expect(card.quotesBy).toEqual([
      { id: 'a1#100', text: TUSK_QUOTE, articleId: 'a1', articleTitle: 'Nato allies back Kursk incursion', date: '2024-08-14', speaker: 'Donald Tusk' },
    ]);
    expect(card.quotesAbout.map((q) => [q.text, q.speaker, q.articleTitle])).toEqual([['Zelensky asked Tusk for help', 'a spokesperson', 'Air defence over Ukraine']]);
    expect(card.articles.map((a) => a.title)).toEqual(['Nato allies back Kursk incursion']);
    expect(card.counts).toEqual({ quotesBy: 1, quotesAbout: 1, articles: 1 });
  });

  it('lists articles most recent first and answers null for an unknown entity', async () => {
    const { h, documents } = pageHandlers();
    documents.matched(PAGE.tabId, PAGE.frameId, ['person:volodymyr-zelensky', 'person:nobody']);
    const card = (await h['entity/card']({ type: 'entity/card', entityId: 'person:volodymyr-zelensky' }, PAGE)) as EntityCard;
    expect(card.articles.map((a) => a.id)).toEqual(['a2', 'a1']);
    expect(await h['entity/card']({ type: 'entity/card', entityId: 'person:nobody' }, PAGE)).toBeNull();
  });

  it('serves a card only for an entity matched in the asking document', async () => {
    const { h } = pageHandlers();
    const card = (entityId: string, sender = PAGE) => h['entity/card']({ type: 'entity/card', entityId }, sender);
    await expect(card('person:donald-tusk')).rejects.toThrow('Not allowed');
    await h['names/match']({ type: 'names/match', text: 'Donald Tusk met allies.' }, PAGE);
    expect(await card('person:donald-tusk')).toMatchObject({ name: 'Donald Tusk' });
    // Not for another entity, nor for the same one asked from another frame or tab.
    await expect(card('person:volodymyr-zelensky')).rejects.toThrow('Not allowed');
    await expect(card('person:donald-tusk', { ...PAGE, frameId: 2 })).rejects.toThrow('Not allowed');
    await expect(card('person:donald-tusk', { ...PAGE, tabId: 2 })).rejects.toThrow('Not allowed');
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
