/**
 * The background's page lookups, read lazily from IndexedDB: the candidates
 * of a page's text give the keys any match could use (keysLookedUp), only
 * those rows of the `names` table are read, and matching runs on an index of
 * them alone. A woken worker so answers its first page after reading a few
 * hundred small rows, whatever the corpus's size; nothing is built from the
 * whole corpus. Rows read stay cached while the worker lives, until a write
 * touches the table.
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import type { NameMatch } from '../messages';
import type { BackstoryDb, NameRow } from '../store/db';
import { MAX_NAME_WORDS_KEY } from '../store/merge';
import { extractCandidates } from './candidates';
import { buildNameIndex, indexFromRows, keysLookedUp, matchCandidateLists, type IndexedEntity, type NameIndex } from './name-index';

/** Rows kept in memory at most: a few MB, the names of a few hundred pages. */
const MAX_CACHED_ROWS = 50_000;

export interface LookupOptions {
  /** Also names known only from the user's own articles (off by default: pages can read marks). */
  includeUserOnly?: boolean;
}

export class NameLookup {
  private rows = new Map<string, NameRow | null>();
  private maxWords: Promise<number> | null = null;
  private override: NameIndex | null = null;
  private readonly onMutated: (parts: ObservabilitySet) => void;

  constructor(private readonly db: BackstoryDb) {
    // Dexie announces every committed write (this context's, or another's through
    // its BroadcastChannel) with the parts it touched: forget rows when names changed.
    const prefixes = [`idb://${db.name}/names/`, `idb://${db.name}/meta/`];
    this.onMutated = (parts) => {
      if (Object.keys(parts).some((part) => prefixes.some((p) => part.startsWith(p)))) this.forget();
    };
    Dexie.on('storagemutated', this.onMutated);
  }

  /** The names in a page's texts, in order; each text is told the people named in full before it (and `seenIds`, named earlier). */
  async match(texts: readonly string[], options: LookupOptions = {}, seenIds: readonly string[] = []): Promise<NameMatch[]> {
    const candidateLists = texts.map(extractCandidates);
    return matchCandidateLists(this.override ?? (await this.indexFor(candidateLists, options)), candidateLists, seenIds);
  }

  private async indexFor(candidateLists: string[][], options: LookupOptions): Promise<NameIndex> {
    const maxWords = await (this.maxWords ??= this.db.meta.get(MAX_NAME_WORDS_KEY).then((row) => (typeof row?.value === 'number' ? row.value : 1)));
    const keys = new Set<string>();
    for (const candidates of candidateLists) for (const key of keysLookedUp(candidates, maxWords)) keys.add(key);
    const missing = [...keys].filter((k) => !this.rows.has(k));
    if (missing.length > 0) {
      const read = await this.db.names.bulkGet(missing);
      if (this.rows.size + missing.length > MAX_CACHED_ROWS) this.rows.clear();
      missing.forEach((key, i) => this.rows.set(key, read[i] ?? null));
    }
    const found = [...keys].map((k) => this.rows.get(k)).filter((r): r is NameRow => !!r);
    return indexFromRows(found, maxWords, options);
  }

  forget(): void {
    this.rows.clear();
    this.maxWords = null;
  }

  /** Test and benchmark hook: answer from these entities instead of the table (null restores the table). */
  useEntities(entities: IndexedEntity[] | null): void {
    this.override = entities ? buildNameIndex(entities) : null;
  }

  close(): void {
    Dexie.on.storagemutated.unsubscribe(this.onMutated);
  }
}

/**
 * Where non-production builds (`wxt build --mode bench`, dev) expose the
 * lookup to the benchmark driver, which can reach the service worker's
 * globals; web pages cannot. Production builds leave it out.
 */
export const BENCHMARK_HOOK = '__backstoryNameIndex';

/** The background's one name lookup; non-production builds expose it to the benchmark (BENCHMARK_HOOK). */
export function createNameLookup(db: BackstoryDb): NameLookup {
  const names = new NameLookup(db);
  if (import.meta.env?.MODE !== 'production') Object.assign(globalThis, { [BENCHMARK_HOOK]: names });
  return names;
}
