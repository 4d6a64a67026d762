/**
 * Small hand-kept lists that complement compromise's lexicon: the country short
 * forms news writing uses, institutional metonyms, and word lists for roles and
 * organisation names. General world knowledge, not answers for any test set.
 */
import { isOrgSuffix } from './lexicon';
import type { EntityType } from './types';

export interface FixedName {
  type: EntityType;
  /** The name it stands for. */
  name: string;
}

/** Country abbreviations and alternative names, keyed by lower case. */
const COUNTRY_FORMS: Record<string, string> = {
  us: 'United States',
  'u.s.': 'United States',
  usa: 'United States',
  'u.s.a.': 'United States',
  'united states of america': 'United States',
  america: 'United States',
  uk: 'United Kingdom',
  'u.k.': 'United Kingdom',
  britain: 'United Kingdom',
  'great britain': 'United Kingdom',
  uae: 'United Arab Emirates',
  drc: 'Democratic Republic of the Congo',
  prc: 'China',
  "people's republic of china": 'China',
  'russian federation': 'Russia',
};

/**
 * Metonyms that news writing uses for a country or an institution. Only names
 * whose bare form does not reliably mean the city or building: bare "Washington"
 * is the US government far more often than the city (which news writes as
 * "Washington, D.C."), and "the Pentagon" is the US defence department.
 * Capitals such as Moscow or Kyiv stay places of their own.
 */
const METONYMS: Record<string, FixedName> = {
  washington: { type: 'place', name: 'United States' },
  pentagon: { type: 'org', name: 'US Department of Defense' },
  'us department of defense': { type: 'org', name: 'US Department of Defense' },
  'department of defense': { type: 'org', name: 'US Department of Defense' },
};

/** Institutions that news names without an organisation word. */
const INSTITUTIONS = new Set([
  'white house', 'kremlin', 'congress', 'senate', 'parliament', 'bundestag', 'knesset', 'duma',
  'downing street', 'elysee', 'élysée', 'politburo', 'hamas', 'hezbollah', 'taliban', 'labour',
  'conservatives', 'democrats', 'republicans', 'tories', 'state department', 'foreign office',
  'scotland yard', 'interpol', 'europol', 'opec', 'unesco', 'unicef', 'nasa', 'fbi', 'cia', 'red cross', 'red crescent',
]);

/** Multi-word places compromise does not list as one phrase. */
const PLACES = new Set(['washington d.c.', 'washington dc', 'europe', 'asia', 'africa', 'north america', 'south america', 'latin america', 'middle east', 'south east asia', 'southeast asia', 'east asia', 'central asia', 'antarctica', 'oceania', 'balkans', 'caucasus', 'scandinavia', 'crimea', 'donbas', 'gaza', 'west bank', 'gaza strip']);

export function fixedName(phrase: string): FixedName | null {
  const lower = phrase.toLowerCase();
  const key = lower.includes('’') ? lower.replace(/’/g, "'") : lower;
  const metonym = METONYMS[key];
  if (metonym) return metonym;
  const country = COUNTRY_FORMS[key];
  if (country) return { type: 'place', name: country };
  return null;
}

export const isInstitution = (phrase: string) => INSTITUTIONS.has(phrase.toLowerCase());
export const isKnownPlace = (phrase: string) => PLACES.has(phrase.toLowerCase());

/** Last words of organisation names beyond compromise's own list. */
const ORG_SUFFIXES = new Set([
  'party', 'department', 'ministry', 'army', 'navy', 'guard', 'force', 'forces', 'parliament', 'senate',
  'congress', 'assembly', 'court', 'council', 'agency', 'bank', 'fund', 'organization', 'organisation',
  'nations', 'union', 'co', 'corp', 'inc', 'ltd', 'plc', 'league', 'alliance', 'movement', 'committee',
  'commission', 'cabinet', 'office', 'times', 'journal', 'news', 'network', 'channel', 'institute',
  'university', 'college', 'school', 'foundation', 'group', 'company', 'corporation', 'airlines',
  'association', 'federation', 'police', 'reuters', 'press', 'post', 'tribune', 'guardian', 'telegraph',
  'independent', 'daily', 'herald', 'gazette', 'review', 'magazine', 'brigade', 'regiment', 'battalion',
  'command', 'corps', 'service', 'services', 'board', 'authority', 'bureau', 'administration',
  'government', 'club', 'team', 'fc', 'coalition', 'front', 'church', 'mission',
  'society', 'academy', 'weekly', 'museum', 'library', 'lab', 'labs', 'laboratory', 'systems',
  'technologies', 'motors', 'industries', 'holdings', 'enterprises', 'partners', 'org', 'relations',
]);

