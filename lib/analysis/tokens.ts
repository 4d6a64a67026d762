import { endsSentenceAt } from '../text/sentences';

/** Word tokens with their string offsets, and where sentences start. */

export interface Token {
  text: string;
  start: number;
  end: number;
  /** First word of a sentence, a line, or a quotation: its capital says nothing about names. */
  sentenceStart: boolean;
  /** Punctuation between the previous token and this one (spaces trimmed), e.g. ",", "—", "(". */
  before: string;
}

/**
 * A word: initials with dots ("D.C.", "U.S."), or letters/digits joined by
 * inner apostrophes, periods-free. A possessive "’s" is split off as its own token
 * so that "Kyiv’s" yields the name "Kyiv".
 */
const WORD = /(?:\p{L}\.){2,}|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu;
const POSSESSIVE = /['’]s$/iu;
/** Gaps after which a new sentence (or a quotation, or a bracket) starts; a closing quote alone does not. */
const SENTENCE_END = /[.!?:;"“‘\n(\[]|—|–/u;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    let word = match[0];
    const start = match.index;
    const gap = text.slice(previousEnd, start);
    const possessive = POSSESSIVE.exec(word);
    if (possessive && word.length > 2) word = word.slice(0, -2);
    tokens.push({
      text: word,
      start,
      end: start + word.length,
      sentenceStart: tokens.length === 0 || startsSentence(text, previousEnd, gap, tokens[tokens.length - 1]),
      before: gap.includes('\n') ? '\n' : gap.trim(),
    });
    if (possessive && word.length > 0 && match[0].length > 2) {
      tokens.push({ text: '’s', start: start + word.length, end: start + match[0].length, sentenceStart: false, before: '' });
    }
    previousEnd = start + match[0].length;
  }
  return tokens;
}

function startsSentence(text: string, gapStart: number, gap: string, previous: Token): boolean {
  // "in Washington D.C. The team": a dotted initialism may end the sentence; the next word's capital says nothing.
  if (previous.text.endsWith('.') && gap.trim() === '') return true;
  if (!SENTENCE_END.test(gap)) return false;
  // "Mr. Hess", "Aug. 6", "Charles Q. Brown": whether a lone full stop ends the sentence is the shared rule's.
  if (/^\.\s*$/.test(gap)) return endsSentenceAt(text, gapStart);
  return true;
}

/** Character codes of ASCII letters: most words decide on them without a Unicode regex (these tests run for every word). */
const isAsciiUpper = (code: number) => code >= 65 && code <= 90;
const isAsciiLower = (code: number) => code >= 97 && code <= 122;

export function isCapitalised(word: string): boolean {
  const code = word.charCodeAt(0);
  if (isAsciiUpper(code)) return true;
  if (isAsciiLower(code) || code < 128) return false;
  return /^\p{Lu}/u.test(word);
}

/** A person's dotted initials ("K.C.", "J.R.R."): two or three capitals, each with its dot. */
export function isDottedInitials(word: string): boolean {
  return /^(?:\p{Lu}\.){2,3}$/u.test(word);
}

/** The longest acronym: six letters, each possibly dotted. */
const MAX_ACRONYM_CHARS = 12;

export function isAcronym(word: string): boolean {
  if (word.length < 2 || word.length > MAX_ACRONYM_CHARS || isAsciiLower(word.charCodeAt(0)) || isAsciiLower(word.charCodeAt(1))) return false;
  return /^(?:\p{Lu}\.?){2,6}$/u.test(word) && !/^\p{Lu}\.?$/u.test(word);
}
