/**
 * What the options page lists of the corpus: where its articles came from,
 * with counts, and the articles of one source. Reads only (inside liveQuery).
 */
import { BUNDLED_COUNTS_KEY, countBundled, type ArticleRecord, type BackstoryDb, type BundledCounts, type SourceRecord } from '../../store/db';
import { articleHeading } from '../format';

export interface SourceSummary {
  id: string;
  kind: SourceRecord['kind'];
  label: string;
  createdAt: number;
  articles: number;
}

export interface CorpusOverview {
  bundled: { files: number; articles: number };
  /** Saved pages first, then imports, newest first. */
  user: SourceSummary[];
  userArticles: number;
}

/** The bundled corpus's counts: kept by its loader, counted only while a load runs (or before one ever kept them). */
async function bundledCounts(db: BackstoryDb): Promise<BundledCounts> {
  const kept = (await db.meta.get(BUNDLED_COUNTS_KEY))?.value as BundledCounts | undefined;
  return kept ?? countBundled(db);
}

export async function corpusOverview(db: BackstoryDb): Promise<CorpusOverview> {
  return db.transaction('r', [db.sources, db.articles, db.meta], async () => {
    const [bundled, userSources] = await Promise.all([bundledCounts(db), db.sources.where('source').equals('user').toArray()]);
    const counts = await Promise.all(userSources.map((s) => db.articles.where('sourceId').equals(s.id).count()));
    const user = userSources
      .map((s, i) => ({ id: s.id, kind: s.kind, label: s.label, createdAt: s.createdAt, articles: counts[i] }))
      .sort((a, b) => (a.kind === 'saved' ? -1 : b.kind === 'saved' ? 1 : b.createdAt - a.createdAt));
    return { bundled, user, userArticles: counts.reduce((n, c) => n + c, 0) };
  });
}

export interface ArticleLine {
  id: string;
  heading: string;
  url: string | null;
  date: string | null;
  addedAt: number | null;
  /** The file it was imported from, when it came from a file. */
  file: string | null;
}

/** How many articles of a source are listed before "Show more": enough to find one, few enough to read in one short task. */
export const ARTICLES_PER_PAGE = 50;

export async function articlesOfSource(db: BackstoryDb, sourceId: string, limit: number): Promise<{ lines: ArticleLine[]; more: boolean }> {
  const records: ArticleRecord[] = await db.articles.where('sourceId').equals(sourceId).limit(limit + 1).toArray();
  const lines = records.slice(0, limit).map((a) => ({
    id: a.id,
    heading: articleHeading(a),
    url: a.url,
    date: a.date,
    addedAt: a.addedAt,
    file: a.file || null,
  }));
  return { lines, more: records.length > limit };
}
