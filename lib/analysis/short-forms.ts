/**
 * Within one article, the short forms that stand for a longer name written
 * there: a surname or a lone first name for a person ("Tusk", "Daniel"), one
 * distinctive word for an organisation ("Labour", "Scientology"). A short form
 * two names could claim stays unresolved: "Donald" with Donald Trump and
 * Donald Tusk in the article means neither.
 */
import { editDistanceWithin } from '../text/edit-distance';
import { normaliseName, surnameEditLimit } from './aliases';
import { givenNameOf, isSurnameParticle, surnameOf as surnameWritten } from './name-order';

export interface PeopleIndex {
  /** The full name a form stands for: a variant spelling, a surname or a first name; null if none or several. */
  resolve(form: string): string | null;
  /** The one full name with this surname, or null. */
  resolveSurname(form: string): string | null;
  /** Whether any person of the article has this surname, even two of them. */
  isSurname(form: string): boolean;
  /** The full name written for this person first in the article, for a full-name form. */
  representative(fullName: string): string;
  surnames(): Iterable<string>;
}

const wordsOf = (name: string) => name.split(/\s+/);
const surnameOf = (name: string) => normaliseName(surnameWritten(name));
const firstNameOf = (name: string) => normaliseName(givenNameOf(name));

interface NameParts {
  first: string;
  last: string;
  words: number;
}

/** A full name's normalised first name and surname, worked out once per name: comparing names pairwise would redo it often. */
function namePartsCache(): (name: string) => NameParts {
  const cache = new Map<string, NameParts>();
  return (name) => {
    let parts = cache.get(name);
    if (!parts) {
      parts = { first: firstNameOf(name), last: surnameOf(name), words: wordsOf(name).length };
      cache.set(name, parts);
    }
    return parts;
  };
}

/** Near-identical spellings of one person in one article ("Kristin"/"Kristen Wilkins", "Zelenskiy"/"Zelensky"). */
function isVariant(a: NameParts, b: NameParts): boolean {
  if (a.words !== b.words) return false;
  if (a.first === b.first) return a.last !== b.last && editDistanceWithin(a.last, b.last, surnameEditLimit(a.last)) !== null;
  if (a.last === b.last) return editDistanceWithin(a.first, b.first, surnameEditLimit(a.first)) !== null;
  return false;
}

export function indexPeople(fullNames: string[]): PeopleIndex {
  const partsOf = namePartsCache();
  const representativeOf = new Map<string, string>();
  const representatives: string[] = [];
  for (const name of fullNames) {
    const key = normaliseName(name);
    if (representativeOf.has(key)) continue;
    const same = representatives.find((r) => isVariant(partsOf(r), partsOf(name)));
    representativeOf.set(key, same ?? name);
    if (!same) representatives.push(name);
  }
  const bySurname = groupBy(representatives, (name) => partsOf(name).last);
  const byFirstName = groupBy(representatives, (name) => partsOf(name).first);
  return {
    resolve(form) {
      if (/\s/.test(form)) {
        const known = representativeOf.get(normaliseName(form));
        if (known) return known;
        // "Von der Leyen" at a sentence start: a surname with its particles.
        if (!isSurnameParticle(normaliseName(wordsOf(form)[0]))) return null;
        const owners = bySurname.get(surnameOf(form));
        return owners && owners.length === 1 ? owners[0] : null;
      }
      const key = normaliseName(form);
      const owners = bySurname.get(key) ?? byFirstName.get(key);
      return owners && owners.length === 1 ? owners[0] : null;
    },
    resolveSurname(form) {
      const owners = bySurname.get(normaliseName(form));
      return owners && owners.length === 1 ? owners[0] : null;
    },
    isSurname: (form) => bySurname.has(normaliseName(form)),
    representative: (fullName) => representativeOf.get(normaliseName(fullName)) ?? fullName,
    surnames: () => bySurname.keys(),
  };
}


/** Words too generic to stand for one organisation on their own. */
const GENERIC_ORG_WORDS = new Set(['the', 'of', 'for', 'and', 'on', 'national', 'international', 'united', 'new', 'american', 'world', 'general', 'state', 'states', 'public', 'royal', 'federal', 'central']);

export interface OrganisationIndex {
  /** The one organisation name in the article that contains this word, or null. */
  resolve(form: string): string | null;
}

export function indexOrganisations(names: string[]): OrganisationIndex {
  const byWord = new Map<string, Set<string>>();
  for (const name of names) {
    const words = wordsOf(name);
    if (words.length < 2) continue;
    for (const word of words) {
      if (!/^\p{Lu}/u.test(word) || GENERIC_ORG_WORDS.has(word.toLowerCase())) continue;
      const set = byWord.get(normaliseName(word)) ?? new Set();
      set.add(name);
      byWord.set(normaliseName(word), set);
    }
  }
  return {
    resolve(form) {
      if (/\s/.test(form)) return null;
      const owners = byWord.get(normaliseName(form));
      return owners && owners.size === 1 ? [...owners][0] : null;
    },
  };
}

function groupBy(names: string[], key: (name: string) => string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const name of names) {
    const list = map.get(key(name)) ?? [];
    list.push(name);
    map.set(key(name), list);
  }
  return map;
}
