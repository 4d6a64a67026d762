import type { Handlers } from '../messages';
import type { BackstoryDb } from '../store/db';

/** Background side of page matching: the name index and hover-card data. */
export function createMatchHandlers(_db: BackstoryDb): Pick<Handlers, 'names/match' | 'entity/card'> {
  return {
    'names/match': () => [],
    'entity/card': () => null,
  };
}
