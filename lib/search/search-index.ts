/**
 * The persisted search index: postings of quote and article words, and the
 * vocabulary that query words expand through (prefixes, typos).
 *
 * Ingest adds or removes one write's postings inside its own transaction,
 * touching only the rows of that write's words, and nothing is rebuilt from
 * the whole corpus; a search reads only the buckets of its words' prefixes
 * (key ranges), never the corpus.
 */
import type Dexie from 'dexie';
import { asKeys, keysAndRows } from '../store/key-reads';
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
 * SEGMENT_MAX_TEXTS, numbered, and lists under each word the numbers of its
 * texts holding it. A row per word and text was ten times the size of the
 * text itself; a row per word for the whole corpus would cost every write
 * more as the corpus grows.
 *
 * A row is a bucket: the words of one segment that begin with the same two
 * letters (their prefix), each with its texts as `packRefs` bytes, under the
 * key [prefix, seg]. A row per word and segment was a request per word of
 * every write (some 8,000 per batch, each a round trip in Chromium) and most
 * of those rows' bytes were their keys; a bucket is a few hundred per write,
 * and a search expanding a word to its completions and close spellings reads
 * the buckets of few prefixes.
 */
export type PostingKey = [prefix: string, seg: SegmentId];

/** Word → its [text number, occurrences] pairs in the segment, packed: a bucket as writes change it. */
export type PostingBucket = Map<string, Uint8Array>;

/**
 * A bucket as stored: its words, sorted, one a line, and their packed pairs
 * end to end in one array, `ends[i]` where the i-th word's pairs end. A Map of
 * a byte array per word made the browser build an object per word when it
 * read a bucket: the 23,000 words of a common prefix ("re") across a
 * 10,000-article corpus took 50-80 ms to read in Chromium, most of a
 * keystroke; three arrays are read in a few.
 */
export interface StoredBucket {
  words: string;
  ends: Uint32Array;
  refs: Uint8Array;
}

/** A bucket for storing. */
export function storeBucket(bucket: PostingBucket): StoredBucket {
  const words = [...bucket.keys()].sort();
  const pairs = words.map((word) => bucket.get(word)!);
  const ends = new Uint32Array(words.length);
  const refs = new Uint8Array(pairs.reduce((n, packed) => n + packed.length, 0));
  let end = 0;
  pairs.forEach((packed, i) => {
    refs.set(packed, end);
    ends[i] = end += packed.length;
  });
  return { words: words.join('\n'), ends, refs };
}

/** A stored bucket's words and their pairs, to read one word's pairs without taking the bucket apart. */
export class BucketWords {
  private readonly words: string[];
  constructor(private readonly stored: StoredBucket) {
    this.words = stored.words ? stored.words.split('\n') : [];
  }

  /** The word's packed pairs, or undefined when the segment does not hold it. */
  get(word: string): Uint8Array | undefined {
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.words[mid] < word) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo] === word ? this.pairsAt(lo) : undefined;
  }

  private pairsAt(i: number): Uint8Array {
    return this.stored.refs.subarray(i === 0 ? 0 : this.stored.ends[i - 1], this.stored.ends[i]);
  }

  has(word: string): boolean {
    return this.get(word) !== undefined;
  }

  /** The bucket, to change it. */
  toMap(): PostingBucket {
    return new Map(this.words.map((word, i) => [word, this.pairsAt(i)]));
  }
}

/** A stored bucket as the Map writes change. */
export const readBucket = (stored: StoredBucket): PostingBucket => new BucketWords(stored).toMap();

/** The vocabulary row a word belongs to, and its bucket unless that was split: its first two letters. */
export const prefixOf = (word: string) => word.slice(0, 2);

/** The bucket a word moves to when its two-letter bucket in a segment is split: its first three letters (a two-letter word stays). */
export const splitPrefixOf = (word: string) => word.slice(0, 3);

