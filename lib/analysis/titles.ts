/**
 * Titles, roles and honorifics around a person's name: "Italian Minister of
 * Defense Guido Crosetto", "Deputy government spokesman Wolfgang Buechner",
 * "Mr Hess", "Donald Jensen, a senior advisor at …". The name is what remains;
 * the role is kept as a description.
 */
import { hasClass } from './lexicon';
import { isAcronym, isCapitalised, type Token } from './tokens';

/** Words that head a title written before a name ("President", "Minister", "spokesman"). */
const TITLE_HEADS = new Set([
  'president', 'minister', 'premier', 'chancellor', 'secretary', 'spokesman', 'spokeswoman',
  'spokesperson', 'governor', 'gov', 'mayor', 'senator', 'sen', 'ambassador', 'envoy', 'chairman',
  'chairwoman', 'chair', 'director', 'king', 'queen', 'prince', 'princess', 'pope', 'emperor',
  'sheikh', 'commander', 'chief', 'general', 'gen', 'admiral', 'colonel', 'col', 'captain', 'capt',
  'lieutenant', 'lt', 'major', 'maj', 'sergeant', 'sgt', 'judge', 'justice', 'leader', 'speaker',
  'representative', 'rep', 'congressman', 'congresswoman', 'lawmaker', 'official', 'analyst',
  'adviser', 'advisor', 'economist', 'professor', 'prof', 'dr', 'mr', 'mrs', 'ms', 'miss', 'mx',
  'sir', 'dame', 'lord', 'lady', 'ceo', 'coach', 'manager', 'founder', 'editor', 'correspondent',
  'reporter', 'archbishop', 'bishop', 'cardinal', 'rabbi', 'imam', 'ayatollah', 'attorney',
  'prosecutor', 'inspector', 'superintendent', 'officer', 'head', 'executive', 'president-elect',
  'vice-president', 'deputy', 'counsel', 'diplomat', 'spokespeople', 'researcher', 'scientist',
  'activist', 'author', 'historian', 'lawyer', 'presenter', 'host', 'actor', 'actress', 'singer',
  'player', 'striker', 'midfielder', 'goalkeeper', 'detective', 'constable', 'marshal', 'brigadier',
  'sultan', 'emir', 'father', 'brother', 'sister', 'rev', 'reverend', 'chief-of-staff', 'adm', 'cmdr', 'supt', 'atty', 'amb',
  'administrator', 'commissioner', 'councillor', 'councilor', 'mp', 'mep', 'assemblyman',
  'assemblywoman', 'legislator', 'treasurer', 'secretary-general', 'director-general', 'ombudsman',
  'whip', 'mufti', 'patriarch', 'metropolitan', 'chaplain', 'commandant', 'corporal', 'private', 'sheriff',
  // Plural heads before names joined by "and": "Sens. Ann Ruiz and Raj Patel".
  'senators', 'sens', 'representatives', 'reps', 'governors', 'govs', 'congressmen', 'congresswomen',
  'ministers', 'mayors', 'lawmakers', 'justices', 'judges', 'generals', 'spokesmen', 'spokeswomen',
]);

/** Titles that stay with the name as a form of it ("Mr Hess", "Lord Cameron", "General Charles Q Brown"). */
const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'dame', 'lord', 'lady', 'general', 'gen', 'admiral',
  'colonel', 'col', 'captain', 'capt', 'lieutenant', 'lt', 'major', 'maj', 'sergeant', 'sgt', 'prof',
  'professor', 'rev', 'reverend', 'father', 'sheikh', 'king', 'queen', 'prince', 'princess', 'pope',
  'emperor', 'sultan', 'emir', 'brigadier', 'marshal',
]);

