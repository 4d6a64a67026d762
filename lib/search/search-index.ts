/**
 * The persisted search index: postings of quote and article words, and the
 * vocabulary that query words expand through (prefixes, typos).
 *
 * It is kept per article, so ingest adds or removes one article's rows inside
 * its own write transaction and nothing is rebuilt from the whole corpus; a
 * search reads only the postings of its words (key ranges), never the corpus.
 */
import type Dexie from 'dexie';
import type { IndexableTypeArrayReadonly } from 'dexie';
import { untilTableChanges } from '../store/until-changed';
import { articleText } from '../corpus/article';
import type { Entity } from '../analysis/types';
import type { ArticleRecord, QuoteRecord } from '../store/db';
import { tokenize } from './text';

/** One word of one searchable text (an article, or a quote in it) and how often it occurs there: what indexing a text gives. */
export interface Posting {
  term: string;
  /** The article's id, or the quote's id for a quote. */
  doc: string;
  /** The article the text belongs to. */
  article: string;
  count: number;
}

/**
 * Postings are stored by segment: a segment gathers the texts of writes (a
 * batch of the bundled corpus, saved pages, imported files) up to
 * SEGMENT_MAX_TEXTS, with one row per word it holds listing its texts by
 * their number in the segment. A row per word and text instead was ten times
 * the size of the text itself; a row per word for the whole corpus would cost
 * every write more as the corpus grows.
 *
 * A row is the bytes of `packRefs` under the key [term, seg], outside the
 * value: most rows hold a posting or two, so a row's key and framing were
 * most of its size, and numbers as plain arrays cost several bytes each.
 */
export type PostingKey = [term: string, seg: SegmentId];

/** A segment's id: a number, in writing order (fewer key bytes than a string in every row of the segment). */
export type SegmentId = number;

/** A segment's texts: [doc, article] by number; a deleted article's texts become null, keeping the others' numbers. */
export interface SearchSegmentRow {
  seg: SegmentId;
  docs: Array<[string, string] | null>;
}

/**
 * The words of the corpus that begin with `prefix` (their first two letters),
 * sorted, one a line: what query words are expanded against. A row per word
 * was a write per word of every batch; a row per prefix is a few hundred.
 */
export interface SearchVocabularyRow {
  prefix: string;
  words: string;
}

/**
 * Dexie store definitions of the index, for the schema. Postings are keyed
 * by [term, seg] outside the value, so one word's postings, or all words with
 * a prefix, are one key range.
 */
export const SEARCH_SCHEMA = {
  searchPostings: '',
  searchSegments: 'seg',
  searchVocabulary: 'prefix',
};

/** Dexie's key-list type has no place for compound keys of mixed types; IndexedDB takes them. */
const asKeys = (keys: PostingKey[]) => keys as unknown as IndexableTypeArrayReadonly;

type SearchTables = Pick<SearchDb, 'searchPostings' | 'searchSegments' | 'searchVocabulary'>;
export interface SearchDb {
  searchPostings: Dexie.Table<Uint8Array, PostingKey>;
  searchSegments: Dexie.Table<SearchSegmentRow, SegmentId>;
  searchVocabulary: Dexie.Table<SearchVocabularyRow, string>;
}

/**
 * [text number, occurrences] pairs, text numbers ascending, as bytes: each
 * number's gap from the previous one and each count as a base-128 varint, so
 * most pairs take two bytes.
 */
export function packRefs(refs: number[]): Uint8Array {
  const bytes: number[] = [];
  const put = (n: number) => {
    while (n >= 0x80) {
      bytes.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 0x80);
    }
    bytes.push(n);
  };
  let previous = 0;
  for (let i = 0; i < refs.length; i += 2) {
    put(refs[i] - previous);
    put(refs[i + 1]);
    previous = refs[i];
  }
  return Uint8Array.from(bytes);
}

