/**
 * Reading one capitalised span as a mention: sentence-initial vocabulary
 * trimmed, titles and roles split off (the type decided by classify.ts), and the places and
 * organisations named inside titles and organisation names.
 */
import { FALLBACK, typeFromWords, typeMention, WORDS, type Evidence, type NameContext } from './classify';
import { countryRole, isCountryName, isTeamNoun, type CountryRole } from './country-roles';
import { fixedName, isOrganisationKindNoun, isInstitution, isPublicationWord, isNonEntitySuffix, isTrailingPlaceWord } from './gazetteer';
import { hasClass, wordClasses } from './lexicon';
import { isHyphenatedParticle } from './name-order';
import { isCapitalisedCommonWord, type Span } from './names';
import { appositionAfter, isHonorific, isTitleHead, isTitleWord, roleBefore, splitTitle } from './titles';
import { isAcronym, isCapitalised, type Token } from './tokens';
import type { EntityType } from './types';
import type { Vocabulary } from './vocabulary';

export interface NamedMention {
  start: number;
  end: number;
  /** The name as written, without title or possessive. */
  surface: string;
  type: EntityType | null;
  /** Counts only as the surname of a person the article names in full ("Brown said"). */
  surnameOnly?: boolean;
  /** A preposition comes right before the name ("in Paris", "from Sydney"). */
  afterPreposition: boolean;
  /** How certain the type is; the article's other mentions of the same form follow the most certain. */
  evidence: Evidence;
  /** The name this form stands for when a gazetteer knows it ("US" → "United States"). */
  standsFor: string | null;
  /** "Mr Hess", "General Charles Q Brown": the name with its honorific. */
  honorificForm: string | null;
  roles: string[];
  /** A country standing for its national team or its state ("Sweden beat …", "North Korea fired …"). */
  countryRole?: CountryRole;
}


/** Prepositions before a place name. */
const PREPOSITIONS = new Set(['in', 'at', 'from', 'to', 'near', 'into', 'across', 'outside', 'inside', 'throughout', 'toward', 'towards', 'via', 'around']);

function ordinaryLead(token: Token): NamedMention | null {
  if (!/^\p{Lu}\p{Ll}/u.test(token.text)) return null;
  return { start: token.start, end: token.end, surface: token.text, type: null, evidence: FALLBACK, afterPreposition: false, standsFor: null, honorificForm: null, roles: [], surnameOnly: true };
}

/** A span that is only a title ("Estonia’s Prime Minister"), waiting for the name after a comma. */
export interface TitleOnly {
  title: string;
  end: number;
}

