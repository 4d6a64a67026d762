/**
 * Candidate name spans: runs of capitalised words, joined across the small
 * lowercase words that live inside names ("Institute of Peace", "Charles de Gaulle").
 */
import { fixedName, isOrganisationWord as isOrgHead } from './gazetteer';
import { hasClass, isPlaceSuffix, wordClasses } from './lexicon';
import { isTitleHead } from './titles';
import { isOrdinaryWord, type Vocabulary } from './vocabulary';
import { isEastAsianSurname, isHyphenatedParticle, isSurnameParticle } from './name-order';
import { isAcronym, isCapitalised, isDottedInitials, type Token } from './tokens';

export interface Span {
  /** Token indexes [first, last] inclusive. */
  first: number;
  last: number;
}

/** Lowercase words that join the words of an organisation's or place's name ("Institute of Peace"). */
const NAME_JOINERS = new Set(['of', 'for', 'on']);
/** Lowercase words that may sit inside a name when capitalised words follow them: the joiners and a surname's particles. */
const isNameConnector = (word: string) => NAME_JOINERS.has(word) || (word === word.toLowerCase() && isSurnameParticle(word));
/** Connectors that only continue an organisation's name ("Council on Foreign Relations"). */
const ORG_ONLY_CONNECTORS = new Set(['on']);
/** Connectors that may be followed by "the" inside a name ("Daughters of the American Revolution"). */
const CONNECTORS_BEFORE_THE = new Set(['of', 'for']);

/** Capitalised words that are never part of a person, place or organisation name. */
const NEVER_NAME = new Set(['i', 'internet', 'web', 'photo', 'photos', 'image', 'images', 'picture', 'video', 'caption', 'credit', 'source', 'getty', 'read', 'more', 'also', 'article', 'chapter', 'section', 'figure']);

const CAPITALISED_FUNCTION_WORDS = new Set(['In', 'On', 'At', 'By', 'With', 'From', 'To', 'And', 'Or', 'But', 'As', 'Into', 'After', 'Before']);

/** Month names the lexicon files under other words ("March", "May"). */
const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);

const ROMAN_NUMERAL = /^(?=[IVXLC]{2,}$)C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/u;

