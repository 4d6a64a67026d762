/**
 * The bundled corpus: shipped as extension files with an index made at build
 * time (names, hashes, one digest of them all). A start whose digest is the
 * one stored does nothing else; otherwise the files not yet stored with their
 * hash are loaded in batches, each batch one transaction that also records
 * its files, so a worker stopped mid-load goes on from where it stopped.
 */
import { decodeCorpusBytes } from '../corpus/decode';
import { parseCorpusFile } from '../corpus/parse';
import { BUNDLED_DIGEST_KEY, isBundledCorpusLoaded, storeBundledCounts, type BundledIndex, type BundledReport, type LoadProgress } from './bundled-digest';
import type { ArticleRecord, BackstoryDb, SourceRecord } from './db';
import { analyzeArticles, analyzeInThisThread, commitBatch, sha256Hex, toArticleRecord, type Analyzer, type CorpusFile } from './ingest';
import { primaryKeysWithAnyKey } from './key-reads';
import { batchTransaction, payIfOwingMany, payPendingCounts, removeArticles } from './merge';
import { PendingCounts } from './pending-counts';
import { compactSearchIndex } from '../search/search-index';

/**
 * Words analysed per batch: large enough that a batch's fixed costs (a
 * transaction, the entity lookups) vanish, small enough that memory stays
 * flat whatever the corpus's size and a stopped load loses little. Every
 * batch re-reads and rewrites the entities it names and their page-lookup
 * rows, and the well-known ones are in every batch: at 40,000 words a
 * 1,000-article load asked IndexedDB for 24,700 join-key queries, 17,600
 * name rows read and written and 13,300 search buckets; at 160,000, for
 * 14,500, 9,900 and 2,400 (`npm run bench -- storage`), and the service
 * worker's JS heap peaked at 88 MB. With the analysis in its own worker, a
 * 10,000-article load in Chromium ran at 46,000 words/s at 80,000 words
 * (extension process RSS peak 512 MB), some 62,000 at 160,000 (540 MB) and
 * 63,500 at 320,000 (836 MB, growing with the load).
 */
export const BATCH_WORDS = 160_000;
/** Files being read while one is parsed: enough to hide a read's round trip, few enough to hold little memory. */
const READ_AHEAD_FILES = 32;

/** The index of a set of corpus files; the build and the tests make it the same way. */
export async function makeBundledIndex(files: CorpusFile[]): Promise<BundledIndex> {
  const entries = await Promise.all(files.map(async (f) => ({ name: f.name, hash: await sha256Hex(f.bytes) })));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { digest: await sha256Hex(JSON.stringify(entries)), files: entries };
}

const sourceIdOf = (file: string) => `bundled:${file}`;
const articleIdOf = (file: string, index: number) => `bundled:${file}#${index}`;

/** Files of the bundled corpus, parsed, with the records of the files they came from. */
export interface BundledBatch {
  files: SourceRecord[];
  articles: ArticleRecord[];
  words: number;
}

/**
 * The files `todo`, read a window ahead, parsed, and cut into batches of at
 * least `batchWords` words (the last one less): the load's batches, and the
 * ones the build analyses ahead (prebuilt-analysis.ts), cut the same way. A
 * file that cannot be read has its reason added to `errors` and is in its
 * batch all the same, with no article: the corpus is what was shipped.
 */
