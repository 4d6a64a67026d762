/**
 * Decides whether a name is a person, a place or an organisation, at each
 * level that has a say: a mention, from the name's own words first
 * (organisation and place words, gazetteers, first names) and then from its
 * context (a title before it, "said" after it, ", Texas" after it); an
 * article, where every mention of a form follows its most certain one and
 * countries that act are organisations; and the corpus, where one name's
 * articles may disagree and the entity takes the type most mentions read.
 */
import {
  fixedName,
  isFacilityWord,
  isNewsOutletCompound,
  isInstitution,
  isPublicationWord,
  isKnownPlace,
  isOrganisationKindNoun,
  isOrganisationWord as isOrgWord,
  isTrailingPlaceWord,
} from './gazetteer';
import { normaliseName } from './aliases';
import { isCountryName, MIN_ACTING_MENTIONS, MIN_ACTING_SHARE, MIN_TEAM_MENTIONS_FOR_MATCH_REPORT } from './country-roles';
import { hasClass, isPlaceSuffix, wordClasses } from './lexicon';
import type { NamedMention } from './mention';
import { invertsWithSpeaker, isReportingVerb } from './speech-verbs';
import { isTitleHead } from './titles';
import { isAcronym, isDottedInitials } from './tokens';
import type { EntityType } from './types';
import { isDerivedWord, isOrdinaryWord, type Vocabulary } from './vocabulary';

export interface NameContext {
  vocabulary: Vocabulary;
  /** A person's title or honorific was written before the name. */
  titled: boolean;
  /** The word before the name, lower case ("in", "from", "said"). */
  previousWord: string;
  /** The word after the name, lower case. */
  nextWord: string;
  /** ", Texas": a comma and a known place right after the name. */
  followedByPlace: boolean;
  /** "the magazine MicroMega", "Demosisto, a pro-democracy party": the text says it is an organisation. */
  describedAsOrganisation: boolean;
  /** The name ends its phrase: punctuation, a possessive or a verb follows ("the Church denied"), not a noun ("the Polish ministry"). */
  endsPhrase: boolean;
  /** "… of The Guardian": a capitalised "The" inside a sentence opens a title of a publication or a band. */
  afterCapitalisedThe: boolean;
}

/**
 * How sure a typing is: a decisive context ("Irving, Texas") beats the name's
 * own words, which beat the fallbacks. Within an article, every mention of a
 * form takes the type of its most certain mention.
 */
export type Evidence = 1 | 2 | 3;
export const FALLBACK: Evidence = 1;
export const WORDS: Evidence = 2;
export const CONTEXT: Evidence = 3;

export interface Typing {
  type: EntityType | null;
  evidence: Evidence;
}

