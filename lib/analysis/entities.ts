/**
 * People, places and organisations across a set of articles: each article's
 * entities are found on their own (lib/analysis/article-names.ts), then joined
 * across articles when their names are the same up to case, accents and
 * apostrophes, when one is the other's acronym, or when a person's surname is
 * a transliteration variant with the same first name.
 */
import { editDistanceWithin } from '../text/edit-distance';
import { acronymKey, initials, normaliseName, slug, surnameEditLimit } from './aliases';
import { givenNameOf, isSurnameFirst, surnameOf as surnameWritten } from './name-order';
import { findArticleEntities, type LocalEntity } from './article-names';
import { prevailingType, typeKey } from './classify';
import { collectVocabulary } from './vocabulary';
import type { AnalysisInput, Entity, EntityType, Mention } from './types';

interface Cluster {
  type: EntityType;
  locals: { articleId: string; entity: LocalEntity }[];
}

export function extractEntities(inputs: AnalysisInput[]): { entities: Entity[]; mentions: Mention[] } {
  const vocabulary = collectVocabulary(inputs.map((input) => input.text));
  const locals = inputs.flatMap((input) => findArticleEntities(input.text, vocabulary).map((entity) => ({ articleId: input.id, entity })));
  const clusters = clusterAcrossArticles(locals);
  return toRecords(clusters);
}

/** Union-find over the articles' entities. */
function clusterAcrossArticles(locals: Cluster['locals']): Cluster[] {
  const parent = locals.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[rb] = ra;
  };

  joinSameNames(locals, union);
  joinSurnameOnlyPeople(locals, union, find);
  joinTransliterations(locals, union);
  joinAcronyms(locals, union, find);

  const groups = new Map<number, Cluster>();
  locals.forEach((local, i) => {
    const root = find(i);
    const cluster = groups.get(root) ?? { type: local.entity.type, locals: [] };
    cluster.locals.push(local);
    groups.set(root, cluster);
  });
  for (const cluster of groups.values()) cluster.type = prevailingType(cluster.locals.map(({ entity }) => ({ type: entity.type, mentions: entity.mentions.length })));
  return [...groups.values()];
}

/** Same type (places and organisations counting as one) and a shared full name (for people, a name of two words or more). */
function joinSameNames(locals: Cluster['locals'], union: (a: number, b: number) => void) {
  const firstWithKey = new Map<string, number>();
  locals.forEach(({ entity }, i) => {
    for (const name of entity.names) {
      if (entity.type === 'person' && !/\s/.test(name)) continue;
      const key = `${typeKey(entity.type)}:${normaliseName(name)}`;
      const seen = firstWithKey.get(key);
      if (seen === undefined) firstWithKey.set(key, i);
      else union(seen, i);
    }
  });
}

const fullNames = (entity: LocalEntity) => entity.names.filter((n) => /\s/.test(n));
const surnameOf = (fullName: string) => normaliseName(surnameWritten(fullName));
const firstNameOf = (fullName: string) => normaliseName(givenNameOf(fullName));

/**
 * A person an article names by surname only ("Trump") joins the one person
 * the other articles give that surname to; if several, it stays apart.
 */
function joinSurnameOnlyPeople(locals: Cluster['locals'], union: (a: number, b: number) => void, find: (i: number) => number) {
  const bySurname = new Map<string, Set<number>>();
  locals.forEach(({ entity }, i) => {
    if (entity.type !== 'person') return;
    for (const name of fullNames(entity)) {
      const set = bySurname.get(surnameOf(name)) ?? new Set();
      set.add(find(i));
      bySurname.set(surnameOf(name), set);
    }
  });
  locals.forEach(({ entity }, i) => {
    if (entity.type !== 'person' || fullNames(entity).length > 0) return;
    const owners = bySurname.get(normaliseName(entity.names[0]));
    if (owners && owners.size === 1) union([...owners][0], i);
  });
}

/** "Volodymyr Zelenskiy" / "Volodymyr Zelensky": same first name, surname a letter or two apart. */
function joinTransliterations(locals: Cluster['locals'], union: (a: number, b: number) => void) {
  const byFirstName = new Map<string, { index: number; surname: string }[]>();
  locals.forEach(({ entity }, i) => {
    if (entity.type !== 'person') return;
    for (const name of fullNames(entity)) {
      const list = byFirstName.get(firstNameOf(name)) ?? [];
      list.push({ index: i, surname: surnameOf(name) });
      byFirstName.set(firstNameOf(name), list);
    }
  });
  for (const people of byFirstName.values()) {
    for (let a = 0; a < people.length; a++) {
      for (let b = a + 1; b < people.length; b++) {
        const limit = surnameEditLimit(people[a].surname);
        if (people[a].surname === people[b].surname) continue; // same full name: already joined
        if (limit > 0 && editDistanceWithin(people[a].surname, people[b].surname, limit) !== null) union(people[a].index, people[b].index);
      }
    }
  }
}

/** "NATO"/"Nato" joins "North Atlantic Treaty Organization" when exactly one name in the corpus spells it. */
function joinAcronyms(locals: Cluster['locals'], union: (a: number, b: number) => void, find: (i: number) => number) {
  const expansions = new Map<string, Set<number>>();
  locals.forEach(({ entity }, i) => {
    if (entity.type === 'person') return;
    for (const name of fullNames(entity)) {
      const key = initials(name);
      if (key.length < 2) continue;
      const set = expansions.get(key) ?? new Set();
      set.add(find(i));
      expansions.set(key, set);
    }
  });
  locals.forEach(({ entity }, i) => {
    if (entity.type === 'person') return;
    for (const name of entity.names) {
      const key = acronymKey(name);
      if (key && key.length < MIN_CROSS_ARTICLE_ACRONYM) continue;
      const owners = key ? expansions.get(key) : undefined;
      if (owners && owners.size === 1) union([...owners][0], i);
    }
  });
}

