import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCorpus } from '../../lib/analysis/index';
import type { AnalysisInput } from '../../lib/analysis/types';
import { parseCorpusFile } from '../../lib/corpus/parse';
import { fold, scoreSeed, type SeedGold } from '../../lib/eval/seed';

const root = resolve(import.meta.dirname, '../..');
const gold = JSON.parse(readFileSync(join(root, 'test/fixtures/eval/seed-gold.json'), 'utf8')) as SeedGold;
const files = [...new Set(gold.articles.map((a) => a.file))].map((file) => ({
  file,
  text: readFileSync(join(root, 'assets/corpus', file), 'utf8'),
}));
const report = scoreSeed(gold, files, parseCorpusFile, analyzeCorpus);

/** The seed answers are a development set: every speaker stays right. */
const MIN_SPEAKER_ACCURACY = 1;

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

  it('gets every speaker right', () => {
    expect(report.speakers.right / report.speakers.checked, JSON.stringify(report.speakers.wrong)).toBeGreaterThanOrEqual(MIN_SPEAKER_ACCURACY);
  });

  it('attributes no scare quote', () => {
    expect(report.scareQuotesAttributed).toEqual([]);
  });
});

describe('the seed scorer itself', () => {
  const withQuotes = (speaker: 'none' | 'first-person') => (inputs: AnalysisInput[]) => {
    const analysis = analyzeCorpus(inputs);
    const somebody = analysis.entities.find((e) => e.type === 'person')!.id;
    return { ...analysis, quotes: analysis.quotes.map((q) => ({ ...q, speakerId: speaker === 'none' ? null : somebody })) };
  };

  it('counts a pipeline that finds no quotations as missing them all', () => {
    const none = scoreSeed(gold, files, parseCorpusFile, (inputs) => ({ ...analyzeCorpus(inputs), quotes: [] }));
    expect(none.quotes.found).toBe(0);
    expect(none.quotes.missed).toHaveLength(none.quotes.required);
  });

  it('counts wrong speakers and attributed scare quotes', () => {
    const wrong = scoreSeed(gold, files, parseCorpusFile, withQuotes('first-person'));
    expect(wrong.speakers.right / wrong.speakers.checked).toBeLessThan(0.5);
    expect(wrong.scareQuotesAttributed.length).toBeGreaterThan(0);
  });

  it('does not match a stray short phrase by containment', () => {
    const stray = scoreSeed(gold, files, parseCorpusFile, (inputs) => {
      const analysis = analyzeCorpus(inputs);
      const quote = { ...analysis.quotes[0], id: 'x', text: 'the' };
      return { ...analysis, quotes: [...analysis.quotes, quote] };
    });
    expect(stray.quotes.spurious.map((q) => q.text)).toEqual(['the']);
  });
});

describe('fold', () => {
  it('ignores case, quote marks, apostrophes and punctuation', () => {
    expect(fold('“They’re efficient,” he said.')).toBe(fold('theyre EFFICIENT he said'));
  });
});
