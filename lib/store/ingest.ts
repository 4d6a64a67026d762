import type { Analysis, AnalysisInput, Mention } from '../analysis/types';
import { articleText, type ParsedArticle } from '../corpus/article';
import { nameWords, putSearchRows, removeSearchRows, searchRowsForArticles } from '../search/search-index';
import type { ArticleRecord, ArticleSource, BackstoryDb, EntityRecord, QuoteRecord, SourceFileRecord } from './db';

/** A file to ingest, as bytes: validation (empty, not text) is part of ingesting. */
export interface CorpusFile {
  name: string;
  bytes: Uint8Array;
}

/** The steps ingestion depends on, passed in so tests and the CLI share one pipeline. */
export interface IngestPipeline {
  decode(name: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: string };
  parse(file: string, text: string): ParsedArticle[];
  analyze(inputs: AnalysisInput[]): Analysis;
}

export interface IngestReport {
  /** Files whose articles were (re)written. */
  changedFiles: string[];
  /** Files skipped, each with the reason, e.g. "empty.txt: the file is empty". */
  errors: string[];
  articles: number;
  entities: number;
  quotes: number;
}

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const sourceId = (source: ArticleSource, file: string) => `${source}:${file}`;
const articleId = (source: ArticleSource, article: ParsedArticle) => `${source}:${article.file}#${article.index}`;

async function toRecord(source: ArticleSource, article: ParsedArticle): Promise<ArticleRecord> {
  const { title, date, credits, captions, paragraphs } = article;
  const hash = await sha256Hex(JSON.stringify({ title, date, credits, captions, paragraphs }));
  return { ...article, id: articleId(source, article), source, hash };
}

/**
 * Brings the stored corpus of one source in line with `files`: new and changed
 * files are (re)parsed, unchanged ones are left alone, and with `removeMissing`
 * files no longer given are dropped. Entities, mentions and quotes are derived
 * from all stored articles and rewritten with them, in one transaction, so a
 * reader never sees articles without their entities. Running it twice on the
 * same files writes nothing the second time.
 */
export async function ingestFiles(
  db: BackstoryDb,
  source: ArticleSource,
  files: CorpusFile[],
  pipeline: IngestPipeline,
  { removeMissing = false } = {},
): Promise<IngestReport> {
  const errors: string[] = [];
  const known = new Map((await db.sources.where('source').equals(source).toArray()).map((s) => [s.id, s]));
  const changed: Array<{ record: SourceFileRecord; articles: ArticleRecord[] }> = [];
  const given = new Set<string>();

  for (const file of files) {
    const id = sourceId(source, file.name);
    const decoded = pipeline.decode(file.name, file.bytes);
    if (!decoded.ok) {
      errors.push(decoded.error);
      // A bad copy of a known file keeps the articles that loaded before.
      if (known.has(id)) given.add(id);
      continue;
    }
    given.add(id);
    const hash = await sha256Hex(file.bytes);
    if (known.get(id)?.hash === hash) continue;
    const parsed = pipeline.parse(file.name, decoded.text);
    if (parsed.length === 0) {
      errors.push(`${file.name}: no article text found`);
      continue;
    }
    const articles = await Promise.all(parsed.map((a) => toRecord(source, a)));
    changed.push({
      record: { id, source, file: file.name, hash, articleIds: articles.map((a) => a.id), loadedAt: Date.now() },
      articles,
    });
  }
  const removed = removeMissing ? [...known.values()].filter((s) => !given.has(s.id)) : [];
  const needsAnalysis = changed.length > 0 || removed.length > 0 || ((await db.entities.count()) === 0 && (await db.articles.count()) > 0);

  if (needsAnalysis) {
    // Analysis is pure CPU work on data read up front, so the write transaction
    // below holds no foreign awaits and commits as a whole or not at all.
    const replacedIds = new Set([...changed, ...removed.map((record) => ({ record }))].flatMap(({ record }) => known.get(record.id)?.articleIds ?? []));
    const kept = (await db.articles.toArray()).filter((a) => !replacedIds.has(a.id));
    const all = [...kept, ...changed.flatMap((c) => c.articles)];
    const analysis = pipeline.analyze(all.map((a) => ({ id: a.id, text: articleText(a) })));
    const { entities, mentions, quotes } = derivedRecords(analysis);
    const searchRows = searchRowsForArticles(changed.flatMap((c) => c.articles), quotes);

    await db.transaction('rw', [db.articles, db.sources, db.entities, db.mentions, db.quotes, db.searchTerms, db.searchWords], async () => {
      await db.articles.bulkDelete([...replacedIds]);
      await db.sources.bulkDelete(removed.map((s) => s.id));
      await db.articles.bulkPut(changed.flatMap((c) => c.articles));
      await db.sources.bulkPut(changed.map((c) => c.record));
      await Promise.all([db.entities.clear(), db.mentions.clear(), db.quotes.clear()]);
      await db.entities.bulkAdd(entities);
      await db.mentions.bulkAdd(mentions);
      await db.quotes.bulkAdd(quotes);
      await removeSearchRows(db, [...replacedIds]);
      await putSearchRows(db, searchRows);
    });
  }
  return {
    changedFiles: changed.map((c) => c.record.file),
    errors,
    articles: await db.articles.count(),
    entities: await db.entities.count(),
    quotes: await db.quotes.count(),
  };
}

/** Entity and quote records with the lookup keys and counts the UI ranks by. */
export function derivedRecords(analysis: Analysis): { entities: EntityRecord[]; mentions: Mention[]; quotes: QuoteRecord[] } {
  // One record per entity and position, whatever the extractor repeats.
  const mentions = [...new Map(analysis.mentions.map((m) => [`${m.articleId}\u0000${m.start}\u0000${m.entityId}`, m])).values()];
  const mentionsByArticle = new Map<string, Mention[]>();
  for (const m of mentions) {
    if (!mentionsByArticle.has(m.articleId)) mentionsByArticle.set(m.articleId, []);
    mentionsByArticle.get(m.articleId)!.push(m);
  }
  const quotes: QuoteRecord[] = analysis.quotes.map((quote) => {
    const inside = (mentionsByArticle.get(quote.articleId) ?? []).filter((m) => m.start >= quote.start && m.end <= quote.end);
    return { ...quote, aboutIds: [...new Set(inside.map((m) => m.entityId))] };
  });
  const articlesOf = new Map<string, Set<string>>();
  for (const m of mentions) {
    if (!articlesOf.has(m.entityId)) articlesOf.set(m.entityId, new Set());
    articlesOf.get(m.entityId)!.add(m.articleId);
  }
  const quoteCount = new Map<string, number>();
  for (const q of quotes) if (q.speakerId) quoteCount.set(q.speakerId, (quoteCount.get(q.speakerId) ?? 0) + 1);
  const entities = analysis.entities.map((entity) => ({
    ...entity,
    keys: [...new Set([entity.name, ...entity.aliases].map((n) => n.toLowerCase()))],
    words: nameWords(entity),
    articleCount: articlesOf.get(entity.id)?.size ?? 0,
    quoteCount: quoteCount.get(entity.id) ?? 0,
  }));
  return { entities, mentions, quotes };
}
