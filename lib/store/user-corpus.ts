/**
 * The user's own corpus: articles saved from pages or imported, added and
 * deleted one batch at a time (analysed alone, merged into the stored
 * entities), and exported in a form that imports back exactly.
 */
import type { Analysis, Entity } from '../analysis/types';
import type { ParsedArticle } from '../corpus/article';
import type { ArticleMeta, ArticleRecord, BackstoryDb, EntityRecord, QuoteRecord, SourceRecord } from './db';
import { appearanceKeysIn, appearancesIn, mentionsOf } from './appearances';
import { analyzeArticles, analyzeInThisThread, commitBatch, toArticleRecord, type Analyzer } from './ingest';
import { batchTransaction, removeArticles } from './merge';
import type { PendingCounts } from './pending-counts';

/** An article to add: parsed text plus what a saved page knows about itself. */
export interface NewArticle extends Omit<ParsedArticle, 'file' | 'index'>, Partial<Omit<ArticleMeta, 'addedAt'>> {
  /** The file or page it came from (a file name, or the page's address), shown in the options page. */
  origin: string;
}

/** What one add did, for the popup ("Saved: … — 4 people, 2 places, 1 organisation, 3 quotes"). */
export interface AddReport {
  /** Ids of the articles added or updated, in input order (an exact duplicate gives the existing id). */
  articleIds: string[];
  added: number;
  /** Same address (or same text) as a stored article: that article was replaced. */
  updated: number;
  /** Exactly as stored already: nothing was written. */
  unchanged: number;
  found: { person: number; place: number; org: number; quotes: number };
}

/** The source row of saved pages. */
export const SAVED_SOURCE_ID = 'saved';

const savedSource = (): SourceRecord => ({ id: SAVED_SOURCE_ID, source: 'user', kind: 'saved', label: 'Saved pages', hash: '', createdAt: Date.now() });

