import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleText } from '../../lib/corpus/article';
import { openDb, type ArticleRecord, type BackstoryDb, type EntityRecord, type MentionRecord, type QuoteRecord } from '../../lib/store/db';
import { companionsOf, loadArticle, loadProfile, snippetAround } from '../../lib/store/profile';
import { bestEntityFor, containsWords, filterQuotes, saidAbout, splitSaidAbout } from '../../lib/search/said-about';
import { searchCorpus } from '../../lib/ui/sidepanel/search';
import { articleRecord, entityRecord, indexStoredArticles } from './helpers';
import { putAppearances, toAppearances } from '../../lib/store/appearances';
import { putQuotes } from '../../lib/store/quote-links';

const DB = 'profile-test';
let db: BackstoryDb;

function article(id: string, date: string | null, paragraphs: string[], title: string | null = null): ArticleRecord {
  return articleRecord({ id, file: `${id}.txt`, title, date, paragraphs });
}

function entity(id: string, name: string, aliases: string[] = [], counts = { articleCount: 1, quoteCount: 0 }): EntityRecord {
  const type = id.split(':')[0] as EntityRecord['type'];
  return entityRecord({ id, name, type, aliases, ...counts });
}

/** Mentions of `name` at every place it occurs in the article's text. */
function mentionsOf(a: ArticleRecord, entityId: string, name: string): MentionRecord[] {
  const text = articleText(a);
  const out: MentionRecord[] = [];
  for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + 1)) {
    out.push({ entityId, articleId: a.id, start: i, end: i + name.length });
  }
  return out;
}

function quoteOf(a: ArticleRecord, text: string, speakerId: string | null, aboutIds: string[] = []): QuoteRecord {
  const start = articleText(a).indexOf(text);
  if (start < 0) throw new Error(`quote not in article: ${text}`);
  return { id: `${a.id}#${start}`, articleId: a.id, text, start, end: start + text.length, speakerId, speakerDescription: null, aboutIds, date: a.date };
}

const kursk = article('bundled:kursk.txt#0', null, [
  'Polish Prime Minister Donald Tusk said this week that the incursion did not change Warsaw’s support “one iota.”',
  '“We support Ukraine in a war that is a defensive war and there is nothing to discuss here,” Tusk said. “I am aware and we all know what the risks are.”',
  'Italian Prime Minister Giorgia Meloni said Kyiv and Ukraine had Rome’s support.',
]);
const older = article('bundled:older.txt#0', '2024-05-01', [
  'Donald Tusk met Giorgia Meloni in Warsaw.',
  '“Ukrainian farmers need a fair deal,” Tusk said.',
], 'Tusk and Meloni meet');
const newer = article('bundled:newer.txt#0', '2024-11-22', [
  'Donald Tusk spoke in Warsaw about Nato.',
  '“Nato will stand with Ukraine,” said Tusk.',
  'Meloni said: “Tusk is right about Ukraine.”',
], 'Tusk on Nato');

async function seed() {
  const tusk = entity('person:donald-tusk', 'Donald Tusk', ['Tusk'], { articleCount: 3, quoteCount: 5 });
  const meloni = entity('person:giorgia-meloni', 'Giorgia Meloni', ['Meloni'], { articleCount: 3, quoteCount: 1 });
  const ukraine = entity('place:ukraine', 'Ukraine', [], { articleCount: 2, quoteCount: 0 });
  const warsaw = entity('place:warsaw', 'Warsaw', [], { articleCount: 3, quoteCount: 0 });
  const nato = entity('org:nato', 'Nato', ['NATO'], { articleCount: 1, quoteCount: 0 });
  const mentions = [
    ...mentionsOf(kursk, tusk.id, 'Donald Tusk'), ...mentionsOf(kursk, tusk.id, 'Tusk said'),
    ...mentionsOf(kursk, meloni.id, 'Giorgia Meloni'), ...mentionsOf(kursk, warsaw.id, 'Warsaw'), ...mentionsOf(kursk, ukraine.id, 'Ukraine'),
    ...mentionsOf(older, tusk.id, 'Donald Tusk'), ...mentionsOf(older, meloni.id, 'Giorgia Meloni'), ...mentionsOf(older, warsaw.id, 'Warsaw'),
    ...mentionsOf(newer, tusk.id, 'Donald Tusk'), ...mentionsOf(newer, warsaw.id, 'Warsaw'), ...mentionsOf(newer, nato.id, 'Nato will'),
    ...mentionsOf(newer, meloni.id, 'Meloni said'),
  ];
  // Trim the "Tusk said" / "Meloni said" helpers down to the name itself.
  for (const m of mentions) {
    const text = articleText([kursk, older, newer].find((a) => a.id === m.articleId)!).slice(m.start, m.end);
    const name = text.replace(/ (said|will)$/, '');
    m.end = m.start + name.length;
  }
  const quotes = [
    quoteOf(kursk, 'one iota.', tusk.id),
    quoteOf(kursk, 'We support Ukraine in a war that is a defensive war and there is nothing to discuss here,', tusk.id, [ukraine.id]),
    quoteOf(kursk, 'I am aware and we all know what the risks are.', tusk.id),
    quoteOf(older, 'Ukrainian farmers need a fair deal,', tusk.id),
    quoteOf(newer, 'Nato will stand with Ukraine,', tusk.id, [nato.id]),
    quoteOf(newer, 'Tusk is right about Ukraine.', meloni.id, [tusk.id, ukraine.id]),
  ];
  await db.transaction('rw', [db.articles, db.entities, db.entityMentions, db.articleEntities, db.quotes, db.quoteLinks, db.meta], async () => {
    await db.articles.bulkPut([kursk, older, newer]);
    await db.entities.bulkPut([tusk, meloni, ukraine, warsaw, nato]);
    await putAppearances(db, toAppearances(mentions, (id) => [kursk, older, newer].find((a) => a.id === id)!.date));
    await putQuotes(db, quotes);
  });
  await indexStoredArticles(db);
}