/**
 * Two-letter acronyms ("AP", "UN") stand for too many things to join across
 * articles by initials alone; within an article, or through the gazetteer, they still join.
 */
const MIN_CROSS_ARTICLE_ACRONYM = 3;

function toRecords(clusters: Cluster[]): { entities: Entity[]; mentions: Mention[] } {
  const entities: Entity[] = [];
  const mentions: Mention[] = [];
  const usedIds = new Set<string>();
  const generatedForms = new Map<Entity, Set<string>>();
  for (const cluster of clusters) {
    const { entity, generated } = toEntity(cluster);
    generatedForms.set(entity, generated);
    let id = entity.id;
    for (let n = 2; usedIds.has(id); n++) id = `${entity.id}-${n}`;
    usedIds.add(id);
    entity.id = id;
    entities.push(entity);
    for (const { articleId, entity: local } of cluster.locals) {
      for (const { start, end } of local.mentions) mentions.push({ entityId: id, articleId, start, end });
    }
  }
  dropSharedShortForms(entities, generatedForms);
  mentions.sort((a, b) => (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : a.start - b.start));
  return { entities, mentions };
}

function toEntity(cluster: Cluster): { entity: Entity; generated: Set<string> } {
  const counts = new Map<string, { name: string; count: number }>();
  const honorificForms = new Set<string>();
  const roles = new Map<string, string>();
  for (const { entity } of cluster.locals) {
    for (const name of entity.names) {
      const key = normaliseName(name) + '|' + name;
      const entry = counts.get(key) ?? { name, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
    for (const form of entity.honorificForms) honorificForms.add(form);
    for (const role of entity.roles) if (!roles.has(role.toLowerCase())) roles.set(role.toLowerCase(), role);
  }
  const names = [...counts.values()];
  const name = canonicalName(cluster.type, names, honorificForms);
  const seen = uniqueForms([...names.map((n) => n.name), ...honorificForms]);
  const seenKeys = new Set(seen.map(normaliseName));
  const generated = new Set(shortForms(cluster.type, seen).filter((f) => !seenKeys.has(normaliseName(f))));
  const aliases = uniqueForms([...seen, ...generated]).filter((n) => n !== name);
  return { entity: { id: `${cluster.type}:${slug(name)}`, name, type: cluster.type, aliases, roles: [...roles.values()] }, generated };
}

/**
 * The most complete form: the most words, then the most letters, then the most
 * frequent. A person known only by surname keeps the honorific ("Lord Cameron").
 */
function canonicalName(type: EntityType, names: { name: string; count: number }[], honorificForms: Set<string>): string {
  // "Kursk region" names the place Kursk: forms ending in a lower-case word come last.
  const complete = names.filter((n) => !/\s\p{Ll}+$/u.test(n.name));
  const sorted = [...(complete.length ? complete : names)].sort((a, b) => words(b.name) - words(a.name) || b.count - a.count || b.name.length - a.name.length);
  const best = sorted[0].name;
  if (type === 'person' && words(best) === 1 && honorificForms.size > 0) return [...honorificForms][0];
  return best;
}

/**
 * Forms a reader will meet on other pages though this corpus may not write
 * them: a person's surname ("Crosetto"), a party's name without "Party"
 * ("Labour"). A surname two people share is left out afterwards (see dropSharedSurnames).
 */
function shortForms(type: EntityType, names: string[]): string[] {
  const forms: string[] = [];
  for (const name of names) {
    const parts = name.split(/\s+/);
    if (parts.length < 2 || /\p{Ll}$/u.test(parts[parts.length - 1][0] ?? '')) continue;
    if (type === 'person' && isSurnameFirst(parts)) forms.push(parts[0]);
    else if (type === 'person' && /^\p{Lu}/u.test(parts[parts.length - 1])) forms.push(surnameWithParticles(parts));
    if (type === 'org' && parts.length === 2 && SHORTENED_ORG_WORDS.has(parts[1].toLowerCase())) forms.push(parts[0]);
  }
  return forms;
}

/** "Ursula von der Leyen" → "von der Leyen": a surname keeps the particles before it. */
function surnameWithParticles(parts: string[]): string {
  let start = parts.length - 1;
  while (start > 1 && /^\p{Ll}/u.test(parts[start - 1])) start--;
  return parts.slice(start).join(' ');
}

/** Organisation words news drops once the name is known ("Labour Party" → "Labour"). */
const SHORTENED_ORG_WORDS = new Set(['party', 'movement']);

/** A surname added as a short form of two people is dropped from both: on a page it could mean either. */
function dropSharedShortForms(entities: Entity[], generated: Map<Entity, Set<string>>) {
  const owners = new Map<string, number>();
  for (const e of entities) for (const form of generated.get(e) ?? []) owners.set(`${e.type}:${normaliseName(form)}`, (owners.get(`${e.type}:${normaliseName(form)}`) ?? 0) + 1);
  for (const e of entities) {
    const forms = generated.get(e);
    if (!forms) continue;
    e.aliases = e.aliases.filter((a) => !forms.has(a) || owners.get(`${e.type}:${normaliseName(a)}`) === 1);
  }
}

const words = (name: string) => name.split(/\s+/).length;

/** Distinct forms, keeping one spelling per exact string (case variants such as "Nato" stay: pages write them). */
function uniqueForms(forms: string[]): string[] {
  return [...new Set(forms.map((f) => f.trim()).filter(Boolean))];
}
