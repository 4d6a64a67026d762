/**
 * The background's name index: normalised name → entities, built once from the
 * entities table. Lookups are Map hits over the words of each candidate, so a
 * page costs the same at 100 names as at 100,000 (no regular expression of all
 * names, which would cost 1 s to build at 200,000).
 */
import type { EntityType } from '../analysis/types';
import type { NameMatch } from '../messages';
import type { NameEntry, NameRow } from '../store/db';
import { foldName, isAllCaps } from '../text/fold';
import { extractCandidates } from './candidates';

export interface IndexedEntity {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  /** Used to prefer the better-known entity when two share a name. */
  articleCount?: number;
}

/** What a key can name: the stored row's entry without its ranking facts. */
type Entry = Pick<NameEntry, 'id' | 'type' | 'kind' | 'acronym'>;

export interface NameIndex {
  entries: Map<string, Entry[]>;
  /** Most words in any key: the longest span worth looking up. */
  maxWords: number;
  /** Number of distinct keys. */
  size: number;
}

/** Shortest key worth indexing: one letter is initials or noise, not a name. */
const MIN_KEY_LENGTH = 2;
const NAME_SUFFIXES = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv']);

/** One normalised form under which an entity can be found on a page. */
export interface NameForm {
  key: string;
  kind: Entry['kind'];
  acronym: boolean;
}

/**
 * Every form an entity answers to on a page: its name and aliases, and a
 * person's surname. "Nato" beside "NATO": a mixed-case form lifts the
 * capitals rule; a name outranks a surname.
 */
export function nameFormsOf(entity: Pick<IndexedEntity, 'name' | 'type' | 'aliases'>): NameForm[] {
  const forms = new Map<string, NameForm>();
  const add = (form: string, kind: Entry['kind']) => {
    const key = foldName(form);
    if (key.length < MIN_KEY_LENGTH) return;
    const acronym = isAllCaps(form) && !key.includes(' ');
    const same = forms.get(key);
    if (same) {
      same.acronym &&= acronym;
      if (kind === 'name') same.kind = 'name';
      return;
    }
    forms.set(key, { key, kind, acronym });
  };
  for (const form of [entity.name, ...entity.aliases]) add(form, 'name');
  if (entity.type === 'person') {
    const words = entity.name.trim().split(/\s+/);
    while (words.length > 2 && NAME_SUFFIXES.has(words[words.length - 1].toLowerCase())) words.pop();
    if (words.length >= 2) add(words[words.length - 1], 'surname');
  }
  return [...forms.values()];
}

/** Words in a key: the longest span of page text worth looking up. */
export const keyWords = (key: string) => key.split(' ').length;

export function buildNameIndex(entities: Iterable<IndexedEntity>): NameIndex {
  const sorted = [...entities].sort((a, b) => (b.articleCount ?? 0) - (a.articleCount ?? 0));
  const entries = new Map<string, Entry[]>();
  let maxWords = 1;
  for (const entity of sorted) {
    for (const { key, kind, acronym } of nameFormsOf(entity)) {
      const list = entries.get(key) ?? [];
      list.push({ id: entity.id, type: entity.type, kind, acronym });
      entries.set(key, list);
      maxWords = Math.max(maxWords, keyWords(key));
    }
  }
  return { entries, maxWords, size: entries.size };
}

/** An index of only the rows a page's text can hit (see name-lookup.ts): it answers those lookups exactly as the whole index would. */
export function indexFromRows(rows: Iterable<NameRow>, maxWords: number): NameIndex {
  const entries = new Map<string, Entry[]>();
  for (const row of rows) if (row.entries.length > 0) entries.set(row.key, [...row.entries].sort((a, b) => b.articleCount - a.articleCount));
  return { entries, maxWords, size: entries.size };
}

/**
 * The entity a piece of page text names, or null when none or when it is
 * ambiguous. `seen`: entities the page named in full, which settle a surname
 * shared by several people.
 */
export function resolve(index: NameIndex, text: string, seen: ReadonlySet<string>): Entry | null {
  const list = index.entries.get(foldName(text));
  if (!list) return null;
  const caps = isAllCaps(text);
  const usable = list.filter((e) => caps || !e.acronym);
  const names = usable.filter((e) => e.kind === 'name');
  const pick = (options: Entry[], loneWordPersonsAmbiguous: boolean): Entry | null => {
    if (options.length === 0) return null;
    if (options.length === 1) return options[0];
    const known = options.filter((e) => seen.has(e.id));
    if (known.length === 1) return known[0];
    // Several people answer to one word ("Johnson"): without context, mark none.
    if (loneWordPersonsAmbiguous && options.every((e) => e.type === 'person')) return null;
    return options[0]; // best known first (sorted by article count at build)
  };
  const oneWord = !foldName(text).includes(' ');
  const byName = pick(names, oneWord);
  if (byName) return byName;
  if (names.length > 0) return null;
  const surnames = usable.filter((e) => e.kind === 'surname');
  return pick(surnames, true);
}

