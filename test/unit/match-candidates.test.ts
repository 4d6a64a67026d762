import { describe, expect, it } from 'vitest';
import { extractCandidates, type CandidateSpan } from '../../lib/match/candidates';
import { normalizeName } from '../../lib/match/normalize';

const spans = (text: string) => {
  const out: CandidateSpan[] = [];
  extractCandidates(text, (s) => out.push(s));
  return out;
};
const texts = (text: string) => spans(text).map((s) => s.text);

describe('extractCandidates', () => {
  it('finds runs of capitalised words with their offsets', () => {
    const text = 'Polish Prime Minister Donald Tusk said this week';
    expect(spans(text)).toEqual([{ text: 'Polish Prime Minister Donald Tusk', start: 0, end: 33 }]);
  });

  it('strips possessives, curly and straight, and keeps offsets on the name', () => {
    const text = 'if Ukrainian President Volodymyr Zelenskiy’s aim is, Kyiv’s strongest, Nato\'s troops';
    const found = spans(text);
    expect(found.map((s) => s.text)).toEqual(['Ukrainian President Volodymyr Zelenskiy', 'Kyiv', 'Nato']);
    for (const s of found) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('splits a run at a possessive in the middle', () => {
    expect(texts('Estonia’s Prime Minister Kaja Kallas spoke')).toEqual(['Estonia', 'Prime Minister Kaja Kallas']);
  });

  it('keeps acronyms, dotted acronyms and particles inside names, never lower-case words', () => {
    expect(texts('the US and the U.S. and us')).toEqual(['US', 'U.S.']);
    expect(texts('said Ursula von der Leyen and Charles de Gaulle')).toEqual(['Ursula von der Leyen', 'Charles de Gaulle']);
    expect(texts('the Bank of England')).toEqual(['Bank of England']);
  });

  it('cuts hyphenated lower-case tails and keeps hyphenated names', () => {
    expect(texts('a Zelensky-led push by Jean-Claude Juncker')).toEqual(['Zelensky', 'Jean-Claude Juncker']);
  });

  it('drops lone sentence-start function words but not runs that contain names', () => {
    expect(texts('The war. In Warsaw. He said. It was Tusk.')).toEqual(['In Warsaw', 'Tusk']);
  });

  it('does not join words across line breaks (separate blocks)', () => {
    expect(texts('Donald\nTusk')).toEqual(['Donald', 'Tusk']);
  });

  it('splits all-caps banners longer than a request allows into word-aligned pieces', () => {
    const banner = Array.from({ length: 40 }, (_, i) => `WORD${i}`).join(' ');
    const found = spans(banner);
    expect(found.length).toBeGreaterThan(1);
    for (const s of found) {
      expect(s.text.length).toBeLessThanOrEqual(120);
      expect(banner.slice(s.start, s.end)).toBe(s.text);
    }
  });
});

describe('normalizeName', () => {
  it('folds case, accents, apostrophes and white space', () => {
    expect(normalizeName('  Zelenskýy ')).toBe('zelenskyy');
    expect(normalizeName('O’Brien')).toBe("o'brien");
    expect(normalizeName('Donald\u00a0 Tusk')).toBe('donald tusk');
  });
});
