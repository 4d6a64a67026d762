/**
 * From parsed articles to stored records: ids, hashes and word counts, and
 * the one way a batch of them is analysed and written (merge.ts), shared by
 * the bundled corpus's loader and the user's saves and imports.
 */
import { analyzeCorpus } from '../analysis';
import { lexiconReady } from '../analysis/lexicon';
import type { Analysis, AnalysisInput } from '../analysis/types';
import { articleText, type ParsedArticle } from '../corpus/article';
import type { ArticleMeta, ArticleRecord, ArticleSource, BackstoryDb } from './db';
import { batchTransaction, removeArticles, writeBatch, type BatchResult } from './merge';
import { newSearchTexts, type NewSearchTexts } from '../search/search-index';
import type { PendingCounts } from './pending-counts';

/** A file to ingest, as bytes: validation (empty, not text) is part of ingesting. */
export interface CorpusFile {
  name: string;
  bytes: Uint8Array;
}

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const WORD = /\S+/g;
export const countWords = (text: string) => text.match(WORD)?.length ?? 0;

const NO_META: ArticleMeta = { url: null, siteName: null, byline: null, addedAt: null };

/** A parsed article as a record of `sourceId`, with its content and text hashes. */
export async function toArticleRecord(
  id: string,
  source: ArticleSource,
  sourceId: string,
  article: ParsedArticle,
  meta: ArticleMeta = NO_META,
): Promise<ArticleRecord> {
  const { title, date, credits, captions, paragraphs } = article;
  const text = articleText(article);
  const [hash, textHash] = await Promise.all([sha256Hex(JSON.stringify({ title, date, credits, captions, paragraphs })), sha256Hex(text)]);
  return { ...article, ...meta, id, source, sourceId, hash, textHash, words: countWords(text) };
}

/** An article as the analysis takes it: its body, and its headline for the search index. */
export interface BatchInput extends AnalysisInput {
  title?: string | null;
}

/** A batch's analysis, and what it adds to the search index: both need only the batch's own texts. */
export interface AnalysedBatch extends Analysis {
  search: NewSearchTexts;
}

/** Analyses one batch of texts: in this thread, or in another (lib/worker/analysis.ts). */
export type Analyzer = (inputs: BatchInput[]) => Promise<AnalysedBatch>;

export const analyzeInThisThread: Analyzer = async (inputs) => {
  await lexiconReady();
  const analysis = analyzeCorpus(inputs);
  return { ...analysis, search: newSearchTexts(inputs, analysis.quotes) };
};

/** What the analysis reads of a batch of articles. */
export const analysisInputs = (articles: ArticleRecord[]): BatchInput[] => articles.map((a) => ({ id: a.id, title: a.title, text: articleText(a) }));

/** The analysis of a batch of articles, run before the write transaction: it is pure CPU work and holds no transaction open. */
export function analyzeArticles(articles: ArticleRecord[], analyze: Analyzer = analyzeInThisThread): Promise<AnalysedBatch> {
  return analyze(analysisInputs(articles));
}

/**
 * Writes one analysed batch in one transaction, after removing the articles
 * it replaces: readers see the corpus before the batch or after it, never
 * between. With `pending` (a bulk job's, pending-counts.ts), the counts it
 * changes are owed, and what it adds to the debt is stored with it.
 */
export async function commitBatch(
  db: BackstoryDb,
  articles: ArticleRecord[],
  analysis: Analysis,
  { replaces = [] as string[], alsoWrite = async (): Promise<unknown> => undefined, pending = undefined as PendingCounts | undefined } = {},
): Promise<BatchResult> {
  try {
    const result = await batchTransaction(db, async () => {
      await removeArticles(db, replaces, pending);
      const result = await writeBatch(db, articles, analysis, pending);
      await alsoWrite();
      const marker = pending?.stagedMarker();
      if (marker) await db.meta.put(marker);
      return result;
    });
    pending?.commit();
    return result;
  } catch (error) {
    pending?.discard();
    throw error;
  }
}
