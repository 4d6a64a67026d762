/**
 * Which article extractor "Save this page" uses: @mozilla/readability and
 * defuddle on every page in ../shared/pages (BACKSTORY_PAGES_DIR picks
 * another folder), scored against Readability's own expected outputs there
 * (expected/NAME.json: title, byline, published time, readerable;
 * expected/NAME.html: the article): title exact match, byline agreement,
 * published date agreement, token F1 of the article text, time per page, and
 * each one's size as a minified, gzipped browser bundle. Then Backstory's own
 * `extractArticle` on the same pages, with the same scores, and the pages it
 * turns away as not articles.
 *
 * The reference was made by Readability itself, so Readability's text and
 * title agreement are flattered; the dates and canonical URLs are judged on
 * what the pages declare as well. Runs in Node on linkedom (see
 * test/unit/page-document.ts), so the times compare the two extractors with
 * each other, not with a browser.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { Readability } from '@mozilla/readability';
import Defuddle from 'defuddle';
import { extractArticle } from '../../lib/corpus/page-extract';
import { parsePage } from '../unit/page-document';
import { median, percentile } from './stats';

const repoRoot = resolve(import.meta.dirname, '../..');
const pagesDir = resolve(repoRoot, process.env.BACKSTORY_PAGES_DIR ?? '../shared/pages');
/** Runs per page and extractor; the per-page time is their median. */
const ROUNDS = Number(process.env.BACKSTORY_BENCH_ROUNDS ?? 2);

interface Expected {
  title: string | null;
  byline: string | null;
  publishedTime: string | null;
  readerable: boolean;
}

interface Extracted {
  title: string | null;
  byline: string | null;
  /** yyyy-mm-dd, or null. */
  published: string | null;
  text: string;
  /** False where the extractor gives up on the page or calls it not an article. */
  article: boolean;
  /** Why not, where the extractor says. */
  reason?: string;
}

type Extractor = (doc: Document, url: string) => Extracted;

const extractors: Record<string, Extractor> = {
  readability(doc) {
    const result = new Readability(doc.cloneNode(true) as Document).parse();
    return {
      title: result?.title ?? null,
      byline: result?.byline ?? null,
      published: dateOf(result?.publishedTime),
      text: result?.textContent ?? '',
      article: result !== null,
    };
  },
  defuddle(doc, url) {
    // useAsync false: no fetching of third-party APIs; the extension makes no requests of its own.
    const result = new Defuddle(doc.cloneNode(true) as Document, { url, useAsync: false }).parse();
    return {
      title: result.title || null,
      byline: result.author || null,
      published: dateOf(result.published),
      text: fragmentText(result.content),
      article: result.wordCount > 0,
    };
  },
  'backstory extractArticle'(doc, url) {
    const result = extractArticle(doc, url);
    if (!result.ok) return { title: null, byline: null, published: null, text: '', article: false, reason: result.reason };
    const { article } = result;
    return { title: article.title, byline: article.byline, published: article.published, text: article.paragraphs.join('\n'), article: true };
  },
};

/** The text of an HTML fragment (an extractor's article content). */
function fragmentText(html: string): string {
  return parsePage(`<!doctype html><html><body>${html}</body></html>`).body.textContent ?? '';
}

/** The calendar date as the page wrote it (the publisher's own day), from an ISO-like string; else whatever Date understands. */
function dateOf(value: string | null | undefined): string | null {
  if (!value) return null;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  if (iso) return iso[1];
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

/** Words, and single characters in scripts written without spaces. */
function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+/gu) ?? [];
}

