/**
 * One import session: the files a user dropped, each checked, read, turned
 * into articles and stored as one batch, so a file lands whole or not at all.
 * Runs in the import worker (entrypoints/import-worker.ts); plain TypeScript,
 * so Node tests run it on the same files.
 */
import type { ParsedArticle } from '../corpus/article';
import { decodeCorpusBytes } from '../corpus/decode';
import { parseCorpusFile } from '../corpus/parse';
import type { BackstoryDb } from '../store/db';
import { addUserArticles, createImportSource, importExportFile, parseExportFile, type AddReport, type NewArticle } from '../store/user-corpus';
import { checkImportFile, type ImportKind } from './files';
import { articleFromHtml } from './html';
import { emptyProgress, type ImportProgress } from './progress';

export type { ImportFailure, ImportProgress } from './progress';

/** What the worker needs of a File (a Node test passes real File objects too). */
export type ImportFile = Pick<File, 'name' | 'size' | 'arrayBuffer'>;

/** A parsed text article as the store takes it: the file name becomes its origin. */
export function toNewArticle(article: ParsedArticle, origin: string): NewArticle {
  const { file: _file, index: _index, ...rest } = article;
  return { ...rest, origin };
}

type Prepared = { ok: true; store: (db: BackstoryDb, sourceId: string) => Promise<AddReport> } | { ok: false; reason: string };

/** Reads a file and gets it ready to store, or says why it cannot be. */
async function prepare(file: ImportFile, kind: ImportKind): Promise<Prepared> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const decoded = decodeCorpusBytes(file.name, bytes);
  // decodeCorpusBytes names the file in its errors; the options page shows the name beside the reason.
  if (!decoded.ok) return { ok: false, reason: decoded.error.replace(`${file.name}: `, '') };

  if (kind === 'text') {
    const articles = parseCorpusFile(file.name, decoded.text).map((a) => toNewArticle(a, file.name));
    if (articles.length === 0) return { ok: false, reason: 'no article text found in this file' };
    return { ok: true, store: (db, sourceId) => addUserArticles(db, sourceId, articles) };
  }
  if (kind === 'html') {
    const result = articleFromHtml(decoded.text, file.name);
    if (!result.ok) return result;
    return { ok: true, store: (db, sourceId) => addUserArticles(db, sourceId, [result.article]) };
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
 * Imports `files` one after another into one new import source (created when
 * the first file has articles, so an import that stored nothing leaves no
 * trace). Reports progress after each step; a failure of one file is listed
 * and the next file goes on.
 */
export async function runImport(
  db: BackstoryDb,
  files: ImportFile[],
  options: { label: string; onProgress(progress: ImportProgress): void },
): Promise<ImportProgress> {
  const progress = emptyProgress(files.length);
  const report = () => options.onProgress(structuredClone(progress));
  let sourceId: Promise<string> | null = null;

  for (const file of files) {
    progress.current = file.name;
    report();
    const check = checkImportFile(file.name, file.size);
    let prepared: Prepared;
    try {
      prepared = check.ok ? await prepare(file, check.kind) : check;
    } catch (error) {
      prepared = { ok: false, reason: `could not be read: ${errorMessage(error)}` };
    }
    if (prepared.ok) {
      try {
        sourceId ??= createImportSource(db, options.label);
        progress.sourceId = await sourceId;
        const added = await prepared.store(db, progress.sourceId);
        progress.articlesAdded += added.added;
        progress.articlesUpdated += added.updated;
        progress.stored.push(file.name);
      } catch (error) {
        // The file's transaction was rolled back: nothing of it is stored.
        progress.failures.push({ file: file.name, reason: `could not be stored: ${errorMessage(error)}` });
      }
    } else {
      progress.failures.push({ file: file.name, reason: prepared.reason });
    }
    progress.filesDone += 1;
  }
  progress.current = null;
  report();
  return progress;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
