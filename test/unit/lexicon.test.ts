import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasClass, isOrgSuffix, isPlaceSuffix, parseLexicon, wordClasses } from '../../lib/analysis/lexicon';
import { LEXICON_PATH } from '../../lib/cli/lexicon-file';
import { formatLexicon, lexiconSource } from '../../lib/cli/lexicon-source';

const root = resolve(import.meta.dirname, '../..');

describe('the shipped lexicon file', () => {
  it('is what `npm run lexicon` writes from the installed compromise', () => {
    expect(readFileSync(LEXICON_PATH, 'utf8')).toBe(lexiconSource().source);
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
    expect(isPlaceSuffix('Institute')).toBe(false);
  });

  it('is the only way compromise reaches the extension: nothing outside the Node scripts imports it', () => {
    const importers = ['lib', 'entrypoints']
      .flatMap((dir) => readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).map((f) => `${dir}/${f}`))
      .filter((f) => /\.tsx?$/u.test(f) && !/^lib\/(?:cli|eval)\//u.test(f))
      .filter((f) => /from ['"]compromise['"]/u.test(readFileSync(join(root, f), 'utf8')));
    expect(importers).toEqual([]);
  });
});

describe('the lexicon format', () => {
  it('reads back what it writes: every word with its classes, shared prefixes longer than a digit, symbols, digits and marks opening words', () => {
    const entries: [string, ('firstName' | 'lastName' | 'city' | 'common' | 'verb')[]][] = [
      ['b', ['firstName', 'lastName']],
      ['a', ['firstName']],
      ['ab', ['common']],
      ['abc', ['firstName']],
      ['abd', ['common', 'verb']],
      ["o'neill", ['lastName']],
      ['x'.repeat(50), ['firstName']],
      [`${'x'.repeat(50)}y`, ['lastName']],
      ['new york', ['city']],
      ['20th century fox', ['common']],
      ['= sign', ['common']],
      ['#1', ['common']],
      ['€', ['common']],
    ];
    const lexicon = parseLexicon(formatLexicon(entries, ['ministry', 'institute'], ['river'], ['a note']));
    expect(Object.fromEntries([...lexicon.classes].map(([word, classes]) => [word, [...classes].sort()]))).toEqual(
      Object.fromEntries(entries.map(([word, classes]) => [word, [...classes].sort()])),
    );
    expect([...lexicon.orgSuffixes].sort()).toEqual(['institute', 'ministry']);
    expect([...lexicon.placeSuffixes]).toEqual(['river']);
  });

  it('refuses what lookups could never find, and a header naming no class', () => {
    expect(() => formatLexicon([['Paris', ['city']]], [], [], [])).toThrow(/lower case/u);
    expect(() => parseLexicon('= city townish\n0paris\n')).toThrow(/unknown classes townish/u);
    expect(() => parseLexicon('0paris\n')).toThrow(/before any section/u);
  });
});

describe('loading the lexicon in the extension', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('reads the file from its own origin once, however many ask, and no lookup runs before', async () => {
    const paths: string[] = [];
    const server = createServer((request, response) => {
      paths.push(request.url ?? '');
      response.end(readFileSync(LEXICON_PATH));
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    try {
      vi.stubGlobal('location', { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      vi.resetModules();
      const fresh = await import('../../lib/analysis/lexicon');
      expect(() => fresh.hasClass('Margaret', 'firstName')).toThrow(/not loaded/u);
      await Promise.all([fresh.lexiconReady(), fresh.lexiconReady()]);
      await fresh.lexiconReady();
      expect(paths).toEqual([`/${fresh.LEXICON_FILE}`]);
      expect(fresh.hasClass('Margaret', 'firstName')).toBe(true);
    } finally {
      server.close();
    }
  });
});
