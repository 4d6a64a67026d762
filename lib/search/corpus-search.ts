import type { ArticleRecord, BackstoryDb, EntityRecord, QuoteRecord } from '../store/db';
import { articleHeading } from '../ui/format';
import { expandWord, warmVocabulary, type Expansion } from './expand';
import { articleSearchText, bucketKeysOf, bucketReader, segmentReader, termPostings } from './search-index';
import { tokenize } from './text';
import { untilTableChanges } from '../store/until-changed';

/** Characters of context either side of the first match in a snippet. */
const SNIPPET_CONTEXT = 70;
/** Results per group. */
export const RESULTS_PER_GROUP = 8;
/**
 * Postings read per corpus word. A word in more texts than this ("the") says
 * little about which text is wanted; reading all of it would cost more than a
 * keystroke may take.
 */
const MAX_POSTINGS_PER_WORD = 4000;
/** Keys whose reads a context keeps between searches, at most, per kind of read (an article's text is a few kB). */
const MAX_KEPT_READS = 2000;
/** Matching names ranked by prominence; more would all be weak matches, and each costs a record read. */
const MAX_RANKED_ENTITIES = 300;

/** A piece of text with the parts that matched the query, as offsets into `text`. */
export interface Snippet {
  text: string;
  marks: Array<[number, number]>;
}

export interface EntityResult {
  kind: 'entity';
  entity: EntityRecord;
}
export interface QuoteResult {
  kind: 'quote';
  quote: QuoteRecord;
  speakerName: string | null;
  article: ArticleRecord | undefined;
  snippet: Snippet;
}
export interface ArticleResult {
  kind: 'article';
  article: ArticleRecord;
  /** The headline, or the first sentence when there is none. */
  heading: string;
  snippet: Snippet;
}
export interface SearchResults {
  entities: EntityResult[];
  quotes: QuoteResult[];
  articles: ArticleResult[];
}

/** How well a document matched: the sum over query words of the best expansion's quality, and how often they occur. */
interface Hit {
  score: number;
  occurrences: number;
}

/**
 * Popup and side-panel search. Names through the entities' `*words` index,
 * quote and article texts through the persisted postings; every query word
 * (or a prefix or close spelling of it) must match. Reads only the postings of
 * the query's words, then the few records shown.
 */
export async function searchCorpus(db: BackstoryDb, query: string, limit = RESULTS_PER_GROUP): Promise<SearchResults> {
  const queryWords = [...new Set(tokenize(query).map((t) => t.word))];
  if (queryWords.length === 0) return { entities: [], quotes: [], articles: [] };
  const expansions = await Promise.all(queryWords.map((word) => expandWord(db, word)));
  const entitiesFound = findEntities(db, query, expansions, limit);
  // Quotes by a person the query names ("Tusk") fill the quotes when those holding the words are too few:
  // read as soon as the names are known, while the texts are ranked, and waited for only when they are needed.
  const speakerQuotes = entitiesFound.then((found) => quotesBySpeakers(db, found.map((e) => e.id), limit * 2));
  speakerQuotes.catch(() => undefined);
  const shown = findTexts(db, expansions, limit);
  // The texts shown are read as soon as they are ranked, whether or not the names are known yet; the articles of
  // the quotes found by their words are known from the index, so they are read with the others, not after the quotes.
  const quotesRead = shown.then(({ quoteIds }) => quoteReads(db).get(quoteIds));
  const articlesRead = shown.then(({ articleIds, quoteArticles }) => articleReads(db).get([...new Set([...articleIds, ...quoteArticles])]));
  // Their speakers as soon as the quotes are read: those the query names were read (and kept) by `findEntities`.
  const quoteSpeakersRead = quotesRead.then((records) => {
    const speakerIds = new Set(records.map((q) => q?.speakerId).filter((id): id is string => typeof id === 'string'));
    return entityRecords(db, [...speakerIds]);
  });
  const [entities, { articleIds, quoteIds }, quoteRecords, articleRecords, quoteSpeakers] = await Promise.all([
    entitiesFound,
    shown,
    quotesRead,
    articlesRead,
    quoteSpeakersRead,
  ]);
  const matchedWords = new Set(expansions.flat().map((e) => e.word));

  const byWords = quoteRecords.filter((q): q is QuoteRecord => q !== undefined);
  const bySpeaker = byWords.length < limit ? await speakerQuotes : [];
  const quotes = [...byWords, ...bySpeaker.filter((q) => !quoteIds.includes(q.id))].slice(0, limit);

  const articlesById = new Map(articleRecords.filter((a): a is ArticleRecord => a !== undefined).map((a) => [a.id, a]));
  const speakers = new Map(entities.map((e) => [e.id, e]));
  for (const entity of quoteSpeakers) if (entity && !speakers.has(entity.id)) speakers.set(entity.id, entity);
  const missingArticles = [...new Set(quotes.map((q) => q.articleId).filter((id) => !articlesById.has(id)))];
  const missingSpeakers = [...new Set(quotes.map((q) => q.speakerId).filter((id): id is string => id !== null && !speakers.has(id)))];
  // Usually none (the articles of quotes by a named speaker): each read skipped is a round trip saved.
  const [moreArticles, moreSpeakers] = await Promise.all([
    missingArticles.length > 0 ? articleReads(db).get(missingArticles) : [],
    missingSpeakers.length > 0 ? entityRecords(db, missingSpeakers) : [],
  ]);
  for (const article of moreArticles) if (article) articlesById.set(article.id, article);
  for (const entity of moreSpeakers) if (entity) speakers.set(entity.id, entity);

  return {
    entities: entities.map((entity) => ({ kind: 'entity', entity })),
    quotes: quotes.map((quote) => ({
      kind: 'quote',
      quote,
      speakerName: quote.speakerId ? (speakers.get(quote.speakerId)?.name ?? null) : null,
      article: articlesById.get(quote.articleId),
      snippet: snippet(quote.text, spansOf(quote.text, matchedWords)),
    })),
    articles: articleIds
      .map((id) => articlesById.get(id))
      .filter((a): a is ArticleRecord => a !== undefined)
      .map((article) => {
        const text = articleSearchText(article);
        return { kind: 'article', article, heading: articleHeading(article), snippet: snippet(text, spansOfFirstParagraph(text, matchedWords)) };
      }),
  };
}

