/**
 * Adding and removing articles one batch at a time. A batch is analysed on its
 * own (lib/analysis); its entities then join the stored ones they name
 * (join-keys.ts) or become new ones, and every count, alias and page-lookup
 * row they touch is updated in the same transaction. Nothing here reads the
 * whole corpus: the cost of a batch is the cost of its own articles.
 */
import { editDistanceWithin } from '../text/edit-distance';
import { normaliseName, slug, surnameEditLimit } from '../analysis/aliases';
import { lexiconReady } from '../analysis/lexicon';
import { surnameOf } from '../analysis/name-order';
import type { Analysis, Entity, EntityType, Mention, Quote } from '../analysis/types';
import { articleText } from '../corpus/article';
import { keyWords, nameFormsOf } from '../lookup/name-index';
import { nameWords, putSearchRows, removeSearchRows, searchTextsOfArticles, type NewSearchTexts } from '../search/search-index';
import type { ArticleRecord, BackstoryDb, EntityRecord, MentionRecord, NameEntry, QuoteRecord } from './db';
import { appearancesIn, deleteAppearances, mentionsOf, putAppearances, toAppearances } from './appearances';
import { JOIN_TIERS, joinKeysOf, lookupKeysOf, type JoinTier } from './join-keys';
import { entityCache, newWriteToken, ENTITIES_WRITTEN_KEY, type EntityCache, type EntityChange } from './entity-cache';
import { deleteQuotes, putQuotes } from './quote-links';
import { allMarkers, jobOfMarker, markersOf, runningJobs, sumMarkers, MAX_PENDING_ENTITIES, type CountDelta, type PendingCounts } from './pending-counts';

/** The meta row holding the most words in any name key: the longest span a page lookup tries. */
export const MAX_NAME_WORDS_KEY = 'maxNameWords';

/** Every table a batch writes: one transaction covers them all. */
export const batchTables = (db: BackstoryDb) => [db.articles, db.sources, db.entities, db.entityMentions, db.articleEntities, db.quotes, db.quoteLinks, db.names, db.meta, db.searchPostings, db.searchSegments, db.searchVocabulary];

/**
 * A transaction over `batchTables(db)`, the one way batches are written and
 * removed. Merging names reads the lexicon (a surname's place in a name), so
 * it is loaded first: reading a file inside the transaction would let
 * IndexedDB commit it mid-way. The counts owed by bulk jobs that stopped
 * before paying them (pending-counts.ts) are paid first, in the same
 * transaction: a delete must see every article's share of a count.
 */
export async function batchTransaction<T>(db: BackstoryDb, write: () => Promise<T>): Promise<T> {
  await lexiconReady();
  const abandoned = await abandonedJobs(db);
  return db.transaction('rw', batchTables(db), async () => {
    for (const job of abandoned) await payMarkers(db, job);
    return write();
  });
}

/** Pays what bulk jobs that stopped before paying still owe (a closed page's import), if any: a transaction that writes nothing else. */
export async function payAbandonedCounts(db: BackstoryDb): Promise<void> {
  if ((await abandonedJobs(db)).length > 0) await batchTransaction(db, async () => undefined);
}

/** Jobs with counts owed (marker rows) that no context runs any more. */
async function abandonedJobs(db: BackstoryDb): Promise<string[]> {
  const keys = await allMarkers(db).primaryKeys();
  if (keys.length === 0) return [];
  const jobs = new Set(keys.map((key) => jobOfMarker(String(key))));
  const running = await runningJobs(jobs);
  return [...jobs].filter((job) => !running.has(job));
}

/** Pays a job's debt from its marker rows; inside a transaction over `batchTables(db)`. */
async function payMarkers(db: BackstoryDb, job: string): Promise<void> {
  await settleDebts(db, sumMarkers(await markersOf(db, job).toArray()), job);
}

/** Pays what a running job owes (`pending.debts()`), in one transaction. */
export async function payPendingCounts(db: BackstoryDb, pending: PendingCounts): Promise<void> {
  await batchTransaction(db, () => settleDebts(db, pending.debts(), pending.job));
  pending.paid();
}

/** Pays what a running job owes once it owes more than MAX_PENDING_ENTITIES entities: bounds the job's memory and its last transaction. */
export async function payIfOwingMany(db: BackstoryDb, pending: PendingCounts): Promise<void> {
  if (pending.size > MAX_PENDING_ENTITIES) await payPendingCounts(db, pending);
}

