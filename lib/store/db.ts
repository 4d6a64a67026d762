import Dexie, { type EntityTable } from 'dexie';
import type { Entity, EntityType, Mention, Quote } from '../analysis/types';
import type { ParsedArticle } from '../corpus/article';
import { APPEARANCES_SCHEMA, NEXT_APPEARANCE_GROUP_KEY, UNDATED, groupRows, packSpans, unpackSpans, type ArticleEntitiesTable, type EntityMentionsTable } from './appearances';
import { articleTextMiddleware } from './article-text';
import { keysAndRows } from './key-reads';
import { QUOTE_LINKS_SCHEMA, quoteLinksOf, type QuoteLinksTable } from './quote-links';
import { SEARCH_SCHEMA, packRefs, prefixOf, storeBucket, vocabularyRows, type PostingBucket, type PostingKey, type SearchDb, type SegmentId } from '../search/search-index';

/** Where an article came from: shipped with the extension, or added by the user. */
export type ArticleSource = 'bundled' | 'user';

/** What a saved page or an imported HTML file adds to an article beyond its text. */
export interface ArticleMeta {
  /** The page's address: canonical where the page declares one. */
  url: string | null;
  siteName: string | null;
  byline: string | null;
  /** When the user saved or imported it (ms since the epoch); null for the bundled corpus. */
  addedAt: number | null;
}

export interface ArticleRecord extends ParsedArticle, ArticleMeta {
  /** Bundled: `bundled:${file}#${index}`, stable across re-ingestion of the same file; user: `user:${textHash prefix}`. */
  id: string;
  source: ArticleSource;
  /** The sources row it belongs to: a bundled file, the saved pages, or one import. */
  sourceId: string;
  /** SHA-256 (hex) of the article's title, date, credits, captions and paragraphs. */
  hash: string;
  /** SHA-256 (hex) of the body text alone: the same text saved from another address is the same article. */
  textHash: string;
  /** Words in the body, for throughput figures and the options page's counts. */
  words: number;
  /** The search index segment holding its words (lib/search/search-index.ts). */
  searchSeg?: SegmentId;
}

/**
 * Where articles came from. Bundled: one row per corpus file, with its hash
 * (a load that was stopped resumes from the files not yet here). User: one
 * row for saved pages and one per import.
 */
export interface SourceRecord {
  /** `bundled:${file}`, `saved`, or `import:${n}`. */
  id: string;
  source: ArticleSource;
  kind: 'bundled' | 'saved' | 'import';
  /** What the options page calls it: the file name, "Saved pages", "Import of 6 Dec 2026, 14:02". */
  label: string;
  /** Bundled: SHA-256 (hex) of the file's bytes. */
  hash: string;
  createdAt: number;
}

export interface EntityRecord extends Entity {
  /** Lower-cased name and aliases, for lookups by any name. */
  keys: string[];
  /** The keys by which another article's entity joins this one (lib/store/merge.ts). */
  joinKeys: string[];
  /** Folded words of the name and aliases, for search by any word of them (`nameWords`). */
  words: string[];
  /** How many articles mention it and how many quotes it has, for ranking. */
  articleCount: number;
  quoteCount: number;
  /** How many of its articles are bundled: an entity with none is known only from the user's own articles. */
  bundledCount: number;
  /**
   * How many articles write each form of the name: when the last article
   * writing a form is deleted, the form leaves the aliases (and the page lookups).
   */
  formCounts: Record<string, number>;
}

/** One mention, as the store hands it out (it keeps them grouped, one AppearanceRecord per article and entity). */
export interface MentionRecord extends Mention {}

/** Where one entity appears in one article, as the store hands it out (lib/store/appearances.ts keeps it in two tables). */
export interface AppearanceRecord {
  articleId: string;
  entityId: string;
  /** The article's date, '' when undated: newest articles first without reading them. */
  date: string;
  /** Start and end of every mention, in text order: [start, end, start, end, …]. */
  spans: number[];
}

export interface QuoteRecord extends Quote {
  /** Entities mentioned inside the quote ("quotes about"). */
  aboutIds: string[];
  /** The article's date (null when undated): quotes sort newest first without reading their articles. */
  date: string | null;
}

/** One normalised name form and the entities it can name, read by page lookups without loading all names. */
export interface NameRow {
  key: string;
  entries: NameEntry[];
}

export interface NameEntry {
  id: string;
  type: EntityType;
  /** 'name': the entity's name or an alias; 'surname': the last word of a person's name. */
  kind: 'name' | 'surname';
  /** Every form of this key is an acronym ("US"): the page must write it in capitals. */
  acronym: boolean;
  /** Ranks entities that share a name: the better known first. */
  articleCount: number;
  /** Known from at least one bundled article: such a name may be marked on any page. */
  bundled: boolean;
}