/**
 * The first `limit` quotes of these speakers in the speaker index's order (by
 * speaker id, then quote id), as `anyOf(ids).limit(limit)` gives them: one
 * bounded read per speaker, all in one transaction, where `anyOf` walked a
 * cursor a round trip per quote and per speaker without any. Each speaker's
 * first quotes are kept until the quotes change: typing "Clinton" asks for
 * the same speakers' at every keystroke from "Cli" on.
 */
export function quotesBySpeakers(db: BackstoryDb, speakerIds: string[], limit: number): Promise<QuoteRecord[]> {
  if (speakerIds.length === 0) return Promise.resolve([]);
  const ids = [...new Set(speakerIds)].sort();
  return speakerQuoteReads(db)
    .get(ids.map((id) => speakerQuotesKey(id, limit)))
    .then((perSpeaker) => perSpeaker.flat().slice(0, limit));
}

/** The texts a search shows, best first: articles by id, quotes by id with the article each is in. */
interface ShownTexts {
  articleIds: string[];
  quoteIds: string[];
  quoteArticles: string[];
}

/** A ranked text: more and better-matched words first, then more occurrences, then by id. */
type Ranked = [doc: string, hit: Hit & { article: string }];
const ranksBefore = ([a, x]: Ranked, [b, y]: Ranked) => y.score < x.score || (y.score === x.score && (y.occurrences < x.occurrences || (y.occurrences === x.occurrences && a < b)));

/**
 * The best `limit` of the offered texts in rank order, kept as they are
 * offered: a search shows a few of the thousands of texts a common word is
 * in, and sorting them all cost more than ranking them.
 */
export class BestTexts {
  readonly ranked: Ranked[] = [];
  constructor(private readonly limit: number) {}

  offer(text: Ranked): void {
    const { ranked } = this;
    if (ranked.length >= this.limit && !ranksBefore(text, ranked[ranked.length - 1])) return;
    let at = ranked.length;
    while (at > 0 && ranksBefore(text, ranked[at - 1])) at--;
    ranked.splice(at, 0, text);
    if (ranked.length > this.limit) ranked.pop();
  }
}

/**
 * Documents holding every query word (or an expansion of it), best first:
 * more and better-matched words, then more occurrences, which favours the
 * text about the name. The best `limit` articles and `limit` quotes.
 */