/**
 * Adds what `job` owes to the stored entities' counts (an entity left with no
 * article and no quote goes) and deletes the job's marker rows: its debt is paid.
 */
async function settleDebts(db: BackstoryDb, debts: Map<string, CountDelta>, job: string): Promise<void> {
  if (debts.size > 0) {
    const cache = await entityCache(db);
    const stored = [...(await cache.entities(db, [...debts.keys()])).values()];
    const after = stored.map((before) => withTally({ ...before }, debts.get(before.id)));
    const gone = await unknownEntities(db, after, job);
    await storeEntityChanges(
      db,
      stored.map((before, i) => ({ before, after: gone.has(before.id) ? null : after[i] })),
      cache,
    );
  }
  await markersOf(db, job).delete();
}

/**
 * The entities to delete: known from no article and quoted nowhere, unless
 * stored batches of a job other than `ownJob`, not paid yet, name them.
 */
async function unknownEntities(db: BackstoryDb, entities: EntityRecord[], ownJob: string | undefined): Promise<Set<string>> {
  const unknown = entities.filter((entity) => entity.articleCount <= 0 && entity.quoteCount <= 0).map((entity) => entity.id);
  if (unknown.length === 0) return new Set();
  const owed = sumMarkers((await allMarkers(db).toArray()).filter((row) => jobOfMarker(row.key) !== ownJob));
  return new Set(unknown.filter((id) => !((owed.get(id)?.articles ?? 0) > 0 || (owed.get(id)?.quotes ?? 0) > 0)));
}

/** A stored entity with what a running job owes it: its counts as they will be once the job pays. */
function live(stored: EntityRecord, pending: PendingCounts | undefined): EntityRecord {
  const delta = pending?.deltaOf(stored.id);
  return delta ? withTally({ ...stored }, delta) : stored;
}

/**
 * Adds an entity's change to `changes`; while a job owes counts (`pending`),
 * a change of counts alone is owed instead. A record that is written (new,
 * renamed, deleted) is written whole, with its counts so far, and nothing
 * is owed it any more: an entity named in one batch only is written once.
 */
function changeOrOwe(changes: EntityChange[], before: EntityRecord | null, after: EntityRecord | null, delta: CountDelta | undefined, pending: PendingCounts | undefined): void {
  if (pending && before && after && sameNames(before, after)) {
    if (delta) pending.owe(after.id, delta);
    return;
  }
  pending?.forgive((after ?? before)!.id);
  changes.push({ before, after });
}

/** Whether two records of one entity differ in more than their counts. */
function sameNames(a: EntityRecord, b: EntityRecord): boolean {
  const sameList = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return a.name === b.name && a.type === b.type && sameList(a.aliases, b.aliases) && sameList(a.roles, b.roles);
}

/** What one batch brought, per stored entity: for the popup's "found 4 people, 3 quotes". */
export interface BatchResult {
  /** Batch entity id → stored entity id. */
  entityIds: Map<string, string>;
  found: { person: number; place: number; org: number; quotes: number };
}

/** Per entity, the articles that mention it (how many bundled, which forms of the name they write) and its quotes. */
type Tally = CountDelta;

/**
 * Writes `articles` (already with their final ids) and their analysis. Call
 * inside a transaction over `batchTables(db)`; `analysis` uses the batch's own
 * entity ids, which are mapped here to stored ones. Its search texts, when
 * the analysis brings none (an export's), are made here. With `pending`, the
 * batch's counts are owed (pending-counts.ts): an entity is written only
 * when it is new or its names change (`changeOrOwe`).
 */
