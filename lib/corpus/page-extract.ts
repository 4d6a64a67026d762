/**
 * A web page → the article it holds, for "Save this page" (run in the page's
 * isolated world) and for importing saved .html files (on a Document parsed
 * with DOMParser). Mozilla's Readability finds the article; what the page
 * declares about itself (canonical URL, publication date) comes from
 * page-metadata. Readability won on measurement against defuddle (`npm run
 * bench -- extract`): as accurate where it matters here, 7× faster, and a
 * tenth of the size in the bundle.
 */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { parseDateline } from './dates';
import { pageAddress, readPageMetadata } from './page-metadata';

/** An article saved from a web page. A plain object: it crosses the message boundary as JSON. */
export interface SavedPage {
  /** Absolute: the page's canonical URL where it declares one, else its address without the fragment. */
  url: string;
  siteName: string;
  title: string;
  byline: string | null;
  /** yyyy-mm-dd, or null when neither the metadata nor a dateline gives one. */
  published: string | null;
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  /** Plain text, one per block (paragraph, heading, list item), whitespace normalised, none empty. */
  paragraphs: string[];
  excerpt: string | null;
}

export type ExtractResult = { ok: true; article: SavedPage } | { ok: false; reason: string };

/**
 * The least text an article has. The shortest page in ../shared/pages that
 * Readability calls readerable has 372 characters (two paragraphs); a news
 * brief of a few sentences has about this many.
 */
const MIN_ARTICLE_CHARS = 300;
/**
 * Separate stories (`<article>` elements) in what Readability extracted: a
 * front page's teasers. Articles in ../shared/pages have at most one; the
 * New York Times en Español home page has 22.
 */
const MAX_STORIES = 2;
/** Datelines sit at the top: the byline and the first few paragraphs, each a short line. */
const DATELINE_PARAGRAPHS = 4;
const MAX_DATELINE_CHARS = 120;
/** Longer than this, Readability's "byline" is a paragraph it mistook for one. */
const MAX_BYLINE_CHARS = 120;
const EXCERPT_CHARS = 200;

export function extractArticle(doc: Document, url: string): ExtractResult {
  const metadata = readPageMetadata(doc, url);
  // Readability's own test, before the work of parsing: on ../shared/pages it agrees with the reference on all 130.
  if (!isProbablyReaderable(doc)) return notAnArticle('it has no block of text long enough to read as one');
  // Readability rewrites the document it reads; the page (or the caller's parse) must stay as it was.
  const parsed = new Readability<Element>(doc.cloneNode(true) as Document, { serializer: (node) => node as Element }).parse();
  if (!parsed?.content) return notAnArticle('no main text was found in it');

  const title = clean(parsed.title ?? '') || metadata.title || clean(doc.title) || new URL(metadata.url).hostname;
  const byline = cleanByline(parsed.byline) ?? metadata.author;
  const blocks = blockTexts(parsed.content);
  const paragraphs = blocks.filter((text, i) => i >= DATELINE_PARAGRAPHS || !isLeadNoise(text, title, byline));
  const declaredDate = metadata.published ?? datelineDate([parsed.byline ?? '', ...blocks.slice(0, DATELINE_PARAGRAPHS)]);

  const chars = paragraphs.reduce((sum, text) => sum + text.length, 0);
  if (chars < MIN_ARTICLE_CHARS) return notAnArticle(`it has only ${chars} characters of text`);
  const stories = parsed.content.querySelectorAll('article').length;
  if (stories > MAX_STORIES) return notAnArticle(`it lists ${stories} separate stories, like a home page or a section front`);
  if (metadata.type === 'website' && declaredDate === null) {
    return notAnArticle('it calls itself a website rather than an article, and gives no publication date');
  }

  const published = declaredDate ?? metadata.firstTimeElement;
  return {
    ok: true,
    article: {
      url: metadata.url,
      siteName: clean(parsed.siteName ?? '') || metadata.siteName || new URL(metadata.url).hostname.replace(/^www\./, ''),
      title,
      byline,
      published,
      lang: metadata.lang ?? (clean(parsed.lang ?? '') || null),
      dir: parsed.dir === 'rtl' || parsed.dir === 'ltr' ? parsed.dir : metadata.dir,
      paragraphs,
      excerpt: clean(parsed.excerpt ?? '') || (paragraphs[0] ? truncate(paragraphs[0], EXCERPT_CHARS) : null),
    },
  };
}

