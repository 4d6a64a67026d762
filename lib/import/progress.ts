/**
 * What an import reports as it goes. Its own module so the options page can
 * follow an import without loading what the worker runs (parsers, linkedom).
 */

export interface ImportFailure {
  file: string;
  reason: string;
}

export interface ImportProgress {
  filesTotal: number;
  /** Files finished, stored or refused. */
  filesDone: number;
  articlesAdded: number;
  /** Articles already stored (same address or same text) that a file replaced. */
  articlesUpdated: number;
  /** Files stored, in the order they landed. */
  stored: string[];
  failures: ImportFailure[];
  /** The file being read or stored now; null between files and at the end. */
  current: string | null;
  /** The import's source row, once a file has given it articles. */
  sourceId: string | null;
}

export function emptyProgress(filesTotal: number): ImportProgress {
  return { filesTotal, filesDone: 0, articlesAdded: 0, articlesUpdated: 0, stored: [], failures: [], current: null, sourceId: null };
}