/** Turns one capitalised span into a mention: trims sentence-initial words, splits titles, classifies. */
export function readMention(tokens: Token[], span: Span, text: string, vocabulary: Vocabulary): NamedMention | TitleOnly | null {
  let first = span.first;
  while (first <= span.last && isDroppableLead(tokens, first, span.last, vocabulary)) first++;
  // "Critics of Scientology": with the ordinary word gone, the connector goes too.
  while (first <= span.last && !isCapitalised(tokens[first].text)) first++;
  // "Brown said …", "Rice praised …": a sentence's first word that is also a word of the language
  // stays, untyped, in case it is the surname of someone the article names in full.
  if (first > span.last && span.first === span.last) return ordinaryLead(tokens[span.first]);
  if (first > span.last) return null;
  const last = span.last;
  // "Nathan Law": a first name and one word is a person even when that word ends event names ("Patent Law").
  const firstNameAndSurname = last === first + 1 && hasClass(tokens[first].text, 'firstName');
  if (!firstNameAndSurname && (isNonEntitySuffix(tokens[last].text) || /\p{N}/u.test(tokens[last].text))) return leadingOrganisation(tokens, first, last, text) ?? leadingPerson(tokens, first, last, text);
  if (isPartOfCompoundWord(tokens, first, last)) return null;
  // "UNLESS", "WHO": an all-capital ordinary word is a name only where the article says so ("World Health Organisation (WHO)").
  const shouted = first === last && isAcronym(tokens[first].text) && isCapitalisedCommonWord(tokens[first], vocabulary) && !fixedName(tokens[first].text);

  const words = tokens.slice(first, last + 1).map((t) => t.text);
  const titleBeforePerson = titleBeforeFirstName(tokens, first, last, text);
  // "Atlantic City Mayor Don Guardian": a title and a first name make the rest a person's name, whatever its words.
  const strongType = titleBeforePerson ? null : typeFromWords(words);
  const split = titleBeforePerson ?? (strongType ? null : splitTitle(tokens, first, last, text));
  const title = split?.title ? withOwner(tokens, first, text, split.title) : null;
  if (split && split.nameFirst > last) return title ? { title, end: tokens[last].end } : null;
  let nameFirst = split ? split.nameFirst : first;
  while (nameFirst < last && !isCapitalised(tokens[nameFirst].text)) nameFirst++; // "Chairman of the Australian Centre …"
  // "European NATO members": a demonym before a name that is not a title describes it.
  while (!title && nameFirst < last && hasClass(tokens[nameFirst].text, 'demonym') && !strongType) nameFirst++;
  const nameWords = tokens.slice(nameFirst, last + 1).map((t) => t.text);
  // "Ukrainians", "South Korean": a phrase ending in a nationality word describes, it does not name.
  const lastWord = nameWords[nameWords.length - 1];
  // ("Mark Cuban", "Jenny English": after a known first name, a nationality word is a surname.)
  const firstNameFirst = nameWords.length === 2 && hasClass(nameWords[0], 'firstName') && !hasClass(nameWords[0], 'demonym');
  if (!strongType && !firstNameFirst && (nameWords.length === 1 ? isDemonymOnly(lastWord) : hasClass(lastWord, 'demonym'))) return null;
  // "US$ 20,000", "NZ $26 million": a currency, not the country; "STS-135": a designation.
  if (/^\s?\$/.test(text.slice(tokens[last].end, tokens[last].end + 2))) return null;
  if (tokens[last + 1]?.before === '-' && /^\p{N}/u.test(tokens[last + 1].text)) return null;

  const roles: string[] = [];
  if (title) roles.push(title);
  const honorificInSpan = split !== null && split.honorific >= 0;
  const before = title || honorificInSpan ? null : roleBefore(tokens, nameFirst, text);
  if (before) roles.push(before);
  const titled = roles.length > 0 || (split !== null && split.honorific >= 0);
  const fixed = fixedName(nameWords.join(' '));
  const typing = typeMention({
    fixed,
    shouted,
    titledFirstName: titleBeforePerson !== null,
    spanType: nameFirst === first ? strongType : null,
    nameWords,
    context: () => contextOf(tokens, nameFirst, last, titled, vocabulary),
  });
  const type = typing.type;
  // "Google Science Fair", "Google Chrome": an untyped phrase led by a known organisation is a thing of it.
  if (type === null && !shouted && hasClass(nameWords[0], 'org')) return leadingOrganisation(tokens, nameFirst, last, text);
  if (type === 'person') {
    const apposition = appositionAfter(tokens, last, text);
    if (apposition) roles.push(apposition);
  }

  let end = tokens[last].end;
  const after = tokens[last + 1];
  let standsFor = fixed ? fixed.name : null;
  if (type === 'place' && after && after.before === '' && isTrailingPlaceWord(after.text)) {
    // "the Kursk region": the mention covers the phrase, the entity is Kursk.
    end = after.end;
    standsFor ??= text.slice(tokens[nameFirst].start, tokens[last].end);
  }
  const honorific = split && split.honorific >= 0 ? tokens[split.honorific] : null;
  const role = type === 'place' && isCountryName(nameWords.join(' ')) ? countryRole(tokens, nameFirst, last, text) : null;
  return {
    start: tokens[nameFirst].start,
    end,
    surface: text.slice(tokens[nameFirst].start, end),
    type,
    evidence: typing.evidence,
    afterPreposition: PREPOSITIONS.has(tokens[nameFirst - 1]?.text.toLowerCase() ?? '') && tokens[nameFirst].before === '',
    standsFor,
    honorificForm: honorific ? text.slice(honorific.start, tokens[last].end) : null,
    roles,
    ...(role ? { countryRole: role } : {}),
  };
}