export async function writeBatch(db: BackstoryDb, articles: ArticleRecord[], analysis: Analysis & { search?: NewSearchTexts }, pending?: PendingCounts): Promise<BatchResult> {
  // Checked against the stored token once: the whole batch is one transaction.
  const cache = await entityCache(db);
  const { entityIds, candidates } = await joinStoredEntities(db, cache, analysis.entities, pending);
  const mentions = dedupeMentions(analysis.mentions.map((m) => ({ ...m, entityId: entityIds.get(m.entityId)! })));
  const dates = new Map(articles.map((a) => [a.id, a.date]));
  const quotes = quoteRecords(
    analysis.quotes.map((q) => ({ ...q, speakerId: q.speakerId ? (entityIds.get(q.speakerId) ?? null) : null })),
    mentions,
    (id) => dates.get(id) ?? null,
  );

  const tallies = tally(mentions, quotes, articles, +1);
  const partsByStoredId = new Map<string, Entity[]>();
  for (const entity of analysis.entities) {
    const id = entityIds.get(entity.id)!;
    partsByStoredId.set(id, [...(partsByStoredId.get(id) ?? []), entity]);
  }
  const changes: EntityChange[] = [];
  const named: EntityRecord[] = [];
  for (const [id, parts] of partsByStoredId) {
    // Every stored entity the batch names was read to join it; the others are new.
    const stored = candidates.get(id) ?? null;
    const after = withTally(mergeEntity(id, stored && live(stored, pending), parts), tallies.get(id));
    named.push(after);
    changeOrOwe(changes, stored, after, tallies.get(id), pending);
  }

  // The tables are written at once, not one after the other: IndexedDB runs a transaction's requests in
  // order anyway, and awaiting each table's write left it idle for a round trip while the next was made.
  await Promise.all([
    // The segment of the search index holding the batch: its articles know it, for deletes.
    putSearchRows(db, analysis.search ?? searchTextsOfArticles(articles, quotes)).then((seg) => db.articles.bulkPut(articles.map((a) => ({ ...a, searchSeg: seg })))),
    putAppearances(db, toAppearances(mentions, (id) => dates.get(id) ?? null)),
    putQuotes(db, quotes),
    storeEntityChanges(db, changes, cache),
  ]);

  const found = { person: 0, place: 0, org: 0, quotes: quotes.length };
  for (const entity of named) if (tallies.get(entity.id)?.articles) found[entity.type]++;
  return { entityIds, found };
}

/**
 * Removes articles and what was derived from them: their mentions and quotes,
 * their share of every count, and the entities no other article knows. Call
 * inside a transaction over `batchTables(db)`. With `pending`, the counts
 * taken away are owed like a batch's (a job's batch replacing articles).
 */
export async function removeArticles(db: BackstoryDb, articleIds: string[], pending?: PendingCounts): Promise<void> {
  if (articleIds.length === 0) return;
  const articles = (await db.articles.bulkGet(articleIds)).filter((a): a is ArticleRecord => !!a);
  const ids = articles.map((a) => a.id);
  const [appearances, quotes] = await Promise.all([appearancesIn(db, articles), db.quotes.where('articleId').anyOf(ids).toArray()]);
  const mentions = mentionsOf(appearances);
  const tallies = tally(mentions, quotes, articles, -1);
  const cache = await entityCache(db);
  const stored = [...(await cache.entities(db, [...tallies.keys()])).values()];
  const afterOf = new Map(stored.map((before) => [before.id, withTally({ ...live(before, pending) }, tallies.get(before.id))]));
  // Known from no article and quoted nowhere any more, the entity goes with its last article.
  const unknown = await unknownEntities(db, [...afterOf.values()], pending?.job);
  const changes: EntityChange[] = [];
  for (const before of stored) changeOrOwe(changes, before, unknown.has(before.id) ? null : afterOf.get(before.id)!, tallies.get(before.id), pending);
  await deleteAppearances(db, appearances);
  await deleteQuotes(db, quotes);
  await db.articles.bulkDelete(ids);
  await removeSearchRows(db, articles, quotes);
  await storeEntityChanges(db, changes, cache);
}

/**
 * Batch entity id → the stored entity it joins, or a new id free in the store;
 * and the stored entities that could be joined, by id. Their ids are found
 * by key, then each record is read once: a well-known entity has many of a
 * batch's keys. Keys and records an earlier batch read or wrote come from
 * the entity cache (entity-cache.ts) without a request.
 */
async function joinStoredEntities(
  db: BackstoryDb,
  cache: EntityCache,
  entities: Entity[],
  pending: PendingCounts | undefined,
): Promise<{ entityIds: Map<string, string>; candidates: Map<string, EntityRecord> }> {
  const lookups = entities.map((entity) => ({ entity, keys: lookupKeysOf(entity) }));
  const allKeys = [...new Set(lookups.flatMap((l) => l.keys.map((k) => k.key)))];
  const candidates = await cache.entitiesWithJoinKeys(db, allKeys);
  const byKey = new Map<string, EntityRecord[]>();
  for (const stored of candidates.values()) {
    // The best known wins a tie of names: known with what a running job owes it.
    const record = live(stored, pending);
    for (const key of record.joinKeys) byKey.get(key)?.push(record) ?? byKey.set(key, [record]);
  }

  const result = new Map<string, string>();
  const fresh: Entity[] = [];
  for (const { entity, keys } of lookups) {
    const joined = bestJoin(entity, keys, byKey);
    if (joined) result.set(entity.id, joined);
    else fresh.push(entity);
  }
  for (const [entityId, id] of await freeIds(db, cache, fresh, new Set(result.values()))) result.set(entityId, id);
  return { entityIds: result, candidates };
}

