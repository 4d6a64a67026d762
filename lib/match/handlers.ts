import Dexie, { type ObservabilitySet } from 'dexie';
import type { Handlers } from '../messages';
import type { BackstoryDb } from '../store/db';
import { buildEntityCard } from './card-data';
import { buildNameIndex, matchText, type IndexedEntity, type NameIndex } from './name-index';

/**
 * Keeps one name index for the background: built on first use from the
 * entities table and rebuilt after the table changes (an ingest, a user
 * import), never per page.
 */
export class NameIndexSource {
  private index: Promise<NameIndex> | null = null;
  private override: NameIndex | null = null;
  private readonly onMutated: (parts: ObservabilitySet) => void;

  constructor(private readonly db: BackstoryDb) {
    // Dexie announces every committed write (this context's, or another's through
    // its BroadcastChannel) with the parts it touched: drop the index when entities changed.
    const prefix = `idb://${db.name}/entities/`;
    this.onMutated = (parts) => {
      if (Object.keys(parts).some((part) => part.startsWith(prefix))) this.invalidate();
    };
    Dexie.on('storagemutated', this.onMutated);
  }

  get(): Promise<NameIndex> {
    if (this.override) return Promise.resolve(this.override);
    this.index ??= this.db.entities.toArray().then(buildNameIndex);
    this.index.catch(() => (this.index = null));
    return this.index;
  }

  /** Drops the index; the next lookup rebuilds it. Call after writing entities outside Dexie's notice. */
  invalidate(): void {
    this.index = null;
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
 * Where non-production builds (`wxt build --mode content`, dev) expose the
 * index source to the benchmark driver, which can reach the service worker's
 * globals; web pages cannot. Production builds leave it out.
 */
export const BENCHMARK_HOOK = '__backstoryNameIndex';

/** The background's one name index source; non-production builds expose it to the benchmark (BENCHMARK_HOOK). */
export function createNameIndexSource(db: BackstoryDb): NameIndexSource {
  const names = new NameIndexSource(db);
  if (import.meta.env?.MODE !== 'production') Object.assign(globalThis, { [BENCHMARK_HOOK]: names });
  return names;
}

/** Background side of page matching: names in a page's later text, and hover-card data. */
export function createMatchHandlers(db: BackstoryDb, names: NameIndexSource): Pick<Handlers, 'names/match' | 'entity/card'> {
  return {
    'names/match': async ({ text, seen }) => matchText(await names.get(), text, seen),
    'entity/card': ({ entityId }) => buildEntityCard(db, entityId),
  };
}