/** "I'm", "We'll": a contraction is never part of a name. */
const CONTRACTION = /['’](?:m|re|ve|ll|d|t)$/iu;

export function isNameWord(token: Token): boolean {
  if (!isCapitalised(token.text) && !/^\p{N}+\p{Lu}/u.test(token.text)) return false;
  if (NEVER_NAME.has(token.text.toLowerCase())) return false;
  if (CONTRACTION.test(token.text)) return false;
  if (ROMAN_NUMERAL.test(token.text)) return false; // part XVII, World War II
  // "Ann Chiang of DAB In the Kowloon West …": a capitalised preposition inside a sentence is page formatting.
  if (!token.sentenceStart && CAPITALISED_FUNCTION_WORDS.has(token.text)) return false;
  if (hasClass(token.text, 'month') || hasClass(token.text, 'weekday') || MONTHS.has(token.text.toLowerCase())) return false;
  return true;
}

/**
 * A capitalised word at a sentence start that is ordinary vocabulary ("However",
 * "Several", "Early") rather than the start of a name.
 */
export function isCapitalisedCommonWord(token: Token, vocabulary: Vocabulary): boolean {
  if (isAcronym(token.text)) return !wordClasses(token.text).has('org') && wordClasses(token.text).has('common');
  return isOrdinaryWord(token.text, vocabulary);
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

/** The longest lower-case syllable of a hyphenated given name ("Cheuk-ting", "Wai-keung", "Che-cheung"). */
const MAX_GIVEN_NAME_SYLLABLE = 6;
/** Endings of lower-case words glued to a name that make a compound adjective ("Kremlin-backed", "Biden-era"). */
const COMPOUND_TAIL = /(?:ed|ing|ly|er|ers|ist|ists|ism|like|style|wide|free)$/u;

/**
 * "Lam Cheuk-ting", "Hau Lung-bin": Chinese and Korean given names are written
 * with a capitalised first syllable and a lower-case second one. After a
 * surname, the two syllables are joined into one word, so the lower case does
 * not cut the name short; an ordinary word after the hyphen ("Biden-era") is
 * a compound and stays apart.
 */
export function joinHyphenatedGivenNames(tokens: Token[], vocabulary: Vocabulary): Token[] {
  const joined: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const syllable = tokens[i + 1];
    const previous = joined[joined.length - 1];
    const afterSurname = previous !== undefined && token.before === '' && isCapitalised(previous.text) && !isAcronym(previous.text);
    if (afterSurname && syllable && isGivenNameSyllable(token, syllable, isEastAsianSurname(previous.text), vocabulary)) {
      joined.push({ ...token, text: `${token.text}-${syllable.text}`, end: syllable.end });
      i++;
      continue;
    }
    joined.push(token);
  }
  return joined;
}

/**
 * After a known East Asian surname any short syllable will do ("Cheuk-ting",
 * "Kwok-hung", "Jae-in"); after another capitalised word it must be no English
 * word or compound ending ("Kremlin-backed", "Biden-era").
 */
function isGivenNameSyllable(first: Token, syllable: Token, afterEastAsianSurname: boolean, vocabulary: Vocabulary): boolean {
  if (syllable.before !== '-' || !/^\p{Lu}\p{Ll}+$/u.test(first.text) || !/^\p{Ll}+$/u.test(syllable.text)) return false;
  if (syllable.text.length > MAX_GIVEN_NAME_SYLLABLE || hasClass(first.text, 'country') || hasClass(first.text, 'city')) return false;
  return afterEastAsianSurname || (!COMPOUND_TAIL.test(syllable.text) && !isOrdinaryWord(syllable.text, vocabulary));
}

/** "Lt", "Gen", "Sen": a title head short enough to be an abbreviation, which the full stop after it does not end. */
function isAbbreviatedTitle(word: string): boolean {
  return word.length <= 4 && /^\p{Lu}\p{Ll}+$/u.test(word) && isTitleHead(word);
}

export function findNameSpans(tokens: Token[], vocabulary: Vocabulary): Span[] {
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
      // A dotted initialism ends a name unless it is a single initial ("Charles Q. Brown"): "U.S. President".
      // "K.C. Maurer": dotted initials that open a name and name no known place or body go on into a surname.
      if (tokens[j - 1].text.length > 2 && tokens[j - 1].text.endsWith('.') && !opensPersonName(tokens, j - 1, first, vocabulary)) break;
      // "NASA T-shirt": a single letter before a hyphen is part of a word, not a name.
      if (/^\p{Lu}$/u.test(next.text) && tokens[j + 1]?.before === '-') break;
      // Only initials and abbreviated titles carry a dot inside a name ("Charles Q. Brown", "Lt. Gen. Mara Kell").
      if (next.before === '.' && !/^\p{Lu}$/u.test(tokens[j - 1].text) && !isAbbreviatedTitle(tokens[j - 1].text)) break;
      if (next.before === '-' && !(isNameWord(next) && hyphenJoins(tokens[j - 1], next))) break;
      if (next.text === '’s') {
        // "People’s Liberation Army": a possessive inside a name when the owner is a common plural noun.
        const owner = tokens[j - 1];
        const after = tokens[j + 1];
        if (after && after.before === '' && isNameWord(after) && hasClass(owner.text, 'plural')) {
          j += 1;
          last = j;
          j += 1;
          continue;
        }
        break;
      }
      // "Theresa May": a month's name inside a person's name.
      if (isNameWord(next) || (MONTHS.has(next.text.toLowerCase()) && hasClass(tokens[j - 1].text, 'firstName'))) {
        last = j;
        j++;
        continue;
      }
      if (joinsNames(tokens, j, first, vocabulary)) {
        j++;
        while (j < tokens.length && !isNameWord(tokens[j])) j++; // the particles and "the" up to the next name word
        continue;
      }
      break;
    }
    spans.push({ first, last });
    i = last + 1;
  }
  return spans;
}