/**
 * The stored entity a new one is, by the strongest tier with a hit: the same
 * name picks the best-known holder; a transliterated surname must be within
 * its edit limit; an acronym or a lone surname must point at exactly one.
 */
function bestJoin(entity: Entity, keys: Array<{ key: string; tier: JoinTier }>, byKey: Map<string, EntityRecord[]>): string | null {
  for (const tier of JOIN_TIERS) {
    const hits = new Map<string, EntityRecord>();
    for (const { key } of keys.filter((k) => k.tier === tier)) for (const record of byKey.get(key) ?? []) if (sameKind(entity.type, record.type)) hits.set(record.id, record);
    let options = [...hits.values()];
    if (tier === 'transliteration') options = options.filter((record) => isTransliteration(entity, record));
    if (options.length === 0) continue;
    if (tier !== 'name' && options.length > 1) return null;
    return options.sort((a, b) => b.articleCount - a.articleCount || a.id.localeCompare(b.id))[0].id;
  }
  return null;
}

/** People join people; places and organisations join each other (a country is both). */
const sameKind = (a: EntityType, b: EntityType) => (a === 'person') === (b === 'person');

function isTransliteration(entity: Entity, record: EntityRecord): boolean {
  const fullNames = (names: string[]) => names.filter((n) => /\s/.test(n.trim()));
  const ours = fullNames([entity.name, ...entity.aliases]).map((n) => normaliseName(surnameOf(n)));
  const theirs = fullNames([record.name, ...record.aliases]).map((n) => normaliseName(surnameOf(n)));
  return ours.some((a) => theirs.some((b) => a !== b && surnameEditLimit(a) > 0 && editDistanceWithin(a, b, surnameEditLimit(a)) !== null));
}

/**
 * Ids for entities new to the store: the batch's own id where it is free (an
 * export keeps its ids), else a numbered slug. A taken id's numbered siblings
 * are read as one key range (keys only): asking for `-2`, `-3`, … one round
 * trip each cost a common name (a lone "John" that joined no one) a trip per
 * namesake, more the larger the corpus.
 */
async function freeIds(db: BackstoryDb, cache: EntityCache, entities: Entity[], taken: Set<string>): Promise<Map<string, string>> {
  const wanted = entities.map((e) => e.id || `${e.type}:${slug(e.name)}`);
  // Ids the entity cache knows were never stored (a load into an empty store) are not asked for.
  const used = new Set(taken);
  for (const e of await db.entities.bulkGet(wanted.filter((id) => cache.mayBeStoredId(id)))) if (e) used.add(e.id);
  const numbered = [...new Set(wanted.filter((id) => used.has(id)))];
  const siblings = await Promise.all(numbered.map((id) => db.entities.where(':id').startsWith(`${id}-`).primaryKeys()));
  for (const ids of siblings) for (const id of ids) used.add(id);
  const result = new Map<string, string>();
  for (const [i, entity] of entities.entries()) {
    let id = wanted[i];
    for (let n = 2; used.has(id); n++) id = `${wanted[i]}-${n}`;
    used.add(id);
    result.set(entity.id, id);
  }
  return result;
}

/** A stored entity with the batch's forms of it: the most complete name, every other name as an alias, all roles. */
function mergeEntity(id: string, stored: EntityRecord | null, parts: Entity[]): EntityRecord {
  const type = stored?.type ?? preferredType(parts);
  const names = [...(stored ? [stored.name] : []), ...parts.map((p) => p.name)];
  const wordCount = (n: string) => n.trim().split(/\s+/).length;
  // The stored name wins ties, so a profile's name does not flip between spellings.
  const name = names.reduce((best, n) => (wordCount(n) > wordCount(best) ? n : best));
  const forms = [...new Set([...names, ...(stored?.aliases ?? []), ...parts.flatMap((p) => p.aliases)])].filter((n) => n !== name);
  const roles = [...(stored?.roles ?? [])];
  for (const role of parts.flatMap((p) => p.roles)) if (!roles.some((r) => r.toLowerCase() === role.toLowerCase())) roles.push(role);
  return withKeys({
    id,
    name,
    type,
    aliases: forms,
    roles,
    keys: [],
    joinKeys: [],
    words: [],
    articleCount: stored?.articleCount ?? 0,
    quoteCount: stored?.quoteCount ?? 0,
    bundledCount: stored?.bundledCount ?? 0,
    formCounts: stored?.formCounts ?? {},
  });
}

