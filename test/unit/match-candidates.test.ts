import { describe, expect, it } from 'vitest';
import { extractCandidates } from '../../lib/lookup/candidates';
import { foldName } from '../../lib/text/fold';

const texts = extractCandidates;

describe('extractCandidates', () => {
  it('finds runs of capitalised words, each distinct run once', () => {
    expect(texts('Polish Prime Minister Donald Tusk said this week that Donald Tusk')).toEqual(['Polish Prime Minister Donald Tusk', 'Donald Tusk']);
  });

  it('strips possessives, curly and straight', () => {
    const text = 'if Ukrainian President Volodymyr Zelenskiy’s aim is, Kyiv’s strongest, Nato\'s troops, the Jones’ house';
    expect(texts(text)).toEqual(['Ukrainian President Volodymyr Zelenskiy', 'Kyiv', 'Nato', 'Jones']);
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

  it('does not join words across line breaks (separate blocks)', () => {
    expect(texts('Donald\nTusk')).toEqual(['Donald', 'Tusk']);
  });

  it('cuts long runs of capitals (a Title Case headline, a banner) into word-aligned pieces a request allows', () => {
    const banner = Array.from({ length: 40 }, (_, i) => `WORD${i}`).join(' ');
    const found = texts(banner);
    expect(found.length).toBeGreaterThan(1);
    expect(found.join(' ')).toBe(banner);
    for (const piece of found) expect(piece.length).toBeLessThanOrEqual(120);
  });

  it('keeps the words around a base64 blob and never sends the blob', () => {
    const blob = 'QUJDzA9'.repeat(60);
    const found = texts(`the WORLD NEWS ${blob}. TODAY`);
    expect(found).toEqual(expect.arrayContaining(['WORLD NEWS', 'TODAY']));
    expect(found.every((c) => c.length <= 40)).toBe(true);
  });

  it('offers both readings of a word with a capital inside: the whole, and the parts a page may have joined', () => {
    expect(texts('DeSantis spoke. KyivTusk. Zelenskiy’s and the Joneses’ DeSantis')).toEqual(['DeSantis', 'KyivTusk', 'Zelenskiy', 'Joneses', 'De', 'Santis', 'Kyiv', 'Tusk']);
  });

  it('collects the distinct candidates of pieces joined by line breaks', () => {
    expect(texts('Donald Tusk in Kyiv\nKyiv and Nato')).toEqual(['Donald Tusk', 'Kyiv', 'Nato']);
  });
});

describe('foldName', () => {
  it('folds case, accents, apostrophes and white space', () => {
    expect(foldName('  Zelenskýy ')).toBe('zelenskyy');
    expect(foldName('O’Brien')).toBe("o'brien");
    expect(foldName('Donald\u00a0 Tusk')).toBe('donald tusk');
  });
});