/**
 * Stored bytes over which a segment's two-letter bucket is split into
 * three-letter ones, when a write or a merge stores it. Merged into one
 * segment, the buckets of common prefixes grew to hundreds of kB at 10,000
 * articles ("re" 307 kB, "co" 334 kB, "pr" 188 kB), over the 64 kB above
 * which Chromium keeps a value in a file of its own, and a keystroke read
 * all of one to find a few words; split, "red lines" reads "red" (9 kB) and
 * "lin" (10 kB), and the index holds 1,969 rows where it held 651, of the
 * same 10.4 MB. Which key holds a word
 * is decided per segment, so a small segment keeps its two-letter buckets:
 * in a segment, a word is in its three-letter bucket when that bucket
 * exists, else in its two-letter one (a split moves every word it can).
 */
export const SPLIT_BUCKET_BYTES = 32 * 1024;

/** About what a bucket takes stored: its words, their ends, their pairs. */
function bucketBytes(bucket: PostingBucket): number {
  let bytes = 0;
  for (const [word, packed] of bucket) bytes += word.length + 5 + packed.length;
  return bytes;
}

/**
 * A two-letter bucket as stored: itself while it holds up to `splitBytes`,
 * else split by three-letter prefix (the two-letter words, such as "re"
 * itself, stay under the two letters).
 */
function splitWhenLarge(prefix: string, bucket: PostingBucket, splitBytes: number): Array<[string, PostingBucket]> {
  if (bucketBytes(bucket) <= splitBytes) return [[prefix, bucket]];
  const parts = new Map<string, PostingBucket>();
  for (const [word, packed] of bucket) {
    const key = splitPrefixOf(word);
    parts.get(key)?.set(word, packed) ?? parts.set(key, new Map([[word, packed]]));
  }
  return [...parts];
}

/**
 * The buckets of one segment that a write changes, read by the keys its
 * words may be under (their two- and three-letter prefixes), so each word is
 * found or put where the segment keeps it.
 */
class SegmentBuckets {
  private readonly buckets = new Map<string, PostingBucket>();
  private readonly held = new Set<string>();
  private constructor(readonly seg: SegmentId) {}

  /** `read`: false for a new segment, which holds nothing yet. */
  static async of(db: Pick<SearchDb, 'searchPostings'>, seg: SegmentId, words: Iterable<string>, read = true): Promise<SegmentBuckets> {
    const segment = new SegmentBuckets(seg);
    if (!read) return segment;
    const prefixes = new Set<string>();
    for (const word of words) prefixes.add(prefixOf(word)).add(splitPrefixOf(word));
    const keys = [...prefixes].map((prefix): PostingKey => [prefix, seg]);
    const stored = await db.searchPostings.bulkGet(keys);
    keys.forEach(([prefix], i) => {
      if (!stored[i]) return;
      segment.held.add(prefix);
      segment.buckets.set(prefix, readBucket(stored[i]));
    });
    return segment;
  }

  /** The bucket that holds `word`, or would: its three-letter one when the segment has it. */
  bucketOf(word: string): PostingBucket {
    const three = splitPrefixOf(word);
    const key = this.buckets.has(three) ? three : prefixOf(word);
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new Map()));
    return bucket;
  }

  /**
   * Stores the changed buckets (two-letter ones over `splitBytes` split) and
   * deletes the keys that no longer hold any (emptied, or split).
   */
  async store(db: Pick<SearchDb, 'searchPostings'>, splitBytes: number): Promise<void> {
    const put: Array<[PostingKey, StoredBucket]> = [];
    const kept = new Set<string>();
    for (const [prefix, bucket] of this.buckets) {
      if (bucket.size === 0) continue;
      // A three-letter bucket only grows by words of its own. A two-letter one holds no word whose
      // three-letter bucket the segment has (`bucketOf` puts it there), so its split parts are all new keys.
      const stored: Array<[string, PostingBucket]> = prefix.length < 3 ? splitWhenLarge(prefix, bucket, splitBytes) : [[prefix, bucket]];
      for (const [key, part] of stored) (put.push([[key, this.seg], storeBucket(part)]), kept.add(key));
    }
    const deleted = [...this.held].filter((prefix) => !kept.has(prefix)).map((prefix): PostingKey => [prefix, this.seg]);
    await db.searchPostings.bulkPut(put.map(([, bucket]) => bucket), asKeys(put.map(([key]) => key)));
    await db.searchPostings.bulkDelete(deleted);
  }
}

