import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCorpusBytes } from '../../lib/corpus/decode';

const root = resolve(import.meta.dirname, '../..');
const corpus = ['000_2a7a1124e15dd066.txt', '004_239aa930d73cefa9.txt'].map((name) => join(root, 'assets/corpus', name));
/** Spawning tsx compiles the CLI and the whole pipeline: allow for a slow, shared machine. */
const CLI_TIMEOUT_MS = 60_000;

interface CliOutput {
  articles: {
    file: string;
    title: string | null;
    date: string | null;
    complete: boolean;
    text: string;
    entities: { name: string; type: string; aliases: string[]; mentions: [number, number][] }[];
    quotes: { text: string; start: number; end: number; speaker: string | null }[];
  }[];
}

function analyze(...args: string[]) {
  const run = spawnSync(join(root, 'node_modules/.bin/tsx'), ['lib/cli/analyze.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr, output: run.stdout ? (JSON.parse(run.stdout) as CliOutput) : null };
}

function expectOffsetsIndexText(output: CliOutput) {
  for (const article of output.articles) {
    for (const quote of article.quotes) expect(article.text.slice(quote.start, quote.end)).toBe(quote.text);
    for (const entity of article.entities) {
      const names = [entity.name, ...entity.aliases].map((n) => n.toLowerCase());
      for (const [start, end] of entity.mentions) {
        expect(end).toBeGreaterThan(start);
        expect(names, `mention at ${start} of ${entity.name}`).toContain(article.text.slice(start, end).toLowerCase());
      }
    }
  }
}

describe('analyze CLI on the bundled corpus', () => {
  let output: CliOutput;
  beforeAll(() => {
    const run = analyze(...corpus);
    expect(run.status, run.stderr).toBe(0);
    output = run.output!;
  }, CLI_TIMEOUT_MS);

  it('prints every article with the documented fields', () => {
    expect(output.articles).toHaveLength(6);
    for (const article of output.articles) {
      expect(Object.keys(article).sort()).toEqual(['complete', 'date', 'entities', 'file', 'quotes', 'text', 'title']);
      for (const entity of article.entities) expect(['person', 'place', 'org']).toContain(entity.type);
      for (const quote of article.quotes) expect(quote.speaker === null || typeof quote.speaker === 'string').toBe(true);
    }
    expect(output.articles[5]).toMatchObject({ file: '004_239aa930d73cefa9.txt', date: '2024-11-22', complete: true });
  });

  it('gives offsets that index each article’s text', () => {
    expectOffsetsIndexText(output);
  });

  it('names speakers by their entity names', () => {
    const byText = new Map(output.articles.flatMap((a) => a.quotes).map((q) => [q.text, q.speaker]));
    expect(byText.get('one iota')).toBe('Donald Tusk');
    expect(byText.get('happy camper')).toBeNull();
  });
});

describe('analyze CLI with --whole', () => {
  it('takes each file as one article whose text is the file unchanged', () => {
    const run = analyze('--whole', corpus[1]);
    expect(run.status, run.stderr).toBe(0);
    const [article] = run.output!.articles;
    expect(run.output!.articles).toHaveLength(1);
    expect(article.text).toBe(readFileSync(corpus[1], 'utf8'));
    expect(article.quotes.length).toBeGreaterThan(0);
    expectOffsetsIndexText(run.output!);
  }, CLI_TIMEOUT_MS);
});

describe('analyze CLI on bad input', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'backstory-cli-'));
    writeFileSync(join(dir, 'binary.bin'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]));
    writeFileSync(join(dir, 'latin1.txt'), new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    writeFileSync(join(dir, 'empty.txt'), '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports each bad file on stderr, exits non-zero, and still reports the good ones', () => {
    const missing = join(dir, 'missing.txt');
    const run = analyze(missing, join(dir, 'binary.bin'), join(dir, 'latin1.txt'), join(dir, 'empty.txt'), corpus[1]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`${missing}: no such file`);
    expect(run.stderr).toMatch(/binary\.bin: not text/);
    expect(run.stderr).toMatch(/latin1\.txt: not text/);
    expect(run.stderr).toMatch(/empty\.txt: empty/);
    expect(run.output!.articles.map((a) => a.file)).toEqual(['004_239aa930d73cefa9.txt']);
  }, CLI_TIMEOUT_MS);

  it('prints usage and exits non-zero without files', () => {
    const run = analyze();
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/usage/);
  }, CLI_TIMEOUT_MS);
});

describe('decodeCorpusBytes', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('decodes UTF-8 text', () => {
    expect(decodeCorpusBytes('a.txt', bytes('Kyiv’s allies “said”'))).toEqual({ ok: true, text: 'Kyiv’s allies “said”' });
  });

  it('refuses empty, blank, binary and non-UTF-8 input, naming the file', () => {
    expect(decodeCorpusBytes('a.txt', new Uint8Array())).toEqual({ ok: false, error: 'a.txt: empty file' });
    expect(decodeCorpusBytes('a.txt', bytes(' \n\t'))).toMatchObject({ ok: false, error: expect.stringMatching(/^a\.txt: empty/) });
    expect(decodeCorpusBytes('a.bin', new Uint8Array([0x41, 0x00, 0x42]))).toMatchObject({ ok: false, error: expect.stringMatching(/^a\.bin: not text/) });
    expect(decodeCorpusBytes('a.txt', new Uint8Array([0x63, 0xe9, 0x0a]))).toMatchObject({ ok: false, error: expect.stringMatching(/^a\.txt: not text/) });
  });
});