/**
 * A title inside the span followed by a known first name and a surname
 * ("Atlantic City Mayor Don Guardian", "Senate Minority Whip Dick Durbin"):
 * the split, whatever organisation or place words the name or title holds.
 */
function titleBeforeFirstName(tokens: Token[], first: number, last: number, text: string): ReturnType<typeof splitTitle> | null {
  const split = splitTitle(tokens, first, last, text);
  if (!split.title || split.honorific >= 0 || last - split.nameFirst !== 1) return null;
  return hasClass(tokens[split.nameFirst].text, 'firstName') ? split : null;
}

/**
 * "Google Science Fair", "FIFA World Cup", "Google Chrome": an event or a
 * product named after a known organisation is a mention of the organisation.
 */
function leadingOrganisation(tokens: Token[], first: number, last: number, text: string): NamedMention | null {
  const word = tokens[first];
  if (first === last || !(hasClass(word.text, 'org') || isAcronym(word.text)) || fixedName(word.text)) return null;
  return { start: word.start, end: word.end, surface: word.text, type: 'org', evidence: WORDS, afterPreposition: false, standsFor: null, honorificForm: null, roles: [] };
}

/**
 * "the Andy Warhol Photographic Legacy Program", "Nelson Mandela Day": a
 * programme, prize or day named after someone, led by a first name and a
 * surname, is a mention of that person.
 */
function leadingPerson(tokens: Token[], first: number, last: number, text: string): NamedMention | null {
  const surname = first + 1;
  if (surname >= last || !hasClass(tokens[first].text, 'firstName') || !isCapitalised(tokens[surname].text) || tokens[surname].before !== '') return null;
  if (typeFromWords([tokens[surname].text])) return null; // "Victoria Cross", "Jordan River Day": the second word names something else.
  const start = tokens[first].start;
  const end = tokens[surname].end;
  return { start, end, surface: text.slice(start, end), type: 'person', evidence: WORDS, afterPreposition: false, standsFor: null, honorificForm: null, roles: [] };
}

/**
 * "pro-Beijing camp", "anti-Kremlin volunteers", "Co-founder": a name glued by
 * a hyphen to a lower-case prefix, or a sentence's first word glued to a
 * lower-case word, is part of an ordinary word.
 */
function isPartOfCompoundWord(tokens: Token[], first: number, last: number): boolean {
  const previous = tokens[first - 1];
  if (tokens[first].before === '-' && previous && /^\p{Ll}/u.test(previous.text) && !isHyphenatedParticle(previous.text)) return true;
  const next = tokens[last + 1];
  return first === last && tokens[first].sentenceStart && next?.before === '-' && /^\p{Ll}/u.test(next.text);
}

/** "US President Joe Biden", "NASA Administrator Charles Bolden": a country or an organisation named inside a title is a mention of it. */
export function placesInTitle(tokens: Token[], span: Span, read: NamedMention | TitleOnly | null, text: string): NamedMention[] {
  const titleEnd = read === null ? -1 : isTitleOnly(read) ? read.end : read.start;
  const found: NamedMention[] = [];
  const mention = (first: number, last: number, type: EntityType, standsFor: string | null): NamedMention => ({
    start: tokens[first].start, end: tokens[last].end, surface: text.slice(tokens[first].start, tokens[last].end), type, evidence: WORDS, afterPreposition: false, standsFor, honorificForm: null, roles: [],
  });
  for (let k = span.first; k <= span.last && tokens[k].end <= titleEnd; k++) {
    // "State Department Spokesperson": the longest run of title words that names an organisation.
    const organisationEnd = longestOrganisationFrom(tokens, k, span.last, titleEnd);
    if (organisationEnd > k) {
      found.push(mention(k, organisationEnd, 'org', null));
      k = organisationEnd;
      continue;
    }
    const word = tokens[k].text;
    const fixed = fixedName(word);
    const isCountry = hasClass(word, 'country') && !hasClass(word, 'demonym');
    const isOrg = !fixed && !isCountry && (isAcronym(word) || hasClass(word, 'org')) && !isTitleHead(word);
    if (!(fixed || isCountry || isOrg)) continue;
    found.push(mention(k, k, fixed ? fixed.type : isCountry ? 'place' : 'org', fixed?.name ?? null));
  }
  return found;
}

