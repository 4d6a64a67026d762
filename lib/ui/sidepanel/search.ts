/**
 * The side panel's search field: a "what did X say about Y" question when the
 * query reads as one, plus the popup's search over names, quotes and articles.
 */
import { searchCorpus as searchNamesQuotesArticles, type SearchResults } from '../../search/corpus-search';
import { saidAbout, type SaidAbout } from '../../search/said-about';
import { summarize, type ArticleSummary } from '../../store/profile';
import type { BackstoryDb } from '../../store/db';

export interface SidePanelResults extends SearchResults {
  saidAbout: SaidAbout | null;
  /** Articles of the said-about quotes, for their headings and citations. */
  saidAboutArticles: Record<string, ArticleSummary>;
}

/** Results per group; the panel is taller than the popup. */
export const SIDE_PANEL_RESULTS_PER_GROUP = 12;

export async function searchCorpus(db: BackstoryDb, query: string): Promise<SidePanelResults> {
  const [said, results] = await Promise.all([saidAbout(db, query), searchNamesQuotesArticles(db, query, SIDE_PANEL_RESULTS_PER_GROUP)]);
  const articleIds = [...new Set((said?.quotes ?? []).map((q) => q.articleId))];
  const saidAboutArticles: Record<string, ArticleSummary> = {};
  for (const article of await db.articles.bulkGet(articleIds)) {
    if (article) saidAboutArticles[article.id] = summarize(article);
  }
  return { ...results, saidAbout: said, saidAboutArticles };
}