export async function* bundledBatches(
  todo: BundledIndex['files'],
  readFile: (name: string) => Promise<Uint8Array>,
  batchWords: number,
  errors: string[],
): AsyncGenerator<BundledBatch> {
  // Files are read a window ahead: each read is a round trip, and waiting for them one by one left the worker idle.
  const reads: Array<Promise<Uint8Array>> = [];
  const readAhead = (upTo: number) => {
    for (let i = reads.length; i < Math.min(upTo, todo.length); i++) {
      const read = readFile(todo[i].name);
      // A read ahead of a stopped load is never awaited: its failure is not news.
      read.catch(() => undefined);
      reads.push(read);
    }
  };
  let batch: BundledBatch = { files: [], articles: [], words: 0 };
  for (const [i, file] of todo.entries()) {
    readAhead(i + READ_AHEAD_FILES);
    const bytes = await reads[i];
    delete reads[i];
    const decoded = decodeCorpusBytes(file.name, bytes);
    const parsed = decoded.ok ? parseCorpusFile(file.name, decoded.text) : [];
    if (!decoded.ok) errors.push(decoded.error);
    else if (parsed.length === 0) errors.push(`${file.name}: no article text found`);
    const id = sourceIdOf(file.name);
    const articles = await Promise.all(parsed.map((a) => toArticleRecord(articleIdOf(file.name, a.index), 'bundled', id, a)));
    batch.files.push({ id, source: 'bundled', kind: 'bundled', label: file.name, hash: file.hash, createdAt: Date.now() });
    batch.articles.push(...articles);
    batch.words += articles.reduce((n, a) => n + a.words, 0);
    if (batch.words >= batchWords) {
      yield batch;
      batch = { files: [], articles: [], words: 0 };
    }
  }
  if (batch.files.length > 0) yield batch;
}

export async function loadBundledCorpus(
  db: BackstoryDb,
  index: BundledIndex,
  readFile: (name: string) => Promise<Uint8Array>,
  onProgress: (progress: LoadProgress) => void = () => {},
  batchWords = BATCH_WORDS,
  analyze: Analyzer = analyzeInThisThread,
): Promise<BundledReport> {
  if (await isBundledCorpusLoaded(db, index.digest)) return { changed: false, errors: [], words: 0 };
  // Counted anew when this load ends (a first load has none: until then the options page counts).
  const stored = new Map((await db.sources.where('kind').equals('bundled').toArray()).map((s) => [s.id, s.hash]));
  const wanted = new Set(index.files.map((f) => sourceIdOf(f.name)));
  const todo = index.files.filter((f) => stored.get(sourceIdOf(f.name)) !== f.hash);
  const progress: LoadProgress = { filesDone: index.files.length - todo.length, filesTotal: index.files.length, words: 0 };
  const errors: string[] = [];
  onProgress({ ...progress });

  // The entities' counts are owed from batch to batch and paid when the load ends (pending-counts.ts).
  const pending = await PendingCounts.start();
  // The previous batch's commit: the next batch is analysed while the database writes it.
  let committing: Promise<unknown> = Promise.resolve();
  const write = async ({ files, articles, words }: BundledBatch) => {
    progress.words += words;
    const analysis = await analyzeArticles(articles, analyze);
    await committing;
    // Only a file stored before (with other bytes) has articles to replace: a first load asks nothing.
    const replaced = files.filter((f) => stored.has(f.id)).map((f) => f.id);
    const replaces = replaced.length > 0 ? await primaryKeysWithAnyKey(db.articles, 'sourceId', replaced) : [];
    committing = commitBatch(db, articles, analysis, { replaces, alsoWrite: () => db.sources.bulkPut(files), pending }).then(async () => {
      await payIfOwingMany(db, pending);
      progress.filesDone += files.length;
      onProgress({ ...progress });
    });
  };

  try {
    for await (const batch of bundledBatches(todo, readFile, batchWords, errors)) await write(batch);
    await committing;
    await payPendingCounts(db, pending);
  } catch (error) {
    // A stopped read lets the batch being written finish: it is whole, and the next start skips its files (and pays its counts).
    await committing.catch(() => undefined);
    throw error;
  } finally {
    pending.end();
  }

  const removed = [...stored.keys()].filter((id) => !wanted.has(id));
  if (removed.length > 0) {
    await batchTransaction(db, async () => {
      await removeArticles(db, await db.articles.where('sourceId').anyOf(removed).primaryKeys());
      await db.sources.bulkDelete(removed);
    });
  }
  await storeBundledCounts(db);
  // The load's batches, each a segment of the search index, become one before the load counts as done: a start that finds the digest unchanged has nothing left to merge.
  await compactSearchIndex(db);
  await db.meta.put({ key: BUNDLED_DIGEST_KEY, value: index.digest });
  return { changed: true, errors, words: progress.words };
}
