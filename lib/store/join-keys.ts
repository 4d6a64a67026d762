/**
 * The keys by which an article's entity finds the stored entity it joins: the
 * same rules that join entities across the articles of one batch
 * (lib/analysis/entities.ts), written as index keys so that adding an article
 * reads only the few stored entities that could be the same, however large
 * the corpus.
 */
import { acronymKey, initials, normaliseName } from '../analysis/aliases';
import { givenNameOf, surnameOf } from '../analysis/name-order';
import type { Entity } from '../analysis/types';

/** Two-letter acronyms ("AP", "UN") stand for too many things to join by initials alone. */
const MIN_JOIN_ACRONYM = 3;

const isFullName = (name: string) => /\s/.test(name.trim());
const formsOf = (entity: Pick<Entity, 'name' | 'aliases'>) => [entity.name, ...entity.aliases];

/**
 * What a stored entity is found by:
 * - `full:` a person's full name; `one:` a person known by one word only;
 *   `sur:` and `given:` the surname and given name of each full name;
 * - `po:` any name of a place or organisation (one key for both types: a
 *   country is a place in one article and a government in the next);
 * - `ini:` the initials of a multi-word place or organisation, `acr:` a name that is an acronym.
 */
export function joinKeysOf(entity: Pick<Entity, 'type' | 'name' | 'aliases'>): string[] {
  const keys = new Set<string>();
  // A person named in full somewhere is not one known by one word only: the surname alias
  // every full name brings ("Morrow" of Ada Morrow) would let any other Morrow join her.
  const knownByOneWord = entity.type === 'person' && !formsOf(entity).some(isFullName);
  for (const form of formsOf(entity)) {
    const key = normaliseName(form);
    if (!key) continue;
    if (entity.type === 'person') {
      if (isFullName(form)) {
        keys.add(`full:${key}`);
        keys.add(`sur:${normaliseName(surnameOf(form))}`);
        keys.add(`given:${normaliseName(givenNameOf(form))}`);
      } else if (knownByOneWord) keys.add(`one:${key}`);
      continue;
    }
    keys.add(`po:${key}`);
    const acronym = acronymKey(form);
    if (acronym && acronym.length >= MIN_JOIN_ACRONYM) keys.add(`acr:${acronym}`);
    if (isFullName(form)) {
      const letters = initials(form);
      if (letters.length >= MIN_JOIN_ACRONYM) keys.add(`ini:${letters}`);
    }
  }
  return [...keys];
}

/** How strongly a stored entity is the same as a new one, strongest first. */
export type JoinTier = 'name' | 'transliteration' | 'acronym' | 'surname';
export const JOIN_TIERS: readonly JoinTier[] = ['name', 'transliteration', 'acronym', 'surname'];

/** The stored keys to look a new entity up by, each with the tier a hit on it means. */
export function lookupKeysOf(entity: Pick<Entity, 'type' | 'name' | 'aliases'>): Array<{ key: string; tier: JoinTier }> {
  const out: Array<{ key: string; tier: JoinTier }> = [];
  const forms = formsOf(entity);
  if (entity.type === 'person') {
    const full = forms.filter(isFullName);
    for (const form of full) {
      out.push({ key: `full:${normaliseName(form)}`, tier: 'name' });
      out.push({ key: `given:${normaliseName(givenNameOf(form))}`, tier: 'transliteration' });
      // A person the corpus knew by surname only ("Tusk") is the one this article names in full.
      out.push({ key: `one:${normaliseName(surnameOf(form))}`, tier: 'surname' });
    }
    if (full.length === 0) {
      for (const form of forms) {
        out.push({ key: `one:${normaliseName(form)}`, tier: 'name' });
        out.push({ key: `sur:${normaliseName(form)}`, tier: 'surname' });
      }
    }
    return out;
  }
  for (const form of forms) {
    out.push({ key: `po:${normaliseName(form)}`, tier: 'name' });
    const acronym = acronymKey(form);
    if (acronym && acronym.length >= MIN_JOIN_ACRONYM) out.push({ key: `ini:${acronym}`, tier: 'acronym' });
    if (isFullName(form)) {
      const letters = initials(form);
      if (letters.length >= MIN_JOIN_ACRONYM) out.push({ key: `acr:${letters}`, tier: 'acronym' });
    }
  }
  return out;
}