/** Multiset token F1 of `found` against `reference`. */
function tokenF1(found: string, reference: string): number {
  const want = new Map<string, number>();
  const referenceTokens = tokens(reference);
  for (const token of referenceTokens) want.set(token, (want.get(token) ?? 0) + 1);
  const foundTokens = tokens(found);
  let overlap = 0;
  for (const token of foundTokens) {
    const left = want.get(token) ?? 0;
    if (left > 0) {
      overlap++;
      want.set(token, left - 1);
    }
  }
  if (foundTokens.length === 0 || referenceTokens.length === 0) return foundTokens.length === referenceTokens.length ? 1 : 0;
  const precision = overlap / foundTokens.length;
  const recall = overlap / referenceTokens.length;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

function normalName(byline: string): string {
  return byline
    .toLowerCase()
    .replace(/^\s*by\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Same byline, or one names the other ("Jane Doe" within "Jane Doe, Reporter"). */
function bylineAgrees(found: string | null, expected: string): boolean {
  if (!found) return false;
  const a = normalName(found);
  const b = normalName(expected);
  return a.length > 0 && b.length > 0 && (a === b || a.includes(b) || b.includes(a));
}

interface Score {
  titleExact: number;
  titles: number;
  bylineAgree: number;
  bylines: number;
  dateAgree: number;
  dates: number;
  /** Pages without a reference date where the extractor found one. */
  extraDates: number;
  f1: number[];
  ms: number[];
  notArticle: string[];
}

function newScore(): Score {
  return { titleExact: 0, titles: 0, bylineAgree: 0, bylines: 0, dateAgree: 0, dates: 0, extraDates: 0, f1: [], ms: [], notArticle: [] };
}

async function bundleGzipBytes(entry: string): Promise<number> {
  const result = await build({
    stdin: { contents: entry, resolveDir: repoRoot, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

const pct = (part: number, whole: number) => `${part}/${whole} (${((100 * part) / Math.max(1, whole)).toFixed(0)}%)`;

export default async function extractBench() {
  if (!existsSync(pagesDir)) {
    console.log(`no pages in ${pagesDir}: set BACKSTORY_PAGES_DIR to a folder of NAME.html with expected/NAME.json and NAME.html`);
    return;
  }
  const names = readdirSync(pagesDir)
    .filter((f) => f.endsWith('.html') && existsSync(resolve(pagesDir, 'expected', f.replace(/\.html$/, '.json'))))
    .map((f) => f.replace(/\.html$/, ''))
    .sort();
  console.log(`${names.length} pages in ${pagesDir}, ${ROUNDS} runs each`);
  const scores = Object.fromEntries(Object.keys(extractors).map((name) => [name, newScore()]));

  for (const name of names) {
    const doc = parsePage(readFileSync(resolve(pagesDir, `${name}.html`), 'utf8'));
    const expected: Expected = JSON.parse(readFileSync(resolve(pagesDir, 'expected', `${name}.json`), 'utf8'));
    const expectedText = fragmentText(readFileSync(resolve(pagesDir, 'expected', `${name}.html`), 'utf8'));
    const url = `https://example.org/${name}`;
    for (const [extractorName, extract] of Object.entries(extractors)) {
      const score = scores[extractorName];
      const times: number[] = [];
      let found!: Extracted;
      for (let round = 0; round < ROUNDS; round++) {
        const start = performance.now();
        found = extract(doc, url);
        times.push(performance.now() - start);
      }
      score.ms.push(median(times));
      if (!found.article) score.notArticle.push(found.reason ? `${name}: ${found.reason}` : name);
      if (expected.title) {
        score.titles++;
        if (found.title?.trim() === expected.title.trim()) score.titleExact++;
      }
      if (expected.byline) {
        score.bylines++;
        if (bylineAgrees(found.byline, expected.byline)) score.bylineAgree++;
      }
      const expectedDate = dateOf(expected.publishedTime);
      if (expectedDate) {
        score.dates++;
        if (found.published === expectedDate) score.dateAgree++;
      } else if (found.published) {
        score.extraDates++;
      }
      if (expected.readerable) score.f1.push(tokenF1(found.text, expectedText));
    }
  }

  for (const [name, score] of Object.entries(scores)) {
    console.log(`\n${name}`);
    console.log(`  title exact        ${pct(score.titleExact, score.titles)}`);
    console.log(`  byline agrees      ${pct(score.bylineAgree, score.bylines)}`);
    console.log(`  date agrees        ${pct(score.dateAgree, score.dates)}  (+ a date on ${score.extraDates} pages the reference has none for)`);
    console.log(`  text token F1      median ${median(score.f1).toFixed(3)}  p5 ${percentile(score.f1, 5).toFixed(3)}  mean ${(score.f1.reduce((a, b) => a + b, 0) / score.f1.length).toFixed(3)}  (readerable pages, n=${score.f1.length})`);
    console.log(`  ms per page        median ${median(score.ms).toFixed(1)}  p95 ${percentile(score.ms, 95).toFixed(1)}`);
    console.log(`  not an article     ${score.notArticle.length}${score.notArticle.map((line) => `\n    ${line}`).join('')}`);
  }
  const [readability, defuddle] = [scores.readability.ms, scores.defuddle.ms];
  console.log(`\ndefuddle / readability time per page: median ${(median(defuddle) / median(readability)).toFixed(2)}×  p95 ${(percentile(defuddle, 95) / percentile(readability, 95)).toFixed(2)}×`);

  const sizes = {
    readability: await bundleGzipBytes(`import { Readability, isProbablyReaderable } from '@mozilla/readability'; console.log(Readability, isProbablyReaderable);`),
    defuddle: await bundleGzipBytes(`import Defuddle from 'defuddle'; console.log(Defuddle);`),
    'backstory extractArticle': await bundleGzipBytes(`import { extractArticle } from './lib/corpus/page-extract'; console.log(extractArticle);`),
  };
  console.log('\nbundle, minified + gzip:');
  for (const [name, bytes] of Object.entries(sizes)) console.log(`  ${name.padEnd(26)} ${(bytes / 1000).toFixed(1)} kB`);
}