/** Small facts about the store: the bundled corpus's digest, the longest name in words. */
export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * The meta row holding how many files and articles the loaded bundled corpus
 * has (lib/store/bundled.ts keeps it), for the options page: counting them on
 * their index reads every entry (and Chromium checks each against its row),
 * some 20,000 reads at 10,000 articles on every write its live overview sees.
 */
export const BUNDLED_COUNTS_KEY = 'bundledCounts';

export interface BundledCounts {
  files: number;
  articles: number;
}

/** The bundled corpus's files and articles, counted on their indexes: what the meta row keeps, and the fallback before one is kept. */
export async function countBundled(db: BackstoryDb): Promise<BundledCounts> {
  const [files, articles] = await Promise.all([db.sources.where('source').equals('bundled').count(), db.articles.where('source').equals('bundled').count()]);
  return { files, articles };
}

export const DB_NAME = 'backstory';

export type BackstoryDb = Dexie & {
  articles: EntityTable<ArticleRecord, 'id'>;
  sources: EntityTable<SourceRecord, 'id'>;
  entities: EntityTable<EntityRecord, 'id'>;
  entityMentions: EntityMentionsTable;
  articleEntities: ArticleEntitiesTable;
  quotes: EntityTable<QuoteRecord, 'id'>;
  quoteLinks: QuoteLinksTable;
  names: EntityTable<NameRow, 'key'>;
  meta: EntityTable<MetaRow, 'key'>;
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

/**
 * Version 3: the user's own articles beside the bundled ones, merged one batch
 * at a time. Articles know their source row and their text's hash (the same
 * text from another address is the same article); entities carry the keys
 * another article's entity joins them by; `names` is the page lookup's index,
 * kept up to date with every write, so a woken worker reads only the names a
 * page holds; `meta` remembers which bundled corpus is loaded; the search
 * tables let the popup read only what a query needs.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  articles: 'id, source, sourceId, date, textHash, url',
  sources: 'id, source, kind',
  entities: 'id, type, *keys, *joinKeys, *words, quoteCount, articleCount',
  // One row per article and entity instead of one per mention: a fraction of the size.
  mentions: null,
  appearances: '[articleId+entityId], [entityId+date]',
  names: 'key',
  meta: 'key',
  // The popup's search index, written with the articles: a row per word and segment.
  searchTerms: '[term+seg], seg',
  searchSegments: 'seg',
  searchWords: 'word',
};

/**
 * Version 4: the search index's postings packed as bytes, a row per segment
 * and two-letter prefix of the words (lib/search/search-index.ts), without
 * v3's index by segment, segments numbered, and the vocabulary a row per
 * prefix too: a fraction of v3's bytes and rows.
 */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  searchTerms: null,
  searchWords: null,
  ...SEARCH_SCHEMA,
};

/**
 * Version 5: an entity's quotes, said and about it, newest first by key alone
 * (lib/store/quote-links.ts), replacing the quotes' multi-entry index of the
 * entities they name, which could only hand out all of them, unsorted; and
 * the search's buckets stored as three arrays each instead of a Map of byte
 * arrays (`StoredBucket`), which the browser is far quicker to read.
 */
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  quotes: 'id, articleId, speakerId',
  ...QUOTE_LINKS_SCHEMA,
};

/**
 * Version 7: where entities appear kept by key (lib/store/appearances.ts): an
 * entity's spans in an article, packed, under [entity, date, article] in place
 * of v6's row and compound index, and one row per article listing its
 * entities. Same records, a fraction of the bytes and rows. Articles lose
 * their index by date, which nothing reads (an entry per article).
 */
export const SCHEMA_V7 = {
  ...SCHEMA_V5,
  articles: 'id, source, sourceId, textHash, url',
  appearances: null,
  ...APPEARANCES_SCHEMA,
};

/** Quotes, and search buckets, read per step of the upgrade to v5: memory stays flat whatever the corpus. */
const QUOTES_PER_UPGRADE_STEP = 5000;
const BUCKETS_PER_UPGRADE_STEP = 500;

/** Rows of v3's postings read per step of the upgrade to v4: memory stays flat whatever the corpus. */
const POSTINGS_PER_UPGRADE_STEP = 5000;
/** Articles rewritten per step of the upgrade to v6 (a few MB of text): memory stays flat whatever the corpus. */
const ARTICLES_PER_UPGRADE_STEP = 500;
/** v6's appearance rows read per step of the upgrade to v7. */
const APPEARANCES_PER_UPGRADE_STEP = 5000;

/**
 * Hands a table's rows to `step` a page at a time, in key order, with their
 * keys: how an upgrade rewrites a table with memory flat whatever the corpus.
 */
