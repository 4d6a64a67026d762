/**
 * npm run eval [-- FIXTURE_DIR]
 *
 * Prints how the pipeline does against the reference answers: articles found,
 * quotation recall and precision, speaker accuracy. FIXTURE_DIR holds
 * seed-gold.json (default: test/fixtures/eval); the corpus files it names are
 * read from a corpus folder beside it, else from the bundled assets/corpus.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeCorpus } from '../analysis/index';
import { parseCorpusFile } from '../corpus/parse';
import { formatSeedReport, scoreSeed, type CorpusFile, type SeedGold } from '../eval/seed';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_FIXTURES = join(ROOT, 'test/fixtures/eval');
const BUNDLED_CORPUS = join(ROOT, 'assets/corpus');

function main(argv: string[]): number {
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
  return 0;
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

process.exitCode = main(process.argv.slice(2));
