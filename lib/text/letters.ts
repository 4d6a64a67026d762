/**
 * Letters as explicit ranges (Latin with its accents, Greek, Cyrillic), not
 * \p{…} classes, for the candidate expressions (lib/lookup/candidates.ts) and the page
 * scanner's check for letters glued to a name, which the content script
 * compiles afresh on every page: a Unicode-property version of the candidate
 * expression measured ~6 ms to compile there. Latin Extended-A interleaves
 * capitals and small letters, so all of it counts as capital: a few
 * lower-case words may become candidates, which the index then rejects.
 */
export const UPPER = 'A-ZÀ-ÖØ-ÞĀ-ſΑ-ΩЀ-Я';
export const LETTER = 'A-Za-zÀ-ÖØ-öø-ɏͰ-ϿЀ-ӿ\u0300-\u036f';