/** Lower-case words that may sit inside a role phrase before a name. */
const ROLE_MODIFIERS = new Set([
  'deputy', 'vice', 'prime', 'foreign', 'defence', 'defense', 'interior', 'finance', 'economy',
  'government', 'press', 'state', 'senior', 'former', 'acting', 'chief', 'general', 'top', 'ministry',
  'party', 'opposition', 'military', 'army', 'navy', 'police', 'security', 'national', 'and', 'of',
  'for', 'the', 'health', 'trade', 'justice', 'education', 'affairs', 'executive', 'assistant',
  'associate', 'principal', 'lead', 'leading', 'veteran', 'then', 'current', 'incoming', 'outgoing',
  'interim', 'federal', 'regional', 'local', 'provincial', 'county', 'city', 'district', 'union',
  'campaign', 'white', 'house', 'department', 'agency', 'company', 'group', 'research', 'political',
  'policy', 'communications', 'media', 'news', 'presidential', 'ministerial', 'cabinet', 'energy',
  'crown', 'grand', 'high',
]);

/** A word that can open a title written before a name ("Prime", "Deputy", "President"). */
export const isTitleWord = (word: string) => isTitleHead(word) || ROLE_MODIFIERS.has(word.toLowerCase());

const bareTitle = (word: string) => word.toLowerCase().replace(/\.$/, '');

export const isHonorific = (word: string) => HONORIFICS.has(bareTitle(word));

/** Honorifics that go with the first name, not the surname ("Sir Keir", "Dame Judi"). */
const FIRST_NAME_HONORIFICS = new Set(['sir', 'dame']);
export const goesWithFirstName = (honorific: string) => FIRST_NAME_HONORIFICS.has(bareTitle(honorific));

/** Honorifics that say a person's gender ("Mr Hess" is "he", "Ms Okafor" is "she"). */
const MASCULINE_HONORIFICS = new Set(['mr', 'sir', 'lord', 'king', 'prince']);
const FEMININE_HONORIFICS = new Set(['mrs', 'ms', 'miss', 'dame', 'lady', 'queen', 'princess']);
export function genderOfHonorific(word: string): 'masculine' | 'feminine' | null {
  const bare = bareTitle(word);
  return MASCULINE_HONORIFICS.has(bare) ? 'masculine' : FEMININE_HONORIFICS.has(bare) ? 'feminine' : null;
}

export function isTitleHead(word: string): boolean {
  return TITLE_HEADS.has(bareTitle(word));
}

/** A title head, or any role noun compromise knows ("activist", "banker"), when written in lower case. */
function isRoleNoun(token: Token): boolean {
  if (isTitleHead(token.text)) return true;
  return !isCapitalised(token.text) && hasClass(token.text, 'role');
}

export interface TitleSplit {
  /** First token of the name proper. */
  nameFirst: number;
  /** The title words inside the span ("Italian Minister of Defense"), or null. */
  title: string | null;
  /** Index of an honorific directly before the name ("Mr", "General"), or -1. */
  honorific: number;
}

/**
 * Splits a capitalised span into title and name: the name starts after the last
 * title head, skipping an "of X" domain ("Minister of Defense"), and at a known
 * first name when there is one.
 */
export function splitTitle(tokens: Token[], first: number, last: number, text: string): TitleSplit {
  if (isTitleHead(tokens[last].text) && isAllTitle(tokens, first, last)) {
    return { nameFirst: last + 1, title: text.slice(tokens[first].start, tokens[last].end), honorific: -1 };
  }
  let head = -1;
  for (let k = first; k < last; k++) if (isTitleHead(tokens[k].text)) head = k;
  if (head < 0) return { nameFirst: first, title: null, honorific: -1 };
  let nameFirst = head + 1;
  if (tokens[nameFirst]?.text === 'of' || tokens[nameFirst]?.text === 'for') {
    // The domain of the title runs up to a known first name, or leaves the last two words as the name.
    let start = -1;
    for (let k = nameFirst + 1; k <= last; k++) {
      if (hasClass(tokens[k].text, 'firstName') && k > nameFirst + 1) { start = k; break; }
    }
    nameFirst = start >= 0 ? start : Math.max(nameFirst + 2, last - 1);
    if (nameFirst > last) return { nameFirst: last + 1, title: text.slice(tokens[first].start, tokens[last].end), honorific: -1 };
  }
  const honorific = isHonorific(tokens[nameFirst - 1].text) ? nameFirst - 1 : -1;
  // "Foreign Secretary Lord Cameron": the honorific belongs to the name's forms, not to the role;
  // "Saudi Crown Prince Mohammed bin Salman": after a modifier it is the head of the role as well.
  const honorificHeadsRole = honorific > first && !isTitleHead(tokens[honorific - 1].text);
  const titleEnd = honorific >= 0 && !honorificHeadsRole ? honorific - 1 : nameFirst - 1;
  const title = titleEnd >= first ? text.slice(tokens[first].start, tokens[titleEnd].end) : null;
  return { nameFirst, title, honorific };
}