/** Creates the source row of one import ("Import of 6 Dec 2026, 14:02") and returns its id. */
export async function createImportSource(db: BackstoryDb, label: string): Promise<string> {
  const id = `import:${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
  await db.sources.add({ id, source: 'user', kind: 'import', label, hash: '', createdAt: Date.now() });
  return id;
}

/**
 * Analyses `articles` as one batch and merges them into the store in one
 * transaction. An article whose address, or whose text, is already stored
 * replaces that article and keeps its id: saving a page again updates it.
 */
export async function addUserArticles(db: BackstoryDb, sourceId: string, articles: NewArticle[], analyze: Analyzer = analyzeInThisThread, pending?: PendingCounts): Promise<AddReport> {
  return addRecords(db, sourceId, await userRecords(sourceId, articles), (batch) => analyzeArticles(batch, analyze), pending);
}

/** Articles as records of `sourceId`, without ids (given when they are stored). */
function userRecords(sourceId: string, articles: NewArticle[]): Promise<ArticleRecord[]> {
  const addedAt = Date.now();
  return Promise.all(
    articles.map((a, index) =>
      toArticleRecord('', 'user', sourceId, { ...a, file: a.origin, index }, { url: a.url ?? null, siteName: a.siteName ?? null, byline: a.byline ?? null, addedAt }),
    ),
  );
}

/** Articles whose analysis started before they are stored (`analyseUserArticles`), for `storeAnalysedArticles`. */
export interface AnalysedArticles {
  records: ArticleRecord[];
  /** The ids the analysis was asked with, in its order. */
  ids: string[];
  analysis: Promise<Analysis>;
  analyze: Analyzer;
}

/**
 * Starts analysing `articles` before they can be stored, so an import
 * analyses one batch while the batch before it is being written. Each article
 * gets a new id now; storing keeps the analysis only when none of them turns
 * out to repeat a stored article or another of the batch (see
 * `storeAnalysedArticles`).
 */
export async function analyseUserArticles(sourceId: string, articles: NewArticle[], analyze: Analyzer = analyzeInThisThread): Promise<AnalysedArticles> {
  const records = await userRecords(sourceId, articles);
  for (const record of records) record.id = `user:${crypto.randomUUID()}`;
  const analysis = analyzeArticles(records, analyze);
  // Awaited when stored; a batch given up before (a cancelled or failed import) must not report its failure as unhandled.
  analysis.catch(() => undefined);
  return { records, ids: records.map((r) => r.id), analysis, analyze };
}

/**
 * Stores articles `analyseUserArticles` started analysing, exactly as
 * `addUserArticles` would store them: they are compared with the store only
 * now (the batch before them may have just stored the same article), and if
 * one replaces a stored article, repeats an unchanged one or another of the
 * batch, the ids or the articles analysed have changed, so the batch left is
 * analysed again.
 */
export function storeAnalysedArticles(db: BackstoryDb, sourceId: string, analysed: AnalysedArticles, pending?: PendingCounts): Promise<AddReport> {
  const { records, ids, analysis, analyze } = analysed;
  const asAnalysed = (batch: ArticleRecord[]) => batch.length === ids.length && batch.every((record, i) => record.id === ids[i]);
  return addRecords(db, sourceId, records, (batch) => (asAnalysed(batch) ? analysis : analyzeArticles(batch, analyze)), pending);
}

/** Shared by adds and export imports: dedupe against the store, analyse, commit (the counts owed, with `pending`). */
async function addRecords(
  db: BackstoryDb,
  sourceId: string,
  records: ArticleRecord[],
  analyze: (batch: ArticleRecord[]) => Analysis | Promise<Analysis>,
  pending?: PendingCounts,
): Promise<AddReport> {
  const replaces: string[] = [];
  const unique = new Map<string, ArticleRecord>();
  let updated = 0;
  const unchanged: string[] = [];
  // An article of this very batch with the same address or text (an import's files are stored together): the later replaces it.
  const byUrl = new Map<string, ArticleRecord>();
  const byText = new Map<string, ArticleRecord>();
  const remember = (record: ArticleRecord) => {
    if (record.url) byUrl.set(record.url, record);
    byText.set(record.textHash, record);
  };
  let updatedInBatch = 0;
  // Asked all at once, in one transaction: one after the other, a batch of files waited a round trip each.
  const stored = await db.transaction('r', db.articles, () => Promise.all(records.map((record) => findSameArticle(db, record))));
  for (const [i, record] of records.entries()) {
    const earlier = (record.url ? byUrl.get(record.url) : undefined) ?? byText.get(record.textHash);
    if (earlier) {
      record.id = earlier.id;
      unique.set(record.id, record);
      updatedInBatch++;
      remember(record);
      continue;
    }
    const existing = stored[i];
    if (existing && existing.hash === record.hash && existing.url === record.url && existing.sourceId === record.sourceId) {
      record.id = existing.id; // exactly what is stored: nothing to write
      unchanged.push(existing.id);
      continue;
    }
    if (existing) {
      replaces.push(existing.id);
      updated++;
    }
    record.id ||= existing?.id ?? `user:${crypto.randomUUID()}`;
    if (existing) record.id = existing.id;
    unique.set(record.id, record);
    remember(record);
  }
  const batch = [...unique.values()];
  const source = sourceId === SAVED_SOURCE_ID ? savedSource() : null;
  const result =
    batch.length > 0
      ? await commitBatch(db, batch, await analyze(batch), { replaces, alsoWrite: async () => void (source && !(await db.sources.get(source.id)) && (await db.sources.put(source))), pending })
      : { found: { person: 0, place: 0, org: 0, quotes: 0 } };
  const found = unchanged.length > 0 ? addFound(result.found, await foundIn(db, unchanged)) : result.found;
  return { articleIds: records.map((r) => r.id), added: batch.length - updated, updated: updated + updatedInBatch, unchanged: unchanged.length, found };
}

type Found = AddReport['found'];
const addFound = (a: Found, b: Found): Found => ({ person: a.person + b.person, place: a.place + b.place, org: a.org + b.org, quotes: a.quotes + b.quotes });

/** What stored articles hold: their entities by type, and their quotes. */
async function foundIn(db: BackstoryDb, articleIds: string[]): Promise<Found> {
  const [appearing, quotes] = await Promise.all([appearanceKeysIn(db, articleIds), db.quotes.where('articleId').anyOf(articleIds).count()]);
  const found: Found = { person: 0, place: 0, org: 0, quotes };
  for (const e of await db.entities.bulkGet([...new Set(appearing.map(([, entityId]) => entityId))])) if (e) found[e.type]++;
  return found;
}

/** A stored user article with the same address, else the same text. */
async function findSameArticle(db: BackstoryDb, record: ArticleRecord): Promise<ArticleRecord | undefined> {
  const byUrl = record.url ? await db.articles.where('url').equals(record.url).first() : undefined;
  if (byUrl?.source === 'user') return byUrl;
  const byText = await db.articles.where('textHash').equals(record.textHash).toArray();
  return byText.find((a) => a.source === 'user');
}

/** Deletes articles and everything derived from them: mentions, quotes, counts, orphaned entities. */
export async function deleteArticles(db: BackstoryDb, articleIds: string[]): Promise<void> {
  await batchTransaction(db, () => removeArticles(db, articleIds));
}

/** Deletes a whole import (or all saved pages) with everything derived from it. Bundled files stay. */
export async function deleteSource(db: BackstoryDb, sourceId: string): Promise<void> {
  await batchTransaction(db, async () => {
    const source = await db.sources.get(sourceId);
    if (source?.source === 'bundled') throw new Error('The bundled corpus cannot be deleted');
    await removeArticles(db, await db.articles.where('sourceId').equals(sourceId).primaryKeys());
    await db.sources.delete(sourceId);
  });
}

type ExportedEntity = Pick<Entity, 'id' | 'name' | 'type' | 'aliases' | 'roles'>;
type ExportedArticle = Omit<ArticleRecord, 'sourceId' | 'searchSeg'> & {
  mentions: Array<{ entityId: string; start: number; end: number }>;
  quotes: Array<Omit<QuoteRecord, 'articleId' | 'aboutIds' | 'date'>>;
};

/** Backstory's own export: every user article with its analysis, so it imports back exactly. */
export interface ExportFile {
  format: 'backstory-export';
  version: 1;
  exportedAt: string;
  articles: ExportedArticle[];
  entities: ExportedEntity[];
}

export const EXPORT_FORMAT = 'backstory-export';

export async function exportUserCorpus(db: BackstoryDb): Promise<ExportFile> {
  return db.transaction('r', [db.articles, db.entityMentions, db.articleEntities, db.quotes, db.entities], async () => {
    const articles = await db.articles.where('source').equals('user').toArray();
    const ids = articles.map((a) => a.id);
    const [appearances, quotes] = await Promise.all([appearancesIn(db, articles), db.quotes.where('articleId').anyOf(ids).toArray()]);
    const mentions = mentionsOf(appearances);
    const entityIds = [...new Set([...mentions.map((m) => m.entityId), ...quotes.flatMap((q) => (q.speakerId ? [q.speakerId] : []))])].sort();
    const entities = (await db.entities.bulkGet(entityIds)).filter((e): e is EntityRecord => !!e);
    return {
      format: EXPORT_FORMAT,
      version: 1,
      exportedAt: new Date().toISOString(),
      articles: articles.map(({ sourceId: _, searchSeg: _s, ...article }) => ({
        ...article,
        mentions: mentions.filter((m) => m.articleId === article.id).map(({ entityId, start, end }) => ({ entityId, start, end })),
        quotes: quotes.filter((q) => q.articleId === article.id).map(({ articleId: _a, aboutIds: _b, date: _c, ...q }) => q),
      })),
      entities: entities.map(({ id, name, type, aliases, roles }) => ({ id, name, type, aliases, roles })),
    };
  });
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNullableString = (v: unknown) => v === null || isString(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isOffset = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const ENTITY_TYPES = new Set(['person', 'place', 'org']);

/** Checks a parsed JSON value is an export this version reads; the reason when it is not. */
export function parseExportFile(value: unknown): { ok: true; file: ExportFile } | { ok: false; error: string } {
  const v = value as Partial<ExportFile> | null;
  if (!v || typeof v !== 'object' || v.format !== EXPORT_FORMAT) return { ok: false, error: 'not a Backstory export (no "format": "backstory-export")' };
  if (v.version !== 1) return { ok: false, error: `export version ${String(v.version)} is not one this version of Backstory reads` };
  if (!Array.isArray(v.articles) || !Array.isArray(v.entities)) return { ok: false, error: 'the export has no "articles" or "entities" list' };
  const entityIds = new Set<string>();
  for (const [i, e] of v.entities.entries()) {
    if (!e || !isString(e.id) || !isString(e.name) || !ENTITY_TYPES.has(e.type) || !isStringArray(e.aliases) || !isStringArray(e.roles))
      return { ok: false, error: `entity ${i + 1} is malformed` };
    entityIds.add(e.id);
  }
  for (const [i, a] of v.articles.entries()) {
    const where = `article ${i + 1}`;
    if (!a || !isString(a.id) || !a.id.startsWith('user:') || !isStringArray(a.paragraphs) || !isStringArray(a.captions)) return { ok: false, error: `${where} is malformed` };
    if (![a.title, a.date, a.credits, a.url, a.siteName, a.byline].every(isNullableString)) return { ok: false, error: `${where} has a malformed field` };
    const length = a.paragraphs.join('\n').length;
    const inText = (x: { start: unknown; end: unknown }) => isOffset(x.start) && isOffset(x.end) && x.start <= x.end && x.end <= length;
    if (!Array.isArray(a.mentions) || !a.mentions.every((m) => m && inText(m) && entityIds.has(m.entityId))) return { ok: false, error: `${where} has a malformed mention` };
    if (!Array.isArray(a.quotes) || !a.quotes.every((q) => q && inText(q) && isString(q.text) && (q.speakerId === null || entityIds.has(q.speakerId)) && isNullableString(q.speakerDescription)))
      return { ok: false, error: `${where} has a malformed quote` };
  }
  return { ok: true, file: v as ExportFile };
}

/** Imports an export file into `sourceId`, keeping its analysis as it was. */
export async function importExportFile(db: BackstoryDb, sourceId: string, file: ExportFile): Promise<AddReport> {
  const records: ArticleRecord[] = file.articles.map(({ mentions: _m, quotes: _q, ...article }) => ({
    ...article,
    complete: article.complete !== false,
    sourceId,
    source: 'user',
  }));
  const byId = new Map(file.articles.map((a) => [a.id, a]));
  const entities = new Map(file.entities.map((e) => [e.id, e]));
  // The stored analysis travels with each article: its ids follow the article if it replaces a stored one.
  return addRecords(db, sourceId, records, (batch) => {
    const analysis: Analysis = { entities: [], mentions: [], quotes: [] };
    const used = new Set<string>();
    for (const record of batch) {
      const exported = byId.get(exportedIdOf(record, file))!;
      for (const m of exported.mentions) {
        analysis.mentions.push({ ...m, articleId: record.id });
        used.add(m.entityId);
      }
      for (const q of exported.quotes) {
        analysis.quotes.push({ ...q, id: q.id.replace(exported.id, record.id), articleId: record.id });
        if (q.speakerId) used.add(q.speakerId);
      }
    }
    analysis.entities = [...used].map((id) => ({ ...entities.get(id)! }));
    return analysis;
  });
}

/** The exported article a record came from: records keep the exported id unless they replaced a stored article. */
function exportedIdOf(record: ArticleRecord, file: ExportFile): string {
  return file.articles.find((a) => a.id === record.id || (a.textHash === record.textHash && a.hash === record.hash))!.id;
}

/** What "Save this page" extracts from a page (lib/corpus/page-extract.ts), as far as storing it needs. */
export interface ExtractedPage {
  url: string;
  siteName: string;
  title: string;
  byline: string | null;
  /** yyyy-mm-dd, or null. */
  published: string | null;
  paragraphs: string[];
}

/** An extracted page as an article to add: its title and paragraphs, and what the page says about itself. */
export function articleFromPage(page: ExtractedPage): NewArticle {
  return {
    origin: page.url,
    title: page.title,
    date: page.published,
    credits: null,
    captions: [],
    paragraphs: page.paragraphs,
    complete: true,
    url: page.url,
    siteName: page.siteName,
    byline: page.byline,
  };
}
