/**
 * "What did X say about Y": parsing the question, finding X and Y among the
 * corpus entities, and filtering X's quotes. Shared by the entity profile's
 * filter field and the side panel's search field.
 */
import Fuse from 'fuse.js';
import type { BackstoryDb, EntityRecord, QuoteRecord } from '../store/db';
import { foldText } from './text';


const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether `text` contains `phrase` as whole words, ignoring case and
 * diacritics: "Ukraine" matches "Ukraine’s" but not "Ukrainian".
 */
export function containsWords(text: string, phrase: string): boolean {
  const needle = foldText(phrase).trim().replace(/\s+/g, ' ');
  if (!needle) return false;
  // \p{L}\p{N} lookarounds instead of \b, which only knows ASCII letters.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle).replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`, 'u');
  return pattern.test(foldText(text));
}

export interface Topic {
  /** What the reader typed. */
  text: string;
  /** The entity the text names, when it names one. */
  entity: EntityRecord | null;
}

/**
 * Quotes about the topic: those whose aboutIds include the topic entity, or
 * whose text contains the typed word or any of the entity's names.
 */
export function filterQuotes(quotes: QuoteRecord[], topic: Topic): QuoteRecord[] {
  const words = new Set([topic.text, ...(topic.entity ? [topic.entity.name, ...topic.entity.aliases] : [])]);
  const phrases = [...words].filter((w) => w.trim());
  return quotes.filter(
    (q) =>
      (topic.entity !== null && q.aboutIds.includes(topic.entity.id)) ||
      phrases.some((phrase) => containsWords(q.text, phrase)),
  );
}

/** Words that join speaker and topic: "Tusk on Ukraine", "Tusk about Ukraine". */
const JOINERS = new Set(['on', 'about', 'regarding', 're', 'said', 'says', 'say', '-', '–', '—', ':']);
/** Question scaffolding dropped before parsing: "what did Tusk say about Ukraine?" */
const LEADING = /^(what|did|does|has|have|had)\s+/i;

/** All the ways to read a query as speaker + topic, longest speaker name first. */
export function splitSaidAbout(query: string): { speaker: string; topic: string }[] {
  let q = query.trim().replace(/[?!.]+$/, '');
  while (LEADING.test(q)) q = q.replace(LEADING, '');
  const tokens = q.split(/\s+/).filter(Boolean);
  const splits: { speaker: string; topic: string }[] = [];
  for (let i = tokens.length - 1; i >= 1; i--) {
    const speaker = tokens.slice(0, i);
    if (JOINERS.has(speaker[i - 1].toLowerCase())) continue; // "Tusk on" names nobody
    let rest = tokens.slice(i);
    while (rest.length > 1 && JOINERS.has(rest[0].toLowerCase())) rest = rest.slice(1);
    if (JOINERS.has(rest[0].toLowerCase())) continue;
    splits.push({ speaker: speaker.join(' '), topic: rest.join(' ') });
  }
  return splits;
}

/** Entities whose name or an alias is exactly `name` (case-insensitive), most mentioned first. */
export async function entitiesNamed(db: BackstoryDb, name: string): Promise<EntityRecord[]> {
  const key = name.trim().toLowerCase();
  if (!key) return [];
  const found = await db.entities.where('keys').equals(key).toArray();
  return found.sort(byProminence);
}

const byProminence = (a: EntityRecord, b: EntityRecord) =>
  b.quoteCount - a.quoteCount || b.articleCount - a.articleCount || a.name.localeCompare(b.name);

/** Fuse threshold for name lookups; 0.3 keeps "Zelensky" → "Zelenskiy" and drops unrelated names. */
export const NAME_FUZZY_THRESHOLD = 0.3;

/**
 * The entity a reader most likely means by `text` (a selection, a typed name):
 * an exact name or alias match, else the closest fuzzy match, else null.
 */
export async function bestEntityFor(db: BackstoryDb, text: string): Promise<EntityRecord | null> {
  const cleaned = text.trim().replace(/^[“"‘']+|[”"’'.,;:!?]+$/g, '').replace(/[’']s$/, '');
  if (!cleaned || cleaned.length > 120) return null;
  const exact = await entitiesNamed(db, cleaned);
  if (exact.length) return exact[0];
  // Entities are short records; a full scan is a few ms at 10,000 (see ARCHITECTURE).
  const all = await db.entities.toArray();
  const fuse = new Fuse(all, {
    keys: ['name', 'aliases'],
    threshold: NAME_FUZZY_THRESHOLD,
    ignoreLocation: true,
    includeScore: true,
  });
  const hits = fuse.search(cleaned, { limit: 10 });
  if (!hits.length) return null;
  const bestScore = hits[0].score ?? 0;
  // Near-ties go to the entity the corpus talks about most.
  const tied = hits.filter((h) => (h.score ?? 0) - bestScore < 0.05).map((h) => h.item);
  return tied.sort(byProminence)[0];
}

export interface SaidAbout {
  speaker: EntityRecord;
  topic: Topic;
  quotes: QuoteRecord[];
}

/**
 * Reads "Tusk Ukraine", "Donald Tusk on Ukraine" or "what did Tusk say about
 * Ukraine?" as a speaker with quotes plus a topic. Null when no prefix of the
 * query names a speaker exactly: fuzzy speakers would hijack ordinary searches.
 */
export async function saidAbout(db: BackstoryDb, query: string): Promise<SaidAbout | null> {
  for (const { speaker, topic } of splitSaidAbout(query)) {
    const speakers = (await entitiesNamed(db, speaker)).filter((e) => e.quoteCount > 0);
    if (!speakers.length) continue;
    const topicEntity = (await entitiesNamed(db, topic))[0] ?? null;
    const said = await db.quotes.where('speakerId').equals(speakers[0].id).toArray();
    const resolved: Topic = { text: topic, entity: topicEntity };
    return { speaker: speakers[0], topic: resolved, quotes: filterQuotes(said, resolved) };
  }
  return null;
}