beforeEach(async () => {
  db = openDb(DB);
  await seed();
});

afterEach(async () => {
  db.close();
  await Dexie.delete(DB);
});

describe('entity profile', () => {
  it('groups what a person said by article, newest first, undated last, quotes in reading order', async () => {
    const profile = (await loadProfile(db, 'person:donald-tusk'))!;
    expect(profile.said.map((g) => g.article.id)).toEqual([newer.id, older.id, kursk.id]);
    expect(profile.said[2].quotes.map((q) => q.text)).toEqual([
      'one iota.',
      'We support Ukraine in a war that is a defensive war and there is nothing to discuss here,',
      'I am aware and we all know what the risks are.',
    ]);
  });

  it('lists quotes by others that mention the entity, not its own', async () => {
    const profile = (await loadProfile(db, 'person:donald-tusk'))!;
    expect(profile.about).toHaveLength(1);
    expect(profile.about[0].quotes[0].speakerId).toBe('person:giorgia-meloni');
    expect(profile.names['person:giorgia-meloni']).toBe('Giorgia Meloni');
    const ukraine = (await loadProfile(db, 'place:ukraine'))!;
    expect(ukraine.about.flatMap((g) => g.quotes.map((q) => q.speakerId)).sort()).toEqual(['person:donald-tusk', 'person:giorgia-meloni']);
  });

  it('lists every article that mentions it, with a snippet around the first mention', async () => {
    const profile = (await loadProfile(db, 'place:warsaw'))!;
    expect(profile.articles.map((a) => a.article.id)).toEqual([newer.id, older.id, kursk.id]);
    const snippet = profile.articles[1].snippet;
    expect(snippet.match).toBe('Warsaw');
    expect(snippet.before + snippet.match + snippet.after).toBe('Donald Tusk met Giorgia Meloni in Warsaw.');
  });

  it('counts companions by shared articles, grouped by type', async () => {
    const companions = await companionsOf(db, 'person:donald-tusk');
    expect(companions.person).toEqual([expect.objectContaining({ entity: expect.objectContaining({ id: 'person:giorgia-meloni' }), sharedArticles: 3 })]);
    expect(companions.place.map((c) => [c.entity.id, c.sharedArticles])).toEqual([['place:warsaw', 3], ['place:ukraine', 1]]);
    expect(companions.org.map((c) => [c.entity.id, c.sharedArticles])).toEqual([['org:nato', 1]]);
  });

  it('shows the newest of each list, with what the corpus holds in all, and the rest a page further', async () => {
    const first = (await loadProfile(db, 'place:warsaw', 1))!;
    expect(first.articles.map((a) => a.article.id)).toEqual([newer.id]);
    expect(first.totals.articles).toBe(3);
    const tusk = (await loadProfile(db, 'person:donald-tusk', 1))!;
    expect(tusk.said.flatMap((g) => g.quotes)).toHaveLength(1);
    expect(tusk.said[0].article.id).toBe(newer.id);
    const all = (await loadProfile(db, 'person:donald-tusk'))!;
    expect(tusk.totals.said).toBe(all.said.flatMap((g) => g.quotes).length);
    expect(tusk.totals.said).toBeGreaterThan(1);
    const second = (await loadProfile(db, 'place:warsaw', 2))!;
    expect(second.articles.map((a) => a.article.id)).toEqual([newer.id, older.id]);
  });

  it('is null for an entity the corpus does not know', async () => {
    expect(await loadProfile(db, 'person:nobody')).toBeNull();
  });

  it('loads an article with its mentions, quotes and the entities they name', async () => {
    const detail = (await loadArticle(db, newer.id))!;
    expect(detail.quotes.map((q) => q.speakerId)).toEqual(['person:donald-tusk', 'person:giorgia-meloni']);
    expect(detail.mentions.map((m) => m.start)).toEqual([...detail.mentions.map((m) => m.start)].sort((a, b) => a - b));
    expect(Object.keys(detail.entities).sort()).toEqual(['org:nato', 'person:donald-tusk', 'person:giorgia-meloni', 'place:warsaw']);
  });
});

