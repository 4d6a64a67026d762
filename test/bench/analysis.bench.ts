/**
 * Throughput of the analysis pipeline against compromise's own entity
 * pipeline (nlp(text).people() / .places() / .organizations()) on the same
 * text in the same run: words per second, median of several runs, and the ratio.
 *
 * The corpus (≥ 200k words) recombines the real texts we have — the bundled
 * corpus and the GUM Wikinews documents — into articles of shuffled
 * paragraphs, so names recur across articles as they do in a reader's store.
 */
import { seededRandom } from './scale-corpus';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { extractEntities } from '../../lib/analysis/entities';
import type { AnalysisInput } from '../../lib/analysis/types';
import { median } from './stats';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The issue asks for at least 200k words so that per-call overheads vanish. */
const TARGET_WORDS = 200_000;
/** Paragraphs per generated article: about the length of a news story. */
const PARAGRAPHS_PER_ARTICLE = 12;
/** Timed runs of our pipeline; the median is reported. */
const RUNS = 5;
/** Timed runs of compromise's, which takes about half a minute a run on this corpus. */
const COMPROMISE_RUNS = 3;

type Analyze = (inputs: AnalysisInput[]) => unknown;

export default async function bench(): Promise<void> {
  const inputs = buildCorpus();
  const words = countWords(inputs);
  const analyze = await loadPipeline();
  console.log(`corpus: ${inputs.length} articles, ${words} words`);

  const ours = timeRuns(() => analyze.run(inputs), RUNS, () => analyze.run(inputs));
  const theirs = timeRuns(() => compromisePipeline(inputs), COMPROMISE_RUNS, () => compromisePipeline(inputs.slice(0, 1)));
  const oursRate = words / (median(ours) / 1000);
  const theirsRate = words / (median(theirs) / 1000);
  console.log(`${analyze.name.padEnd(22)} ${Math.round(oursRate).toLocaleString('en')} words/s (median of ${RUNS}, ${median(ours).toFixed(0)} ms)`);
  console.log(`${'compromise pipeline'.padEnd(22)} ${Math.round(theirsRate).toLocaleString('en')} words/s (median of ${COMPROMISE_RUNS}, ${median(theirs).toFixed(0)} ms)`);
  console.log(`ratio: ${(oursRate / theirsRate).toFixed(2)}× compromise`);
}

/** analyzeCorpus (entities and quotes) when the pipeline module exists, else entities alone. */
async function loadPipeline(): Promise<{ name: string; run: Analyze }> {
  try {
    const module = (await import('../../lib/analysis/index')) as { analyzeCorpus?: Analyze };
    if (module.analyzeCorpus) return { name: 'analyzeCorpus', run: module.analyzeCorpus };
  } catch {
    // Not written yet: measure the entity extraction on its own.
  }
  return { name: 'extractEntities', run: extractEntities };
}

function compromisePipeline(inputs: AnalysisInput[]): number {
  let found = 0;
  for (const { text } of inputs) {
    const doc = nlp(text);
    found += doc.people().out('array').length + doc.places().out('array').length + doc.organizations().out('array').length;
  }
  return found;
}

function timeRuns(run: () => unknown, runs: number, warmUp: () => unknown): number[] {
  warmUp(); // lexicons, JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times;
}

function buildCorpus(): AnalysisInput[] {
  const paragraphs = realParagraphs();
  const random = seededRandom(20240822);
  const inputs: AnalysisInput[] = [];
  let words = 0;
  while (words < TARGET_WORDS) {
    const picked = Array.from({ length: PARAGRAPHS_PER_ARTICLE }, () => paragraphs[Math.floor(random() * paragraphs.length)]);
    const text = picked.join('\n');
    inputs.push({ id: `bench-${inputs.length}`, text });
    words += countWords([{ id: '', text }]);
  }
  return inputs;
}

function realParagraphs(): string[] {
  const corpusDir = ROOT + 'assets/corpus/';
  const corpus = readdirSync(corpusDir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(corpusDir + f, 'utf8'));
  const gum = JSON.parse(readFileSync(ROOT + 'test/fixtures/eval/gum-news.json', 'utf8')) as { documents: { text: string }[] };
  return [...corpus, ...gum.documents.map((d) => d.text)]
    .flatMap((text) => text.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line.split(/\s+/).length >= MIN_PARAGRAPH_WORDS);
}
/** Shorter lines are headlines, datelines and captions rather than paragraphs. */
const MIN_PARAGRAPH_WORDS = 8;

const countWords = (inputs: AnalysisInput[]) => inputs.reduce((n, { text }) => n + (text.match(/\S+/g)?.length ?? 0), 0);

