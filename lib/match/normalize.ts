/**
 * The one normal form for names, shared by the index (built from entity names)
 * and lookups (page text): case-folded, accents kept apart from letters so
 * "Zelenskyy" and "Zelenskýy" meet, curly apostrophes straightened, runs of
 * white space (a line break inside a name, a no-break space) made one space.
 */
const PLAIN = /^[\x20-\x26\x28-\x7e]*$/;

export function normalizeName(text: string): string {
  // Most names are plain ASCII: they need no Unicode decomposition, the costly step.
  if (PLAIN.test(text)) return text.replace(/\s+/g, ' ').trim().toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘ʼ]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** True when the text has letters and none of them is lower case: "US", "NATO", "TUSK". */
export function isAllCaps(text: string): boolean {
  return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}
