/**
 * Name forms and the rules that decide when two forms name the same entity:
 * case and apostrophe variants, acronyms and their expansions, and
 * transliteration variants of a surname ("Zelenskiy" / "Zelensky").
 */
import { foldName } from '../text/fold';

/** Folds case, curly apostrophes, accents and a leading "the" so that variants compare equal. */
export function normaliseName(name: string): string {
  const folded = foldName(name.includes('.') ? name.replace(/\./g, '') : name);
  return folded.startsWith('the ') ? folded.slice(4) : folded;
}

/** "Donald Tusk" → "donald-tusk"; "People’s Liberation Army" → "peoples-liberation-army". */
export function slug(name: string): string {
  return normaliseName(name)
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** Words left out of an acronym ("North Atlantic Treaty Organization" → NATO, "Bank of England" → BOE is not used). */
const ACRONYM_SKIPPED_WORDS = new Set(['of', 'the', 'and', 'for', 'de', '&', "'s", '’s']);

/** Initials of a multi-word name, upper case: "People’s Liberation Army" → "PLA". */
export function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => w && !ACRONYM_SKIPPED_WORDS.has(w.toLowerCase()))
    .map((w) => w[0])
    .join('')
    .toUpperCase();
}

/** A single short word that reads as an acronym in any case ("NATO", "Nato"). */
export function acronymKey(name: string): string | null {
  const bare = name.replace(/\./g, '');
  if (!/^\p{L}{2,6}$/u.test(bare)) return null;
  return bare.toUpperCase();
}

/**
 * How many edits two spellings of one surname may differ by: transliterations
 * differ in a letter or two ("Zelenskiy"/"Zelensky", "Gaddafi"/"Qaddafi"), and
 * short surnames are too easily confused to allow any.
 */
export function surnameEditLimit(surname: string): number {
  if (surname.length < MIN_SURNAME_FOR_ONE_EDIT) return 0;
  return surname.length >= MIN_SURNAME_FOR_TWO_EDITS ? 2 : 1;
}
/** "Biden"/"Bidet" are different people: one edit only from six letters on. */
const MIN_SURNAME_FOR_ONE_EDIT = 6;
/** "Zelenskyy"/"Zelenskiy": two edits from nine letters on. */
const MIN_SURNAME_FOR_TWO_EDITS = 9;
