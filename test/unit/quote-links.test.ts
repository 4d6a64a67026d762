import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import type { QuoteRecord } from '../../lib/store/db';
import { deleteQuotes, newestQuotes, quoteCount } from '../../lib/store/quote-links';
import { deleteTestDbs, storeQuotes, testDb } from './helpers';

afterEach(deleteTestDbs);

const quote = (id: string, date: string | null, speakerId: string | null, aboutIds: string[] = []): QuoteRecord => ({
  id, articleId: id.split('#')[0], text: id, start: 0, end: 1, speakerId, speakerDescription: null, aboutIds, date,
});

it('hands out the newest quotes by their links: newest date first, a date in id order, undated last; counts on the keys', async () => {
  const db = testDb();
  const quotes = [
    quote('a#1', '2024-01-01', 'person:tusk', ['place:ukraine']),
    quote('a#2', '2024-01-01', 'person:tusk'),
    quote('a#3', '2024-01-01', 'person:tusk', ['person:tusk']),
    quote('b#1', '2024-05-01', 'person:tusk'),
    quote('c#1', null, 'person:tusk', ['place:ukraine']),
    quote('d#1', '2024-02-01', 'person:meloni', ['person:tusk', 'place:ukraine']),
  ];
  await storeQuotes(db, quotes);
  const ids = (list: QuoteRecord[]) => list.map((q) => q.id);
  expect(ids(await newestQuotes(db, 'person:tusk', 'said', 3))).toEqual(['b#1', 'a#1', 'a#2']);
  expect(ids(await newestQuotes(db, 'person:tusk', 'said', Infinity))).toEqual(['b#1', 'a#1', 'a#2', 'a#3', 'c#1']);
  // Naming oneself is not a quote about oneself.
  expect(ids(await newestQuotes(db, 'person:tusk', 'about', 10))).toEqual(['d#1']);
  expect(ids(await newestQuotes(db, 'place:ukraine', 'about', 2))).toEqual(['d#1', 'a#1']);
  expect(await quoteCount(db, 'person:tusk', 'said')).toBe(5);
  expect(await quoteCount(db, 'place:ukraine', 'about')).toBe(3);
  await db.transaction('rw', [db.quotes, db.quoteLinks], () => deleteQuotes(db, quotes.slice(0, 3)));
  expect(await quoteCount(db, 'person:tusk', 'said')).toBe(2);
  expect(await quoteCount(db, 'place:ukraine', 'about')).toBe(2);
});