function longestOrganisationFrom(tokens: Token[], first: number, last: number, before: number): number {
  for (let end = last; end > first; end--) {
    if (tokens[end].end > before) continue;
    const words = tokens.slice(first, end + 1).map((t) => t.text);
    if (isCapitalised(words[words.length - 1]) && typeFromWords(words) === 'org') return end;
  }
  return first;
}

/**
 * "University of Texas", "United States Navy": a country, region or city
 * named inside an organisation's name is also a mention of that place.
 */
export function placesInsideOrganisation(tokens: Token[], span: Span, read: NamedMention | TitleOnly | null, text: string): NamedMention[] {
  if (!read || isTitleOnly(read) || read.type !== 'org' || span.first === span.last) return [];
  if (isPublicationWord(tokens[span.last].text)) return [];
  const found: NamedMention[] = [];
  for (let k = span.first; k <= span.last; k++) {
    if (tokens[k].start < read.start) continue;
    for (const length of [2, 1]) {
      const end = k + length - 1;
      if (end > span.last || (k === span.first && end === span.last)) continue;
      const phrase = tokens.slice(k, end + 1).map((t) => t.text).join(' ');
      const country = countryFormOf(phrase);
      const classes = wordClasses(phrase);
      if (!country && !classes.has('country') && !classes.has('region') && !classes.has('city')) continue;
      if (classes.has('firstName') || classes.has('demonym')) continue;
      found.push({ start: tokens[k].start, end: tokens[end].end, surface: text.slice(tokens[k].start, tokens[end].end), type: 'place', evidence: WORDS, afterPreposition: false, standsFor: country, honorificForm: null, roles: [] });
      k = end;
      break;
    }
  }
  return found;
}

/** A country's other name ("US" → "United States"), leaving metonyms aside: inside "Washington Dulles" it is the place. */
function countryFormOf(phrase: string): string | null {
  const fixed = fixedName(phrase);
  return fixed && fixed.type === 'place' && phrase.toLowerCase() !== 'washington' ? fixed.name : null;
}

/** "Estonia’s Prime Minister": the possessive owner belongs to the role. */
function withOwner(tokens: Token[], first: number, text: string, title: string): string {
  const owner = tokens[first - 2];
  if (tokens[first - 1]?.text !== '’s' || !owner || !isCapitalised(owner.text) || tokens[first].before !== '') return title;
  return text.slice(owner.start, tokens[first - 1].end) + ' ' + title;
}

export const isTitleOnly = (read: NamedMention | TitleOnly): read is TitleOnly => 'title' in read;

/** Sentence-initial vocabulary ("However", "Several") and a leading article never start a name. */
function isDroppableLead(tokens: Token[], index: number, last: number, vocabulary: Vocabulary): boolean {
  const token = tokens[index];
  if (token.text === 'The' || token.text === 'A' || token.text === 'An') return true;
  if (!token.sentenceStart || isAcronym(token.text)) return false;
  if (isHonorific(token.text) || isTitleHead(token.text) || hasClass(token.text, 'demonym')) return false;
  if (!isCapitalisedCommonWord(token, vocabulary) || isInstitution(token.text) || fixedName(token.text)) return false;
  // "New Zealand begins …": the word opens a known name.
  if (index < last && typeFromWords(tokens.slice(index, last + 1).map((t) => t.text))) return false;
  // "Polish Prime Minister Donald Tusk", "Former President …": the word opens a title.
  if (index < last && isCapitalised(tokens[index + 1].text) && isTitleWord(tokens[index + 1].text)) return false;
  // "Max Hess": a word that is only ever a noun, before an unknown capitalised word, is more likely a first name.
  const next = tokens[index + 1];
  if (index < last && hasClass(token.text, 'nounOnly') && next && !hasClass(next.text, 'common') && !isAcronym(next.text)) return false;
  return true;
}