/** A segment's id: a number, in writing order (fewer key bytes than a string in every row of the segment). */
export type SegmentId = number;

/** A segment's texts: [doc, article] by number; a deleted article's texts become null, keeping the others' numbers. */
export interface SearchSegmentRow {
  seg: SegmentId;
  docs: Array<[string, string] | null>;
  /**
   * Set when this segment is merged into segment `into` (`mergeSegments`):
   * its texts are there too, and once every prefix has moved its docs are
   * emptied. The row stays, so its articles' `searchSeg` still leads to their texts.
   */
  into?: SegmentId;
  /** Set on a merged segment while prefixes are still moving into it: the segments merged, each with where its texts begin. */
  parts?: Array<[SegmentId, number]>;
}

/** Whether a segment is the plain kind a write may join or a merge may take. */
const isPlain = (row: SearchSegmentRow) => row.into === undefined && row.parts === undefined;

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
 * Dexie store definitions of the index, for the schema. Buckets are keyed by
 * [prefix, seg] outside the value, so a prefix's buckets in every segment are
 * one key range.
 */
export const SEARCH_SCHEMA = {
  searchPostings: '',
  searchSegments: 'seg',
  searchVocabulary: 'prefix',
};

type SearchTables = Pick<SearchDb, 'searchPostings' | 'searchSegments' | 'searchVocabulary'>;
export interface SearchDb {
  searchPostings: Dexie.Table<StoredBucket, PostingKey>;
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
  return searchTextOf(article.title, articleText(article));
}

const searchTextOf = (title: string | null | undefined, body: string) => (title ? `${title}\n${body}` : body);

/**
 * What a write adds to the search index: its texts (each article, then its
 * quotes), numbered in order, and each word's [text number, occurrences]
 * pairs, the numbers ascending. It needs only the batch's own texts, so a
 * bulk load computes it in the analysis worker (lib/store/ingest.ts), off the
 * thread that writes: there, tokenising an import of 1,000 files (620,000
 * words) took 460 ms of the writing thread's 4.9 s busy (Chromium CPU profile).
 */
export interface NewSearchTexts {
  docs: Array<[doc: string, article: string]>;
  refs: Map<string, number[]>;
}

