import Fuse from 'fuse.js';
import { articleText } from '../corpus/article';
import type { ArticleRecord, BackstoryDb, EntityRecord, QuoteRecord } from '../store/db';
import { articleHeading } from '../ui/format';
import { WordIndex, type WordHit } from './word-index';

/** fuse.js threshold for names and aliases: "Zelenskyy" → Zelensky, "Tsuk" → Tusk. */
const NAME_FUZZY_THRESHOLD = 0.35;
/** Characters of context either side of the first match in a snippet. */
const SNIPPET_CONTEXT = 70;
/** Results per group. */
export const RESULTS_PER_GROUP = 8;

/** A piece of text with the parts that matched the query, as offsets into `text`. */
export interface Snippet {
  text: string;
  marks: Array<[number, number]>;
}

export interface EntityResult {
  kind: 'entity';
  entity: EntityRecord;
}
export interface QuoteResult {
  kind: 'quote';
  quote: QuoteRecord;
  speakerName: string | null;
  article: ArticleRecord | undefined;
  snippet: Snippet;
}
export interface ArticleResult {
  kind: 'article';
  article: ArticleRecord;
  /** The headline, or the first sentence when there is none. */
  heading: string;
  snippet: Snippet;
}
export interface SearchResults {
  entities: EntityResult[];
  quotes: QuoteResult[];
  articles: ArticleResult[];
}

export interface SearchableCorpus {
  articles: ArticleRecord[];
  entities: EntityRecord[];
  quotes: QuoteRecord[];
}

/** Everything search looks at, read in one transaction so the three tables agree. */
export function readSearchableCorpus(db: BackstoryDb): Promise<SearchableCorpus> {
  return db.transaction('r', [db.articles, db.entities, db.quotes], async () => ({
    articles: await db.articles.toArray(),
    entities: await db.entities.toArray(),
    quotes: await db.quotes.toArray(),
  }));
}

/** Popup search: names by fuse.js, quotes and article texts through a word index. */
export class CorpusSearch {
  private readonly entityFuse: Fuse<EntityRecord>;
  private readonly words = new WordIndex();
  /** Names and aliases word by word: catches typos fuse.js misses, such as swapped letters ("Tsuk"). */
  private readonly nameWords = new WordIndex();
  private readonly articles = new Map<string, ArticleRecord>();
  private readonly quotes = new Map<string, QuoteRecord>();
  private readonly entities = new Map<string, EntityRecord>();

  constructor(corpus: SearchableCorpus) {
    for (const entity of corpus.entities) {
      this.entities.set(entity.id, entity);
      this.nameWords.add(entity.id, [entity.name, ...entity.aliases].join('\n'));
    }
    this.entityFuse = new Fuse(corpus.entities, {
      keys: [
        { name: 'name', weight: 2 },
        { name: 'aliases', weight: 1 },
      ],
      threshold: NAME_FUZZY_THRESHOLD,
      ignoreLocation: true,
      includeScore: true,
    });
    for (const article of corpus.articles) {
      this.articles.set(article.id, article);
      this.words.add(`a:${article.id}`, articleSearchText(article));
    }
    for (const quote of corpus.quotes) {
      this.quotes.set(quote.id, quote);
      this.words.add(`q:${quote.id}`, quote.text);
    }
  }

  get size() {
    return { articles: this.articles.size, entities: this.entities.size, quotes: this.quotes.size };
  }

  search(query: string, limit = RESULTS_PER_GROUP): SearchResults {
    if (!query.trim()) return { entities: [], quotes: [], articles: [] };
    const entityIds = new Set(this.entityFuse.search(query, { limit }).map(({ item }) => item.id));
    for (const [id] of rank(this.nameWords.search(query))) entityIds.add(id);
    const entities = [...entityIds].slice(0, limit).map((id) => ({ kind: 'entity' as const, entity: this.entities.get(id)! }));
    const matchedSpeakers = new Set(entities.map((r) => r.entity.id));
    const ranked = rank(this.words.search(query));

    const articles: ArticleResult[] = [];
    const quotes: QuoteResult[] = [];
    for (const [key, hit] of ranked) {
      const id = key.slice(2);
      if (key.startsWith('a:') && articles.length < limit) {
        const article = this.articles.get(id)!;
        articles.push({ kind: 'article', article, heading: articleHeading(article), snippet: snippet(articleSearchText(article), hit.spans) });
      } else if (key.startsWith('q:') && quotes.length < limit) {
        quotes.push(this.quoteResult(this.quotes.get(id)!, hit.spans));
      }
    }
    // Quotes by a person the query names ("Tusk") belong with quotes that contain the words.
    for (const quote of this.quotes.values()) {
      if (quotes.length >= limit) break;
      if (quote.speakerId && matchedSpeakers.has(quote.speakerId) && !quotes.some((r) => r.quote.id === quote.id)) {
        quotes.push(this.quoteResult(quote, []));
      }
    }
    return { entities, quotes, articles };
  }

  private quoteResult(quote: QuoteRecord, spans: Array<[number, number]>): QuoteResult {
    return {
      kind: 'quote',
      quote,
      speakerName: quote.speakerId ? (this.entities.get(quote.speakerId)?.name ?? null) : null,
      article: this.articles.get(quote.articleId),
      snippet: snippet(quote.text, spans),
    };
  }
}

/** Headline and body: what a reader would search an article by. */
function articleSearchText(article: ArticleRecord): string {
  return article.title ? `${article.title}\n${articleText(article)}` : articleText(article);
}

function rank(hits: Map<string, WordHit>): Array<[string, WordHit]> {
  // More matched words first; then more occurrences, which favours the article about the name.
  return [...hits].sort(([, a], [, b]) => b.score - a.score || b.spans.length - a.spans.length);
}

/**
 * A window of text around the first match, inside its paragraph and cut at
 * word boundaries, with every match inside it marked.
 */
export function snippet(
  text: string,
  spans: Array<[number, number]>,
  contextBefore = SNIPPET_CONTEXT,
  contextAfter = SNIPPET_CONTEXT * 2,
): Snippet {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const first = sorted[0] ?? [0, 0];
  let start = Math.max(0, first[0] - contextBefore);
  let end = Math.min(text.length, first[1] + contextAfter);
  // Cut at word boundaries and inside one paragraph.
  const paragraphStart = text.lastIndexOf('\n', first[0] - 1) + 1;
  const paragraphEnd = text.indexOf('\n', first[1]);
  start = Math.max(start, paragraphStart);
  if (paragraphEnd !== -1) end = Math.min(end, paragraphEnd);
  if (start > paragraphStart) start = text.indexOf(' ', start) + 1 || start;
  if (end < (paragraphEnd === -1 ? text.length : paragraphEnd)) end = text.lastIndexOf(' ', end) > first[1] ? text.lastIndexOf(' ', end) : end;
  const prefix = start > paragraphStart ? '…' : '';
  const suffix = end < (paragraphEnd === -1 ? text.length : paragraphEnd) ? '…' : '';
  const marks = sorted
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): [number, number] => [s - start + prefix.length, e - start + prefix.length]);
  return { text: prefix + text.slice(start, end) + suffix, marks };
}