/** The pairs `packRefs` packed. */
export function unpackRefs(bytes: Uint8Array): number[] {
  const refs: number[] = [];
  let previous = 0;
  let n = 0;
  let scale = 1;
  for (const byte of bytes) {
    n += (byte & 0x7f) * scale;
    if (byte & 0x80) {
      scale *= 0x80;
      continue;
    }
    // Even positions are gaps between text numbers, odd ones counts.
    if (refs.length % 2 === 0) refs.push((previous += n));
    else refs.push(n);
    n = 0;
    scale = 1;
  }
  return refs;
}

/** Headline and body: what a reader would search an article by. */
export function articleSearchText(article: Pick<ArticleRecord, 'title' | 'paragraphs'>): string {
  return article.title ? `${article.title}\n${articleText(article)}` : articleText(article);
}

function postingsOf(doc: string, article: string, text: string): Posting[] {
  const counts = new Map<string, number>();
  for (const { word } of tokenize(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts].map(([term, count]) => ({ term, doc, article, count }));
}

/** The postings of one article and its quotes, to store with the article. */
export function searchRowsFor(article: ArticleRecord, quotes: QuoteRecord[]): Posting[] {
  const postings = postingsOf(article.id, article.id, articleSearchText(article));
  for (const quote of quotes) postings.push(...postingsOf(quote.id, article.id, quote.text));
  return postings;
}

/** `searchRowsFor` of each article, given quotes of any articles, in one list. */
export function searchRowsForArticles(articles: ArticleRecord[], quotes: QuoteRecord[]): Posting[] {
  const quotesOf = new Map<string, QuoteRecord[]>();
  for (const quote of quotes) quotesOf.get(quote.articleId)?.push(quote) ?? quotesOf.set(quote.articleId, [quote]);
  return articles.flatMap((article) => searchRowsFor(article, quotesOf.get(article.id) ?? []));
}

/** The words of these articles and their quotes: the terms their postings are under. */
function termsOf(articles: ArticleRecord[], quotes: QuoteRecord[]): Set<string> {
  return new Set(searchRowsForArticles(articles, quotes).map((p) => p.term));
}

/** A new segment's id: unique, and in writing order. */
export const newSegment = (): SegmentId => Date.now() * 1024 + Math.floor(Math.random() * 1024);

/**
 * Texts (articles and quotes) per segment. A write joins the newest segment
 * while the two fit in this: saved pages and imported files, one per write,
 * would otherwise each be a segment, and a segment costs a row per word it
 * holds. Small enough that reading and rewriting a segment's text list costs
 * little against a write's own rows.
 */
export const SEGMENT_MAX_TEXTS = 2000;

/**
 * Writes postings from `searchRowsFor` into the newest segment when they fit
 * in it, else into a new one; returns the segment. Call inside the
 * transaction that stores the articles.
 */
export async function putSearchRows(db: SearchTables, postings: Posting[], maxTexts = SEGMENT_MAX_TEXTS): Promise<SegmentId> {
  const docs: Array<[string, string]> = [];
  const numbers = new Map<string, number>();
  const refs = new Map<string, number[]>();
  // Postings come text by text, so each term's text numbers ascend, as packRefs wants.
  for (const posting of postings) {
    let n = numbers.get(posting.doc);
    if (n === undefined) numbers.set(posting.doc, (n = docs.push([posting.doc, posting.article]) - 1));
    refs.get(posting.term)?.push(n, posting.count) ?? refs.set(posting.term, [n, posting.count]);
  }
  const newest = await db.searchSegments.toCollection().last();
  const segment = newest && newest.docs.length + docs.length <= maxTexts ? newest : { seg: newSegment(), docs: [] };
  const terms = [...refs.keys()];
  const keys = terms.map((term): PostingKey => [term, segment.seg]);
  // The segment's own rows of these words, which the new texts extend: their numbers follow the segment's.
  const held = segment === newest ? await db.searchPostings.bulkGet(keys) : [];
  const offset = segment.docs.length;
  const rows = terms.map((term, i) => {
    const added = refs.get(term)!.map((v, j) => (j % 2 === 0 ? v + offset : v));
    return packRefs(held[i] ? [...unpackRefs(held[i]), ...added] : added);
  });
  segment.docs.push(...docs);
  await Promise.all([
    db.searchSegments.put(segment),
    db.searchPostings.bulkPut(rows, asKeys(keys)),
    changeVocabulary(db, terms, 'add'),
  ]);
  return segment.seg;
}

const prefixOf = (word: string) => word.slice(0, 2);

/** Vocabulary rows holding `words`, grouped by prefix: for a change to the vocabulary, or a whole one. */
export function vocabularyRows(words: Iterable<string>): SearchVocabularyRow[] {
  const byPrefix = new Map<string, Set<string>>();
  for (const word of words) byPrefix.get(prefixOf(word))?.add(word) ?? byPrefix.set(prefixOf(word), new Set([word]));
  return [...byPrefix].map(([prefix, set]) => ({ prefix, words: [...set].sort().join('\n') }));
}

/**
 * Adds words to the vocabulary, or removes them: one read and one write per
 * prefix touched. A chain of Dexie's own promises: as the last await of a
 * caller inside a transaction, a native async function lost the transaction
 * and the caller's next write found it committed.
 */
function changeVocabulary(db: Pick<SearchDb, 'searchVocabulary'>, words: Iterable<string>, change: 'add' | 'remove'): PromiseLike<unknown> {
  const changes = vocabularyRows(words);
  return db.searchVocabulary.bulkGet(changes.map((c) => c.prefix)).then((stored) => {
    const put: SearchVocabularyRow[] = [];
    const emptied: string[] = [];
    changes.forEach(({ prefix, words: changed }, i) => {
      const had = stored[i] ? stored[i].words.split('\n') : [];
      const set = new Set(had);
      for (const word of changed.split('\n')) change === 'add' ? set.add(word) : set.delete(word);
      if (set.size === had.length) return;
      if (set.size > 0) put.push({ prefix, words: [...set].sort().join('\n') });
      else emptied.push(prefix);
    });
    return db.searchVocabulary.bulkPut(put).then(() => db.searchVocabulary.bulkDelete(emptied));
  });
}

/** The corpus's words beginning with `letter`, sorted. */
export async function vocabularyStartingWith(db: Pick<SearchDb, 'searchVocabulary'>, letter: string): Promise<string[]> {
  // Prefixes sort as the words they begin, so the rows' words in key order are sorted.
  const rows = await db.searchVocabulary.where('prefix').startsWith(letter).toArray();
  return rows.flatMap((row) => row.words.split('\n'));
}

/**
 * Deletes these articles' texts from their segments, and the words no other
 * article uses any more; call inside the transaction that deletes the
 * articles, with their quotes. Their words are found again from their texts,
 * so only the rows holding them are read: the cost is the articles', not
 * their segments' or the corpus's.
 */
export async function removeSearchRows(db: SearchTables, articles: ArticleRecord[], quotes: QuoteRecord[]): Promise<void> {
  const emptied = new Set<string>();
  for (const seg of new Set(articles.map((a) => a.searchSeg).filter((s): s is SegmentId => s !== undefined))) {
    const inSegment = articles.filter((a) => a.searchSeg === seg);
    const gone = new Set(inSegment.map((a) => a.id));
    const segment = await db.searchSegments.get(seg);
    if (!segment) continue;
    const dropped = new Set<number>();
    segment.docs = segment.docs.map((d, n) => (d && gone.has(d[1]) ? (dropped.add(n), null) : d));
    const keys = [...termsOf(inSegment, quotes.filter((q) => gone.has(q.articleId)))].map((term): PostingKey => [term, seg]);
    const rows = await db.searchPostings.bulkGet(keys);
    const kept: Array<[PostingKey, Uint8Array]> = [];
    const empty: PostingKey[] = [];
    rows.forEach((row, i) => {
      if (!row) return;
      const refs = unpackRefs(row);
      const left: number[] = [];
      for (let j = 0; j < refs.length; j += 2) if (!dropped.has(refs[j])) left.push(refs[j], refs[j + 1]);
      if (left.length === refs.length) return;
      if (left.length > 0) kept.push([keys[i], packRefs(left)]);
      else (empty.push(keys[i]), emptied.add(keys[i][0]));
    });
    await Promise.all([
      db.searchPostings.bulkPut(kept.map(([, row]) => row), asKeys(kept.map(([key]) => key))),
      db.searchPostings.bulkDelete(empty),
      segment.docs.some(Boolean) ? db.searchSegments.put(segment) : db.searchSegments.delete(seg),
    ]);
  }
  // Which emptied words other segments still hold: one cursor over their key ranges, not a query per word.
  const ranges = [...emptied].sort().map((term): [PostingKey, PostingKey] => [[term, -Infinity], [term, Infinity]]);
  const held = ranges.length > 0 ? await db.searchPostings.where(':id').inAnyRange(ranges, { includeUppers: true }).primaryKeys() : [];
  for (const [term] of held) emptied.delete(term);
  await changeVocabulary(db, emptied, 'remove');
}

/** Segments' text lists, each read once however many words and searches need it (until a write changes them: `segmentReader`). */
export class SegmentReader {
  private readonly read = new Map<SegmentId, Promise<SearchSegmentRow | undefined>>();
  constructor(private readonly db: Pick<SearchDb, 'searchSegments'>) {}

  async docs(segs: SegmentId[]): Promise<Array<SearchSegmentRow['docs'] | undefined>> {
    const missing = segs.filter((seg) => !this.read.has(seg));
    if (missing.length > 0) {
      const rows = this.db.searchSegments.bulkGet(missing);
      // A failed read is tried again by the next search.
      rows.catch(() => missing.forEach((seg) => this.read.delete(seg)));
      missing.forEach((seg, i) => this.read.set(seg, rows.then((r) => r[i])));
    }
    return Promise.all(segs.map(async (seg) => (await this.read.get(seg))?.docs));
  }
}

type PostingsDb = Dexie & Pick<SearchDb, 'searchPostings' | 'searchSegments'>;

/** This context's reader of a database's segments, new after any write to them: keystrokes after the first read no text list again. */
export const segmentReader = untilTableChanges('searchSegments', (db) => new SegmentReader(db as PostingsDb));

/** The postings of one word, at most `limit`: one key range of [term, seg], and the segments' text lists. */
export async function termPostings(db: PostingsDb, term: string, limit = Infinity, segments = segmentReader(db)): Promise<Posting[]> {
  const range = () => db.searchPostings.where(':id').between([term, -Infinity], [term, Infinity], true, true);
  // Keys and values of one range, read in one transaction so that they pair up.
  const [keys, rows] = await db.transaction('r', db.searchPostings, () => Promise.all([range().primaryKeys(), range().toArray()]));
  const docsOf = await segments.docs(keys.map(([, seg]) => seg));
  const out: Posting[] = [];
  rows.forEach((row, i) => {
    const docs = docsOf[i] ?? [];
    const refs = unpackRefs(row);
    for (let j = 0; j < refs.length && out.length < limit; j += 2) {
      const doc = docs[refs[j]];
      if (doc) out.push({ term, doc: doc[0], article: doc[1], count: refs[j + 1] });
    }
  });
  return out;
}

/** The folded words of an entity's name and aliases, for its `*words` index: "Tusk" finds "Donald Tusk". */
export function nameWords(entity: Pick<Entity, 'name' | 'aliases'>): string[] {
  return [...new Set([entity.name, ...entity.aliases].flatMap((name) => tokenize(name).map((t) => t.word)))];
}
