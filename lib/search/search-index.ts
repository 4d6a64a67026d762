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

/** One word of one searchable text (an article, or a quote in it) and how often it occurs there. */
export interface SearchTermRow {
  /** Folded word, as `tokenize` gives it. */
  term: string;
  /** The article's id, or the quote's id for a quote. */
  doc: string;
  /** The article the text belongs to: deleting an article deletes its rows. */
  article: string;
  count: number;
}

/** A word that occurs somewhere in the corpus: what query words are expanded against. */
export interface SearchWordRow {
  word: string;
}

/**
 * Dexie store definitions of the index, for the schema. Postings are keyed by
 * [term+doc], so one word's postings, or all words with a prefix, are one key range.
 */
export const SEARCH_SCHEMA = {
  searchTerms: '[term+doc], article',
  searchWords: 'word',
};

/** What adding one article writes: rows per table of SEARCH_SCHEMA. */
export interface SearchRows {
  searchTerms: SearchTermRow[];
  searchWords: SearchWordRow[];
}

type SearchTables = Pick<SearchDb, 'searchTerms' | 'searchWords'>;
export interface SearchDb {
  searchTerms: Dexie.Table<SearchTermRow, [string, string]>;
  searchWords: Dexie.Table<SearchWordRow, string>;
}

/** Headline and body: what a reader would search an article by. */
export function articleSearchText(article: Pick<ArticleRecord, 'title' | 'paragraphs'>): string {
  return article.title ? `${article.title}\n${articleText(article)}` : articleText(article);
}

function termRows(doc: string, article: string, text: string): SearchTermRow[] {
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

/** Writes rows from `searchRowsFor`; call inside the transaction that stores the articles. */
export async function putSearchRows(db: SearchTables, rows: SearchRows[]): Promise<void> {
  await Promise.all([
    db.searchTerms.bulkPut(rows.flatMap((r) => r.searchTerms)),
    db.searchWords.bulkPut([...new Set(rows.flatMap((r) => r.searchWords.map((w) => w.word)))].map((word) => ({ word }))),
  ]);
}

/**
 * Deletes the rows of these articles and their quotes, and the words no other
 * article uses any more; call inside the transaction that deletes the articles.
 */
export async function removeSearchRows(db: SearchTables, articleIds: string[]): Promise<void> {
  if (articleIds.length === 0) return;
  const rows = db.searchTerms.where('article').anyOf(articleIds);
  const terms = new Set((await rows.toArray()).map((row) => row.term));
  await rows.delete();
  const orphaned = await Promise.all(
    [...terms].map(async (term) => ((await termPostings(db, term).count()) === 0 ? term : null)),
  );
  await db.searchWords.bulkDelete(orphaned.filter((term): term is string => term !== null));
}

/** The postings of one word: one key range of [term+doc]. */
export function termPostings(db: Pick<SearchDb, 'searchTerms'>, term: string) {
  return db.searchTerms.where('[term+doc]').between([term, ''], [term, '\uffff'], true, true);
}

/** The folded words of an entity's name and aliases, for its `*words` index: "Tusk" finds "Donald Tusk". */
export function nameWords(entity: Pick<Entity, 'name' | 'aliases'>): string[] {
  return [...new Set([entity.name, ...entity.aliases].flatMap((name) => tokenize(name).map((t) => t.word)))];
}
