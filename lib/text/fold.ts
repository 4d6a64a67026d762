/**
 * The one normal form for comparing names and words, shared by the analysis
 * (joining an entity's forms), the page-side name matching (index keys and
 * page text) and search (indexed words and queries): case folded, accents and
 * compatibility forms decomposed and their marks dropped ("Zelenskýy" meets
 * "Zelenskyy", "ﬁ" meets "fi"), curly apostrophes and the backtick made
 * plain. Each caller adds only what is its own (white space, dots, "the").
 */

/** Printable ASCII without the backtick: nothing to fold but case. */
const PLAIN_ASCII = /^[\x20-\x5f\x61-\x7e]*$/;
const MARKS = /\p{M}+/gu;
const APOSTROPHES = /[’‘ʼ`]/g;

export function foldText(text: string): string {
  // Most text is plain ASCII: it needs no Unicode decomposition, the costly step.
  if (PLAIN_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(MARKS, '').replace(APOSTROPHES, "'").toLowerCase();
}

/** A name as one folded string: runs of white space (a line break inside a name, a no-break space) made one space. */
export function foldName(text: string): string {
  return foldText(text).replace(/\s+/g, ' ').trim();
}

/** True when the text has letters and none of them is lower case: "US", "NATO", "TUSK". */
export function isAllCaps(text: string): boolean {
  return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}
