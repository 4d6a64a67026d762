/**
 * Corpora of any size for the scale benchmark, made of real news text the
 * repository holds: paragraphs of the bundled corpus, of the GUM news
 * articles (test/fixtures/eval) and of the article pages in ../shared/pages
 * (test/fixtures/pages when absent), recombined into articles. Deterministic:
 * the same seed and size give the same files. One article per file, in the
 * bundled corpus's format (a dateline, a headline, then one paragraph a
 * line, blank lines between), so the parser reads each file as one article.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { articleFromHtml } from '../../lib/import/html';
import { countWords } from '../../lib/store/ingest';

const repoRoot = resolve(import.meta.dirname, '../..');
const sharedPages = resolve(repoRoot, '../shared/pages');
const pagesDir = resolve(repoRoot, process.env.BACKSTORY_PAGES_DIR ?? (existsSync(sharedPages) ? sharedPages : 'test/fixtures/pages'));

/** Shorter lines are headings, captions or boilerplate, not paragraphs. */
const MIN_PARAGRAPH_WORDS = 15;
/**
 * Words per article, drawn evenly between these: a mean of 580, the length
 * of the articles measured in the issue (5.8 million words in 10,000).
 */
const ARTICLE_WORDS = [300, 860] as const;

export interface TextPool {
  paragraphs: string[];
  headlines: string[];
}

/** mulberry32: a small, fast, seeded generator, enough to pick paragraphs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isParagraph = (line: string) => countWords(line) >= MIN_PARAGRAPH_WORDS;
const isHeadline = (line: string) => countWords(line) >= 4 && countWords(line) <= 20 && !/[.:]$/.test(line.trim());

/** Every paragraph and headline of the real news text in the repository, each once. */
export function readTextPool(): TextPool {
  const paragraphs = new Set<string>();
  const headlines = new Set<string>();
  const corpusDir = resolve(repoRoot, 'assets/corpus');
  for (const name of readdirSync(corpusDir).filter((n) => n.endsWith('.txt')).sort()) {
    for (const line of readFileSync(join(corpusDir, name), 'utf8').split('\n')) if (isParagraph(line)) paragraphs.add(line.trim());
  }
  const gum = JSON.parse(readFileSync(resolve(repoRoot, 'test/fixtures/eval/gum-news.json'), 'utf8')) as { documents: Array<{ title: string; text: string }> };
  for (const doc of gum.documents) {
    headlines.add(doc.title.trim());
    for (const line of doc.text.split('\n')) if (isParagraph(line)) paragraphs.add(line.trim());
  }
  for (const name of readdirSync(pagesDir).filter((n) => n.endsWith('.html')).sort()) {
    const result = articleFromHtml(readFileSync(join(pagesDir, name), 'utf8'), name);
    if (!result.ok) continue;
    if (result.article.title && isHeadline(result.article.title)) headlines.add(result.article.title.trim());
    for (const p of result.article.paragraphs) if (isParagraph(p)) paragraphs.add(p.replace(/\s+/g, ' ').trim());
  }
  return { paragraphs: [...paragraphs], headlines: [...headlines] };
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Dates between 2015 and 2025, as news sites write them ("Friday, November 22, 2024"). */
const FIRST_DAY = Date.UTC(2015, 0, 1);
const DAYS = 11 * 365;

/** The text of article `n`: dateline, headline, paragraphs adding up to its length. */
export function articleText(pool: TextPool, random: () => number): string {
  const day = new Date(FIRST_DAY + Math.floor(random() * DAYS) * 86_400_000);
  const dateline = `${WEEKDAYS[day.getUTCDay()]}, ${MONTHS[day.getUTCMonth()]} ${day.getUTCDate()}, ${day.getUTCFullYear()}`;
  const headline = pool.headlines[Math.floor(random() * pool.headlines.length)];
  const target = ARTICLE_WORDS[0] + random() * (ARTICLE_WORDS[1] - ARTICLE_WORDS[0]);
  const body: string[] = [];
  for (let words = 0; words < target; ) {
    const paragraph = pool.paragraphs[Math.floor(random() * pool.paragraphs.length)];
    body.push(paragraph);
    words += countWords(paragraph);
  }
  return [dateline, headline, ...body].join('\n\n') + '\n';
}

export interface WrittenCorpus {
  files: number;
  words: number;
  bytes: number;
}

/** Writes `size` articles, one file each, into `dir` (emptied first). */
export function writeCorpus(dir: string, size: number, pool: TextPool, seed = 1, prefix = 'scale'): WrittenCorpus {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const random = seededRandom(seed);
  let words = 0;
  let bytes = 0;
  for (let n = 0; n < size; n++) {
    const text = articleText(pool, random);
    writeFileSync(join(dir, `${prefix}_${String(n).padStart(6, '0')}.txt`), text);
    words += countWords(text);
    bytes += Buffer.byteLength(text);
  }
  return { files: size, words, bytes };
}
