/**
 * Finds the named mentions in one article and groups them into the article's
 * own entities: surnames, first names and one-word organisation forms joined
 * to the full names they stand for, acronyms to their expansions.
 */
import { CONTEXT, FALLBACK, settleActingCountries, settleTypesByForm, WORDS } from './classify';
import { hasClass } from './lexicon';
import { isSurnameFirst, surnameOf } from './name-order';
import { vesselNameIn } from './vessels';
import { isTitleOnly, placesInsideOrganisation, placesInTitle, readMention, type NamedMention, type TitleOnly } from './mention';
import { findNameSpans, joinHyphenatedGivenNames, splitAtOrganisationPersonSeam, type Span } from './names';
import { blankPartyNotes } from './party-notes';
import { isAcronym, tokenize, type Token } from './tokens';
import { initials, normaliseName } from './aliases';
import { indexOrganisations, indexPeople, type PeopleIndex } from './short-forms';
import type { EntityType } from './types';
import type { Vocabulary } from './vocabulary';

export type { NamedMention } from './mention';

/** An entity as one article knows it. */
export interface LocalEntity {
  type: EntityType;
  names: string[];
  honorificForms: string[];
  roles: string[];
  mentions: { start: number; end: number }[];
}

export function findArticleEntities(articleText: string, vocabulary: Vocabulary): LocalEntity[] {
  const text = blankPartyNotes(articleText);
  const tokens = joinHyphenatedGivenNames(tokenize(text), vocabulary);
  const spans = findNameSpans(tokens, vocabulary).flatMap((span) => splitAtOrganisationPersonSeam(tokens, span, vocabulary));
  const named: NamedMention[] = [];
  const parentheticalAliases = new Map<NamedMention, NamedMention>();
  let previous: NamedMention | null = null;
  let pendingTitle: TitleOnly | null = null;
  const vessels = new Set<string>();
  for (const span of spans) {
    const vessel = vesselNameIn(tokens, span, text);
    if (vessel) {
      vessels.add(normaliseName(vessel));
      continue;
    }
    const read = readMention(tokens, span, text, vocabulary);
    named.push(...placesInTitle(tokens, span, read, text), ...placesInsideOrganisation(tokens, span, read, text));
    if (!read) continue;
    if (isTitleOnly(read)) {
      pendingTitle = read;
      continue;
    }
    // "Estonia’s Prime Minister, Kaja Kallas": a title alone, a comma, then the person.
    if (pendingTitle && read.type === 'person' && /^\s*,\s*$/.test(text.slice(pendingTitle.end, read.start))) read.roles.unshift(pendingTitle.title);
    pendingTitle = null;
    if (previous && isParentheticalAlias(tokens, span, text, previous)) {
      parentheticalAliases.set(read, previous);
      read.type = previous.type;
      read.evidence = previous.evidence;
    }
    named.push(read);
    previous = read;
  }
  for (const alias of findScriptAliases(text, named)) parentheticalAliases.set(alias.mention, alias.of);
  // "Space Shuttle Atlantis … Atlantis will go on display": a vessel's bare name is the vessel again.
  const entityMentions = named.filter((m) => !vessels.has(normaliseName(m.surface)));
  if (entityMentions.length === 0) return [];
  return groupMentions(entityMentions, parentheticalAliases);
}