async function findTexts(db: BackstoryDb, expansions: Expansion[][], limit: number): Promise<ShownTexts> {
  const [segments, buckets] = [segmentReader(db), bucketReader(db)];
  buckets.readAll(expansions.flat().flatMap((e) => bucketKeysOf(e.word)));
  const postings = await Promise.all(
    expansions.map((words) => Promise.all(words.map((e) => termPostings(db, e.word, MAX_POSTINGS_PER_WORD, segments, buckets)))),
  );
  let hits: Map<string, Hit & { article: string }> | null = null;
  postings.forEach((perExpansion, i) => {
    const seen = new Map<string, Hit & { article: string }>();
    perExpansion.forEach((rows, j) => {
      const quality = expansions[i][j].quality;
      for (const row of rows) {
        if (hits && !hits.has(row.doc)) continue;
        const hit = seen.get(row.doc);
        if (hit) {
          hit.score = Math.max(hit.score, quality);
          hit.occurrences += row.count;
        } else seen.set(row.doc, { score: quality, occurrences: row.count, article: row.article });
      }
    });
    if (hits) {
      for (const [doc, hit] of seen) {
        const previous = hits.get(doc)!;
        hit.score += previous.score;
        hit.occurrences += previous.occurrences;
      }
    }
    hits = seen;
  });
  const [articles, quotes] = [new BestTexts(limit), new BestTexts(limit)];
  for (const text of hits ?? new Map<string, Hit & { article: string }>()) (text[0] === text[1].article ? articles : quotes).offer(text);
  return {
    articleIds: articles.ranked.map(([doc]) => doc),
    quoteIds: quotes.ranked.map(([doc]) => doc),
    quoteArticles: quotes.ranked.map(([, hit]) => hit.article),
  };
}

/**
 * Reads by key, each key read once while its table is unchanged: typing
 * "Clinton" shows mostly the same articles and quotes from "Clint" on, and
 * asks for the entities named "clinton" and their records at every keystroke
 * from "Cli" on; each read is an IndexedDB round trip (an article's with its
 * whole text). The keys not read before are read together, in one request.
 */
export class KeptReads<V> {
  private readonly byKey = new Map<string, Promise<V>>();
  constructor(
    private readonly readMany: (keys: string[]) => Promise<V[]>,
    private readonly maxKept = MAX_KEPT_READS,
  ) {}

  /** How many keys' reads are kept. */
  get size(): number {
    return this.byKey.size;
  }

  get(keys: string[]): Promise<V[]> {
    const unique = [...new Set(keys)];
    // More keys than may be kept at all: read, and kept by none.
    if (unique.length > this.maxKept) {
      return this.readMany(unique).then((values) => {
        const byKey = new Map(unique.map((key, i) => [key, values[i]]));
        return keys.map((key) => byKey.get(key)!);
      });
    }
    let missing = unique.filter((key) => !this.byKey.has(key));
    // The side panel stays open for hours: what it keeps is bounded, whatever it searched. Once cleared, every key asked for is read anew.
    if (this.byKey.size + missing.length > this.maxKept) {
      this.byKey.clear();
      missing = unique;
    }
    if (missing.length > 0) {
      const read = this.readMany(missing);
      read.catch(() => missing.forEach((key) => this.byKey.delete(key)));
      missing.forEach((key, i) => this.byKey.set(key, read.then((values) => values[i])));
    }
    return Promise.all(keys.map((key) => this.byKey.get(key)!));
  }
}
const articleReads = untilTableChanges('articles', (db) => new KeptReads((ids) => (db as BackstoryDb).articles.bulkGet(ids)));
const quoteReads = untilTableChanges('quotes', (db) => new KeptReads((ids) => (db as BackstoryDb).quotes.bulkGet(ids)));
/** A speaker's first quotes are kept by speaker and count. */
const speakerQuotesKey = (speakerId: string, limit: number) => `${limit}\n${speakerId}`;
const speakerQuoteReads = untilTableChanges('quotes', (db) => {
  const { quotes } = db as BackstoryDb;
  return new KeptReads((keys) =>
    db.transaction('r', quotes, () =>
      Promise.all(
        keys.map((key) => {
          const split = key.indexOf('\n');
          return quotes.where('speakerId').equals(key.slice(split + 1)).limit(Number(key.slice(0, split))).toArray();
        }),
      ),
    ),
  );
});
const entityReads = untilTableChanges('entities', (db) => {
  const { entities } = db as BackstoryDb;
  return {
    // A word's expansions are up to 20 words: read in one transaction, where a transaction each cost a round trip apiece in Chromium.
    idsByWord: new KeptReads((words) => db.transaction('r', entities, () => Promise.all(words.map((word) => entities.where('words').equals(word).primaryKeys())))),
    records: new KeptReads((ids) => entities.bulkGet(ids)),
    /** Every entity and its name words, once `warmSearch` has asked for them: then no keystroke reads names from IndexedDB. */
    inMemory: undefined as Promise<EntitiesInMemory | null> | undefined,
    held: undefined as EntitiesInMemory | null | undefined,
  };
});