/** "Ukrainians", "English", "Korean": nationality and language words are descriptions, not names (the ending is a guess for single words only: "Mark Parrish"). */
function isDemonymOnly(word: string): boolean {
  if (hasClass(word, 'demonym') || hasClass(word.replace(/s$/, ''), 'demonym')) return true;
  const known = wordClasses(word);
  return DEMONYM_ENDING.test(word) && !known.has('firstName') && !known.has('country') && !known.has('city') && !known.has('region');
}
const DEMONYM_ENDING = /(?:ish|ese|ian|ean)s?$/u;

function endsPhrase(tokens: Token[], last: number): boolean {
  const next = tokens[last + 1];
  return !next || next.before !== '' || next.text === '’s' || hasClass(next.text, 'verb');
}

/** "Irving, Texas", "Sydney, Australia": a comma and a country or a region after the name. */
function isFollowedByPlace(tokens: Token[], last: number): boolean {
  const next = tokens[last + 1];
  if (!next || next.before !== ',') return false;
  const following = tokens[last + 2];
  // "Ahmed al-Sharaa, Syria’s interim president": an apposition, not a location.
  if (following?.text === '’s') return false;
  // "Hernan Dario Gomez, Panama coach": a role after the country makes it an apposition.
  if (following && following.before === '' && !isCapitalised(following.text) && (hasClass(following.text, 'role') || isTeamNoun(following.text))) return false;
  const single = !following || following.before !== '' || !isCapitalised(following.text);
  return single && (hasClass(next.text, 'country') || hasClass(next.text, 'region') || fixedName(next.text)?.type === 'place');
}

/** Words an apposition may run to before its head noun ("a pro-democracy party", "a catholic school"). */
const MAX_DESCRIPTION_WORDS = 5;
/** Words that end an apposition's noun phrase: what follows qualifies the head ("a school in Milan"). */
const DESCRIPTION_BOUNDARY = new Set(['in', 'of', 'on', 'at', 'for', 'from', 'with', 'by', 'that', 'which', 'who', 'based', 'founded', 'and', 'or']);

/**
 * "the secularist magazine MicroMega", "Instituto Gonzaga, a catholic school in
 * Milan": a kind of organisation named right before the name, or heading the
 * apposition after it.
 */
function isDescribedAsOrganisation(tokens: Token[], first: number, last: number): boolean {
  const before = tokens[first - 1];
  if (before && tokens[first].before === '' && isOrganisationKindNoun(before.text)) return true;
  const comma = tokens[last + 1];
  if (!comma || comma.before !== ',' || !['a', 'an', 'the'].includes(comma.text)) return false;
  let head: Token | null = null;
  for (let k = last + 2; k < tokens.length && k - last - 1 <= MAX_DESCRIPTION_WORDS; k++) {
    const word = tokens[k];
    if ((word.before !== '' && word.before !== '-') || !/^\p{Ll}/u.test(word.text) || DESCRIPTION_BOUNDARY.has(word.text)) break;
    head = word;
  }
  return head !== null && isOrganisationKindNoun(head.text);
}

function contextOf(tokens: Token[], first: number, last: number, titled: boolean, vocabulary: Vocabulary): NameContext {
  return {
    vocabulary,
    titled,
    previousWord: tokens[first - 1]?.text.toLowerCase() ?? '',
    nextWord: tokens[last + 1]?.text.toLowerCase() ?? '',
    followedByPlace: isFollowedByPlace(tokens, last),
    describedAsOrganisation: isDescribedAsOrganisation(tokens, first, last),
    endsPhrase: endsPhrase(tokens, last),
    afterCapitalisedThe: tokens[first - 1]?.text === 'The' && !tokens[first - 1].sentenceStart && tokens[first].before === '',
  };
}

