/**
 * The bundled corpus analysed at build time. Its files are known when the
 * extension is built, so the build cuts them into the batches a first load
 * cuts (`bundledBatches`), analyses each, and ships the results beside the
 * files, named by a hash of the batch's analysis input. A load then asks
 * for a batch's result by the same hash, and analyses only a batch the build
 * did not (an update that changed some files loads only those, cut into
 * other batches; an analysis file missing or damaged): an install writes the
 * corpus without analysing it, and starts no analysis worker. A load resumed
 * after a stop takes the build's too: batches are stored whole and in order,
 * so the files left begin where a batch of the build begins. The result is the analysis itself, so the store is the
 * same either way (test/unit/prebuilt-analysis.test.ts).
 */
import type { BundledIndex } from './bundled-digest';
import { BATCH_WORDS, bundledBatches } from './bundled';
import { analysisInputs, analyzeInThisThread, sha256Hex, type AnalysedBatch, type Analyzer, type BatchInput } from './ingest';

/** Where the build writes a batch's analysis, in the package. */
export const prebuiltAnalysisPath = (key: string) => `corpus/analysis/${key}.json`;

/** What names a batch's analysis: a hash of everything the analysis reads. */
export const batchKey = (inputs: BatchInput[]): Promise<string> => sha256Hex(JSON.stringify(inputs.map((i) => [i.id, i.title ?? null, i.text])));

/** A batch's analysis as text: JSON, with the search index's map of references as its entries. */
export function serializeAnalysis(analysis: AnalysedBatch): string {
  return JSON.stringify({ ...analysis, search: { docs: analysis.search.docs, refs: [...analysis.search.refs] } });
}

export function parseAnalysis(text: string): AnalysedBatch {
  const parsed = JSON.parse(text);
  return { ...parsed, search: { docs: parsed.search.docs, refs: new Map(parsed.search.refs) } };
}

/**
 * The analyses of the batches a first load of `index` cuts, by key: what
 * the build ships. `analyze` is the extension's own analysis.
 */
export async function prebuildAnalyses(
  index: BundledIndex,
  readFile: (name: string) => Promise<Uint8Array>,
  { batchWords = BATCH_WORDS, analyze = analyzeInThisThread }: { batchWords?: number; analyze?: Analyzer } = {},
): Promise<Map<string, string>> {
  const analyses = new Map<string, string>();
  for await (const batch of bundledBatches(index.files, readFile, batchWords, [])) {
    const inputs = analysisInputs(batch.articles);
    analyses.set(await batchKey(inputs), serializeAnalysis(await analyze(inputs)));
  }
  return analyses;
}

/**
 * An Analyzer that takes a batch's analysis from the build's (`keys`, read
 * with `read`) when there is one, and otherwise, or when it cannot be read,
 * analyses with `analyze`; `analysedHere` counts the batches it analysed.
 */
export function prebuiltAnalyzer(keys: ReadonlySet<string>, read: (key: string) => Promise<string>, analyze: Analyzer): { analyze: Analyzer; analysedHere(): number } {
  let analysed = 0;
  const analyzeHere: Analyzer = (inputs) => (analysed++, analyze(inputs));
  return {
    analyze: async (inputs) => {
      const key = keys.size > 0 ? await batchKey(inputs) : null;
      if (key !== null && keys.has(key)) {
        try {
          return parseAnalysis(await read(key));
        } catch {
          // A file missing or damaged in the package: analysed here, as without it.
        }
      }
      return analyzeHere(inputs);
    },
    analysedHere: () => analysed,
  };
}