/** A last word that makes a capitalised phrase an organisation: ours or compromise's ("Ministry", "Institute", "Times"). */
export const isOrganisationWord = (word: string) => ORG_SUFFIXES.has(word.toLowerCase()) || isOrgSuffix(word);

/** Last words that make a capitalised phrase an event or a thing, not an entity ("World War II"). */
const NON_ENTITY_SUFFIXES = new Set([
  'war', 'wars', 'olympics', 'games', 'cup', 'championship', 'championships', 'day', 'act', 'award',
  'awards', 'prize', 'festival', 'summit', 'election', 'elections', 'crisis', 'agreement', 'accord',
  'accords', 'protocol', 'bill', 'law', 'article', 'ii', 'iii', 'iv', 'challenge', 'olympiad', 'show',
  'series', 'season', 'tour', 'year', 'eve', 'christmas', 'easter', 'marathon', 'project', 'program', 'programme', 'plan', 'strategy', 'doctrine',
]);

export const isNonEntitySuffix = (word: string) => NON_ENTITY_SUFFIXES.has(word.toLowerCase());

/** Place words written in lower case after a name ("the Kursk region"): part of the mention. */
const TRAILING_PLACE_WORDS = new Set(['region', 'province', 'oblast', 'city', 'district', 'county', 'state', 'territory', 'area']);
export const isTrailingPlaceWord = (word: string) => TRAILING_PLACE_WORDS.has(word);


/**
 * Last words of facilities, which news treats as places ("Kennedy Space
 * Center", "Grand Mosque", "Shandao Station"); checked before organisation words.
 */
const FACILITY_WORDS = new Set(['museum', 'gallery', 'planetarium', 'zoo', 'hotel', 'center', 'centre', 'station', 'airport', 'stadium', 'mosque', 'hall', 'memorial', 'base', 'square', 'bridge', 'tower', 'towers', 'palace', 'park', 'street', 'road', 'avenue', 'complex', 'arena', 'terminal', 'port', 'harbour', 'harbor', 'camp', 'prison', 'hospital']);
export const isFacilityWord = (word: string) => FACILITY_WORDS.has(word.toLowerCase());

/** Last words of publications' names: "New York Times" names a newspaper, not a mention of New York. */
const PUBLICATION_WORDS = new Set(['times', 'post', 'herald', 'journal', 'news', 'tribune', 'guardian', 'telegraph', 'gazette', 'chronicle', 'star', 'sun', 'weekly', 'daily', 'magazine', 'review', 'standard', 'mail', 'express', 'observer', 'independent', 'globe', 'record', 'examiner', 'inquirer']);
export const isPublicationWord = (word: string) => PUBLICATION_WORDS.has(word.toLowerCase());

/**
 * One-word names of news outlets built on "news" ("Wikinews", "Euronews",
 * "Ynetnews"): the word itself says it is an organisation.
 */
const NEWS_COMPOUND = /^\p{Lu}\p{L}{2,}news$/u;
export const isNewsOutletCompound = (word: string) => NEWS_COMPOUND.test(word);

/**
 * Common nouns that say what kind of organisation a name is, written before
 * it ("the magazine MicroMega"), after it in lower case ("Yonhap news
 * agency") or heading an apposition after it ("Demosisto, a pro-democracy party").
 */
const ORGANISATION_KIND_NOUNS = new Set([
  'party', 'company', 'firm', 'group', 'magazine', 'newspaper', 'journal', 'broadcaster', 'agency', 'website', 'charity',
  'organisation', 'organization', 'school', 'university', 'college', 'union', 'club', 'band', 'publisher', 'startup',
  'airline', 'bank', 'retailer', 'manufacturer', 'insurer', 'militia', 'movement', 'tabloid', 'daily', 'weekly',
  'television', 'channel', 'network', 'ministry', 'council', 'committee',
]);
export const isOrganisationKindNoun = (word: string) => ORGANISATION_KIND_NOUNS.has(word);