/** Dotted initials at the start of a name (after its titles), not a known name themselves ("U.S.", "D.C."), before a word that is no ordinary one. */
function opensPersonName(tokens: Token[], initials: number, first: number, vocabulary: Vocabulary): boolean {
  const next = tokens[initials + 1];
  // "Rep. G.K. Butterfield", "Caucus Chairman G.K. Butterfield": a title may come before the initials.
  const opens = initials === first || isTitleHead(tokens[initials - 1].text);
  return opens && isDottedInitials(tokens[initials].text) && !fixedName(tokens[initials].text) && next !== undefined && next.before === '' && isNameWord(next) && !isOrdinaryWord(next.text, vocabulary);
}

/**
 * "Institute of Peace", "Minister of Defense", "Bank of England" join across
 * "of"; "Elizabeth Quat of DAB" is a person and an organisation.
 */
function headsOfPhrase(tokens: Token[], head: number, first: number, vocabulary: Vocabulary): boolean {
  if (hasClass(tokens[first].text, 'firstName') && head > first) return false;
  const word = tokens[head].text;
  return isOrgHead(word) || isPlaceSuffix(word) || isTitleHead(word) || hasClass(word, 'role') || isOrdinaryWord(word, vocabulary);
}


/** A connector continues a name only when a capitalised word follows it (after an optional "the"). */
function joinsNames(tokens: Token[], j: number, first: number, vocabulary: Vocabulary): boolean {
  const word = tokens[j].text;
  if (!isNameConnector(word)) return false;
  if ((word === 'of' || word === 'for') && !headsOfPhrase(tokens, j - 1, first, vocabulary)) return false;
  if (ORG_ONLY_CONNECTORS.has(word) && !isOrgHead(tokens[j - 1].text)) return false;
  let k = j + 1;
  // "Ursula von der Leyen", "Mohammed bin Abdulrahman al Thani": particles come in runs.
  while (isNameConnector(tokens[k]?.text ?? '') && !NAME_JOINERS.has(tokens[k].text) && tokens[k].before === '') k++;
  if (tokens[k]?.text === 'the' && CONNECTORS_BEFORE_THE.has(word) && tokens[k].before === '') k++;
  const after = tokens[k];
  const attached = after && (after.before === '' || (after.before === '-' && isHyphenatedParticle(word)));
  if (!after || !attached || !isNameWord(after)) return false;
  return true;
}

/**
 * "Image: NASA Bill Ingalls", "the Council on American-Islamic Relations Alia
 * Salem": an organisation's name runs straight into a person's when nothing
 * separates them; split where an acronym or organisation word meets a first name.
 */
/**
 * Two or three words led by a known first name. (Leading with any unknown
 * surname instead split more organisation names, "USI Art Collections", than it
 * freed people on GUM.)
 */
function looksLikePersonName(tokens: Token[], first: number, last: number): boolean {
  const length = last - first + 1;
  if (length < 2 || length > 3 || isTitleHead(tokens[first].text)) return false;
  return hasClass(tokens[first].text, 'firstName');
}

/**
 * "University of Texas Arlington Amneh Jafari": after a place that closes an
 * organisation's name, two words no lexicon or lower-case use knows are a person's.
 */
function unknownPairAfterPlace(tokens: Token[], place: number, span: Span, vocabulary: Vocabulary): boolean {
  const words = tokens.slice(place + 1, span.last + 1);
  const placeWord = tokens[place].text;
  if (place === span.first || words.length !== 2 || !(hasClass(placeWord, 'city') || hasClass(placeWord, 'country'))) return false;
  return words.every((w) => wordClasses(w.text).size === 0 && !vocabulary.has(w.text.toLowerCase()) && !isAcronym(w.text));
}

export function splitAtOrganisationPersonSeam(tokens: Token[], span: Span, vocabulary: Vocabulary): Span[] {
  for (let i = span.first; i <= span.last - 2; i++) {
    const head = tokens[i].text;
    const seam = (isAcronym(head) && !hasClass(head, 'country') && !isTitleHead(head)) || isOrgHead(head);
    if ((seam && looksLikePersonName(tokens, i + 1, span.last)) || unknownPairAfterPlace(tokens, i, span, vocabulary)) {
      return [{ first: span.first, last: i }, ...splitAtOrganisationPersonSeam(tokens, { first: i + 1, last: span.last }, vocabulary)];
    }
  }
  return [span];
}
