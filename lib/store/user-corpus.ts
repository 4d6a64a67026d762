/**
 * The user's own corpus: articles saved from pages or imported, added and
 * deleted one batch at a time (analysed alone, merged into the stored
 * entities), and exported in a form that imports back exactly.
 *
 * CONTRACT STUB: the lead is implementing these; other code may call them.
 */
import type { ParsedArticle } from '../corpus/article';
import type { ArticleMeta, BackstoryDb, EntityRecord, QuoteRecord, ArticleRecord } from './db';

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
  found: { person: number; place: number; org: number; quotes: number };
}

/** The source rows: saved pages and imports. */
export const SAVED_SOURCE_ID = 'saved';

/** Creates the source row of one import ("Import of 6 Dec 2026, 14:02") and returns its id. */
export async function createImportSource(db: BackstoryDb, label: string): Promise<string> {
  void db; void label;
  throw new Error('not implemented');
}

/** Analyses `articles` as one batch and merges them into the store in one transaction. */
export async function addUserArticles(db: BackstoryDb, sourceId: string, articles: NewArticle[]): Promise<AddReport> {
  void db; void sourceId; void articles;
  throw new Error('not implemented');
}

/** Deletes articles and everything derived from them: mentions, quotes, counts, orphaned entities. */
export async function deleteArticles(db: BackstoryDb, articleIds: string[]): Promise<void> {
  void db; void articleIds;
  throw new Error('not implemented');
}

/** Deletes a whole import (or all saved pages) with everything derived from it. */
export async function deleteSource(db: BackstoryDb, sourceId: string): Promise<void> {
  void db; void sourceId;
  throw new Error('not implemented');
}

/** Backstory's own export: every user article with its analysis, so it imports back exactly. */
export interface ExportFile {
  format: 'backstory-export';
  version: 1;
  exportedAt: string;
  articles: Array<Omit<ArticleRecord, 'sourceId'> & { mentions: Array<{ entityId: string; start: number; end: number }>; quotes: Omit<QuoteRecord, 'articleId'>[] }>;
  entities: Array<Omit<EntityRecord, 'articleCount' | 'quoteCount' | 'bundledCount' | 'keys' | 'joinKeys'>>;
}

export async function exportUserCorpus(db: BackstoryDb): Promise<ExportFile> {
  void db;
  throw new Error('not implemented');
}

/** Checks a parsed JSON value is an export this version reads; the reason when it is not. */
export function parseExportFile(value: unknown): { ok: true; file: ExportFile } | { ok: false; error: string } {
  void value;
  return { ok: false, error: 'not implemented' };
}

/** Imports an export file into `sourceId`, keeping its analysis as it was. */
export async function importExportFile(db: BackstoryDb, sourceId: string, file: ExportFile): Promise<AddReport> {
  void db; void sourceId; void file;
  throw new Error('not implemented');
}