/** A name typed a place in one article and an organisation in another is the place (a country's government is the country). */
function preferredType(parts: Entity[]): EntityType {
  return parts.some((p) => p.type === 'place') ? 'place' : parts[0].type;
}

/**
 * The entity with a batch's counts added (or a deletion's taken away). A form
 * of the name no remaining article writes leaves the aliases, with the
 * surname it gave when no other full name gives it too.
 */
function withTally(entity: EntityRecord, t: Tally | undefined): EntityRecord {
  if (!t) return entity;
  entity.articleCount = Math.max(0, entity.articleCount + t.articles);
  entity.bundledCount = Math.max(0, entity.bundledCount + t.bundled);
  entity.quoteCount = Math.max(0, entity.quoteCount + t.quotes);
  const formCounts = { ...entity.formCounts };
  const gone = new Set<string>();
  for (const [form, n] of t.forms) {
    const count = (formCounts[form] ?? 0) + n;
    if (count > 0) formCounts[form] = count;
    else if (form in formCounts || n < 0) {
      delete formCounts[form];
      gone.add(form);
    }
  }
  entity.formCounts = formCounts;
  return gone.size > 0 ? withoutForms(entity, gone) : entity;
}

function withoutForms(entity: EntityRecord, gone: Set<string>): EntityRecord {
  const written = (f: string) => (entity.formCounts[f] ?? 0) > 0;
  let forms = [entity.name, ...entity.aliases].filter((f) => !gone.has(f) || written(f));
  if (entity.type === 'person') {
    const surnames = new Set(forms.filter((f) => /\s/.test(f.trim())).map((f) => surnameOf(f)));
    const dropped = [...gone].filter((f) => /\s/.test(f.trim())).map((f) => surnameOf(f));
    forms = forms.filter((f) => !dropped.includes(f) || surnames.has(f) || written(f));
  }
  if (forms.length === 0) return entity;
  const wordCount = (n: string) => n.trim().split(/\s+/).length;
  const name = forms.includes(entity.name) ? entity.name : forms.reduce((best, n) => (wordCount(n) > wordCount(best) ? n : best));
  return withKeys({ ...entity, name, aliases: forms.filter((f) => f !== name) });
}

/** The lookup keys that follow from an entity's names. */
function withKeys(entity: EntityRecord): EntityRecord {
  return { ...entity, keys: [...new Set([entity.name, ...entity.aliases].map((n) => n.toLowerCase()))], joinKeys: joinKeysOf(entity), words: nameWords(entity) };
}

/**
 * Per entity: the articles that mention it (how many are bundled, and which
 * forms of the name they write) and the quotes it said, signed.
 */
