/**
 * The one normal form for names, shared by the index (built from entity names)
 * and lookups (page text): case-folded, accents kept apart from letters so
 * "Zelenskyy" and "Zelenskýy" meet, curly apostrophes straightened, runs of
 * white space (a line break inside a name, a no-break space) made one space:
 * the project's one name fold (lib/text/fold.ts).
 */
import { foldName } from '../text/fold';

export const normalizeName = foldName;

/** True when the text has letters and none of them is lower case: "US", "NATO", "TUSK". */
export function isAllCaps(text: string): boolean {
  return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}
