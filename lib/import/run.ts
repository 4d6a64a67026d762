/**
 * One import session: the files a user dropped, each checked, read, turned
 * into articles and stored as one batch, so a file lands whole or not at all.
 * Runs in the corpus worker (entrypoints/corpus-worker.ts); plain TypeScript,
 * so Node tests run it on the same files.
 */
import type { ParsedArticle } from '../corpus/article';
import { decodeCorpusBytes } from '../corpus/decode';
import { parseCorpusFile } from '../corpus/parse';
import type { BackstoryDb } from '../store/db';
import { analyzeInThisThread, countWords, type Analyzer } from '../store/ingest';
import { payIfOwingMany, payPendingCounts } from '../store/merge';
import { PendingCounts } from '../store/pending-counts';
import {
  addUserArticles,
  analyseUserArticles,
  createImportSource,
  importExportFile,
  parseExportFile,
  storeAnalysedArticles,
  type AddReport,
  type AnalysedArticles,
  type NewArticle,
} from '../store/user-corpus';
import { errorMessage } from '../messages';
import { checkImportFile, type ImportKind } from './files';
import { articleFromHtml } from './html';
import { emptyProgress, type ImportProgress } from './progress';
import { groupedReader } from './read-files';

export type { ImportFailure, ImportProgress } from './progress';

/** What the worker needs of a File (a Node test passes real File objects too). */
export type ImportFile = Pick<File, 'name' | 'size' | 'arrayBuffer'>;

/** A parsed text article as the store takes it: the file name becomes its origin. */
export function toNewArticle(article: ParsedArticle, origin: string): NewArticle {
  const { file: _file, index: _index, ...rest } = article;
  return { ...rest, origin };
}

/**
 * A file ready to store: a text or HTML file's articles, stored with other
 * files' in one batch, or an export, stored alone (it carries its own analysis).
 */
type Prepared =
  | { ok: true; articles: NewArticle[]; words: number }
  | { ok: true; store: (db: BackstoryDb, sourceId: string) => Promise<AddReport> }
  | { ok: false; reason: string };

const wordsOf = (articles: NewArticle[]) => articles.reduce((n, a) => n + a.paragraphs.reduce((m, p) => m + countWords(p), 0), 0);

/** Gets a file's bytes ready to store, or says why they cannot be. */
function prepare(name: string, bytes: Uint8Array, kind: ImportKind): Prepared {
  const decoded = decodeCorpusBytes(name, bytes);
  // decodeCorpusBytes names the file in its errors; the options page shows the name beside the reason.
  if (!decoded.ok) return { ok: false, reason: decoded.error.replace(`${name}: `, '') };

  if (kind === 'text') {
    const articles = parseCorpusFile(name, decoded.text).map((a) => toNewArticle(a, name));
    if (articles.length === 0) return { ok: false, reason: 'no article text found in this file' };
    return { ok: true, articles, words: wordsOf(articles) };
  }
  if (kind === 'html') {
    const result = articleFromHtml(decoded.text, name);
    if (!result.ok) return result;
    return { ok: true, articles: [result.article], words: wordsOf([result.article]) };
  }
  let value: unknown;
  try {
    value = JSON.parse(decoded.text);
  } catch (error) {
    return { ok: false, reason: `malformed JSON (${(error as Error).message})` };
  }
  const parsed = parseExportFile(value);
  if (!parsed.ok) return { ok: false, reason: `not a Backstory export: ${parsed.error}` };
  return { ok: true, store: (db, sourceId) => importExportFile(db, sourceId, parsed.file) };
}

/**
 * Words of text and HTML files analysed and stored together, in one
 * transaction: a file alone cost a transaction, the entity lookups and a
 * rewrite of the search buckets and name rows its words and names touch,
 * some 200 ms however short the file, so 1,000 files took minutes. A file is
 * still stored whole or not at all (a batch that fails is stored again file
 * by file, and the bad one listed); cancelling loses the batch in progress,
 * never a file reported stored. Importing 1,000 files took in 48,000 words/s
 * at 40,000 words a batch, 73,000 at 160,000 (`npm run bench -- scale`), the
 * batch's fixed costs shared by four times the words; later, with the writes
 * cheaper, three alternating rounds of three imports gave medians of 98,200,
 * 101,200 and 103,200 words/s at 160,000 and 100,500, 106,400 and 106,800 at
 * 240,000. The bundled load keeps 160,000 (lib/store/bundled.ts): its memory
 * has a bound to keep.
 */
export const IMPORT_BATCH_WORDS = 240_000;

/** Batches that may wait to be written, the one being written among them, while the next files are read. */
export const BATCHES_AHEAD = 3;

/**
 * The first batch is this share of the others: nothing is written until it is
 * analysed. Importing 1,000 files, three alternating rounds of three imports
 * each: 106,500 words/s on average at a quarter, 109,300 at an eighth.
 */
const FIRST_BATCH_SHARE = 8;

/** Least time between two progress reports that change nothing but the file in hand. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Imports `files` in order into one new import source (created when the
 * first file has articles, so an import that stored nothing leaves no
 * trace). Reports progress after each step; a failure of one file is listed
 * and the next file goes on.
 */
