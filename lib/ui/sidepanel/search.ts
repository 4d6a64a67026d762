/**
 * The side panel's search field: a "what did X say about Y" question when the
 * query reads as one, otherwise names, article headings and quote text.
 */
import Fuse from 'fuse.js';
import { articleHeading } from '../format';
import { containsWords, NAME_FUZZY_THRESHOLD, saidAbout, type SaidAbout } from '../../search/said-about';
import { summarize, compareArticles, type ArticleSummary } from '../../store/profile';
import type { BackstoryDb, EntityRecord, QuoteRecord } from '../../store/db';

export interface SearchResults {
  saidAbout: SaidAbout | null;
  entities: EntityRecord[];
  articles: ArticleSummary[];
  quotes: QuoteRecord[];
  /** The articles and speaker names the quotes and said-about hits need. */
  quoteArticles: Record<string, ArticleSummary>;
  names: Record<string, string>;
}

export const MAX_RESULTS = { entities: 10, articles: 10, quotes: 20 };

export async function searchCorpus(db: BackstoryDb, query: string): Promise<SearchResults> {
  const q = query.trim();
  const words = q.split(/\s+/).filter((w) => w.length > 1 || /\p{N}/u.test(w));
  const [said, entities, articles, quotes] = await Promise.all([
    saidAbout(db, q),
    db.entities.toArray(),
    db.articles.toArray(),
    db.quotes.toArray(),
  ]);

  const fuse = new Fuse(entities, { keys: ['name', 'aliases'], threshold: NAME_FUZZY_THRESHOLD, ignoreLocation: true });
  const entityHits = fuse.search(q, { limit: MAX_RESULTS.entities }).map((h) => h.item);

  const matchesAll = (text: string) => words.length > 0 && words.every((w) => containsWords(text, w));
  // The corpus is small enough to scan; a word index (ARCHITECTURE: fuse over
  // long text is too slow past ~1,000 quotes) should replace this when it grows.
  const articleHits = articles
    .filter((a) => matchesAll(articleHeading(a)))
    .map(summarize)
    .sort(compareArticles)
    .slice(0, MAX_RESULTS.articles);
  const quoteHits = quotes.filter((qt) => matchesAll(qt.text)).slice(0, MAX_RESULTS.quotes);

  const quoteArticles: Record<string, ArticleSummary> = {};
  const byId = new Map(articles.map((a) => [a.id, a]));
  const names: Record<string, string> = {};
  const entityById = new Map(entities.map((e) => [e.id, e]));
  for (const quote of [...quoteHits, ...(said?.quotes ?? [])]) {
    const article = byId.get(quote.articleId);
    if (article) quoteArticles[article.id] = summarize(article);
    if (quote.speakerId) names[quote.speakerId] = entityById.get(quote.speakerId)?.name ?? quote.speakerId;
  }
  return { saidAbout: said, entities: entityHits, articles: articleHits, quotes: quoteHits, quoteArticles, names };
}
