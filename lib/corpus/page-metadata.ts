/**
 * What a web page declares about itself, read from its markup: its canonical
 * address, when it was published (JSON-LD, Open Graph and other meta tags,
 * `<time>` elements), its author and site as JSON-LD gives them, and its
 * language and direction. Works on any Document (the live page or one parsed
 * from a saved file) and only reads it.
 */
import { parseDateline } from './dates';

export interface PageMetadata {
  /** Absolute http(s) address: the declared canonical one, else the given one without its fragment. */
  url: string;
  /** yyyy-mm-dd as the page writes it (the publisher's own day), or null. */
  published: string | null;
  /**
   * The page's first `<time datetime>`, yyyy-mm-dd: often next to the byline,
   * but on a front page it dates a teaser, so it is the last resort.
   */
  firstTimeElement: string | null;
  /** Author names from the page's JSON-LD article, joined with ", ", or null. */
  author: string | null;
  /** The publisher's name from JSON-LD or og:site_name, or null. */
  siteName: string | null;
  /** og:title, or null. */
  title: string | null;
  /** og:type as declared, lower-cased ("article", "website"), or null. */
  type: string | null;
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
}

export function readPageMetadata(doc: Document, pageUrl: string): PageMetadata {
  const meta = metaValues(doc);
  const article = jsonLdArticle(doc);
  return {
    url: canonicalUrl(doc, pageUrl, meta),
    published: publishedDate(doc, meta, article),
    firstTimeElement: dateFromText(doc.querySelector('time[datetime]')?.getAttribute('datetime') ?? ''),
    author: article ? authorNames(article.author) : null,
    siteName: nameOf(article?.publisher) ?? meta.get('og:site_name') ?? null,
    title: meta.get('og:title') ?? null,
    type: meta.get('og:type')?.toLowerCase() ?? null,
    lang: pageLanguage(doc, meta),
    dir: pageDirection(doc),
  };
}

/** The given address without its fragment; throws a clear error when it is not an absolute URL. */
export function pageAddress(pageUrl: string): URL {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    throw new Error(`Not an absolute URL: "${pageUrl}"`);
  }
  url.hash = '';
  return url;
}

function canonicalUrl(doc: Document, pageUrl: string, meta: Map<string, string>): string {
  const page = pageAddress(pageUrl);
  // A <base href> changes what relative links mean, canonical ones included.
  const base = resolveHttp(doc.querySelector('base[href]')?.getAttribute('href'), page) ?? page;
  const link = [...doc.querySelectorAll('link[rel][href]')].find((el) =>
    (el.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'),
  );
  const declared = resolveHttp(link?.getAttribute('href'), base) ?? resolveHttp(meta.get('og:url'), base);
  return (declared ?? page).href;
}

function resolveHttp(href: string | null | undefined, base: URL): URL | null {
  if (!href?.trim()) return null;
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url;
  } catch {
    return null;
  }
}

/**
 * Every meta tag's content by its lower-cased key (property, name or
 * itemprop; a property attribute may hold several, space-separated), first
 * value wins.
 */
function metaValues(doc: Document): Map<string, string> {
  const values = new Map<string, string>();
  for (const el of doc.querySelectorAll('meta[content]')) {
    const content = el.getAttribute('content')?.trim();
    if (!content) continue;
    const keys = [el.getAttribute('property'), el.getAttribute('name'), el.getAttribute('itemprop'), el.getAttribute('http-equiv')]
      .flatMap((attr) => (attr ?? '').toLowerCase().split(/\s+/))
      .filter(Boolean);
    for (const key of keys) if (!values.has(key)) values.set(key, content);
  }
  return values;
}

/** Meta keys that hold a publication date, most specific first. */
const PUBLISHED_META_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'og:published_time',
  'published_time',
  'datepublished',
  'parsely-pub-date',
  'sailthru.date',
  'article.published',
  'article:published',
  'publish-date',
  'publish_date',
  'publishdate',
  'pubdate',
  'dc.date.issued',
  'dcterms.issued',
  'dcterms.created',
  'dc.date',
  'dcterms.date',
  'date',
  'cxenseparse:recs:publishtime',
  'originalpublicationdate',
];

function publishedDate(doc: Document, meta: Map<string, string>, article: JsonLdNode | null): string | null {
  const candidates: unknown[] = [article?.datePublished, ...PUBLISHED_META_KEYS.map((key) => meta.get(key))];
  candidates.push(parselyPageDate(meta.get('parsely-page')));
  for (const el of doc.querySelectorAll('[itemprop~="datePublished"], time[pubdate]')) {
    // Blogger puts it in the title of an <abbr>.
    candidates.push(el.getAttribute('datetime') ?? el.getAttribute('content') ?? el.getAttribute('title') ?? el.textContent);
  }
  // An article's own <time>: the first inside <article>.
  candidates.push(doc.querySelector('article time[datetime]')?.getAttribute('datetime'));
  // Some pages give only when the record was created, which can be later than publication.
  candidates.push(article?.dateCreated);
  for (const value of candidates) {
    const date = typeof value === 'string' ? dateFromText(value) : null;
    if (date) return date;
  }
  return null;
}

