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
import { buildNameIndex, indexFromRows, keysLookedUp, matchCandidateLists, matchCandidates, type IndexedEntity, type NameIndex } from './name-index';

/** Rows kept in memory at most: a few MB, the names of a few hundred pages. */
const MAX_CACHED_ROWS = 50_000;
/**
 * Rows read per IndexedDB request. A page inventing names (thousands of new
 * keys a request, none cached) is read in slices, so the worker's other
 * messages and the popup's own reads of the database are served between
 * them rather than after all of them (a news page needs one or two slices).
 */
export const ROWS_PER_READ = 100;

export interface LookupOptions {
  /**
   * Mark names known only from the user's own articles too. Off by default:
   * page scripts can read marks, so a page could plant names and learn which
   * ones the user saved. Off, such names come back `hidden` (hover only).
   */
  markUserNames?: boolean;
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
    if (this.override) return matchCandidateLists(this.override, candidateLists, seenIds);
    const rows = await this.rowsFor(candidateLists);
    const maxWords = await this.maxWordsOf();
    const all = indexFromRows(rows, maxWords);
    if (options.markUserNames || rows.every((r) => r.entries.every((e) => e.bundled))) return matchCandidateLists(all, candidateLists, seenIds);
    // The marks are exactly those the bundled corpus alone gives, so the page learns nothing of the user's
    // names from them; a name known only from the user's articles comes back hidden, where no mark covers it.
    const bundled = indexFromRows(rows.map((r) => ({ ...r, entries: r.entries.filter((e) => e.bundled) })), maxWords);
    const userOnly = new Set(rows.flatMap((r) => r.entries.filter((e) => !e.bundled).map((e) => e.id)));
    const found: NameMatch[] = [];
    const seenAll = new Set(seenIds);
    const seenMarked = new Set(seenIds);
    for (const candidates of candidateLists) {
      const everything = matchCandidates(all, candidates, [...seenAll]);
      const marked = matchCandidates(bundled, candidates, [...seenMarked]);
      for (const m of everything) if (m.text.includes(' ')) seenAll.add(m.entityId);
      for (const m of marked) if (m.text.includes(' ')) seenMarked.add(m.entityId);
      const covered = (m: NameMatch) => marked.some((v) => v.candidate === m.candidate && v.start < m.end && m.start < v.end);
      found.push(...marked, ...everything.filter((m) => userOnly.has(m.entityId) && !covered(m)).map((m) => ({ ...m, hidden: true })));
    }
    return found;
  }

  private maxWordsOf(): Promise<number> {
    return (this.maxWords ??= this.db.meta.get(MAX_NAME_WORDS_KEY).then((row) => (typeof row?.value === 'number' ? row.value : 1)));
  }

  private async rowsFor(candidateLists: string[][]): Promise<NameRow[]> {
    const maxWords = await this.maxWordsOf();
    const keys = new Set<string>();
    for (const candidates of candidateLists) for (const key of keysLookedUp(candidates, maxWords)) keys.add(key);
    const missing = [...keys].filter((k) => !this.rows.has(k));
    if (this.rows.size + missing.length > MAX_CACHED_ROWS) this.rows.clear();
    const found = new Map<string, NameRow | null>();
    for (let from = 0; from < missing.length; from += ROWS_PER_READ) {
      const slice = missing.slice(from, from + ROWS_PER_READ);
      const read = await this.db.names.bulkGet(slice);
      slice.forEach((key, i) => {
        found.set(key, read[i] ?? null);
        this.rows.set(key, read[i] ?? null);
      });
    }
    // From this read's own results too: a write meanwhile may have cleared the cache.
    return [...keys].map((k) => (found.has(k) ? found.get(k) : this.rows.get(k))).filter((r): r is NameRow => !!r);
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
