/** One article as the parser finds it in a scraped text file. */
export interface ParsedArticle {
  /** Name of the file it came from. */
  file: string;
  /** Position of the article within its file, from 0. */
  index: number;
  title: string | null;
  /** ISO date (yyyy-mm-dd) from a dateline, or null when the file has none. */
  date: string | null;
  /** Credit line ("With assistance from …"), kept out of the body. */
  credits: string | null;
  /** Photo captions, kept out of the body. */
  captions: string[];
  /** Body paragraphs, in order, without boilerplate, captions or credits. */
  paragraphs: string[];
  /** False for truncated teasers and excerpts. */
  complete: boolean;
}

/** The text that analysis offsets index into: body paragraphs, one per line. */
export function articleText(article: Pick<ParsedArticle, 'paragraphs'>): string {
  return article.paragraphs.join('\n');
}
