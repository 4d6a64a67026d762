import { afterEach, describe, expect, it } from 'vitest';
import { loadBundledCorpus, makeBundledIndex } from '../../lib/store/bundled';
import { analyzeInThisThread, type Analyzer } from '../../lib/store/ingest';
import { batchKey, parseAnalysis, prebuildAnalyses, prebuiltAnalyzer, serializeAnalysis } from '../../lib/store/prebuilt-analysis';
import { bundledCorpusFiles, corpusState, deleteTestDbs, testDb } from './helpers';

afterEach(deleteTestDbs);

/** Small batches: each of the seed corpus's two files is one. */
const BATCH_WORDS = 500;

async function seedPackage() {
  const files = bundledCorpusFiles();
  const byName = new Map(files.map((f) => [f.name, f.bytes]));
  const read = async (name: string) => byName.get(name)!;
  const index = await makeBundledIndex(files);
  const analyses = await prebuildAnalyses(index, read, { batchWords: BATCH_WORDS });
  return { files, read, index, analyses };
}

/** The extension's own analysis, counting the batches it is given. */
function countedAnalyzer() {
  const counted = { batches: 0 };
  const analyze: Analyzer = (inputs) => (counted.batches++, analyzeInThisThread(inputs));
  return { counted, analyze };
}

describe('the bundled corpus analysed at build time', () => {
  it('loads into the same store as a load that analyses, analysing nothing', async () => {
    const { read, index, analyses } = await seedPackage();
    expect(analyses.size).toBeGreaterThan(1);

    const analysing = testDb();
    await loadBundledCorpus(analysing, index, read, undefined, BATCH_WORDS);

    const prebuilt = testDb();
    const { counted, analyze } = countedAnalyzer();
    const report = await loadBundledCorpus(prebuilt, { ...index, analyses: [...analyses.keys()] }, read, undefined, BATCH_WORDS, prebuiltAnalyzer(new Set(analyses.keys()), async (key) => analyses.get(key)!, analyze).analyze);

    expect(report.changed).toBe(true);
    expect(counted.batches).toBe(0);
    expect(await corpusState(prebuilt)).toEqual(await corpusState(analysing));
  });

  it('resumes a stopped load on the build’s batches: the files left start where a batch of the build starts', async () => {
    const { files, read, index, analyses } = await seedPackage();
    const db = testDb();
    const { counted, analyze } = countedAnalyzer();
    const prebuilt = () => prebuiltAnalyzer(new Set(analyses.keys()), async (key) => analyses.get(key)!, analyze);
    // The second file cannot be read: the first batch is stored, and the load stops.
    const stopping = async (name: string) => (name === files[1].name ? Promise.reject(new Error('stopped')) : read(name));
    await expect(loadBundledCorpus(db, index, stopping, undefined, BATCH_WORDS, prebuilt().analyze)).rejects.toThrow('stopped');
    expect(await db.sources.count()).toBe(1);

    const resumed = prebuilt();
    await loadBundledCorpus(db, index, read, undefined, BATCH_WORDS, resumed.analyze);
    expect(counted.batches).toBe(0);
    const analysing = testDb();
    await loadBundledCorpus(analysing, index, read, undefined, BATCH_WORDS);
    expect(await corpusState(db)).toEqual(await corpusState(analysing));
  });

  it('keeps an analysis whole through its text form', async () => {
    const inputs = [{ id: 'a#0', title: 'Talks', text: '“We will not yield,” said Donald Tusk, the Polish prime minister, in Warsaw.' }];
    const analysis = await analyzeInThisThread(inputs);
    expect(analysis.search.refs.size).toBeGreaterThan(0);
    expect(parseAnalysis(serializeAnalysis(analysis))).toEqual(analysis);
  });

  it('analyses a batch the build did not, or whose analysis cannot be read, and stores the same', async () => {
    const { read, index, analyses } = await seedPackage();
    // One analysis damaged in the package, and batches cut elsewhere than the build cut them (a load resumed after a stop).
    const [damaged] = analyses.keys();
    const readAnalysis = async (key: string) => (key === damaged ? '{"entities": [' : analyses.get(key)!);
    for (const batchWords of [BATCH_WORDS, Infinity]) {
      const analysing = testDb();
      await loadBundledCorpus(analysing, index, read, undefined, batchWords);
      const db = testDb();
      const { counted, analyze } = countedAnalyzer();
      const prebuilt = prebuiltAnalyzer(new Set(analyses.keys()), readAnalysis, analyze);
      await loadBundledCorpus(db, index, read, undefined, batchWords, prebuilt.analyze);
      expect(counted.batches).toBeGreaterThan(0);
      expect(prebuilt.analysedHere()).toBe(counted.batches);
      expect(await corpusState(db)).toEqual(await corpusState(analysing));
    }
  });

  it('names a batch by all that its analysis reads', async () => {
    const input = { id: 'a#0', title: 'Talks', text: 'Donald Tusk spoke.' };
    const key = await batchKey([input]);
    for (const changed of [{ ...input, id: 'b#0' }, { ...input, title: 'Other' }, { ...input, text: 'Donald Tusk spoke!' }]) expect(await batchKey([changed])).not.toBe(key);
    expect(await batchKey([{ ...input }])).toBe(key);
  });
});