/** More entities than this are not held in memory (a few hundred bytes each); their names are read by word instead. */
const MAX_ENTITIES_IN_MEMORY = 50_000;

/** The entities by id, and their ids by name word in id order, as the `*words` index hands them out. */
interface EntitiesInMemory {
  byId: Map<string, EntityRecord>;
  idsByWord: Map<string, string[]>;
}

/** Databases whose entities a context holds in memory (the popup's), read again after any change to them. */
const entitiesHeldFor = new Set<string>();

/**
 * The entities held in memory, or undefined while they are being read (or not
 * held here): a search then reads the names it needs, rather than wait for all.
 */
function heldEntities(db: BackstoryDb): EntitiesInMemory | undefined {
  const read = entityReads(db);
  if (!read.inMemory && entitiesHeldFor.has(db.name)) holdEntities(db);
  return read.held ?? undefined;
}

function holdEntities(db: BackstoryDb): Promise<unknown> {
  const read = entityReads(db);
  if (!read.inMemory) {
    const inMemory = readEntitiesInMemory(db);
    read.inMemory = inMemory;
    inMemory.then(
      (held) => (read.held = held),
      () => read.inMemory === inMemory && (read.inMemory = undefined),
    );
  }
  return read.inMemory;
}

async function readEntitiesInMemory(db: BackstoryDb): Promise<EntitiesInMemory | null> {
  const records = await db.transaction('r', db.entities, async () =>
    (await db.entities.count()) > MAX_ENTITIES_IN_MEMORY ? null : db.entities.toArray(),
  );
  if (!records) return null;
  const byId = new Map<string, EntityRecord>();
  const idsByWord = new Map<string, string[]>();
  // In primary key order, so each word's ids are in the order its index gives them.
  for (const record of records) {
    byId.set(record.id, record);
    for (const word of new Set(record.words)) {
      const ids = idsByWord.get(word);
      if (ids) ids.push(record.id);
      else idsByWord.set(word, [record.id]);
    }
  }
  return { byId, idsByWord };
}

/** The ids of the entities with each word among their names' words: from memory once held, else from the `*words` index. */
function entityIdsByWord(db: BackstoryDb, words: string[]): Promise<string[][]> {
  const held = heldEntities(db);
  return held ? Promise.resolve(words.map((word) => held.idsByWord.get(word) ?? [])) : entityReads(db).idsByWord.get(words);
}

/** Entity records by id: from memory once held, else read (and kept). */
function entityRecords(db: BackstoryDb, ids: string[]): Promise<Array<EntityRecord | undefined>> {
  const held = heldEntities(db);
  return held ? Promise.resolve(ids.map((id) => held.byId.get(id))) : entityReads(db).records.get(ids);
}

/**
 * Entities with every query word (or an expansion) among the words of their
 * names; ties go to an exact name, then to the entity the corpus talks about most.
 */
async function findEntities(db: BackstoryDb, query: string, expansions: Expansion[][], limit: number): Promise<EntityRecord[]> {
  const idsPerExpansion = await Promise.all(expansions.map((words) => entityIdsByWord(db, words.map((e) => e.word))));
  let scores: Map<string, number> | null = null;
  idsPerExpansion.forEach((perExpansion, i) => {
    const seen = new Map<string, number>();
    perExpansion.forEach((ids, j) => {
      for (const id of ids) {
        if (scores && !scores.has(id)) continue;
        seen.set(id, Math.max(seen.get(id) ?? 0, expansions[i][j].quality));
      }
    });
    if (scores) for (const [id, score] of seen) seen.set(id, score + scores.get(id)!);
    scores = seen;
  });
  const byScore = [...(scores ?? new Map<string, number>())].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  // Score ranks first, so a name scoring below the limit-th cannot be shown: only the records of those tied with it or better are read.
  const cut = byScore.length > limit ? byScore[limit - 1][1] : -Infinity;
  const ranked = byScore.filter(([, s]) => s >= cut).slice(0, MAX_RANKED_ENTITIES);
  const score = new Map(ranked);
  const records = (await entityRecords(db, ranked.map(([id]) => id))).filter((e): e is EntityRecord => e !== undefined);
  const exact = query.trim().toLowerCase();
  return records
    .sort(
      (a, b) =>
        score.get(b.id)! - score.get(a.id)! ||
        Number(b.keys.includes(exact)) - Number(a.keys.includes(exact)) ||
        b.quoteCount + b.articleCount - (a.quoteCount + a.articleCount) ||
        a.name.localeCompare(b.name),
    )
    .slice(0, limit);
}