export async function runImport(db: BackstoryDb, files: ImportFile[], options: ImportOptions): Promise<ImportProgress> {
  // The entities' counts are owed from batch to batch and paid when the import ends (pending-counts.ts); a stopped import's are paid by the next write.
  const pending = await PendingCounts.start();
  try {
    return await importFiles(db, files, options, pending);
  } finally {
    pending.end();
  }
}

export interface ImportOptions {
  label: string;
  onProgress(progress: ImportProgress): void;
  analyze?: Analyzer;
  batchWords?: number;
}

async function importFiles(db: BackstoryDb, files: ImportFile[], options: ImportOptions, pending: PendingCounts): Promise<ImportProgress> {
  const progress = emptyProgress(files.length);
  const { analyze = analyzeInThisThread, batchWords: wordsPerBatch = IMPORT_BATCH_WORDS } = options;
  // A copy per file, with the list of stored files that grows with the import, cost 240 ms of the writing thread in an import of 1,000 files:
  // a report that would change only the file in hand waits until PROGRESS_INTERVAL_MS after the last.
  let reported = { at: -Infinity, filesDone: -1 };
  const report = () => {
    const now = performance.now();
    if (progress.current !== null && progress.filesDone === reported.filesDone && now - reported.at < PROGRESS_INTERVAL_MS) return;
    reported = { at: now, filesDone: progress.filesDone };
    options.onProgress(structuredClone(progress));
  };
  let sourceId: Promise<string> | null = null;
  const source = async () => {
    sourceId ??= createImportSource(db, options.label);
    return (progress.sourceId = await sourceId);
  };
  /** Stores files in one transaction and counts them done; else the error, with nothing of them stored (the transaction was rolled back). */
  const tryStore = async (names: string[], write: (sourceId: string) => Promise<AddReport>): Promise<true | unknown> => {
    try {
      const added = await write(await source());
      progress.articlesAdded += added.added;
      progress.articlesUpdated += added.updated;
      progress.stored.push(...names);
      progress.filesDone += names.length;
      return true;
    } catch (error) {
      return error;
    }
  };
  /** Stores one file, or lists it with the reason it could not be. */
  const storeFile = async (name: string, write: (sourceId: string) => Promise<AddReport>) => {
    const outcome = await tryStore([name], write);
    if (outcome === true) return;
    progress.failures.push({ file: name, reason: `could not be stored: ${errorMessage(outcome)}` });
    progress.filesDone += 1;
  };

  let batch: Array<{ name: string; articles: NewArticle[] }> = [];
  let batchWords = 0;
  const storeBatch = async (files: Array<{ name: string; articles: NewArticle[] }>, analysed: Promise<AnalysedArticles>, before: Promise<void>) => {
    await before;
    if ((await tryStore(files.map((f) => f.name), async (id) => storeAnalysedArticles(db, id, await analysed, pending))) !== true) {
      // The batch failed as a whole: each file alone, so that only a bad one is listed.
      for (const file of files) await storeFile(file.name, (id) => addUserArticles(db, id, file.articles, analyze, pending));
    }
    await payIfOwingMany(db, pending);
  };
  // The batches in hand: each is analysed (in the analysis worker) while those before it are written, and the files after are
  // read and parsed until BATCHES_AHEAD batches wait to be written. So files are read while the first batch is analysed, when
  // this thread would otherwise be idle, and not between a batch's writes, which they held up.
  let storing: Promise<void> = Promise.resolve();
  const unwritten: Array<Promise<void>> = [];
  let batchesSent = 0;
  const flush = async () => {
    const files = batch;
    batch = [];
    batchWords = 0;
    if (files.length === 0) return;
    const before = storing;
    const analysed = source().then((id) => analyseUserArticles(id, files.flatMap((f) => f.articles), analyze));
    // A source or analysis that failed fails the batch when it is stored (and its files are tried alone); not unhandled before.
    analysed.catch(() => undefined);
    storing = storeBatch(files, analysed, before);
    unwritten.push(storing);
    batchesSent++;
    if (unwritten.length > BATCHES_AHEAD) await unwritten.shift();
  };

  const checks = files.map((file) => checkImportFile(file.name, file.size));
  const read = groupedReader(files, (i) => checks[i].ok);
  for (const [i, file] of files.entries()) {
    progress.current = file.name;
    report();
    const check = checks[i];
    let prepared: Prepared;
    try {
      prepared = check.ok ? prepare(file.name, await read(i), check.kind) : check;
    } catch (error) {
      prepared = { ok: false, reason: `could not be read: ${errorMessage(error)}` };
    }
    if (!prepared.ok) {
      progress.failures.push({ file: file.name, reason: prepared.reason });
      progress.filesDone += 1;
    } else if ('articles' in prepared) {
      batch.push({ name: file.name, articles: prepared.articles });
      batchWords += prepared.words;
      // The first batch is smaller: until it is analysed, nothing is written.
      if (batchWords >= (batchesSent === 0 ? wordsPerBatch / FIRST_BATCH_SHARE : wordsPerBatch)) await flush();
    } else {
      // An export is stored alone, after the files before it.
      const storeExport = prepared.store;
      await flush();
      await storing;
      await storeFile(file.name, (id) => storeExport(db, id));
    }
  }
  await flush();
  await storing;
  await payPendingCounts(db, pending);
  progress.current = null;
  report();
  return progress;
}
