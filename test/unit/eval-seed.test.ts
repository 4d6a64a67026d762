import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCorpus } from '../../lib/analysis/index';
import { parseCorpusFile } from '../../lib/corpus/parse';
import { fold, scoreSeed, type SeedGold } from '../../lib/eval/seed';

const root = resolve(import.meta.dirname, '../..');
const gold = JSON.parse(readFileSync(join(root, 'test/fixtures/eval/seed-gold.json'), 'utf8')) as SeedGold;
const files = [...new Set(gold.articles.map((a) => a.file))].map((file) => ({
  file,
  text: readFileSync(join(root, 'assets/corpus', file), 'utf8'),
}));
const report = scoreSeed(gold, files, parseCorpusFile, analyzeCorpus);

/** The project's target for speaker accuracy on the seed answers. */
const MIN_SPEAKER_ACCURACY = 0.95;

describe('the pipeline against the seed answers', () => {
  it('finds the six articles', () => {
    expect(report.articles).toMatchObject({ expected: 6, found: 6, missing: [] });
  });

  it('finds every required quotation', () => {
    expect(report.quotes.missed).toEqual([]);
    expect(report.quotes.found).toBe(report.quotes.required);
  });

  it('finds no quotation the answers do not have', () => {
    expect(report.quotes.spurious).toEqual([]);
  });

  it('gets at least 95% of the speakers right', () => {
    expect(report.speakers.right / report.speakers.checked, JSON.stringify(report.speakers.wrong)).toBeGreaterThanOrEqual(MIN_SPEAKER_ACCURACY);
  });

  it('attributes no scare quote', () => {
    expect(report.scareQuotesAttributed).toEqual([]);
  });
});

describe('fold', () => {
  it('ignores case, quote marks, apostrophes and punctuation', () => {
    expect(fold('“They’re efficient,” he said.')).toBe(fold('theyre EFFICIENT he said'));
  });
});