async function forEachPage<T, K>(table: Dexie.Table<T, K>, size: number, step: (rows: T[], keys: K[]) => Promise<unknown>): Promise<void> {
  for (let after: K | null = null; ; ) {
    const range = () => (after === null ? table.toCollection() : table.where(':id').above(after)).limit(size);
    const [keys, rows] = await keysAndRows(range);
    if (keys.length === 0) return;
    after = keys[keys.length - 1];
    await step(rows, keys);
  }
}

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
  // v2 held only the bundled corpus, analysed as a whole. Its derived data has
  // none of v3's keys, so it is dropped with the articles: the next start loads
  // the bundled corpus again, in v3's batches (user articles did not exist yet).
  db.version(3)
    .stores(SCHEMA_V3)
    .upgrade(async (tx) => {
      await Promise.all(['articles', 'sources', 'entities', 'quotes'].map((table) => tx.table(table).clear()));
    });
  // v4 stores the same postings packed: they are copied, nothing is analysed again.
  db.version(4)
    .stores(SCHEMA_V4)
    .upgrade(async (tx) => {
      // v3's segment ids began with their time in base 36, so sorting them keeps their writing order.
      const segments = (await tx.table('searchSegments').toArray()) as Array<{ seg: string; docs: unknown }>;
      const numbers = new Map(segments.map((s) => s.seg).sort().map((seg, i): [string, SegmentId] => [seg, i + 1]));
      await tx.table('searchSegments').clear();
      await tx.table('searchSegments').bulkAdd(segments.map((s) => ({ seg: numbers.get(s.seg)!, docs: s.docs })));
      await tx
        .table('articles')
        .toCollection()
        .modify((article: { searchSeg?: string | SegmentId }) => {
          if (typeof article.searchSeg === 'string') article.searchSeg = numbers.get(article.searchSeg);
        });
      await tx.table('searchVocabulary').bulkAdd(vocabularyRows((await tx.table('searchWords').toCollection().primaryKeys()) as string[]));
      // v3's rows come in word order, so a prefix's words are together: its buckets are written when the next prefix begins.
      const v3Postings = tx.table('searchTerms');
      const buckets = new Map<SegmentId, PostingBucket>();
      let prefix: string | null = null;
      const writeBuckets = async () => {
        const segs = [...buckets.keys()];
        await tx.table('searchPostings').bulkPut([...buckets.values()], segs.map((seg): PostingKey => [prefix!, seg]) as never);
        buckets.clear();
      };
      for (let after: [string, string] | null = null; ; ) {
        const page = (await (after ? v3Postings.where('[term+seg]').above(after) : v3Postings.toCollection()).limit(POSTINGS_PER_UPGRADE_STEP).toArray()) as Array<{ term: string; seg: string; refs: number[] }>;
        if (page.length === 0) break;
        after = [page[page.length - 1].term, page[page.length - 1].seg];
        for (const row of page) {
          const seg = numbers.get(row.seg);
          if (seg === undefined) continue;
          if (prefixOf(row.term) !== prefix) {
            await writeBuckets();
            prefix = prefixOf(row.term);
          }
          if (!buckets.has(seg)) buckets.set(seg, new Map());
          buckets.get(seg)!.set(row.term, packRefs(row.refs));
        }
      }
      await writeBuckets();
    });
  // v5 derives the links from the quotes as stored: nothing is analysed again.
  db.version(5)
    .stores(SCHEMA_V5)
    .upgrade(async (tx) => {
      await forEachPage(tx.table<QuoteRecord, string>('quotes'), QUOTES_PER_UPGRADE_STEP, (quotes) => {
        const links = quoteLinksOf(quotes);
        return tx.table('quoteLinks').bulkAdd(links.map(() => 0), links as never);
      });
      // v4's buckets are Maps; v5 stores them as StoredBucket under the same keys.
      await forEachPage(tx.table<PostingBucket, PostingKey>('searchPostings'), BUCKETS_PER_UPGRADE_STEP, (buckets, keys) =>
        tx.table('searchPostings').bulkPut(buckets.map(storeBucket), keys as never),
      );
    });
  // v6 stores articles' paragraphs as UTF-8 bytes (lib/store/article-text.ts): the same
  // tables and indexes, every article rewritten through the middleware, a page at a time.
  db.version(6)
    .stores({})
    .upgrade(async (tx) => {
      const articles = tx.table<ArticleRecord, string>('articles');
      await forEachPage(articles, ARTICLES_PER_UPGRADE_STEP, (page) => articles.bulkPut(page));
    });
  // v7 moves v6's appearance rows into the two keyed tables, a page at a time: nothing is analysed again.
  db.version(7)
    .stores(SCHEMA_V7)
    .upgrade(async (tx) => {
      // Version 7's rows: the spans under [entity, date, article], the entity ids under the article.
      const putV7Rows = (rows: AppearanceRecord[]) => {
        const byArticle = new Map<string, string[]>();
        for (const { articleId, entityId } of rows) byArticle.get(articleId)?.push(entityId) ?? byArticle.set(articleId, [entityId]);
        return Promise.all([
          tx.table('entityMentions').bulkPut(rows.map((row) => packSpans(row.spans)), rows.map((row) => [row.entityId, row.date, row.articleId]) as never),
          tx.table('articleEntities').bulkPut([...byArticle.values()], [...byArticle.keys()]),
        ]);
      };
      // Rows come in article order; the last article of a page may go on in the next, so its rows are written with that page.
      let carried: AppearanceRecord[] = [];
      await forEachPage(tx.table<AppearanceRecord, [string, string]>('appearances'), APPEARANCES_PER_UPGRADE_STEP, (page) => {
        const rows = [...carried, ...page];
        const lastArticle = rows.findIndex((row) => row.articleId === page[page.length - 1].articleId);
        carried = rows.slice(lastArticle);
        return putV7Rows(rows.slice(0, lastArticle));
      });
      if (carried.length > 0) await putV7Rows(carried);
    });
  // v8 keeps an entity's spans in a row per group of articles instead of one per article
  // (lib/store/appearances.ts): each page of articles becomes a group, nothing is analysed again.
  db.version(8)
    .stores({})
    .upgrade(async (tx) => {
      const tables = { entityMentions: tx.table('entityMentions'), articleEntities: tx.table('articleEntities') } as Pick<BackstoryDb, 'entityMentions' | 'articleEntities'>;
      const articleIds = (await tables.articleEntities.toCollection().primaryKeys()) as string[];
      const groupOf = new Map(articleIds.map((id, i) => [id, 1 + Math.floor(i / ARTICLES_PER_UPGRADE_STEP)]));
      const groups = Math.ceil(articleIds.length / ARTICLES_PER_UPGRADE_STEP);
      // Version 7's rows come by entity, then date and article: an entity's rows straddling two pages are written with the second.
      // An entity's new rows, [entity, group], sort before its old ones, [entity, date, article], so reading on after the last
      // old row read never meets a new one.
      type GroupedRow = AppearanceRecord & { group: number };
      let carried: GroupedRow[] = [];
      const v7Rows = tx.table<Uint8Array, [string, string, string]>('entityMentions');
      const writeGroups = async (rows: GroupedRow[]) => {
        const byGroup = new Map<number, GroupedRow[]>();
        for (const row of rows) byGroup.get(row.group)?.push(row) ?? byGroup.set(row.group, [row]);
        for (const [group, inGroup] of byGroup) {
          // The spans alone: the articles' lists of entities are rewritten whole below.
          const { mentions } = groupRows(inGroup, group);
          await tables.entityMentions.bulkPut([...mentions.values()], [...mentions.keys()].map((entityId) => [entityId, group]) as never);
        }
      };
      await forEachPage(v7Rows, APPEARANCES_PER_UPGRADE_STEP, async (spans, keys) => {
        const last = keys[keys.length - 1];
        // Rows of an article no list names were unreachable: they go.
        const page = keys.flatMap(([entityId, date, articleId], i): GroupedRow[] => (groupOf.has(articleId) ? [{ entityId, date, articleId, group: groupOf.get(articleId)!, spans: unpackSpans(spans[i]) }] : []));
        // The page's old rows in one request, before any new row among them is written (a key each was 190,000 requests at 10,000 articles).
        await v7Rows.where(':id').between(keys[0], last, true, true).delete();
        const rows = [...carried, ...page];
        const lastEntity = rows.findIndex((row) => row.entityId === last[0]);
        const complete = lastEntity < 0 ? rows.length : lastEntity;
        carried = rows.slice(complete);
        await writeGroups(rows.slice(0, complete));
      });
      await writeGroups(carried);
      await forEachPage(tx.table<string[], string>('articleEntities'), ARTICLES_PER_UPGRADE_STEP, (lists, ids) =>
        tables.articleEntities.bulkPut(lists.map((entities, i) => ({ group: groupOf.get(ids[i])!, entities })), ids),
      );
      await tx.table('meta').put({ key: NEXT_APPEARANCE_GROUP_KEY, value: groups + 1 });
      // A person named in full no longer keeps a one-word join key (lib/store/join-keys.ts). Done on the keys
      // themselves: an upgrade runs wherever the database is first opened, the background too, which has no lexicon.
      await tx.table<EntityRecord, string>('entities').where('type').equals('person').modify((entity) => {
        if (entity.joinKeys.some((key) => key.startsWith('full:'))) entity.joinKeys = entity.joinKeys.filter((key) => !key.startsWith('one:'));
      });
    });
  db.use(articleTextMiddleware);
  return db;
}
