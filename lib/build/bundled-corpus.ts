/**
 * What the package holds of the bundled corpus, made at build time (by the
 * build, and by the scale benchmark for its generated corpora): the index
 * (names, hashes, one digest; where each file is packed; which batches are
 * analysed), the digest alone, the packs of files, each batch's analysis,
 * and the names of the files that ship alone (not UTF-8: the load refuses
 * them, as it would without packs).
 */
import { makeBundledIndex } from '../store/bundled';
import { BUNDLED_DIGEST_FILE, BUNDLED_INDEX_FILE } from '../store/bundled-digest';
import { packCorpus, packPath } from '../store/bundled-packs';
import { prebuildAnalyses, prebuiltAnalysisPath } from '../store/prebuilt-analysis';

export interface BundledCorpusPackage {
  /** Files to write, by their path in the package. */
  generated: Array<{ path: string; contents: string }>;
  /** Corpus files to copy as they are, to `corpus/<name>`. */
  unpacked: string[];
}

/** Needs the lexicon installed (lib/cli/lexicon-file.ts): the analysis reads it. */
export async function bundledCorpusPackage(names: string[], read: (name: string) => Uint8Array): Promise<BundledCorpusPackage> {
  const bytes = new Map(names.map((name) => [name, read(name)]));
  const bytesOf = (name: string) => bytes.get(name)!;
  const index = await makeBundledIndex(names.map((name) => ({ name, bytes: bytesOf(name) })));
  const analyses = await prebuildAnalyses(index, async (name) => bytesOf(name));
  const packed = packCorpus(index, bytesOf);
  return {
    generated: [
      { path: BUNDLED_INDEX_FILE, contents: JSON.stringify({ ...packed.index, analyses: [...analyses.keys()] }) },
      // The digest alone: all a woken worker reads to know the corpus is loaded.
      { path: BUNDLED_DIGEST_FILE, contents: JSON.stringify({ digest: index.digest }) },
      ...packed.packs.map((contents, n) => ({ path: packPath(n), contents })),
      ...[...analyses].map(([key, contents]) => ({ path: prebuiltAnalysisPath(key), contents })),
    ],
    unpacked: packed.index.files.filter((file) => !file.pack).map((file) => file.name),
  };
}
