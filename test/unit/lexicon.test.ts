import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeLexicon, hasClass, isOrgSuffix, isPlaceSuffix, wordClasses } from '../../lib/analysis/lexicon';
import { encodeLexicon, lexiconSource } from '../../lib/cli/lexicon-source';

const root = resolve(import.meta.dirname, '../..');

describe('the generated lexicon', () => {
  it('is what `npm run lexicon` writes from the installed compromise', () => {
    expect(readFileSync(join(root, 'lib/analysis/lexicon-data.ts'), 'utf8')).toBe(lexiconSource().source);
  });

  it('gives words and naming phrases their classes, case-insensitively', () => {
    expect(hasClass('Margaret', 'firstName')).toBe(true);
    expect(hasClass('france', 'country')).toBe(true);
    expect(wordClasses('New Zealand').has('country')).toBe(true);
    expect(hasClass('announced', 'verb')).toBe(true);
    expect(hasClass('announced', 'firstName')).toBe(false);
    expect(wordClasses('qzxv').size).toBe(0);
    expect(isOrgSuffix('Institute')).toBe(true);
    expect(isPlaceSuffix('River')).toBe(true);
  });

  it('is the only way compromise reaches the extension: nothing outside the Node scripts imports it', () => {
    const importers = ['lib', 'entrypoints']
      .flatMap((dir) => readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).map((f) => `${dir}/${f}`))
      .filter((f) => /\.tsx?$/u.test(f) && !/^lib\/(?:cli|eval)\//u.test(f))
      .filter((f) => /from ['"]compromise['"]/u.test(readFileSync(join(root, f), 'utf8')));
    expect(importers).toEqual([]);
  });
});

describe('the lexicon encoding', () => {
  it('decodes what it encodes: every word with its class mask, shared prefixes longer than the cap and symbols included', () => {
    const entries: [string, number][] = [
      ['b', 3],
      ['a', 1],
      ['ab', 2048],
      ['abc', 1],
      ['abd', 67584],
      ["o'neill", 2],
      ['x'.repeat(50), 1],
      [`${'x'.repeat(50)}y`, 2],
      ['new york', 16],
      ['€', 2048],
    ];
    const { coded, masks } = encodeLexicon(entries);
    const decoded = [...decodeLexicon(coded)].map(([word, maskIndex]) => [word, masks[maskIndex]]);
    expect(decoded).toEqual([...entries].sort(([a], [b]) => (a < b ? -1 : 1)));
  });

  it('refuses what it could not decode: a capital letter in a word', () => {
    expect(() => encodeLexicon([['Paris', 1]])).toThrow(/lower case/u);
  });
});