describe('snippets', () => {
  it('stays within the paragraph and marks cuts with an ellipsis', () => {
    const text = `First paragraph.\n${'word '.repeat(40)}Tusk ${'more '.repeat(40)}end.\nLast.`;
    const start = text.indexOf('Tusk');
    const s = snippetAround(text, start, start + 4, 30);
    expect(s.match).toBe('Tusk');
    expect(s.before.startsWith('…')).toBe(true);
    expect(s.after.endsWith('…')).toBe(true);
    expect(s.before + s.after).not.toContain('\n');
    expect(s.before.length).toBeLessThanOrEqual(32);
  });
});

describe('what did X say about Y', () => {
  it('matches whole words, folding case and diacritics', () => {
    expect(containsWords('We support Ukraine’s army', 'ukraine')).toBe(true);
    expect(containsWords('Ukrainian farmers', 'Ukraine')).toBe(false);
    expect(containsWords('Zelenskyy in Kyiv', 'kyiv')).toBe(true);
    expect(containsWords('Café Müller opened', 'cafe muller')).toBe(true);
    expect(containsWords('anything', '')).toBe(false);
  });

  it('reads "Tusk Ukraine", "Donald Tusk on Ukraine" and the question form', () => {
    expect(splitSaidAbout('Tusk Ukraine')).toEqual([{ speaker: 'Tusk', topic: 'Ukraine' }]);
    // Longest speaker first, joiners never part of either side.
    expect(splitSaidAbout('Donald Tusk on Ukraine')).toEqual([
      { speaker: 'Donald Tusk', topic: 'Ukraine' },
      { speaker: 'Donald', topic: 'Tusk on Ukraine' },
    ]);
    expect(splitSaidAbout('what did Tusk say about Ukraine?')).toEqual([{ speaker: 'Tusk', topic: 'Ukraine' }]);
  });

  it('finds quotes by the speaker about the topic entity or word', async () => {
    for (const query of ['Tusk Ukraine', 'Tusk on Ukraine', 'Donald Tusk about Ukraine', 'what did Tusk say about ukraine?']) {
      const result = (await saidAbout(db, query))!;
      expect(result, query).not.toBeNull();
      expect(result.speaker.id).toBe('person:donald-tusk');
      expect(result.topic.entity?.id).toBe('place:ukraine');
      // "Ukrainian farmers" is not about Ukraine by word boundary; Meloni's quote is not Tusk's.
      expect(result.quotes.map((q) => q.text).sort(), query).toEqual([
        'Nato will stand with Ukraine,',
        'We support Ukraine in a war that is a defensive war and there is nothing to discuss here,',
      ]);
    }
  });

  it('matches a topic entity through aboutIds even when the text uses another name', async () => {
    const said = await db.quotes.where('speakerId').equals('person:donald-tusk').toArray();
    const nato = (await db.entities.get('org:nato'))!;
    const quotes = filterQuotes(said, { text: 'the alliance', entity: nato });
    expect(quotes.map((q) => q.text)).toEqual(['Nato will stand with Ukraine,']);
  });

  it('ignores queries whose first words name nobody who is quoted', async () => {
    expect(await saidAbout(db, 'Warsaw Ukraine')).toBeNull();
    expect(await saidAbout(db, 'Tusk')).toBeNull();
  });
});

describe('looking up a selection', () => {
  it('prefers an exact name or alias, then the closest fuzzy name', async () => {
    expect((await bestEntityFor(db, 'Tusk'))?.id).toBe('person:donald-tusk');
    expect((await bestEntityFor(db, ' “NATO” '))?.id).toBe('org:nato');
    expect((await bestEntityFor(db, 'Tusk’s'))?.id).toBe('person:donald-tusk');
    expect((await bestEntityFor(db, 'Giorgia Melonii'))?.id).toBe('person:giorgia-meloni');
    expect(await bestEntityFor(db, 'quantum chromodynamics')).toBeNull();
  });
});

describe('side panel search', () => {
  it('answers a said-about question and also lists names, headings and quotes', async () => {
    const results = await searchCorpus(db, 'Tusk Ukraine');
    expect(results.saidAbout?.quotes).toHaveLength(2);
    expect(Object.keys(results.saidAboutArticles).sort()).toEqual([kursk.id, newer.id].sort());
    const plain = await searchCorpus(db, 'Meloni');
    expect(plain.saidAbout).toBeNull();
    expect(plain.entities[0].entity.id).toBe('person:giorgia-meloni');
    const words = await searchCorpus(db, 'fair deal');
    expect(words.quotes.map((q) => q.quote.text)).toContain('Ukrainian farmers need a fair deal,');
  });
});
