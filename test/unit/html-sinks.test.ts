import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DOMParser } from 'linkedom/worker';
import { describe, expect, it } from 'vitest';
import { HTML_SINK_REWRITES, rewriteHtmlSinks } from '../../lib/build/html-sinks';
import { repoRoot } from './helpers';

const modules = join(repoRoot, 'node_modules');
const rewrite = rewriteHtmlSinks().transform as (this: { error(message: string): never }, code: string, id: string) => { code: string } | null;
const failing = { error: (message: string): never => { throw new Error(message); } };
const rewritten = (file: string) => rewrite.call(failing, readFileSync(join(modules, file), 'utf8'), join(modules, file))!.code;

/** Assignments of something other than an empty string to innerHTML or outerHTML: what web-ext lint reports. */
const SINK = /\.(inner|outer)HTML\s*=(?!=)\s*(?!""|'')/;

describe('the libraries’ markup sinks, rewritten at build time', () => {
  it('finds every text it rewrites in the installed libraries, and leaves no sink in them', () => {
    for (const file of new Set(HTML_SINK_REWRITES.map((r) => r.file))) {
      expect(readFileSync(join(modules, file), 'utf8'), file).toMatch(SINK);
      expect(rewritten(file), file).not.toMatch(SINK);
    }
  });

  it('fails the build when a library no longer holds the text a rewrite expects', () => {
    const [first] = HTML_SINK_REWRITES;
    expect(() => rewrite.call(failing, 'export {}', join(modules, first.file))).toThrow(/no longer holds/);
    expect(rewrite.call(failing, 'export {}', join(modules, 'other/index.js'))).toBeNull();
  });

  it('extracts the same articles with the rewritten Readability as with the original, on the saved pages', () => {
    const load = (source: string) => {
      const module = { exports: {} as any };
      new Function('module', 'exports', 'require', source)(module, module.exports, createRequire(import.meta.url));
      return module.exports as new (doc: Document) => { parse(): { title: string; textContent: string } | null };
    };
    const Original = load(readFileSync(join(modules, '@mozilla/readability/Readability.js'), 'utf8'));
    const Rewritten = load(rewritten('@mozilla/readability/Readability.js'));
    const dir = join(repoRoot, 'test/fixtures/pages');
    const pages = readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) {
      const html = readFileSync(join(dir, page), 'utf8');
      const parse = (Readability: typeof Original) => new Readability(new DOMParser().parseFromString(html, 'text/html') as unknown as Document).parse();
      const [a, b] = [parse(Original), parse(Rewritten)];
      expect(b?.title, page).toBe(a?.title);
      expect(b?.textContent, page).toBe(a?.textContent);
    }
  });
});
