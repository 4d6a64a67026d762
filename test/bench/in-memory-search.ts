/**
 * The baseline: the popup's search as it was before the persisted index. The
 * popup read every article, entity and quote when it opened and searched them
 * in memory. Kept for the search benchmark (the baseline in the same run) and
 * as the reference the unit tests compare the new search's top results with.
 */
import Fuse from 'fuse.js';
import type { ArticleRecord, BackstoryDb, EntityRecord, QuoteRecord } from '../../lib/store/db';
import { articleSearchText } from '../../lib/search/search-index';
import { RESULTS_PER_GROUP, snippet, type ArticleResult, type QuoteResult, type SearchResults } from '../../lib/search/corpus-search';
import { tokenize } from '../../lib/search/text';
import { editDistanceWithin } from '../../lib/text/edit-distance';
import { articleHeading } from '../../lib/ui/format';

/** fuse.js threshold for names and aliases: "Zelenskyy" → Zelensky, "Tsuk" → Tusk. */
const NAME_FUZZY_THRESHOLD = 0.35;

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

/** The popup search before the persisted index: names by fuse.js, quotes and article texts through a word index in memory. */
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

function rank(hits: Map<string, WordHit>): Array<[string, WordHit]> {
  // More matched words first; then more occurrences, which favours the article about the name.
  return [...hits].sort(([, a], [, b]) => b.score - a.score || b.spans.length - a.spans.length);
}


/** Below this many letters a query word matches only exactly or as a prefix: typos of 2–3 letters are other words. */
const MIN_FUZZY_LENGTH = 4;
/** One typo per word up to this length, two beyond: "zelenskyy" → "zelensky", "tosk" → "tusk". */
const ONE_TYPO_MAX_LENGTH = 7;
/** Prefixes stand in for words still being typed ("Tus" → "tusk"). */
const MIN_PREFIX_LENGTH = 3;
/** Quality of a prefix match relative to an exact one. */
const PREFIX_QUALITY = 0.8;
/** How many vocabulary words one query word may expand to. */
const MAX_EXPANSIONS = 20;

interface WordHit {
  /** Offsets of the matched words in the document's text. */
  spans: Array<[number, number]>;
  score: number;
}

interface Expansion {
  word: string;
  quality: number;
}

class WordIndex {
  private readonly postings = new Map<string, Map<string, Array<[number, number]>>>();

  add(docKey: string, text: string): void {
    for (const token of tokenize(text)) {
      let docs = this.postings.get(token.word);
      if (!docs) this.postings.set(token.word, (docs = new Map()));
      let spans = docs.get(docKey);
      if (!spans) docs.set(docKey, (spans = []));
      spans.push([token.start, token.end]);
    }
  }

  /** Documents holding every query word (or a close spelling), best first. */
  search(query: string): Map<string, WordHit> {
    const words = [...new Set(tokenize(query).map((t) => t.word))];
    const hits = new Map<string, WordHit>();
    words.forEach((queryWord, i) => {
      const seen = new Map<string, WordHit>();
      for (const { word, quality } of this.expand(queryWord)) {
        for (const [docKey, spans] of this.postings.get(word) ?? []) {
          const hit = seen.get(docKey) ?? { spans: [], score: 0 };
          hit.spans.push(...spans);
          hit.score = Math.max(hit.score, quality);
          seen.set(docKey, hit);
        }
      }
      // Every query word must match: narrowing as the user types more words.
      for (const [docKey, hit] of seen) {
        const previous = hits.get(docKey);
        if (i === 0) hits.set(docKey, hit);
        else if (previous) hits.set(docKey, { spans: [...previous.spans, ...hit.spans], score: previous.score + hit.score });
      }
      if (i > 0) for (const docKey of [...hits.keys()]) if (!seen.has(docKey)) hits.delete(docKey);
    });
    return hits;
  }

  private expand(queryWord: string): Expansion[] {
    const expansions = new Map<string, number>();
    if (this.postings.has(queryWord)) expansions.set(queryWord, 1);
    if (queryWord.length >= MIN_PREFIX_LENGTH) {
      for (const word of this.postings.keys()) {
        if (word !== queryWord && word.startsWith(queryWord)) expansions.set(word, PREFIX_QUALITY);
      }
    }
    if (queryWord.length >= MIN_FUZZY_LENGTH) {
      const maxTypos = queryWord.length <= ONE_TYPO_MAX_LENGTH ? 1 : 2;
      for (const word of this.postings.keys()) {
        if (expansions.has(word)) continue;
        const distance = editDistanceWithin(queryWord, word, maxTypos);
        if (distance !== null) expansions.set(word, 1 - distance / queryWord.length);
      }
    }
    return [...expansions]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_EXPANSIONS)
      .map(([word, quality]) => ({ word, quality }));
  }
}