function notAnArticle(why: string): ExtractResult {
  return { ok: false, reason: `This page doesn’t look like an article (${why}), so nothing was saved.` };
}

/**
 * The first date in a short line at the top ("Posted by kovarex on
 * 2019-02-15, all posts"), as yyyy-mm-dd. Longer lines are prose, whose dates
 * are what the story is about.
 */
function datelineDate(lines: string[]): string | null {
  for (const line of lines) {
    if (line.length > MAX_DATELINE_CHARS) continue;
    const found = findDate(line.split(/\s+/).filter(Boolean));
    if (found) return found.date;
  }
  return null;
}

/** The longest date form: "Friday, November 22, 2024 at 10:30 a.m. GMT". */
const MAX_DATE_WORDS = 9;

/** The first run of words that reads as a date (lib/corpus/dates.ts), and where it starts. */
function findDate(words: string[]): { at: number; date: string } | null {
  for (let start = 0; start < words.length; start++) {
    for (let end = Math.min(words.length, start + MAX_DATE_WORDS); end > start; end--) {
      const date = parseDateline(words.slice(start, end).join(' ').replace(/[,;:|]+$/, ''));
      if (date) return { at: start, date };
    }
  }
  return null;
}

/** How a line of credits starts: "Posted by … on 2019-02-15", "Published 5 March". */
const CREDIT_LINE = /^(?:posted|published|updated|by)\b/i;

/**
 * At the top of the text, a repeat of the title or byline, a bare dateline,
 * or a short credit line with a date in it: metadata, not body.
 */
function isLeadNoise(text: string, title: string, byline: string | null): boolean {
  if (text === title || (byline !== null && cleanByline(text) === byline) || parseDateline(text) !== null) return true;
  return text.length <= MAX_DATELINE_CHARS && CREDIT_LINE.test(text) && datelineDate([text]) !== null;
}

/** A byline's label, in the languages of the pages we read ("By", "Par", "Por", "Von", "Door"). */
const BYLINE_LABEL = /^(?:by|par|por|von|door)\b\s*:?\s*/i;

/**
 * The names in a byline: without its label and without a date that follows
 * them ("Jane Doe March 11, 2015 3:46 PM"); null when it is empty, too long to
 * be one, or starts with a date ("April 28, 2019 at 6:01 am Updated …").
 */
function cleanByline(byline: string | null | undefined): string | null {
  const words = clean(byline ?? '').replace(BYLINE_LABEL, '').split(' ').filter(Boolean);
  const dateAt = findDate(words)?.at ?? -1;
  const names = (dateAt === -1 ? words : words.slice(0, dateAt)).join(' ').replace(/[\s,|·•–—-]+$/, '');
  if (dateAt === 0 || !names || names.length > MAX_BYLINE_CHARS) return null;
  return names;
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut}…`;
}

/** Elements that start a new block of text. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FOOTER', 'FORM',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY',
  'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);
/**
 * Not body text: code and media that Readability keeps, and photo captions,
 * which the corpus keeps apart from the body too (lib/corpus/captions.ts).
 */
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'EMBED', 'VIDEO', 'AUDIO', 'CANVAS', 'FIGURE', 'FIGCAPTION', 'BUTTON', 'SELECT']);

/** The text of each block under `root`: text between blocks is a block of its own. */
export function blockTexts(root: Element): string[] {
  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    const text = clean(current);
    if (text) blocks.push(text);
    current = '';
  };
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        current += child.nodeValue ?? '';
      } else if (child.nodeType === 1) {
        const tag = (child as Element).tagName.toUpperCase();
        if (SKIPPED_TAGS.has(tag)) continue;
        if (tag === 'BR') {
          current += ' ';
        } else if (BLOCK_TAGS.has(tag)) {
          flush();
          walk(child);
          flush();
        } else {
          walk(child);
        }
      }
    }
  };
  walk(root);
  flush();
  return blocks;
}
