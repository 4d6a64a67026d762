/**
 * Reads quotes with what their citations need: the speaker's name and the
 * article's title, site, date and address. Reads only, so it runs inside
 * liveQuery and in Node tests alike.
 */
import type { ArticleRecord, BackstoryDb, QuoteRecord } from '../store/db';
import { compareArticles } from '../store/profile';
import { articleHeading } from '../ui/format';
import type { CitationRow } from './citations';

/** The site an article came from: its declared name, else its address's host. */
export function siteOf(article: Pick<ArticleRecord, 'siteName' | 'url'>): string {
  if (article.siteName?.trim()) return article.siteName.trim();
  if (!article.url) return '';
  try {
    return new URL(article.url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/**
 * Quotes by `speakerId`, or every quote in the corpus when it is left out;
 * newest article first, quotes in reading order.
 */
export async function citationRows(db: BackstoryDb, options: { speakerId?: string } = {}): Promise<CitationRow[]> {
  return db.transaction('r', [db.quotes, db.articles, db.entities], async () => {
    const quotes: QuoteRecord[] = options.speakerId
      ? await db.quotes.where('speakerId').equals(options.speakerId).toArray()
      : await db.quotes.toArray();
    const articleIds = [...new Set(quotes.map((q) => q.articleId))];
    const speakerIds = [...new Set(quotes.map((q) => q.speakerId).filter((id): id is string => !!id))];
    const [articles, speakers] = await Promise.all([db.articles.bulkGet(articleIds), db.entities.bulkGet(speakerIds)]);
    const articleById = new Map(articles.filter((a): a is ArticleRecord => !!a).map((a) => [a.id, a]));
    const nameById = new Map(speakers.flatMap((e) => (e ? [[e.id, e.name] as const] : [])));

    return quotes
      .filter((q) => articleById.has(q.articleId)) // a quote whose article is gone cannot be cited
      .sort((a, b) => compareArticles(articleById.get(a.articleId)!, articleById.get(b.articleId)!) || a.start - b.start)
      .map((quote) => {
        const article = articleById.get(quote.articleId)!;
        return {
          speaker: (quote.speakerId && nameById.get(quote.speakerId)) || quote.speakerDescription || '',
          quote: quote.text,
          articleTitle: articleHeading(article),
          site: siteOf(article),
          date: article.date ?? '',
          url: article.url ?? '',
        };
      });
  });
}
