/** Case- and accent-folding, and word tokens with their offsets in the original text. */
import { foldText } from '../text/fold';

/** Lower case, accents removed, typographic apostrophes made plain: "Zelenskiy’s" → "zelenskiy's", "Kasčiūnas" → "kasciunas" (the project's one fold). */
export { foldText };

export interface Token {
  /** Folded form, possessive stripped. */
  word: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
const POSSESSIVE = /'s$/;

/** Word tokens of `text`; offsets index `text` itself, so folding never shifts them. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = foldText(match[0]).replace(POSSESSIVE, '');
    tokens.push({ word, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}
