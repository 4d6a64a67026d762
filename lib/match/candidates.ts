/**
 * Cheap candidate names in page text: runs of capitalised words and acronyms,
 * possessives stripped. The content script sends these to the background,
 * which knows the corpus; nothing here knows any name.
 */
import { MAX_CANDIDATE_LENGTH } from '../messages';

export interface CandidateSpan {
  text: string;
  /** [start, end) in the text the span was found in. */
  start: number;
  end: number;
}

// Letters as explicit ranges (Latin with its accents, Greek, Cyrillic), not
// \p{…} classes: a content script compiles its regular expressions afresh on
// every page, and the Unicode-property version of SEQUENCE measured ~6 ms to
// compile there, more than the rest of a small page's scan. Latin Extended-A
// interleaves capitals and small letters, so all of it counts as capital: a
// few lower-case words may become candidates, which the index then rejects.
const UPPER = 'A-ZÀ-ÖØ-ÞĀ-ſΑ-ΩЀ-Я';
const LETTER = 'A-Za-zÀ-ÖØ-öø-ɏͰ-ϿЀ-ӿ\u0300-\u036f';
// A capitalised word ("Tusk", "O’Brien", "Jean-Claude", "NATO", "G7") or a
// dotted acronym ("U.S."). A hyphen joins only capitalised parts, so
// "Zelensky-led" yields "Zelensky". Apostrophes stay inside the word; a
// trailing possessive is cut below.
const WORD = `(?:(?:[${UPPER}]\\.){2,}|[${UPPER}][${LETTER}0-9]*(?:['’][${LETTER}]+|-[${UPPER}][${LETTER}]*)*)`;
// Lower-case particles that sit inside names: "Charles de Gaulle", "Ursula von der Leyen", "Bank of England".
const PARTICLE = '(?:de|da|del|der|di|du|la|le|van|von|bin|al|of)';
// Words are joined by one stretch of white space (no line breaks across blocks: runs already split there).
const SEQUENCE = new RegExp(`${WORD}(?:[ \\t\\u00a0]+(?:${PARTICLE}[ \\t\\u00a0]+)*${WORD})*`, 'g');
/** The longest stretch a request allows that begins and ends a word. */
const PIECE = new RegExp(`\\S(?:[^]{0,${MAX_CANDIDATE_LENGTH - 2}}\\S)?(?=\\s|$)`, 'g');
const POSSESSIVE = /(?:['’]s|(?<=s)['’])(?=\s|$)/;

/**
 * Capitalised words that are almost always grammar, not names, when they stand
 * alone (sentence starts). Dropping them keeps requests small; in a longer
 * run ("In Warsaw") the background still finds the name inside.
 */
const LONE_STOPWORDS = new Set(
  'A An The In On At By For From To Of And But Or Nor If As So It Its He She We They I You His Her Their Our My Your This That These Those There Here What When Where Who Why How Yes No Not After Before While Since Then Also More Most Some All Any Each Every One Two Mr Mrs Ms Dr'.split(
    ' ',
  ),
);

/** Calls `found` for each candidate span in `text`, in order. */
export function extractCandidates(text: string, found: (span: CandidateSpan) => void): void {
  SEQUENCE.lastIndex = 0;
  for (let m = SEQUENCE.exec(text); m; m = SEQUENCE.exec(text)) splitSequence(m[0], m.index, found);
}

/** Cuts a sequence at possessives ("Kyiv’s Donald Tusk" → "Kyiv", "Donald Tusk") and to the length a request allows. */
function splitSequence(seq: string, offset: number, found: (span: CandidateSpan) => void): void {
  const possessive = seq.includes('’') || seq.includes("'") ? POSSESSIVE.exec(seq) : null;
  if (possessive) {
    emit(seq.slice(0, possessive.index), offset, found);
    const rest = seq.slice(possessive.index + possessive[0].length);
    const lead = rest.length - rest.trimStart().length;
    if (rest.trim()) splitSequence(rest.trimStart(), offset + possessive.index + possessive[0].length + lead, found);
    return;
  }
  emit(seq, offset, found);
}

function emit(text: string, start: number, found: (span: CandidateSpan) => void): void {
  // No trailing particle to trim: a sequence, and the part of it before a possessive, ends with a capitalised word.
  if (!text || LONE_STOPWORDS.has(text)) return;
  if (text.length <= MAX_CANDIDATE_LENGTH) found({ text, start, end: start + text.length });
  // Runs of capitals longer than any name (an all-caps banner): send word-aligned pieces.
  else for (const p of text.matchAll(PIECE)) found({ text: p[0], start: start + p.index, end: start + p.index + p[0].length });
}
