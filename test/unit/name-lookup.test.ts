import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { NameLookup, ROWS_PER_READ } from '../../lib/lookup/name-lookup';
import { buildNameIndex, matchTexts } from '../../lib/lookup/name-index';
import { SAVED_SOURCE_ID, addUserArticles } from '../../lib/store/user-corpus';
import { deleteTestDbs, loadBundled, testDb } from './helpers';

afterEach(deleteTestDbs);

const TEXTS = [
  'Polish Prime Minister Donald Tusk met Volodymyr Zelenskiy in Kyiv, with Nato and the US watching.',
  'Later, Tusk spoke to Marta Quillon of the Nordic Freight Alliance.',
];

describe('page lookups from the stored name rows', () => {
  it('answers exactly as an index of every entity would', async () => {
    const db = testDb();
    await loadBundled(db);
    const whole = buildNameIndex(await db.entities.toArray());
    const lookup = new NameLookup(db);
    expect(await lookup.match(TEXTS)).toEqual(matchTexts(whole, TEXTS));
    expect((await lookup.match(TEXTS)).map((m) => m.text)).toEqual(expect.arrayContaining(['Donald Tusk', 'Volodymyr Zelenskiy', 'Kyiv', 'Nato', 'US', 'Tusk']));
    lookup.close();
  });

  it('reads a text of many new names in slices and still finds every known name among them', async () => {
    const db = testDb();
    await loadBundled(db);
    const whole = buildNameIndex(await db.entities.toArray());
    const invented = Array.from({ length: 3 * ROWS_PER_READ }, (_, i) => `Q${i.toString(36)}x Q${(i * 7).toString(36)}y said so.`).join(' ');
    // The known names come last, in the last slice read.
    const texts = [`${invented} ${TEXTS[0]}`];
    const lookup = new NameLookup(db);
    expect(await lookup.match(texts)).toEqual(matchTexts(whole, texts));
    expect((await lookup.match(texts)).map((m) => m.text)).toEqual(expect.arrayContaining(['Donald Tusk', 'Volodymyr Zelenskiy', 'Kyiv', 'Nato', 'US']));
    lookup.close();
  });

  it('keeps names known only from the user’s articles out of the marks unless asked, returning them hidden', async () => {
    const db = testDb();
    await loadBundled(db);
    const lookup = new NameLookup(db);
    const before = await lookup.match(TEXTS);
    await addUserArticles(db, SAVED_SOURCE_ID, [
      { origin: 'x', title: null, date: null, credits: null, captions: [], complete: true, paragraphs: ['Marta Quillon said the Nordic Freight Alliance would expand. Quillon spoke in Oslo.'] },
    ]);
    lookup.forget();
    const found = await lookup.match(TEXTS);
    expect(found.filter((m) => !m.hidden)).toEqual(before);
    expect(found.filter((m) => m.hidden).map((m) => m.text)).toContain('Marta Quillon');

    const marked = await lookup.match(TEXTS, { markUserNames: true });
    expect(marked.every((m) => !m.hidden)).toBe(true);
    expect(marked.map((m) => m.text)).toContain('Marta Quillon');
    lookup.close();
  });
});