function tally(mentions: Mention[], quotes: Quote[], articles: ArticleRecord[], sign: 1 | -1): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const get = (id: string) => tallies.get(id) ?? (tallies.set(id, { articles: 0, bundled: 0, quotes: 0, forms: new Map() }), tallies.get(id)!);
  const byId = new Map(articles.map((a) => [a.id, { bundled: a.source === 'bundled', text: articleText(a) }]));
  const seen = new Set<string>();
  for (const m of mentions) {
    const article = byId.get(m.articleId);
    const t = get(m.entityId);
    const form = article?.text.slice(m.start, m.end);
    if (form && !seen.has(`${m.entityId}\u0000${m.articleId}\u0000${form}`)) {
      seen.add(`${m.entityId}\u0000${m.articleId}\u0000${form}`);
      t.forms.set(form, (t.forms.get(form) ?? 0) + sign);
    }
    const key = `${m.entityId}\u0000${m.articleId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    t.articles += sign;
    if (article?.bundled) t.bundled += sign;
  }
  for (const q of quotes) if (q.speakerId) get(q.speakerId).quotes += sign;
  return tallies;
}

/** One record per entity and position, whatever the extractor (or two joined entities) repeats. */
function dedupeMentions(mentions: Mention[]): MentionRecord[] {
  return [...new Map(mentions.map((m) => [`${m.articleId}\u0000${m.start}\u0000${m.entityId}`, m])).values()];
}

/** Quotes with the entities named inside them ("quotes about") and their article's date. */
export function quoteRecords(quotes: Quote[], mentions: Mention[], dateOf: (articleId: string) => string | null): QuoteRecord[] {
  const byArticle = new Map<string, Mention[]>();
  for (const m of mentions) byArticle.get(m.articleId)?.push(m) ?? byArticle.set(m.articleId, [m]);
  return quotes.map((quote) => {
    const inside = (byArticle.get(quote.articleId) ?? []).filter((m) => m.start >= quote.start && m.end <= quote.end);
    return { ...quote, aboutIds: [...new Set(inside.map((m) => m.entityId))], date: dateOf(quote.articleId) };
  });
}

/**
 * Writes entity records and brings the page-lookup rows of every name they
 * had or have up to date: only the rows whose entries changed are written.
 * The entity cache takes in what is written, under a new token stored with it
 * (`checked`: the cache this transaction already checked against that token).
 */
export async function storeEntityChanges(db: BackstoryDb, changes: EntityChange[], checked?: EntityCache): Promise<void> {
  const cache = checked ?? (await entityCache(db));
  const affected = new Set<string>();
  for (const { before, after } of changes) for (const e of [before, after]) if (e) for (const form of nameFormsOf(e)) affected.add(form.key);
  const rows = await cache.nameRowsOf(db, [...affected]);
  // A row of one entry is not rewritten when only its count changed (`nameRowChanged`), so that entry's count may be old.
  const heldOne = new Set([...rows.values()].filter((row) => row.entries.length === 1).map((row) => row.key));
  let maxWords = 0;
  for (const { before, after } of changes) {
    const id = (after ?? before)!.id;
    if (before) for (const form of nameFormsOf(before)) rows.get(form.key)!.entries = rows.get(form.key)!.entries.filter((e) => e.id !== id);
    if (!after) continue;
    for (const form of nameFormsOf(after)) {
      const row = rows.get(form.key)!;
      const entry: NameEntry = { id, type: after.type, kind: form.kind, acronym: form.acronym, articleCount: after.articleCount, bundled: after.bundledCount > 0 };
      row.entries = [...row.entries.filter((e) => e.id !== id), entry];
      maxWords = Math.max(maxWords, keyWords(form.key));
    }
  }
  // Counts order a row of several entries (the best known first): one that held a single entry brings its old count up to date.
  const changedIds = new Set(changes.map(({ before, after }) => (after ?? before)!.id));
  const joined = [...rows.values()].filter((row) => row.entries.length > 1 && heldOne.has(row.key));
  const stale = [...new Set(joined.flatMap((row) => row.entries.filter((e) => !changedIds.has(e.id)).map((e) => e.id)))];
  if (stale.length > 0) {
    const records = await cache.entities(db, stale);
    for (const row of joined) row.entries = row.entries.map((e) => (records.has(e.id) ? { ...e, articleCount: records.get(e.id)!.articleCount } : e));
  }
  const updated = changes.flatMap(({ after }) => (after ? [after] : []));
  const removed = changes.flatMap(({ before, after }) => (before && !after ? [before.id] : []));
  const changedRows = [...rows.values()].filter((row) => cache.nameRowChanged(row));
  const token = newWriteToken();
  const emptied = changedRows.filter((r) => r.entries.length === 0).map((r) => r.key);
  // Sent together (IndexedDB keeps their order): awaiting each left the transaction idle for a round trip.
  const [known] = await Promise.all([
    db.meta.get(MAX_NAME_WORDS_KEY).then((row) => row?.value),
    db.entities.bulkPut(updated),
    removed.length > 0 && db.entities.bulkDelete(removed),
    db.names.bulkPut(changedRows.filter((r) => r.entries.length > 0)),
    emptied.length > 0 && db.names.bulkDelete(emptied),
    db.meta.put({ key: ENTITIES_WRITTEN_KEY, value: token }),
  ]);
  cache.written(changes, changedRows, token);
  if (typeof known !== 'number' || maxWords > known) await db.meta.put({ key: MAX_NAME_WORDS_KEY, value: Math.max(maxWords, typeof known === 'number' ? known : 1) });
}