/** "Chinese Communist Party’s (CCP)": an acronym in brackets right after a name is another name for it. */
function isParentheticalAlias(tokens: Token[], span: Span, text: string, previous: NamedMention): boolean {
  const token = tokens[span.first];
  if (span.first !== span.last || !isAcronym(token.text)) return false;
  const between = text.slice(previous.end, token.start);
  return /^(?:['’]s)?\s*\($/u.test(between) && text[token.end] === ')';
}

/** A name in another script in brackets after a name: "Xi Jinping (習近平)". */
function findScriptAliases(text: string, named: NamedMention[]): { mention: NamedMention; of: NamedMention }[] {
  const found: { mention: NamedMention; of: NamedMention }[] = [];
  for (const of of named) {
    const match = /^\s*\(([^\p{Script=Latin}\p{N}\p{P}\s][^()]{0,30}?)\)/u.exec(text.slice(of.end, of.end + 40));
    if (!match || /\p{Script=Latin}/u.test(match[1])) continue;
    const start = of.end + match[0].indexOf(match[1]);
    found.push({ mention: { start, end: start + match[1].length, surface: match[1], type: of.type, evidence: of.evidence, afterPreposition: false, standsFor: null, honorificForm: null, roles: [] }, of });
  }
  return found;
}

/**
 * Groups an article's mentions: full names first, then the short forms that
 * can only mean one of them (a surname shared by two people stays unresolved).
 */
function groupMentions(named: NamedMention[], aliasOf: Map<NamedMention, NamedMention>): LocalEntity[] {
  const byKey = new Map<string, LocalEntity>();
  const entityOf = new Map<NamedMention, LocalEntity>();
  const add = (mention: NamedMention, type: EntityType, key: string) => {
    let entity = byKey.get(key);
    if (!entity) {
      entity = { type, names: [], honorificForms: [], roles: [], mentions: [] };
      byKey.set(key, entity);
    }
    entity.names.push(mention.standsFor ?? mention.surface);
    if (mention.standsFor) entity.names.push(mention.surface);
    if (mention.honorificForm) entity.honorificForms.push(mention.honorificForm);
    entity.roles.push(...mention.roles);
    entity.mentions.push({ start: mention.start, end: mention.end });
    entityOf.set(mention, entity);
  };
  const keyOf = (type: EntityType, name: string) => `${type}:${normaliseName(name)}`;

  settleActingCountries(named);
  settleTypesByForm(named);
  namesAfterPeople(named);

  const people = indexPeople(named.filter((m) => m.type === 'person' && isFullName(m.surface)).map((m) => m.surface));
  const organisations = indexOrganisations(named.filter((m) => m.type === 'org').map((m) => m.standsFor ?? m.surface));
  for (const m of named) {
    if (aliasOf.has(m)) continue;
    if (m.type === 'person' && isFullName(m.surface)) {
      add(m, 'person', keyOf('person', people.representative(m.surface)));
      continue;
    }
    if (m.surnameOnly) {
      const person = people.resolveSurname(m.surface);
      if (person) add(m, 'person', keyOf('person', person));
      continue;
    }
    const person = !m.standsFor && !isCertainPlaceOrOrg(m) ? people.resolve(m.surface) : null;
    // "the Church says": a word typed only by its context may still be short for an organisation named in full;
    // but a surname two people of the article share ("Trump" beside Donald and Melania Trump) is theirs, not the Trump Foundation's.
    const organisation =
      !person && (m.type === 'org' || m.type === null || m.evidence === FALLBACK) && !people.isSurname(m.surface) ? organisations.resolve(m.surface) : null;
    if (person) add(m, 'person', keyOf('person', person));
    else if (organisation) add(m, 'org', keyOf('org', organisation));
    else if (m.type) add(m, m.type, keyOf(m.type, m.standsFor ?? m.surface));
  }
  for (const nested of peopleInsideOrganisations(named, people)) add(nested, 'person', keyOf('person', people.resolve(nested.surface)!));
  for (const [alias, of] of aliasOf) {
    const entity = entityOf.get(of);
    if (!entity) continue;
    entity.names.push(alias.surface);
    entity.mentions.push({ start: alias.start, end: alias.end });
  }
  mergeAcronymsWithExpansions(byKey);
  return [...new Set(byKey.values())];
}

/**
 * "Warhol Polaroids", "the Warhol Factory": a capitalised phrase led by the
 * surname of someone the article names in full is a thing of theirs, and its
 * first word a mention of them.
 */
function namesAfterPeople(named: NamedMention[]) {
  const surnameOwners = new Map<string, Set<string>>();
  for (const m of named) {
    if (m.type !== 'person' || !isFullName(m.surface)) continue;
    const surname = normaliseName(surnameOf(m.surface));
    surnameOwners.set(surname, (surnameOwners.get(surname) ?? new Set()).add(normaliseName(m.surface)));
  }
  const isOthersSurname = (word: string, self: string) => [...(surnameOwners.get(normaliseName(word)) ?? [])].some((name) => name !== self);
  for (const m of named) {
    if (m.type !== 'person' || m.evidence !== FALLBACK || m.roles.length > 0 || !isFullName(m.surface)) continue;
    const words = m.surface.split(/\s+/);
    // "Wong Pik-wan" beside "Wong Kwok-hing": the leading surname is her own.
    if (isSurnameFirst(words)) continue;
    const self = normaliseName(m.surface);
    if (!isOthersSurname(words[0], self) || isOthersSurname(words[words.length - 1], self)) continue;
    m.end = m.start + words[0].length;
    m.surface = words[0];
    m.surnameOnly = true;
  }
}

const isFullName = (name: string) => /\s/.test(name);

/**
 * A decisive context made this a place or an organisation ("Houston, Texas"),
 * or a gazetteer did and a preposition of place comes before it ("in Paris");
 * otherwise a person of the article with that surname wins ("Paris claims").
 */
const isCertainPlaceOrOrg = (m: NamedMention) =>
  (m.type === 'place' || m.type === 'org') && (m.evidence === CONTEXT || (m.evidence === WORDS && (m.type === 'org' || m.afterPreposition || hasClass(m.surface, 'country'))));

/**
 * "the Andy Warhol Foundation": an organisation named after a person the
 * article names is also a mention of that person.
 */
function peopleInsideOrganisations(named: NamedMention[], people: PeopleIndex): NamedMention[] {
  const found: NamedMention[] = [];
  for (const m of named) {
    if (m.type !== 'org') continue;
    const words = m.surface.split(/\s+/);
    for (const length of [2, 1]) {
      if (words.length <= length) continue;
      const lead = words.slice(0, length).join(' ');
      const person = people.resolve(lead);
      if (!person || (length === 1 && !person.endsWith(lead))) continue;
      found.push({ ...m, end: m.start + lead.length, surface: lead, type: 'person', standsFor: null, roles: [] });
      break;
    }
  }
  return found;
}

/** An acronym and a name whose initials spell it, in one article, are one entity. */
function mergeAcronymsWithExpansions(byKey: Map<string, LocalEntity>) {
  const expansions = new Map<string, LocalEntity[]>();
  for (const entity of byKey.values()) {
    if (entity.type === 'person') continue;
    for (const name of entity.names) {
      if (!/\s/.test(name)) continue;
      const key = initials(name);
      if (key.length < 2) continue;
      const list = expansions.get(key) ?? [];
      if (!list.includes(entity)) list.push(entity);
      expansions.set(key, list);
    }
  }
  for (const [key, entity] of byKey) {
    if (entity.type === 'person' || entity.names.some((n) => /\s/.test(n))) continue;
    const acronym = entity.names[0].replace(/\./g, '').toUpperCase();
    const candidates = expansions.get(acronym);
    if (!candidates || candidates.length !== 1 || candidates[0] === entity) continue;
    const target = candidates[0];
    target.names.push(...entity.names);
    target.roles.push(...entity.roles);
    target.mentions.push(...entity.mentions);
    byKey.set(key, target);
  }
}
