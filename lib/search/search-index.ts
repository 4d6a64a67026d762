/**
 * The persisted search index: postings of quote and article words, and the
 * vocabulary that query words expand through (prefixes, typos).
 *
 * It is kept per article, so ingest adds or removes one article's rows inside
 * its own write transaction and nothing is rebuilt from the whole corpus; a
 * search reads only the postings of its words (key ranges), never the corpus.
 */
import type Dexie from 'dexie';
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
 * Postings are stored by segment: each write (a batch of the bundled corpus,
 * one saved page, one imported file) is a segment, with one row per word it
 * holds listing its texts by their number in the segment. A row per word and
 * text instead was ten times the size of the text itself; a row per word for
 * the whole corpus would cost every write more as the corpus grows.
 */
export interface SearchTermRow {
  term: string;
  seg: string;
  /** [text number in the segment, occurrences] pairs, flat. */
  refs: number[];
}

/** A segment's texts: [doc, article] by number; a deleted article's texts become null, keeping the others' numbers. */
export interface SearchSegmentRow {
  seg: string;
  docs: Array<[string, string] | null>;
}

/** A word that occurs somewhere in the corpus: what query words are expanded against. */
export interface SearchWordRow {
  word: string;
}

/**
 * Dexie store definitions of the index, for the schema. Term rows are keyed
 * by [term+seg], so one word's postings, or all words with a prefix, are one key range.
 */
export const SEARCH_SCHEMA = {
  searchTerms: '[term+seg], seg',
  searchSegments: 'seg',
  searchWords: 'word',
};

/** What indexing articles gives, before it is stored as a segment. */
export interface SearchRows {
  searchTerms: Posting[];
  searchWords: SearchWordRow[];
}

type SearchTables = Pick<SearchDb, 'searchTerms' | 'searchSegments' | 'searchWords'>;
export interface SearchDb {
  searchTerms: Dexie.Table<SearchTermRow, [string, string]>;
  searchSegments: Dexie.Table<SearchSegmentRow, string>;
  searchWords: Dexie.Table<SearchWordRow, string>;
}

/** Headline and body: what a reader would search an article by. */
export function articleSearchText(article: Pick<ArticleRecord, 'title' | 'paragraphs'>): string {
  return article.title ? `${article.title}\n${articleText(article)}` : articleText(article);
}