/** Shortest part of a word tried as a name glued to lower-case text. */
const MIN_GLUED_LENGTH = 3;
const GLUE = /\p{L}\p{Ll}/u;

/** The names in page text: its candidates (candidates.ts), then matchCandidates. */
export function matchText(index: NameIndex, text: string, seenIds: readonly string[] = []): NameMatch[] {
  return matchCandidates(index, extractCandidates(text), seenIds);
}

/**
 * The names in a page's texts (a long page comes in several), in order: each
 * text is told the people named in full in the texts before it, so their
 * surnames resolve there too.
 */
export function matchTexts(index: NameIndex, texts: readonly string[]): NameMatch[] {
  return matchCandidateLists(index, texts.map(extractCandidates));
}

/** matchTexts over texts whose candidates were already extracted, one list per text. */
export function matchCandidateLists(index: NameIndex, candidateLists: readonly (readonly string[])[], seenIds: readonly string[] = []): NameMatch[] {
  const seen = new Set<string>(seenIds);
  const found: NameMatch[] = [];
  for (const candidates of candidateLists) {
    const names = matchCandidates(index, candidates, [...seen]);
    for (const m of names) if (m.text.includes(' ')) seen.add(m.entityId);
    found.push(...names);
  }
  return found;
}

/**
 * Finds names inside each candidate: the longest indexed run of its words
 * wins, left to right ("Polish Prime Minister Donald Tusk" → "Donald Tusk").
 * Two passes: the first learns which people the page names in full, so the
 * second can give a shared surname to the one the page is about.
 *
 * A candidate's last word may also match in part, where lower-case text
 * follows the name in the same word ("Tuskvar"): a page's text joins blocks
 * with nothing between ("Tusk</p><script>var"), and only the content script
 * can tell such a join from "Tuskegee", so it checks every such match.
 */
export function matchCandidates(index: NameIndex, candidates: readonly string[], seenIds: readonly string[] = []): NameMatch[] {
  const seen = new Set(seenIds);
  const words = candidates.map((c) => [...c.matchAll(/\S+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length })));
  const lookup = (candidate: string, start: number, lastStart: number, end: number): { entry: Entry; end: number } | null => {
    const entry = resolve(index, candidate.slice(start, end), seen);
    if (entry) return { entry, end };
    if (end < candidate.length) return null;
    for (let cut = end - 1; cut >= lastStart + MIN_GLUED_LENGTH; cut--) {
      if (!GLUE.test(candidate.slice(cut - 1, cut + 1))) continue;
      const part = resolve(index, candidate.slice(start, cut), seen);
      if (part) return { entry: part, end: cut };
    }
    return null;
  };
  const pass = (): NameMatch[] => {
    const out: NameMatch[] = [];
    candidates.forEach((candidate, ci) => {
      const ws = words[ci];
      for (let i = 0; i < ws.length; ) {
        let found = false;
        for (let len = Math.min(index.maxWords, ws.length - i); len >= 1; len--) {
          const start = ws[i].start;
          const hit = lookup(candidate, start, ws[i + len - 1].start, ws[i + len - 1].end);
          if (hit) {
            const text = candidate.slice(start, hit.end);
            out.push({ text, entityId: hit.entry.id, type: hit.entry.type, candidate: ci, start, end: hit.end });
            i += len;
            found = true;
            break;
          }
        }
        if (!found) i++;
      }
    });
    return out;
  };
  for (const m of pass()) if (m.text.includes(' ')) seen.add(m.entityId);
  return pass();
}

/**
 * Every key that matching these candidates could look up: matching them
 * against an index that has no names asks for all of them (a hit only ever
 * skips lookups), so rows read for these keys answer the real match exactly.
 */
export function keysLookedUp(candidates: readonly string[], maxWords: number): Set<string> {
  const keys = new Set<string>();
  const recorder = { get: (key: string) => void keys.add(key) } as unknown as NameIndex['entries'];
  matchCandidates({ entries: recorder, maxWords, size: 0 }, candidates);
  return keys;
}
