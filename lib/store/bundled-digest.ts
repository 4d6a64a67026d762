/**
 * What a start needs to know whether the bundled corpus is loaded: where the
 * build writes its index and digest, and the stored digest. Apart from the
 * loader (bundled.ts), which parses and analyses, so that the background's
 * service worker, which only checks, carries none of that.
 */
import { BUNDLED_COUNTS_KEY, countBundled, type BackstoryDb } from './db';
import type { PackPlace } from './bundled-packs';

export interface BundledIndex {
  /** SHA-256 of the file names and hashes: one value that changes when any file does. */
  digest: string;
  /** `pack`: where the build packed the file (bundled-packs.ts); not part of the digest. */
  files: Array<{ name: string; hash: string; pack?: PackPlace }>;
  /** The keys of the batches the build analysed (prebuilt-analysis.ts); not part of the digest. */
  analyses?: string[];
}

/** Where the build writes the index beside the corpus files. */
export const BUNDLED_INDEX_FILE = 'corpus/index.json';
/**
 * Where the build writes the index's digest alone: a woken worker reads only
 * this to know the corpus is loaded (the index grows with the corpus: a
 * megabyte at 10,000 files, read and parsed on every wake).
 */
export const BUNDLED_DIGEST_FILE = 'corpus/digest.json';
/** The meta row holding the digest of the bundled corpus that is fully loaded. */
export const BUNDLED_DIGEST_KEY = 'bundledDigest';

export interface LoadProgress {
  filesDone: number;
  filesTotal: number;
  words: number;
}

export interface BundledReport {
  /** False when the stored corpus was already this one: nothing was read. */
  changed: boolean;
  /** Files skipped, each with the reason, e.g. "empty.txt: empty file". */
  errors: string[];
  words: number;
  /** Batches analysed during the load, not taken from the build's analyses (prebuilt-analysis.ts). */
  analysedBatches?: number;
}

/** Counts the stored bundled corpus and keeps the counts in meta. */
export async function storeBundledCounts(db: BackstoryDb): Promise<void> {
  await db.meta.put({ key: BUNDLED_COUNTS_KEY, value: await countBundled(db) });
}

/** Whether the bundled corpus with this digest is the one fully loaded. */
export async function isBundledCorpusLoaded(db: BackstoryDb, digest: string): Promise<boolean> {
  const [stored, counts] = await db.meta.bulkGet([BUNDLED_DIGEST_KEY, BUNDLED_COUNTS_KEY]);
  if (stored?.value !== digest) return false;
  // A corpus loaded before the counts were kept: counted once.
  if (!counts) await storeBundledCounts(db);
  return true;
}
