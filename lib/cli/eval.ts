/**
 * npm run eval [-- FIXTURE_DIR]
 * npm run eval -- --polnear DIR [--split train|dev] [--examples]
 *
 * Prints how the pipeline does against the reference answers: on the seed
 * answers, articles found, quotation recall and precision, speaker accuracy,
 * entities per type and alias clusters; on the GUM news articles, entity
 * precision, recall and F1 per type and coreference clusters. FIXTURE_DIR holds
 * seed-gold.json and gum-news.json (default: test/fixtures/eval); the corpus
 * files the seed names are read from a corpus folder beside it, else from the
 * bundled assets/corpus.
 *
 * With --polnear, DIR is a fetched copy of PolNeAR (its data folder, or the
 * folder holding it): the train and dev splits are scored for direct
 * quotations and speakers. The test split is never read: it is kept for
 * independent measurement.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractEntities } from '../analysis/entities';
import { analyzeCorpus } from '../analysis/index';
import { parseCorpusFile } from '../corpus/parse';
import { formatGumReport, scoreGum } from '../eval/gum';
import { formatPolnearReport, scorePolnear, type PolnearDocument } from '../eval/polnear';
import { formatSeedReport, scoreSeed, type CorpusFile, type SeedGold } from '../eval/seed';
import { formatSeedEntityReport, scoreSeedEntities } from '../eval/seed-entities';
import { exitQuietlyWhenOutputCloses } from './closed-pipe';
import { installLexiconFile } from './lexicon-file';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_FIXTURES = join(ROOT, 'test/fixtures/eval');
const BUNDLED_CORPUS = join(ROOT, 'assets/corpus');

/** The splits a developer may score on; PolNeAR's test split stays unread. */
const POLNEAR_SPLITS = ['train', 'dev'] as const;

function main(argv: string[]): number {
  installLexiconFile();
  const polnear = argv.indexOf('--polnear');
  if (polnear >= 0) return evalPolnear(argv[polnear + 1], argv);
  const target = argv[0] ? resolve(argv[0]) : DEFAULT_FIXTURES;
  const fixtures = existsSync(target) && statSync(target).isFile() ? dirname(target) : target;
  const goldPath = existsSync(target) && statSync(target).isFile() ? target : join(fixtures, 'seed-gold.json');
  if (!existsSync(goldPath)) {
    console.error(`${goldPath}: no such file`);
    return 1;
  }
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as SeedGold;
  const files = readCorpusFiles(gold, [join(fixtures, '../corpus'), BUNDLED_CORPUS]);
  if (!files) return 1;
  console.log('Seed answers (seed-gold.json)');
  console.log(formatSeedReport(scoreSeed(gold, files, parseCorpusFile, analyzeCorpus)));
  console.log(formatSeedEntityReport(scoreSeedEntities(gold.entities, files, parseCorpusFile, extractEntities)));
  const gumPath = join(fixtures, 'gum-news.json');
  if (!existsSync(gumPath)) {
    console.error(`${gumPath}: no such file, GUM figures skipped`);
    return 1;
  }
  console.log('');
  console.log(formatGumReport(scoreGum(JSON.parse(readFileSync(gumPath, 'utf8')), extractEntities)));
  return 0;
}

function evalPolnear(dir: string | undefined, argv: string[]): number {
  if (!dir) {
    console.error('--polnear needs the folder of a fetched PolNeAR copy');
    return 1;
  }
  const data = [resolve(dir, 'data'), resolve(dir)].find((d) => POLNEAR_SPLITS.every((s) => existsSync(join(d, s, 'text'))));
  if (!data) {
    console.error(`${dir}: no PolNeAR data here (expected train/ and dev/, each with text/ and attributions/)`);
    return 1;
  }
  const only = argv.includes('--split') ? argv[argv.indexOf('--split') + 1] : null;
  const splits = POLNEAR_SPLITS.filter((s) => !only || s === only);
  if (splits.length === 0) {
    console.error(`--split: one of ${POLNEAR_SPLITS.join(', ')}`);
    return 1;
  }
  for (const split of splits) {
    console.log(formatPolnearReport(split, scorePolnear(readPolnearSplit(join(data, split)), analyzeCorpus), argv.includes('--examples')));
  }
  return 0;
}

/** Each text with one annotator's attributions (the first by file name, where several annotated it). */
function readPolnearSplit(dir: string): PolnearDocument[] {
  const annotations = readdirSync(join(dir, 'attributions')).filter((f) => f.endsWith('.ann')).sort();
  return readdirSync(join(dir, 'text'))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((file) => {
      const name = file.slice(0, -'.txt'.length);
      const ann = annotations.find((a) => a.startsWith(`${name}_`));
      if (!ann) return [];
      return [{ name, text: readFileSync(join(dir, 'text', file), 'utf8'), ann: readFileSync(join(dir, 'attributions', ann), 'utf8') }];
    });
}

function readCorpusFiles(gold: SeedGold, folders: string[]): CorpusFile[] | null {
  const names = [...new Set(gold.articles.map((a) => a.file))];
  const files: CorpusFile[] = [];
  for (const file of names) {
    const path = folders.map((folder) => join(folder, file)).find((p) => existsSync(p));
    if (!path) {
      console.error(`${file}: not found in ${folders.join(' or ')}`);
      return null;
    }
    files.push({ file, text: readFileSync(path, 'utf8') });
  }
  return files;
}

exitQuietlyWhenOutputCloses();
process.exitCode = main(process.argv.slice(2));