/** Offsets of the words in `text` that the query matched. */
function spansOf(text: string, words: Set<string>, offset = 0): Array<[number, number]> {
  return tokenize(text)
    .filter((t) => words.has(t.word))
    .map((t): [number, number] => [offset + t.start, offset + t.end]);
}

/**
 * The matched words' offsets in the first paragraph of `text` that has any:
 * a snippet shows that paragraph alone, and words cannot cross a line, so
 * the rest of a long article need not be tokenized.
 */
function spansOfFirstParagraph(text: string, words: Set<string>): Array<[number, number]> {
  const wordList = [...words];
  for (let start = 0; start <= text.length; ) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    if (end !== -1 && !mayHoldAny(line, wordList)) {
      start = end + 1;
      continue;
    }
    const spans = spansOf(line, words, start);
    if (spans.length > 0 || end === -1) return spans;
    start = end + 1;
  }
  return [];
}

/**
 * Printable ASCII, and the typographic punctuation of news text (curly
 * quotes, dashes, ellipsis, no-break space): letters folded by lower-casing
 * alone, and the one such mark a token may hold, ’, folded to '.
 */
const ASCII_LETTERS_LINE = /^[\x20-\x7e\u00a0‘’“”–—…]*$/;

/**
 * False only when `line` cannot hold any of `words` as a token: such a
 * line's tokens, folded, are substrings of the line lower-cased with ’ made
 * ', so a word not in that is not among them. Tokenizing every line before
 * the first match was most of a search's own time for long articles.
 */
function mayHoldAny(line: string, words: string[]): boolean {
  if (!ASCII_LETTERS_LINE.test(line)) return true;
  const folded = line.toLowerCase().replaceAll('’', "'");
  return words.some((word) => folded.includes(word));
}

/**
 * A window of text around the first match, inside its paragraph and cut at
 * word boundaries, with every match inside it marked.
 */
export function snippet(
  text: string,
  spans: Array<[number, number]>,
  contextBefore = SNIPPET_CONTEXT,
  contextAfter = SNIPPET_CONTEXT * 2,
): Snippet {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const first = sorted[0] ?? [0, 0];
  let start = Math.max(0, first[0] - contextBefore);
  let end = Math.min(text.length, first[1] + contextAfter);
  // Cut at word boundaries and inside one paragraph.
  const paragraphStart = text.lastIndexOf('\n', first[0] - 1) + 1;
  const paragraphEnd = text.indexOf('\n', first[1]);
  start = Math.max(start, paragraphStart);
  if (paragraphEnd !== -1) end = Math.min(end, paragraphEnd);
  if (start > paragraphStart) start = text.indexOf(' ', start) + 1 || start;
  if (end < (paragraphEnd === -1 ? text.length : paragraphEnd)) end = text.lastIndexOf(' ', end) > first[1] ? text.lastIndexOf(' ', end) : end;
  const prefix = start > paragraphStart ? '…' : '';
  const suffix = end < (paragraphEnd === -1 ? text.length : paragraphEnd) ? '…' : '';
  const marks = sorted
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): [number, number] => [s - start + prefix.length, e - start + prefix.length]);
  return { text: prefix + text.slice(start, end) + suffix, marks };
}

/**
 * Reads what a search needs whatever its words, the segments' text lists
 * (numbers → texts), the vocabulary and the entities (their names, looked up
 * at every keystroke), and keeps them as the index's readers do: the popup
 * calls it as it opens, so its first keystroke reads only its words' buckets
 * and the texts shown. The entities are held again after any change to them.
 */
export async function warmSearch(db: BackstoryDb): Promise<void> {
  entitiesHeldFor.add(db.name);
  await Promise.all([segmentReader(db).docs(await db.searchSegments.toCollection().primaryKeys()), warmVocabulary(db), holdEntities(db)]);
}

/** What the corpus holds, for the popup's empty state. */
export interface CorpusCounts {
  articles: number;
  quotes: number;
  people: number;
  places: number;
  organisations: number;
}

/** Counts by index, without reading the records. */
export async function corpusCounts(db: BackstoryDb): Promise<CorpusCounts> {
  const [articles, quotes, people, places, organisations] = await Promise.all([
    db.articles.count(),
    db.quotes.count(),
    db.entities.where('type').equals('person').count(),
    db.entities.where('type').equals('place').count(),
    db.entities.where('type').equals('org').count(),
  ]);
  return { articles, quotes, people, places, organisations };
}