/** "Prime Minister", "US Secretary of State": every word belongs to a title. */
function isAllTitle(tokens: Token[], first: number, last: number): boolean {
  for (let k = first; k <= last; k++) {
    const word = tokens[k].text;
    const fits = isTitleHead(word) || ROLE_MODIFIERS.has(word.toLowerCase()) || hasClass(word, 'demonym') || hasClass(word, 'country') || isAcronym(word);
    if (!fits) return false;
  }
  return true;
}

/** Where a role phrase may not reach across (a clause or sentence boundary). */
const ROLE_BOUNDARY = /[\n,.;:!?"“”()\[\]—–]/u;

/**
 * The role written in front of a span, in lower case or mixed case
 * ("Deputy government spokesman", "Russian foreign ministry spokeswoman").
 * Needs a role noun right before the name; stops at punctuation, articles and verbs.
 */
export function roleBefore(tokens: Token[], first: number, text: string): string | null {
  if (ROLE_BOUNDARY.test(tokens[first].before)) return null;
  const previous = tokens[first - 1];
  // "many people Wikinews observed": a plural noun before a name is not its title.
  if (!previous || !isRoleNoun(previous) || hasClass(previous.text, 'plural')) return null;
  let start = first - 1;
  for (let k = first - 2; k >= 0 && first - k <= MAX_ROLE_WORDS; k--) {
    if (ROLE_BOUNDARY.test(tokens[k + 1].before)) break;
    const word = tokens[k];
    const lower = word.text.toLowerCase();
    const fits = ROLE_MODIFIERS.has(lower) || isRoleNoun(word) || hasClass(word.text, 'demonym') || isAcronym(word.text) || (isCapitalised(word.text) && lower !== 'the');
    if (!fits || lower === 'and' || lower === 'the') break;
    start = k;
  }
  while (['of', 'for'].includes(tokens[start].text)) start++;
  return text.slice(tokens[start].start, tokens[first - 1].end);
}

/** A role phrase is at most this many words: longer runs are a clause, not a title. */
const MAX_ROLE_WORDS = 9;
/** Appositions longer than this are clauses; we keep the role as a short description. */
const MAX_APPOSITION_WORDS = 14;

/**
 * An apposition after a name: "Donald Jensen, a senior advisor for Russia and
 * Europe at the US Institute of Peace" → "a senior advisor … Peace".
 */
export function appositionAfter(tokens: Token[], last: number, text: string): string | null {
  const next = tokens[last + 1];
  if (!next || next.before !== ',') return null;
  const article = next.text.toLowerCase();
  // ", a senior advisor …", ", the Conservative leader", ", Syria’s interim president"
  const possessiveOpening = isCapitalised(next.text) && tokens[last + 2]?.text === '’s';
  if (article !== 'a' && article !== 'an' && article !== 'the' && !possessiveOpening) return null;
  let end = last + 1;
  let sawRole = false;
  for (let k = last + 2; k < tokens.length && k - last <= MAX_APPOSITION_WORDS; k++) {
    if (ROLE_BOUNDARY.test(tokens[k].before) || tokens[k].text === 'who') break;
    // A verb ends the apposition ("the analyst said"), but not inside a compound ("highest-ranked").
    if (hasClass(tokens[k].text, 'verb') && !isRoleNoun(tokens[k]) && tokens[k].before !== '-') break;
    if (isRoleNoun(tokens[k]) || (isCapitalised(tokens[k].text) && isTitleHead(tokens[k].text))) sawRole = true;
    end = k;
  }
  if (!sawRole) return null;
  return text.slice(next.start, tokens[end].end);
}