/** Parse.ly's older tag: a JSON object in one meta tag. */
function parselyPageDate(content: string | undefined): unknown {
  if (!content) return null;
  try {
    return JSON.parse(content)?.pub_date;
  } catch {
    return null;
  }
}

/** Dates before the web, or after next year, are typos or placeholders. */
const EARLIEST_YEAR = 1990;

/**
 * yyyy-mm-dd from a date as pages write them: ISO 8601 (the date as written,
 * whatever the zone), compact yyyymmdd, the forms of a dateline ("13 January
 * 2017", "Jan. 13, 2017 10:30 ET"), else anything Date.parse reads (RFC 2822),
 * taken in UTC. Null when none fits or the year is implausible.
 */
export function dateFromText(value: string): string | null {
  const text = value.trim();
  let date: string | null = null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?![\d])/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})(?:T|\b)/.exec(text);
  if (iso) date = parseDateline(`${iso[1]}-${iso[2]}-${iso[3]}`);
  else date = parseDateline(text);
  if (!date && !iso && /[a-z]/i.test(text) && /\d{4}/.test(text)) {
    const time = Date.parse(text);
    if (!Number.isNaN(time)) date = new Date(time).toISOString().slice(0, 10);
  }
  if (!date) return null;
  const year = Number(date.slice(0, 4));
  return year >= EARLIEST_YEAR && year <= new Date().getUTCFullYear() + 1 ? date : null;
}

type JsonLdNode = Record<string, unknown>;

/** schema.org types of a news or blog article or post. */
const ARTICLE_TYPE = /(?:Article|BlogPosting|LiveBlogPosting|SocialMediaPosting|DiscussionForumPosting|Report)$/;

/**
 * The first JSON-LD node typed as an article, wherever the page puts it: a
 * top-level object, an array, an @graph, or nested in another node (a
 * WebPage's mainEntity). Scripts that are not valid JSON are skipped.
 */
function jsonLdArticle(doc: Document): JsonLdNode | null {
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    // Pages wrap it in CDATA or comment markers for old parsers.
    const text = (script.textContent ?? '').replace(/^\s*(?:\/\/\s*)?(?:<!\[CDATA\[|<!--)|(?:\/\/\s*)?(?:\]\]>|-->)\s*$/g, '');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      continue;
    }
    const found = findNode(data, (node) => typesOf(node).some((type) => ARTICLE_TYPE.test(type)), 0);
    if (found) return found;
  }
  return null;
}

/** How deep nesting is searched; real pages nest an article two or three levels down. */
const MAX_JSON_LD_DEPTH = 6;

function findNode(value: unknown, wanted: (node: JsonLdNode) => boolean, depth: number): JsonLdNode | null {
  if (depth > MAX_JSON_LD_DEPTH || value === null || typeof value !== 'object') return null;
  const children = Array.isArray(value) ? value : [value];
  for (const child of children) {
    if (child === null || typeof child !== 'object' || Array.isArray(child)) continue;
    if (wanted(child as JsonLdNode)) return child as JsonLdNode;
  }
  for (const child of children) {
    if (child === null || typeof child !== 'object') continue;
    const nested = Array.isArray(child) ? child : Object.values(child);
    const found = findNode(nested, wanted, depth + 1);
    if (found) return found;
  }
  return null;
}

function typesOf(node: JsonLdNode): string[] {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

/** A schema.org name: a string, or an object with one. */
function nameOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const name = (value as JsonLdNode).name;
    if (typeof name === 'string') return name.trim() || null;
  }
  return null;
}

function authorNames(author: unknown): string | null {
  const names = (Array.isArray(author) ? author : [author]).map(nameOf).filter((name): name is string => name !== null && !/^https?:/.test(name));
  return names.length ? [...new Set(names)].join(', ') : null;
}

function pageLanguage(doc: Document, meta: Map<string, string>): string | null {
  const declared = doc.documentElement?.getAttribute('lang') ?? meta.get('content-language') ?? meta.get('og:locale')?.replace('_', '-');
  return declared?.trim() || null;
}

function pageDirection(doc: Document): 'ltr' | 'rtl' | null {
  const dir = (doc.documentElement?.getAttribute('dir') ?? doc.body?.getAttribute('dir') ?? '').trim().toLowerCase();
  return dir === 'rtl' || dir === 'ltr' ? dir : null;
}