/** The new search texts of articles (their body as `text`) and of their quotes, given quotes of any articles. */
export function newSearchTexts(
  articles: Array<{ id: string; title?: string | null; text: string }>,
  quotes: Array<Pick<QuoteRecord, 'id' | 'articleId' | 'text'>>,
): NewSearchTexts {
  const quotesOf = new Map<string, typeof quotes>();
  for (const quote of quotes) quotesOf.get(quote.articleId)?.push(quote) ?? quotesOf.set(quote.articleId, [quote]);
  const docs: NewSearchTexts['docs'] = [];
  const refs = new Map<string, number[]>();
  const add = (doc: string, article: string, text: string) => {
    const n = docs.push([doc, article]) - 1;
    const counts = new Map<string, number>();
    for (const { word } of tokenize(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
    for (const [word, count] of counts) refs.get(word)?.push(n, count) ?? refs.set(word, [n, count]);
  };
  for (const article of articles) {
    add(article.id, article.id, searchTextOf(article.title, article.text));
    for (const quote of quotesOf.get(article.id) ?? []) add(quote.id, article.id, quote.text);
  }
  return { docs, refs };
}

/** `newSearchTexts` of stored articles. */
export function searchTextsOfArticles(articles: ArticleRecord[], quotes: QuoteRecord[]): NewSearchTexts {
  return newSearchTexts(articles.map((a) => ({ id: a.id, title: a.title, text: articleText(a) })), quotes);
}

/** The words of these articles and their quotes: the terms their postings are under. */
function termsOf(articles: ArticleRecord[], quotes: QuoteRecord[]): Set<string> {
  return new Set(searchTextsOfArticles(articles, quotes).refs.keys());
}

/** A new segment's id: unique, and in writing order. */
export const newSegment = (): SegmentId => Date.now() * 1024 + Math.floor(Math.random() * 1024);

/**
 * Texts (articles and quotes) a segment grows to by joining writes: saved
 * pages and imported files, one per write, would otherwise each be a
 * segment, with a bucket per prefix of its words. A write joins the newest
 * segment while the two fit in this; a larger write (a batch of the bundled
 * corpus, some 1,600 texts) is a segment of its own and is never joined, so
 * a saved page after a load does not read and rewrite a load batch's buckets
 * (440 kB for each page saved into a 10,000-article corpus at 2,000). What a
 * saved page reads and rewrites is bounded by this, whatever the size of the
 * corpus.
 */
export const SEGMENT_MAX_TEXTS = 500;

/**
 * Writes a batch's new search texts into the newest segment when they fit
 * in it, else into a new one; returns the segment. Call inside the
 * transaction that stores the articles.
 */
export async function putSearchRows(db: SearchTables, { docs, refs }: NewSearchTexts, maxTexts = SEGMENT_MAX_TEXTS, splitBytes = SPLIT_BUCKET_BYTES): Promise<SegmentId> {
  const newest = await db.searchSegments.toCollection().last();
  const segment: SearchSegmentRow = newest && isPlain(newest) && newest.docs.length + docs.length <= maxTexts ? newest : { seg: newSegment(), docs: [] };
  const offset = segment.docs.length;
  // The segment's own buckets, which the new texts extend: their numbers follow the segment's.
  const buckets = await SegmentBuckets.of(db, segment.seg, refs.keys(), segment === newest);
  for (const [term, pairs] of refs) {
    const bucket = buckets.bucketOf(term);
    const added = pairs.map((v, j) => (j % 2 === 0 ? v + offset : v));
    const before = bucket.get(term);
    bucket.set(term, packRefs(before ? [...unpackRefs(before), ...added] : added));
  }
  segment.docs.push(...docs);
  await db.searchSegments.put(segment);
  await buckets.store(db, splitBytes);
  await changeVocabulary(db, refs.keys(), 'add');
  return segment.seg;
}

/**
 * The key range of a vocabulary prefix's buckets in every segment: its
 * two-letter buckets and the three-letter ones it was split into.
 */
function bucketsUnder(prefix: string): [PostingKey, PostingKey] {
  // A one-letter word is its own prefix, and no bucket splits it.
  return [[prefix, -Infinity], [prefix.length < 2 ? prefix : `${prefix}\uffff`, Infinity]];
}

/** The keys and buckets in a key range (`keysAndRows`). */
function bucketsIn(db: Pick<SearchDb, 'searchPostings'>, [lower, upper]: [PostingKey, PostingKey]): Promise<[PostingKey[], StoredBucket[]]> {
  return keysAndRows(() => db.searchPostings.where(':id').between(lower, upper, true, true));
}

/** Words by prefix. */
function groupByPrefix(words: Iterable<string>): Map<string, Set<string>> {
  const byPrefix = new Map<string, Set<string>>();
  for (const word of words) byPrefix.get(prefixOf(word))?.add(word) ?? byPrefix.set(prefixOf(word), new Set([word]));
  return byPrefix;
}

/** Vocabulary rows holding `words`, grouped by prefix: for a change to the vocabulary, or a whole one. */
export function vocabularyRows(words: Iterable<string>): SearchVocabularyRow[] {
  return [...groupByPrefix(words)].map(([prefix, set]) => ({ prefix, words: [...set].sort().join('\n') }));
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
  // An article's texts are in its segment and, once that was merged, in the segment it went into (and on).
  const rows = new Map<SegmentId, SearchSegmentRow | undefined>();
  const articlesIn = new Map<SegmentId, ArticleRecord[]>();
  for (const article of articles) {
    for (let seg = article.searchSeg; seg !== undefined; seg = rows.get(seg)?.into) {
      if (!rows.has(seg)) rows.set(seg, await db.searchSegments.get(seg));
      articlesIn.get(seg)?.push(article) ?? articlesIn.set(seg, [article]);
    }
  }
  for (const [seg, inSegment] of articlesIn) {
    const gone = new Set(inSegment.map((a) => a.id));
    const segment = rows.get(seg);
    if (!segment) continue;
    const dropped = new Set<number>();
    segment.docs = segment.docs.map((d, n) => (d && gone.has(d[1]) ? (dropped.add(n), null) : d));
    const terms = termsOf(inSegment, quotes.filter((q) => gone.has(q.articleId)));
    const buckets = await SegmentBuckets.of(db, seg, terms);
    for (const term of terms) {
      const bucket = buckets.bucketOf(term);
      const row = bucket.get(term);
      if (!row) continue;
      const refs = unpackRefs(row);
      const left: number[] = [];
      for (let j = 0; j < refs.length; j += 2) if (!dropped.has(refs[j])) left.push(refs[j], refs[j + 1]);
      if (left.length > 0) bucket.set(term, packRefs(left));
      else (bucket.delete(term), emptied.add(term));
    }
    // Buckets only shrink here: none is split.
    await buckets.store(db, Infinity);
    // A merged segment's row is kept: other articles' `searchSeg` lead through it.
    await (segment.docs.some(Boolean) || !isPlain(segment) ? db.searchSegments.put(segment) : db.searchSegments.delete(seg));
  }
  // Which emptied words other segments still hold: their prefixes' buckets, two- and three-letter, one key range each.
  const ranges = [...new Set([...emptied].map(prefixOf))].sort().map(bucketsUnder);
  if (ranges.length > 0) {
    for (const stored of await db.searchPostings.where(':id').inAnyRange(ranges, { includeUppers: true }).toArray()) {
      const bucket = new BucketWords(stored);
      for (const term of emptied) if (bucket.has(term)) emptied.delete(term);
    }
  }
  await changeVocabulary(db, emptied, 'remove');
}

/**
 * Packed pair lists laid end to end as one, each list's text numbers raised
 * by its offset (offsets ascending, lists' numbers below the next offset): what
 * `packRefs` gives for the lists' pairs together. Only each list's first gap
 * changes, so the rest of its bytes are copied.
 */
export function concatRefs(lists: Array<[packed: Uint8Array, offset: number]>): Uint8Array {
  const parts: Uint8Array[] = [];
  let last = 0;
  for (const [packed, offset] of lists) {
    if (packed.length === 0) continue;
    const refs = unpackRefs(packed);
    // The first gap (the list's first number, from 0) becomes the gap from the previous list's last number.
    const firstGapEnd = packed.findIndex((byte) => !(byte & 0x80)) + 1;
    parts.push(packRefs([refs[0] + offset - last, 0]).subarray(0, -1), packed.subarray(firstGapEnd));
    last = refs[refs.length - 2] + offset;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) (out.set(part, at), (at += part.length));
  return out;
}

/**
 * Bytes of the parts' buckets one merge step reads, about (a step ends with
 * the prefix that passes it): a step holds these and the merged buckets it
 * makes, whatever the corpus's size. Steps of 6,000 vocabulary words held
 * more the more segments a load left (every part's bucket of each word): a
 * 30,000-article compaction (110 segments) took the corpus worker's
 * committed JS heap from 130 to 330 MB; in steps of 2 MB, from 141 to 172.
 */
const MERGE_STEP_BYTES = 2 * 1024 * 1024;
/** Prefixes whose buckets a step reads at once: each read is a round trip, and a few together hide it. */
const MERGE_READ_PREFIXES = 16;

type MergeDb = Dexie & SearchDb;

/**
 * Merges segments into a new one, so that a search reads one bucket of a
 * prefix where it read one per segment (a 10,000-article load is some 40
 * segments). In steps, each its own transaction: the first writes the new
 * segment's text list (the parts' lists end to end) and marks each part
 * `into` it; each next one moves about MERGE_STEP_BYTES of buckets, writing
 * each merged bucket and deleting the parts' in the same transaction, so a reader
 * finds every prefix's postings exactly once, in the parts or in the new
 * segment; the last empties the parts' text lists. Deletes meanwhile reach
 * both (`removeSearchRows` follows `into`); a merge a stopped worker left is
 * finished by `compactSearchIndex`. Returns the new segment, or undefined
 * when a segment is gone or already merging.
 */
export async function mergeSegments(db: MergeDb, segs: SegmentId[], splitBytes = SPLIT_BUCKET_BYTES): Promise<SegmentId | undefined> {
  const merged = await beginMerge(db, segs);
  if (merged) await finishMerge(db, merged.seg, merged.parts, splitBytes);
  return merged?.seg;
}

/**
 * A merge's first step: the new segment's text list, its parts marked `into`
 * it. Returns the new segment and its parts (not its texts, which the rest
 * of the merge does not need: held, they were the whole corpus's list), or
 * undefined when a segment is gone or already merging.
 */
export function beginMerge(db: MergeDb, segs: SegmentId[]): Promise<{ seg: SegmentId; parts: Array<[SegmentId, number]> } | undefined> {
  return db.transaction('rw', db.searchSegments, async () => {
    const rows = await db.searchSegments.bulkGet(segs);
    if (rows.some((row) => !row || !isPlain(row))) return undefined;
    const merged = { seg: newSegment(), docs: [] as SearchSegmentRow['docs'], parts: [] as Array<[SegmentId, number]> };
    for (const part of rows as SearchSegmentRow[]) {
      merged.parts.push([part.seg, merged.docs.length]);
      for (const doc of part.docs) merged.docs.push(doc);
    }
    await db.searchSegments.bulkPut([merged, ...(rows as SearchSegmentRow[]).map((part) => ({ ...part, into: merged.seg }))]);
    return { seg: merged.seg, parts: merged.parts };
  });
}

/** Moves every prefix's buckets of `parts` into segment `into`, in steps of about MERGE_STEP_BYTES, then marks the merge done. */
export async function finishMerge(db: MergeDb, into: SegmentId, parts: Array<[SegmentId, number]>, splitBytes = SPLIT_BUCKET_BYTES): Promise<void> {
  // Every word any segment holds is in the vocabulary: its prefixes are every bucket's.
  const prefixes = (await db.searchVocabulary.toCollection().primaryKeys()) as string[];
  for (let next = 0; next < prefixes.length; ) next = await moveBuckets(db, into, parts, prefixes, next, splitBytes);
  await db.transaction('rw', db.searchSegments, async () => {
    const row = await db.searchSegments.get(into);
    if (!row) return;
    delete row.parts;
    // The parts' rows stay, their texts emptied: written anew, not read (each held its share of the corpus's list).
    const partRows = (await db.searchSegments.where(':id').anyOf(parts.map(([seg]) => seg)).primaryKeys()).map((seg): SearchSegmentRow => ({ seg, docs: [], into }));
    await db.searchSegments.bulkPut([row, ...partRows]);
  });
}

/**
 * One step of a merge, one transaction: from `prefixes[from]` on, each
 * prefix's buckets in the parts become one bucket in `into` (or its
 * three-letter ones), until about `stepBytes` are read. Returns where
 * the next step begins. A prefix already moved has no bucket left in the
 * parts, so a step done twice changes nothing.
 */
export function moveBuckets(
  db: MergeDb,
  into: SegmentId,
  parts: Array<[SegmentId, number]>,
  prefixes: string[],
  from = 0,
  splitBytes = SPLIT_BUCKET_BYTES,
  stepBytes = MERGE_STEP_BYTES,
): Promise<number> {
  return db.transaction('rw', db.searchPostings, async () => {
    const offsetOf = new Map(parts);
    const writes: Array<PromiseLike<unknown>> = [];
    let next = from;
    let bytes = 0;
    while (next < prefixes.length && bytes < stepBytes) {
      const group = prefixes.slice(next, next + MERGE_READ_PREFIXES);
      next += group.length;
      const read = await Promise.all(group.map((prefix) => bucketsIn(db, bucketsUnder(prefix))));
      // Each prefix's writes are asked for at once: the browser copies what they store then, and the step holds no more of it.
      group.forEach((prefix, i) => (bytes += mergePrefix(db, into, offsetOf, prefix, read[i], splitBytes, writes)));
    }
    await Promise.all(writes);
    return next;
  });
}

/**
 * The buckets of one vocabulary prefix (`keys`, `rows`: its key range, every
 * segment's) that are the parts' (`offsetOf`: each part's first text number
 * in `into`): written as one in `into`, deleted from the parts (adding the
 * requests to `writes`). Returns the bytes read of them.
 */
function mergePrefix(
  db: MergeDb,
  into: SegmentId,
  offsetOf: Map<SegmentId, number>,
  prefix: string,
  [keys, rows]: [PostingKey[], StoredBucket[]],
  splitBytes: number,
  writes: Array<PromiseLike<unknown>>,
): number {
  // Each word's lists in part order, which is their offsets' (a part with no texts has no bucket): the parts' text numbers follow one another in the merged segment.
  const order = keys.map((_, i) => i).filter((i) => offsetOf.has(keys[i][1])).sort((a, b) => offsetOf.get(keys[a][1])! - offsetOf.get(keys[b][1])!);
  if (order.length === 0) return 0;
  const byWord = new Map<string, Array<[Uint8Array, number]>>();
  let bytes = 0;
  for (const i of order) {
    const offset = offsetOf.get(keys[i][1])!;
    bytes += rows[i].words.length + rows[i].refs.length;
    for (const [word, packed] of readBucket(rows[i])) byWord.get(word)?.push([packed, offset]) ?? byWord.set(word, [[packed, offset]]);
  }
  const moved = splitWhenLarge(prefix, new Map([...byWord].map(([word, packed]) => [word, concatRefs(packed)])), splitBytes);
  // The parts' buckets go first, the merged ones are written after (the transaction keeps the order). A prefix
  // whose every bucket is a part's (as after a bulk load) goes in one request, where a key each was 40 at 10,000 articles.
  writes.push(
    order.length === keys.length
      ? db.searchPostings.where(':id').between(...bucketsUnder(prefix), true, true).delete()
      : db.searchPostings.bulkDelete(order.map((i) => keys[i])),
    db.searchPostings.bulkPut(moved.map(([, bucket]) => storeBucket(bucket)), asKeys(moved.map(([key]): PostingKey => [key, into]))),
  );
  return bytes;
}

/**
 * Texts a merge gathers into one segment, at most: a segment's text list is
 * one row, which a merge reads and writes whole, so this bounds what a merge
 * holds, where one segment for the whole corpus held the whole corpus's list
 * (37 MB stored at 100,000 articles). A 10,000-article corpus is some 58,000
 * texts, one segment; at 100,000 a search reads a prefix's bucket in each of
 * six or so.
 */
const MERGED_MAX_TEXTS = 100_000;

/**
 * Finishes a merge a stopped worker left, then merges the segments no write
 * joins any more (those over SEGMENT_MAX_TEXTS: a bulk load's batches, an
 * earlier merge), consecutive ones into one up to `maxTexts`. Run at the end
 * of a bulk load.
 */
export async function compactSearchIndex(db: MergeDb, maxTexts = MERGED_MAX_TEXTS): Promise<void> {
  const stopped: Array<[SegmentId, Array<[SegmentId, number]>]> = [];
  // The rows are read one at a time (a cursor), here and below: together their text lists are the whole corpus's (37 MB stored at 100,000 articles).
  await db.searchSegments.each((row) => void (row.parts && stopped.push([row.seg, row.parts])));
  for (const [seg, parts] of stopped) await finishMerge(db, seg, parts);
  // A finished merge leaves a segment that may join the others. In writing order (the rows' key order), consecutive ones while they fit.
  const groups: Array<{ segs: SegmentId[]; texts: number }> = [];
  await db.searchSegments.each((row) => {
    if (!isPlain(row) || row.docs.length <= SEGMENT_MAX_TEXTS) return;
    const last = groups[groups.length - 1];
    if (last && last.texts + row.docs.length <= maxTexts) (last.segs.push(row.seg), (last.texts += row.docs.length));
    else groups.push({ segs: [row.seg], texts: row.docs.length });
  });
  for (const { segs } of groups) if (segs.length > 1) await mergeSegments(db, segs);
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

/** The buckets under one key (a two- or three-letter prefix) in every segment, each read once however many words and searches need them (until a write changes them). */
export class BucketReader {
  private readonly read = new Map<string, Promise<Array<[SegmentId, BucketWords]>>>();
  constructor(private readonly db: PostingsDb) {}

  /**
   * Reads the buckets of the keys not read yet, in one transaction: a query
   * word's completions and close spellings are under a dozen keys or more
   * ("minister": "mi", "min", "mon"…), where a transaction each was a round
   * trip each in Chromium.
   */
  readAll(prefixes: string[]): void {
    const missing = [...new Set(prefixes.filter((prefix) => !this.read.has(prefix)))];
    if (missing.length === 0) return;
    // Keys and values of each range, read in one transaction so that they pair up.
    const all = this.db.transaction('r', this.db.searchPostings, () =>
      Promise.all(missing.map((prefix) => bucketsIn(this.db, [[prefix, -Infinity], [prefix, Infinity]]))),
    );
    missing.forEach((prefix, i) => {
      const buckets = all.then((read) => {
        const [keys, rows] = read[i];
        return rows.map((bucket, j): [SegmentId, BucketWords] => [keys[j][1], new BucketWords(bucket)]);
      });
      this.read.set(prefix, buckets);
      buckets.catch(() => this.read.delete(prefix));
    });
  }

  buckets(prefix: string): Promise<Array<[SegmentId, BucketWords]>> {
    this.readAll([prefix]);
    return this.read.get(prefix)!;
  }
}

/** This context's readers of a database's index, new after any write to it: keystrokes after the first read little again. */
export const segmentReader = untilTableChanges('searchSegments', (db) => new SegmentReader(db as PostingsDb));
export const bucketReader = untilTableChanges('searchPostings', (db) => new BucketReader(db as PostingsDb));

/** The keys a word's buckets may be under: its two- and three-letter prefixes. */
export const bucketKeysOf = (term: string): string[] => [...new Set([prefixOf(term), splitPrefixOf(term)])];

/**
 * The postings of one word, at most `limit`: its buckets in every segment
 * (the two-letter ones, and the three-letter ones where a segment split
 * them), and the segments' text lists.
 */
export async function termPostings(db: PostingsDb, term: string, limit = Infinity, segments = segmentReader(db), buckets = bucketReader(db)): Promise<Posting[]> {
  const keys = bucketKeysOf(term);
  const rows = (await Promise.all(keys.map((key) => buckets.buckets(key))))
    .flat()
    .flatMap(([seg, bucket]): Array<[SegmentId, Uint8Array]> => {
      const packed = bucket.get(term);
      return packed ? [[seg, packed]] : [];
    })
    // In segment order whichever key held the word, as `limit` keeps the first.
    .sort(([a], [b]) => a - b);
  const docsOf = await segments.docs(rows.map(([seg]) => seg));
  const out: Posting[] = [];
  rows.forEach(([, packed], i) => {
    const docs = docsOf[i] ?? [];
    const refs = unpackRefs(packed);
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
