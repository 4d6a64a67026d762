/**
 * Candidate name spans: runs of capitalised words, joined across the small
 * lowercase words that live inside names ("Institute of Peace", "Charles de Gaulle").
 */
import { hasClass, wordClasses } from './lexicon';
import { isAcronym, isCapitalised, type Token } from './tokens';

export interface Span {
  /** Token indexes [first, last] inclusive. */
  first: number;
  last: number;
}

/** Lowercase words that may sit inside a name when capitalised words follow them. */
const NAME_CONNECTORS = new Set(['of', 'for', 'de', 'da', 'di', 'del', 'della', 'van', 'von', 'der', 'den', 'bin', 'al', 'el', 'le', 'la', 'du', 'dos', 'das', '&', 'and']);
/** Connectors that may be followed by "the" inside a name ("Daughters of the American Revolution"). */
const CONNECTORS_BEFORE_THE = new Set(['of', 'for']);

/** Capitalised words that are never part of a person, place or organisation name. */
const NEVER_NAME = new Set(['i', 'photo', 'getty', 'images', 'read', 'more', 'also', 'article', 'chapter', 'section', 'figure']);

export function isNameWord(token: Token): boolean {
  if (!isCapitalised(token.text) && !/^\p{N}+\p{Lu}/u.test(token.text)) return false;
  if (NEVER_NAME.has(token.text.toLowerCase())) return false;
  if (hasClass(token.text, 'month') || hasClass(token.text, 'weekday')) return false;
  return true;
}

/**
 * A capitalised word at a sentence start that is ordinary vocabulary ("However",
 * "Several", "Early") rather than the start of a name.
 */
export function isCapitalisedCommonWord(token: Token): boolean {
  if (isAcronym(token.text)) return false;
  const classes = wordClasses(token.text);
  if (!classes.has('common')) return false;
  return !(classes.has('firstName') || classes.has('lastName') || classes.has('country') || classes.has('city') || classes.has('org') || classes.has('region') || classes.has('place'));
}

/** Does a hyphen between these two name words join them ("Jean-Claude") or list them ("Taiwan-US")? */
function hyphenJoins(left: Token, right: Token): boolean {
  const standalone = (t: Token) => isAcronym(t.text) || hasClass(t.text, 'country') || hasClass(t.text, 'city');
  return !(standalone(left) || standalone(right));
}

/** Is the gap between two tokens one a name can continue across? */
function continuesAcross(gap: string): boolean {
  return gap === '' || gap === '.' || gap === '-';
}

export function findNameSpans(tokens: Token[]): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isNameWord(tokens[i]) || tokens[i].text === '’s') {
      i++;
      continue;
    }
    const first = i;
    let last = i;
    let j = i + 1;
    while (j < tokens.length) {
      const next = tokens[j];
      if (!continuesAcross(next.before)) break;
      if (next.before === '.' && !/^\p{Lu}$/u.test(tokens[j - 1].text)) break; // only initials carry a dot inside a name
      if (next.before === '-' && !(isNameWord(next) && hyphenJoins(tokens[j - 1], next))) break;
      if (next.text === '’s') {
        // "People’s Liberation Army": a possessive inside a name when the owner is a common plural noun.
        const owner = tokens[j - 1];
        const after = tokens[j + 1];
        if (after && after.before === '' && isNameWord(after) && hasClass(owner.text, 'common') && !hasClass(owner.text, 'country')) {
          j += 1;
          last = j;
          j += 1;
          continue;
        }
        break;
      }
      if (isNameWord(next)) {
        last = j;
        j++;
        continue;
      }
      if (joinsNames(tokens, j)) {
        j += tokens[j + 1].text === 'the' ? 2 : 1;
        continue;
      }
      break;
    }
    spans.push({ first, last });
    i = last + 1;
  }
  return spans;
}

/** A connector continues a name only when a capitalised word follows it (after an optional "the"). */
function joinsNames(tokens: Token[], j: number): boolean {
  const word = tokens[j].text;
  if (!NAME_CONNECTORS.has(word)) return false;
  let k = j + 1;
  if (tokens[k]?.text === 'the' && CONNECTORS_BEFORE_THE.has(word) && tokens[k].before === '') k++;
  const after = tokens[k];
  if (!after || after.before !== '' || !isNameWord(after)) return false;
  // "Russia and Europe" lists two names; "and" only joins inside organisation names
  // ("Ministry of Housing and Urban Development"), which we accept when the left part is not a known place.
  if (word === 'and') return false;
  return true;
}
