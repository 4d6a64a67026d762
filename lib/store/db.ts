import Dexie, { type EntityTable } from 'dexie';
import type { Entity, Mention, Quote } from '../analysis/types';
import type { ParsedArticle } from '../corpus/article';
import { SEARCH_SCHEMA, type SearchDb } from '../search/search-index';

/** Where an article came from: shipped with the extension, or added by the user. */
export type ArticleSource = 'bundled' | 'user';

export interface ArticleRecord extends ParsedArticle {
  /** `${source}:${file}#${index}`: stable across re-ingestion of the same file. */
  id: string;
  source: ArticleSource;
  /** SHA-256 (hex) of the article's title, date, credits, captions and paragraphs. */
  hash: string;
}

/** One ingested file; its hash tells whether a re-ingest has anything to do. */
export interface SourceFileRecord {
  /** `${source}:${file}` */
  id: string;
  source: ArticleSource;
  file: string;
  /** SHA-256 (hex) of the file's bytes. */
  hash: string;
  articleIds: string[];
  loadedAt: number;
}

export interface EntityRecord extends Entity {
  /** Lower-cased name and aliases, for lookups by any name. */
  keys: string[];
  /** Folded words of the name and aliases, for search by any word of them (`nameWords`). */
  words: string[];
  /** How many articles mention it and how many quotes it has, for ranking. */
  articleCount: number;
  quoteCount: number;
}

export interface MentionRecord extends Mention {}

export interface QuoteRecord extends Quote {
  /** Entities mentioned inside the quote ("quotes about"). */
  aboutIds: string[];
}

export const DB_NAME = 'backstory';

export type BackstoryDb = Dexie & {
  articles: EntityTable<ArticleRecord, 'id'>;
  sources: EntityTable<SourceFileRecord, 'id'>;
  entities: EntityTable<EntityRecord, 'id'>;
  mentions: Dexie.Table<MentionRecord, [string, number, string]>;
  quotes: EntityTable<QuoteRecord, 'id'>;
} & SearchDb;

/** Version 1: articles and the files they came from. */
export const SCHEMA_V1 = {
  articles: 'id, source, file, date',
  sources: 'id, source',
};

/** Version 2: entities, their mentions and quotes, computed from the articles. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  entities: 'id, type, *keys',
  // Mentions nest ("US" inside "US Department of Defense"), so the entity is part of the key.
  mentions: '[articleId+start+entityId], entityId, articleId',
  quotes: 'id, articleId, speakerId, *aboutIds',
};

/** Version 3: the search index (postings and vocabulary), and entities by the words of their names. */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  entities: 'id, type, *keys, *words',
  ...SEARCH_SCHEMA,
};

/**
 * Opens the database. Only extension pages call this (background, popup, side
 * panel, options): a content script's IndexedDB belongs to the web page.
 */
export function openDb(name = DB_NAME): BackstoryDb {
  const db = new Dexie(name) as BackstoryDb;
  db.version(1).stores(SCHEMA_V1);
  // v1 → v2 adds tables only. Entities are derived data: clearing the source
  // hashes makes the next ingest re-analyse every article already stored.
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade((tx) => tx.table('sources').toCollection().modify({ hash: '' }));
  // v2 → v3: the index is derived from the articles too; the next ingest writes it.
  db.version(3)
    .stores(SCHEMA_V3)
    .upgrade((tx) => tx.table('sources').toCollection().modify({ hash: '' }));
  return db;
}
