/**
 * The one protocol between extension contexts. Every message is declared here,
 * typed, and validated on receipt: a content script runs beside a hostile page,
 * so the background trusts nothing it did not check.
 */
import type { EntityType } from './analysis/types';

export interface CorpusStatus {
  state: 'empty' | 'loading' | 'ready' | 'error';
  articles: number;
  /** Problems met while loading (a skipped file, say), for the user to read. */
  errors: string[];
  /** How long the last load took, from reading the files to the committed transaction. */
  loadMs?: number;
  /** Words the last load analysed (with loadMs: the load's throughput). */
  words?: number;
  /** While loading: files stored of all, and words analysed so far. */
  progress?: { filesDone: number; filesTotal: number; words: number };
}

/** A name found on a page that the corpus knows. */
export interface NameMatch {
  /** The matched text as the page wrote it: all of a candidate, or the part of it that names the entity. */
  text: string;
  entityId: string;
  type: EntityType;
  /** Index of the candidate the name was found in (among those of the request's text), and its [start, end) within that candidate. */
  candidate: number;
  start: number;
  end: number;
  /**
   * Known only from the user's own articles, and the user has not asked for
   * those to be marked: the names script keeps it for hover, out of
   * `CSS.highlights` (which page scripts can read).
   */
  hidden?: boolean;
}

/** A quote as the hover card shows it, with the article it came from. */
export interface CardQuote {
  id: string;
  text: string;
  articleId: string;
  /** The article's title, or its opening words when it has none. */
  articleTitle: string | null;
  date: string | null;
  /** Who said it: the entity's name, or the text's description of the speaker. */
  speaker: string | null;
}

export interface CardArticle {
  id: string;
  /** The title, or the opening words when the article has none. */
  title: string | null;
  date: string | null;
}

/** What the hover card shows about one entity: most recent first, capped lists and full counts. */
export interface EntityCard {
  id: string;
  name: string;
  type: EntityType;
  /** The role seen most often beside the name ("Polish Prime Minister"), if any. */
  role: string | null;
  aliases: string[];
  quotesBy: CardQuote[];
  quotesAbout: CardQuote[];
  articles: CardArticle[];
  counts: { quotesBy: number; quotesAbout: number; articles: number };
  /** Known only from the user's own articles: such names are not underlined on pages unless the user chose to (the card says why). */
  userOnly: boolean;
}

/** What "Save this page" did: the article and what was found in it, or why nothing was saved. */
export type SaveOutcome =
  | { ok: true; title: string; articleId: string; updated: boolean; found: { person: number; place: number; org: number; quotes: number } }
  | { ok: false; error: string };

export interface Protocol {
  'corpus/status': { request: Record<never, never>; response: CorpusStatus };
  /**
   * `text`: a page's prose, or a piece of it; the background finds the candidate
   * names in it, off the page's main thread. `seen`: entities the page already
   * named in full, so a bare surname can resolve to them.
   */
  'names/match': { request: { text: string; seen?: string[] }; response: NameMatch[] };
  /** The reader saw the page change: the background injects the names script there (if Backstory is still on). */
  'names/load': { request: Record<never, never>; response: boolean };
  'entity/card': { request: { entityId: string }; response: EntityCard | null };
  'sidepanel/open': { request: { entityId?: string; articleId?: string; query?: string }; response: boolean };
  /** Opens the popup on a search; false where the browser does not let an extension open it. */
  'popup/open': { request: { query: string }; response: boolean };
  /** The popup's "Save this page": extracts and stores the article in `tabId` (the tab the popup was opened over). */
  'page/save': { request: { tabId: number }; response: SaveOutcome };
}

export type MessageType = keyof Protocol;
export type Request<T extends MessageType = MessageType> = { type: T } & Protocol[T]['request'];
export type Response<T extends MessageType> = Protocol[T]['response'];

const isString = (v: unknown): v is string => typeof v === 'string';
const isOptionalString = (v: unknown) => v === undefined || isString(v);

/**
 * Most page text one request may carry: a longer page asks in several, each
 * sent in a task of its own (sending 100,000 characters measured 2–3 ms).
 */
export const MAX_TEXT_CHARS = 100_000;
/** Most entity ids a page may send as already named in full. */
export const MAX_SEEN_PER_REQUEST = 5_000;
/** Longest candidate name worth looking up; anything longer is not a name. */
export const MAX_CANDIDATE_LENGTH = 120;

const validators: { [T in MessageType]: (m: Record<string, unknown>) => boolean } = {
  'corpus/status': () => true,
  'names/match': (m) =>
    isString(m.text) &&
    m.text.length <= MAX_TEXT_CHARS &&
    (m.seen === undefined ||
      (Array.isArray(m.seen) && m.seen.length <= MAX_SEEN_PER_REQUEST && m.seen.every((id) => isString(id) && id.length < 200))),
  'names/load': () => true,
  'entity/card': (m) => isString(m.entityId) && m.entityId.length < 200,
  'sidepanel/open': (m) => isOptionalString(m.entityId) && isOptionalString(m.articleId) && isOptionalString(m.query),
  'popup/open': (m) => isString(m.query) && m.query.length <= MAX_CANDIDATE_LENGTH,
  'page/save': (m) => Number.isSafeInteger(m.tabId),
};

/** Returns the message as a typed request when it is well formed, else null. */
export function parseRequest(raw: unknown): Request | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const message = raw as Record<string, unknown>;
  const type = message.type;
  if (!isString(type) || !Object.hasOwn(validators, type)) return null;
  return validators[type as MessageType](message) ? (message as unknown as Request) : null;
}

/** Who sent a request, as far as the browser vouches for it. */
export interface Sender {
  tabId?: number;
  windowId?: number;
  /** The sending frame's URL; undefined for extension pages without a tab. */
  url?: string;
  /** The URL of the sending frame's tab (its top document). */
  tabUrl?: string;
  frameId?: number;
  /** The sending document (Chromium); a reply to it cannot reach a document that replaced it. */
  documentId?: string;
}

export type Handlers = {
  [T in MessageType]: (request: Request<T>, sender: Sender) => Promise<Response<T>> | Response<T>;
};

/** What travels back: a value, or the reason there is none. */
export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

/** Runs the handler for a request that passed validation; never rejects. */
export async function respond(handlers: Handlers, raw: unknown, sender: Sender = {}): Promise<Reply> {
  const request = parseRequest(raw);
  if (!request) return { ok: false, error: 'Malformed message' };
  try {
    const handler = handlers[request.type] as (r: Request, s: Sender) => unknown;
    return { ok: true, value: await handler(request, sender) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Sends a request through `send` (runtime.sendMessage) and unwraps the reply,
 * turning a missing reply (the service worker was restarting) into an error.
 */
export async function request<T extends MessageType>(
  send: (message: unknown) => Promise<unknown>,
  message: Request<T>,
): Promise<Response<T>> {
  const reply = (await send(message)) as Reply<Response<T>> | undefined;
  if (!reply || typeof reply !== 'object') throw new Error('Backstory’s background did not answer');
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