function termRows(doc: string, article: string, text: string): Posting[] {
  const counts = new Map<string, number>();
  for (const { word } of tokenize(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts].map(([term, count]) => ({ term, doc, article, count }));
}

/** The index rows of one article and its quotes, to bulkPut when the article is stored. */
export function searchRowsFor(article: ArticleRecord, quotes: QuoteRecord[]): SearchRows {
  const searchTerms = termRows(article.id, article.id, articleSearchText(article));
  for (const quote of quotes) searchTerms.push(...termRows(quote.id, article.id, quote.text));
  // A quote's words are words of its article, so the article's rows name every word.
  const searchWords = searchTerms.filter((row) => row.doc === article.id).map(({ term }) => ({ word: term }));
  return { searchTerms, searchWords };
}

/** `searchRowsFor` of each article, given quotes of any articles. */
export function searchRowsForArticles(articles: ArticleRecord[], quotes: QuoteRecord[]): SearchRows[] {
  const quotesOf = new Map<string, QuoteRecord[]>();
  for (const quote of quotes) {
    if (!quotesOf.has(quote.articleId)) quotesOf.set(quote.articleId, []);
    quotesOf.get(quote.articleId)!.push(quote);
  }
  return articles.map((article) => searchRowsFor(article, quotesOf.get(article.id) ?? []));
}

/** A new segment's id: unique, and in writing order. */
export const newSegment = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Writes rows from `searchRowsFor` as segment `seg`; call inside the transaction that stores the articles. */
export async function putSearchRows(db: SearchTables, rows: SearchRows[], seg = newSegment()): Promise<void> {
  const docs: Array<[string, string]> = [];
  const numbers = new Map<string, number>();
  const refs = new Map<string, number[]>();
  for (const posting of rows.flatMap((r) => r.searchTerms)) {
    let n = numbers.get(posting.doc);
    if (n === undefined) numbers.set(posting.doc, (n = docs.push([posting.doc, posting.article]) - 1));
    refs.get(posting.term)?.push(n, posting.count) ?? refs.set(posting.term, [n, posting.count]);
  }
  await Promise.all([
    db.searchSegments.put({ seg, docs }),
    db.searchTerms.bulkPut([...refs].map(([term, r]) => ({ term, seg, refs: r }))),
    db.searchWords.bulkPut([...new Set(rows.flatMap((r) => r.searchWords.map((w) => w.word)))].map((word) => ({ word }))),
  ]);
}

/**
 * Deletes these articles' texts from their segments, and the words no other
 * article uses any more; call inside the transaction that deletes the
 * articles. Costs the size of the segments touched, not of the corpus.
 */
export async function removeSearchRows(db: SearchTables, articles: Array<{ id: string; searchSeg?: string }>): Promise<void> {
  const gone = new Set(articles.map((a) => a.id));
  const segs = [...new Set(articles.map((a) => a.searchSeg).filter((s): s is string => !!s))];
  const emptied = new Set<string>();
  for (const seg of segs) {
    const segment = await db.searchSegments.get(seg);
    if (!segment) continue;
    const dropped = new Set<number>();
    segment.docs = segment.docs.map((d, n) => (d && gone.has(d[1]) ? (dropped.add(n), null) : d));
    if (!segment.docs.some(Boolean)) {
      // The whole segment goes (one saved page, one imported file): its words from the keys alone, no rows read.
      for (const [term] of await db.searchTerms.where('seg').equals(seg).primaryKeys()) emptied.add(term);
      await db.searchTerms.where('seg').equals(seg).delete();
      await db.searchSegments.delete(seg);
      continue;
    }
    const rows = await db.searchTerms.where('seg').equals(seg).toArray();
    const kept: SearchTermRow[] = [];
    for (const row of rows) {
      const refs: number[] = [];
      for (let i = 0; i < row.refs.length; i += 2) if (!dropped.has(row.refs[i])) refs.push(row.refs[i], row.refs[i + 1]);
      if (refs.length > 0) kept.push({ ...row, refs });
      else emptied.add(row.term);
    }
    await db.searchTerms.where('seg').equals(seg).delete();
    await db.searchTerms.bulkPut(kept);
    await db.searchSegments.put(segment);
  }
  // Which emptied words other segments still hold: one cursor over their key ranges, not a query per word.
  const ranges = [...emptied].sort().map((term): [[string, string], [string, string]] => [[term, ''], [term, '\uffff']]);
  const held = ranges.length > 0 ? await db.searchTerms.where('[term+seg]').inAnyRange(ranges, { includeUppers: true }).keys() : [];
  for (const key of held) emptied.delete((key as unknown as [string, string])[0]);
  await db.searchWords.bulkDelete([...emptied]);
}

const termRows_ = (db: Pick<SearchDb, 'searchTerms'>, term: string) => db.searchTerms.where('[term+seg]').between([term, ''], [term, '\uffff'], true, true);

/** The postings of one word, at most `limit`: one key range of [term+seg], and the segments' text lists. */
export async function termPostings(db: Pick<SearchDb, 'searchTerms' | 'searchSegments'>, term: string, limit = Infinity): Promise<Posting[]> {
  const rows = await termRows_(db, term).toArray();
  const segments = await db.searchSegments.bulkGet(rows.map((r) => r.seg));
  const out: Posting[] = [];
  rows.forEach((row, i) => {
    const docs = segments[i]?.docs ?? [];
    for (let j = 0; j < row.refs.length && out.length < limit; j += 2) {
      const doc = docs[row.refs[j]];
      if (doc) out.push({ term, doc: doc[0], article: doc[1], count: row.refs[j + 1] });
    }
  });
  return out;
}

/** The folded words of an entity's name and aliases, for its `*words` index: "Tusk" finds "Donald Tusk". */
export function nameWords(entity: Pick<Entity, 'name' | 'aliases'>): string[] {
  return [...new Set([entity.name, ...entity.aliases].flatMap((name) => tokenize(name).map((t) => t.word)))];
}
