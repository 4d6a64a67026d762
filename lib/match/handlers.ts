import type { Handlers } from '../messages';
import type { BackstoryDb } from '../store/db';
import { buildEntityCard } from './card-data';
import type { LookupOptions, NameLookup } from './name-lookup';

/** Background side of page matching: names in a page's later text, and hover-card data. */
export function createMatchHandlers(
  db: BackstoryDb,
  names: NameLookup,
  lookupOptions: () => Promise<LookupOptions> = async () => ({}),
): Pick<Handlers, 'names/match' | 'entity/card'> {
  return {
    'names/match': async ({ text, seen }) => names.match([text], await lookupOptions(), seen),
    'entity/card': ({ entityId }) => buildEntityCard(db, entityId),
  };
}
