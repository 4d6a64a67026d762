/**
 * Which quotes an entity said and which mention it, newest first, as keys
 * alone: a row per (entity, role, date, quote) whose key is all of it. A
 * profile or a card then counts an entity's quotes on the key range without
 * reading a quote, and reads only the newest few it shows. The quotes' own
 * indexes could not do this: `aboutIds` is multi-entry, which IndexedDB
 * cannot combine with the date in one index, and an undated quote (date
 * null) would be missing from any compound index over its date.
 */
import type Dexie from 'dexie';
import type { BackstoryDb, QuoteRecord } from './db';
import { UNDATED } from './appearances';
import { asKeys, rowsKeyedUnder } from './key-reads';

/** 'said': the entity is the speaker; 'about': the quote names the entity and someone else said it. */
export type QuoteRole = 'said' | 'about';

/** A link's key: the entity, its role, the article's date ('' when undated, so newest-first puts it last), the quote. */
export type QuoteLinkKey = [entityId: string, role: QuoteRole, date: string, quoteId: string];

/**
 * The table's rows carry nothing beyond their key (the smallest value
 * IndexedDB stores), as the search's postings keep their key outside the value.
 */
export const QUOTE_LINKS_SCHEMA = { quoteLinks: '' };

export type QuoteLinksTable = Dexie.Table<0, QuoteLinkKey>;

/** The links of these quotes: one to the speaker, one to each other entity the quote names. */
export function quoteLinksOf(quotes: Array<Pick<QuoteRecord, 'id' | 'speakerId' | 'aboutIds' | 'date'>>): QuoteLinkKey[] {
  const keys: QuoteLinkKey[] = [];
  for (const quote of quotes) {
    const date = quote.date ?? UNDATED;
    if (quote.speakerId) keys.push([quote.speakerId, 'said', date, quote.id]);
    // A speaker naming themselves is under 'said' only.
    for (const about of new Set(quote.aboutIds)) if (about !== quote.speakerId) keys.push([about, 'about', date, quote.id]);
  }
  return keys;
}

type QuotesDb = Pick<BackstoryDb, 'quotes' | 'quoteLinks'>;

/** Stores quotes with their links; call inside a transaction over both tables. */
export async function putQuotes(db: QuotesDb, quotes: QuoteRecord[]): Promise<void> {
  const links = quoteLinksOf(quotes);
  await Promise.all([db.quotes.bulkPut(quotes), db.quoteLinks.bulkPut(links.map(() => 0 as const), asKeys(links))]);
}

/** Deletes quotes (as stored) with their links; call inside a transaction over both tables. */
export async function deleteQuotes(db: QuotesDb, quotes: QuoteRecord[]): Promise<void> {
  await db.quotes.bulkDelete(quotes.map((q) => q.id));
  await db.quoteLinks.bulkDelete(quoteLinksOf(quotes));
}

const linksOf = (db: QuotesDb, entityId: string, role: QuoteRole) =>
  rowsKeyedUnder(db.quoteLinks, [entityId, role]);

/** How many quotes an entity said, or were said about it, counted on the keys. */
export const quoteCount = (db: QuotesDb, entityId: string, role: QuoteRole): Promise<number> => linksOf(db, entityId, role).count();

/** Newest date first; within a date, in the order of the quotes' ids (as the quotes' own indexes hand them out). */
const newestFirst = (a: QuoteLinkKey, b: QuoteLinkKey) => (a[2] !== b[2] ? (a[2] < b[2] ? 1 : -1) : a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0);

/** The newest `limit` quotes an entity said, or were said about it, newest first (undated last). */
export async function newestQuotes(db: QuotesDb, entityId: string, role: QuoteRole, limit: number): Promise<QuoteRecord[]> {
  const range = linksOf(db, entityId, role).reverse();
  let keys = (await (Number.isFinite(limit) ? range.limit(limit) : range).primaryKeys()) as QuoteLinkKey[];
  if (keys.length === limit) {
    // Read backwards, the cut takes the last ids of its date; the quotes of that date are taken in id order instead.
    const date = keys[keys.length - 1][2];
    const newer = keys.filter((key) => key[2] !== date);
    const ofDate = (await rowsKeyedUnder(db.quoteLinks, [entityId, role, date]).limit(limit - newer.length).primaryKeys()) as QuoteLinkKey[];
    keys = [...newer, ...ofDate];
  }
  const quotes = await db.quotes.bulkGet(keys.sort(newestFirst).map((key) => key[3]));
  return quotes.filter((q): q is QuoteRecord => q !== undefined);
}