/** Besides the reporting verbs, words after a name that only a person takes ("Tusk believes", "Tusk, who …"). */
const PERSON_ONLY_FOLLOWERS = new Set(['believes', 'believed', 'thinks', 'who']);
/** A word after a name that makes the name someone speaking or thinking ("Tusk said", "Tusk thinks"). */
const speaksOrThinks = (word: string) => isReportingVerb(word) || PERSON_ONLY_FOLLOWERS.has(word);
/** Nouns a leader's surname is put before ("the Monti government"). */
const LEADER_OF = new Set(['government', 'administration', 'cabinet', 'campaign', 'presidency', 'era', 'doctrine']);
/** Prepositions that put a single unknown name in a location ("in Kharkiv"). */
const LOCATIVE_PREPOSITIONS = new Set(['in', 'near', 'outside', 'across', 'throughout']);
/** First words of place names ("Cape Canaveral", "Mount Everest", "South Australia"); no person's name starts so. */
const PLACE_FIRST_WORDS = new Set(['cape', 'mount', 'mt', 'lake', 'port', 'fort', 'san', 'santa', 'sao', 'são', 'new', 'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'upper', 'lower', 'greater', 'gulf', 'isle', 'bay', 'st', 'saint']);
/** Last words of place names ("Kowloon West", "Pacific Northwest"). */
const PLACE_LAST_WORDS = new Set(['north', 'south', 'east', 'west', 'northwest', 'northeast', 'southwest', 'southeast', 'heights', 'springs', 'falls']);

/** First words of organisation names ("Team Estonia", "Club América"). */
const ORG_FIRST_WORDS = new Set(['team', 'club', 'radio', 'police', 'operation']);

/**
 * The type a name's own words give it (gazetteers, organisation and place
 * words), strong enough that no title inside it is split off ("Justice Department").
 */
export function typeFromWords(words: string[]): EntityType | null {
  const phrase = words.join(' ');
  const fixed = fixedName(phrase);
  if (fixed) return fixed.type;
  const last = words[words.length - 1];
  if (isInstitution(phrase)) return 'org';
  if (words.length === 1 && isNewsOutletCompound(last) && !hasClass(last, 'common')) return 'org';
  if (words.length > 1 && ORG_FIRST_WORDS.has(words[0].toLowerCase())) return 'org';
  if (words.length > 1 && isFacilityWord(last)) return 'place';
  if (words.length > 1 && isOrgWord(last)) return 'org';
  // "Institute of Peace", "Bank of England", "Gulf of Mexico": the head before "of" decides.
  const of = words.findIndex((w, i) => i > 0 && (w === 'of' || w === 'for'));
  // "Museum of Flight", "Hall of Fame": a facility before "of" is a place, as a facility's last word is.
  if (of > 0 && isFacilityWord(words[of - 1])) return 'place';
  if (of > 0 && isOrgWord(words[of - 1])) return 'org';
  if (of > 0 && isPlaceSuffix(words[of - 1]) && !words.some(isTitleHead)) return 'place';
  // "Irving Independent School District": an organisation word followed by administrative words.
  if (words.length > 2 && words.slice(1, -1).some(isOrgWord) && isPlaceSuffix(last)) return 'org';
  if (isKnownPlace(phrase)) return 'place';
  const whole = wordClasses(phrase);
  if (whole.has('country') || whole.has('city') || whole.has('region') || whole.has('place')) return 'place';
  if (whole.has('org')) return 'org';
  const personLike = hasClass(words[0], 'firstName') || hasClass(words[0], 'person');
  if (words.length > 1 && isPlaceSuffix(last) && !personLike && !words.some(isTitleHead)) return 'place';
  if (words.length > 1 && !personLike && (PLACE_FIRST_WORDS.has(words[0].toLowerCase()) || PLACE_LAST_WORDS.has(last.toLowerCase()))) return 'place';
  return null;
}

/**
 * A mention's type, from what reading its span found: a gazetteer's fixed name
 * wins; an all-capital ordinary word stays untyped ("UNLESS"); a title before a
 * first name makes a person whatever the other words ("Atlantic City Mayor Don
 * Guardian"); then the whole span's own words ("Justice Department", before any
 * title is split off); then the name's words in their context.
 */
export function typeMention(reading: {
  fixed: { type: EntityType } | null;
  shouted: boolean;
  titledFirstName: boolean;
  spanType: EntityType | null;
  nameWords: string[];
  context: () => NameContext;
}): Typing {
  if (reading.fixed) return { type: reading.fixed.type, evidence: WORDS };
  if (reading.shouted) return { type: null, evidence: FALLBACK };
  if (reading.titledFirstName) return { type: 'person', evidence: WORDS };
  if (reading.spanType) return { type: reading.spanType, evidence: WORDS };
  return classifyName(reading.nameWords, reading.context());
}

export function classifyName(words: string[], context: NameContext): Typing {
  const strong = typeFromWords(words);
  if (strong) return { type: strong, evidence: WORDS };
  if (context.followedByPlace && !context.titled) return { type: 'place', evidence: CONTEXT };
  if (context.describedAsOrganisation && !context.titled) return { type: 'org', evidence: CONTEXT };
  // "in Sydney", "near Kharkiv" (but "in Tusk’s view" is about a person, and "in Hajj stampede" describes the stampede).
  if (words.length === 1 && LOCATIVE_PREPOSITIONS.has(context.previousWord) && context.endsPhrase && context.nextWord !== '’s' && !context.titled) return { type: 'place', evidence: CONTEXT };
  return { type: typeFromContextAndShape(words, context), evidence: FALLBACK };
}

function typeFromContextAndShape(words: string[], context: NameContext): EntityType | null {
  const phrase = words.join(' ');
  const last = words[words.length - 1];
  const ordinary = (w: string) => isOrdinaryWord(w, context.vocabulary);
  // For guessing a person from shape only: "Intelligence System", "the Conservative government".
  const unlikeSurname = (w: string) => ordinary(w) || INSTITUTIONAL_ADJECTIVES.has(w.toLowerCase()) || (isDerivedWord(w) && !isKnownName(w));
  const whole = wordClasses(phrase);
  // "Director of the National Iodine Nutrition study": a title before a name ending in a derived word led into a thing, not a person.
  // ("Fox News host Sean Hannity": after a known first name, a surname may look derived.)
  if (context.titled) return isDerivedWord(last) && !isKnownName(last) && !(words.length > 1 && hasClass(words[0], 'firstName')) ? null : 'person';
  if (context.afterCapitalisedThe) return 'org';
  // "The Guardian cited …"
  if (words.length === 1 && context.previousWord === 'the' && isPublicationWord(last)) return 'org';
  if (words.length === 1 && isAcronym(last)) return 'org';
  // "K.C. Maurer": dotted initials before a surname are a person's.
  if (words.length === 2 && isDottedInitials(words[0]) && !fixedName(words[0]) && !unlikeSurname(last)) return 'person';
  // "PC World", "UNC Greensboro", "Environment Canada": names led by an acronym, or an ordinary word before a country, are organisations.
  if (words.length > 1 && isAcronym(words[0]) && !fixedName(words[0])) return 'org';
  if (words.length === 2 && hasClass(last, 'country') && !hasClass(words[0], 'firstName')) return 'org';
  // "Hells Angels", "Pace Galleries": a name ending in a plural noun is a group, not a person.
  // ("Kathryn Waters", "John Stones": after a known first name, a plural-looking word is a surname.)
  const firstNamed = words.length === 2 && hasClass(words[0], 'firstName');
  if (words.length > 1 && !firstNamed && isPluralNoun(last, context.vocabulary)) return 'org';
  // "Daughters of the American Revolution", "Friends of the Earth".
  const of = words.indexOf('of');
  if (of > 0 && isPluralNoun(words[of - 1], context.vocabulary)) return 'org';
  if (whole.has('person') || (whole.has('firstName') && words.length === 1 && speaksOrThinks(context.nextWord))) return 'person';
  // "Google Chrome", "Toronto Star": a known organisation or place first names a product or a title, not a person.
  const firstIsNamedThing = hasClass(words[0], 'org') || ((hasClass(words[0], 'city') || hasClass(words[0], 'country')) && !hasClass(words[0], 'firstName'));
  if (words.length > 1 && firstIsNamedThing) return hasClass(words[0], 'org') ? null : 'org';
  if (words.length > 1 && hasClass(words[0], 'firstName')) return 'person';
  if (words.length > 1 && hasClass(last, 'lastName')) return 'person';
  // "PlayStation VR", "Windows XP": no person's name ends in an acronym; a product's often does.
  if (words.length > 1 && isAcronym(last)) return null;
  // Two to four capitalised words with no organisation or place word: a person, unless the words are ordinary ("Foreign Policy").
  if (words.length > 1 && words.length <= MAX_PERSON_WORDS && last.length > 1 && words.every((w) => /^\p{Lu}/u.test(w))) {
    if (!unlikeSurname(last) || !unlikeSurname(words[0])) return 'person';
  }
  if (words.length === 1 && !ordinary(last) && LOCATIVE_PREPOSITIONS.has(context.previousWord)) return 'place';
  // "the Monti government", "the Biden administration": a leader's name before the body they lead.
  if (words.length === 1 && LEADER_OF.has(context.nextWord) && !unlikeSurname(last)) return 'person';
  // "the Kursk region", "Yonhap news agency"
  if (isTrailingPlaceWord(context.nextWord)) return 'place';
  if (isOrganisationKindNoun(context.nextWord)) return 'org';
  // "…," said Mauer.": a quotation's speaker named after the verb.
  if (words.length === 1 && invertsWithSpeaker(context.previousWord) && !unlikeSurname(last) && context.endsPhrase) return 'person';
  // "child, Gloria": a first name alone.
  if (words.length === 1 && hasClass(last, 'firstName') && !ordinary(last)) return 'person';
  if (words.length === 1 && !unlikeSurname(last) && speaksOrThinks(context.nextWord)) return 'person';
  // "the Church", "the Crown", "the Court": an ordinary word capitalised after a lower-case "the" names an institution.
  if (words.length === 1 && context.previousWord === 'the' && ordinary(last) && context.endsPhrase && !PLACE_LAST_WORDS.has(last.toLowerCase()) && !hasClass(last, 'plural')) return 'org';
  // "Zero Hedge said", "Black Lives Matter warned": ordinary words that speak as one name are a body, not a person.
  if (words.length > 1 && isReportingVerb(context.nextWord)) return 'org';
  return null;
}

const isKnownName = (word: string) => hasClass(word, 'firstName') || hasClass(word, 'lastName') || hasClass(word, 'person');

function isPluralNoun(word: string, vocabulary: Vocabulary): boolean {
  if (hasClass(word, 'plural')) return true;
  if (!/[^s]s$/u.test(word)) return false;
  const singular = word.endsWith('ies') ? word.slice(0, -3) + 'y' : word.slice(0, -1);
  return isOrdinaryWord(singular, vocabulary) || hasClass(singular, 'role');
}


/** Adjectives that open the names of institutions, studies and programmes ("National Iodine Nutrition Study"), never a person's. */
const INSTITUTIONAL_ADJECTIVES = new Set(['national', 'international', 'federal', 'royal', 'global', 'social', 'central', 'public', 'civil', 'medical', 'military', 'regional', 'legislative', 'supreme', 'municipal', 'provincial', 'environmental', 'financial']);

/** Person names rarely run longer than this many words ("Mohammed bin Salman Al Saud" is five). */
const MAX_PERSON_WORDS = 4;

// ---------------------------------------------------------------------------
// An article: its mentions of one form agree

/**
 * Countries that act in this article are organisations in all their mentions:
 * every country of a match report ("Sweden beat South Korea 1 – 0 … Belgium
 * 3 – 0 Panama"), where "for Korea" means the side too; elsewhere a country
 * whose mentions often act ("North Korea fired …", "North Korea stated …").
 * One act alone ("Russia launched strikes") leaves an article's Russia a place.
 */
export function settleActingCountries(named: NamedMention[]) {
  if (!named.some((m) => m.countryRole)) return;
  const formOf = (m: NamedMention) => normaliseName(m.standsFor ?? m.surface);
  const countries = named.filter((m) => m.type === 'place' && (m.countryRole || isCountryName(m.surface)));
  const sides = countries.filter((m) => m.countryRole && m.countryRole !== 'state');
  const isMatchReport = sides.length >= MIN_TEAM_MENTIONS_FOR_MATCH_REPORT && sides.some((m) => m.countryRole === 'result');
  const mentionsOf = new Map<string, NamedMention[]>();
  for (const m of countries) {
    const form = formOf(m);
    const list = mentionsOf.get(form) ?? [];
    list.push(m);
    mentionsOf.set(form, list);
  }
  for (const mentions of mentionsOf.values()) {
    const acting = mentions.filter((m) => m.countryRole === 'state' || m.countryRole === 'teamNoun').length;
    if (!isMatchReport && (acting < MIN_ACTING_MENTIONS || acting < mentions.length * MIN_ACTING_SHARE)) continue;
    for (const m of mentions) {
      m.type = 'org';
      m.evidence = CONTEXT;
    }
  }
}

/**
 * Every mention of a form takes the type of its most certain mention in the
 * article: "Houston, Texas" makes the later bare "Houston" a place, and a
 * "Nato" typed once holds for all.
 */
export function settleTypesByForm(named: NamedMention[]) {
  const formOf = (m: NamedMention) => normaliseName(m.standsFor ?? m.surface);
  const best = new Map<string, NamedMention>();
  for (const m of named) {
    if (!m.type) continue;
    const known = best.get(formOf(m));
    if (!known || m.evidence > known.evidence) best.set(formOf(m), m);
  }
  for (const m of named) {
    const settled = best.get(formOf(m));
    if (settled && (!m.type || settled.evidence > m.evidence)) {
      m.type = settled.type;
      m.evidence = settled.evidence;
    }
  }
}

// ---------------------------------------------------------------------------
// The corpus: one name, one type

/**
 * A country or city is a place in one article and a government or team in the
 * next: one entity either way, typed as most of its mentions read it (a place on a tie).
 */
export function prevailingType(readings: { type: EntityType; mentions: number }[]): EntityType {
  const counts = new Map<EntityType, number>();
  for (const { type, mentions } of readings) counts.set(type, (counts.get(type) ?? 0) + mentions);
  const order: EntityType[] = ['person', 'place', 'org'];
  return order.reduce((best, type) => ((counts.get(type) ?? 0) > (counts.get(best) ?? 0) ? type : best), readings[0].type);
}

/** One join key for places and organisations: the same name is one entity whichever of the two an article made it. */
export const typeKey = (type: EntityType) => (type === 'person' ? 'person' : 'place-or-org');
