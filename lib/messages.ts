/**
 * The one protocol between extension contexts. Every message is declared here,
 * typed, and validated on receipt: a content script runs beside a hostile page,
 * so the background trusts nothing it did not check.
 */
import type { EntityType } from './analysis/types';
import { MAX_READ_CHARS } from './char-budget';

/** What a caught error says, for the user to read. */
export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface CorpusStatus {
  state: 'empty' | 'loading' | 'ready' | 'error';
  articles: number;
  /** Problems met while loading (a skipped file, say), for the user to read. */
  errors: string[];
  /** How long the last load took, from reading the files to the committed transaction. */
  loadMs?: number;
  /** Words the last load analysed (with loadMs: the load's throughput). */
  words?: number;
  /** Batches of the last load analysed then, not taken from the build's analyses. */
  analysedBatches?: number;
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

/**
 * Where a save from the context menu or the keyboard leaves its outcome for the
 * popup (session storage: gone when the browser closes). Here, not beside the
 * popup's component, so the background does not bundle Preact to read it.
 */
export const LAST_SAVE_KEY = 'backstory.lastSave';

export interface Protocol {
  'corpus/status': { request: Record<never, never>; response: CorpusStatus };
  /**
   * A page script: its document is ready (document_idle); the background reads it if Backstory is on there.
   * `pieces`: a top document's prose, read at once (its first allowance is always whole: lib/in-page/read-document.ts).
   */
  'page/ready': { request: { pieces?: string[] }; response: boolean };
  /**
   * `text`: a page's prose, or a piece of it; the background finds the candidate
   * names in it, off the page's main thread. `seen`: entities the page already
   * named in full, so a bare surname can resolve to them.
   */
  'names/match': { request: { text: string; seen?: string[] }; response: NameMatch[] };
  /** The reader saw the page change: the background injects the names script there (if Backstory is still on). */
  'names/load': { request: Record<never, never>; response: boolean };
  /** The card's data, for an entity matched in the asking document only. */
  'entity/card': { request: { entityId: string }; response: EntityCard | null };
  /** The card's "Open in side panel", for an entity matched in the asking document only. */
  'card/sidepanel': { request: { entityId: string }; response: boolean };
  /** The popup's results: opens the side panel on an entity, an article or a search. */
  'sidepanel/open': { request: { entityId?: string; articleId?: string; query?: string }; response: boolean };
  /** The card's "Search in popup": opens the popup on a search (in Firefox, which cannot open it, the side bar's search); false where neither opened. */
  'popup/open': { request: { query: string }; response: boolean };
  /** The popup's "Save this page": extracts and stores the article in `tabId` (the tab the popup was opened over). */
  'page/save': { request: { tabId: number }; response: SaveOutcome };
}

export type MessageType = keyof Protocol;
export type Request<T extends MessageType = MessageType> = { type: T } & Protocol[T]['request'];
export type Response<T extends MessageType> = Protocol[T]['response'];

/**
 * Most page text one request may carry: a longer page asks in several, each
 * sent in a task of its own (sending 100,000 characters measured 2–3 ms).
 */
export const MAX_TEXT_CHARS = 100_000;
/** Most entity ids a page may send as already named in full (the scanner drops its oldest past this). */
export const MAX_SEEN_PER_REQUEST = 5_000;
/** Longest candidate name worth looking up; anything longer is not a name. */
export const MAX_CANDIDATE_LENGTH = 120;
/** Longest id (entity, article): stored ids are a type and a slug of a name or a hash, well under this. */
export const MAX_ID_LENGTH = 200;
/** Longest search a message may carry: the side panel's and popup's search fields ask for names and a few words. */
export const MAX_QUERY_LENGTH = 500;

/**
 * Who may send each message. 'page': Backstory's page scripts, from a frame
 * of a tab showing an http(s) page. 'extension': Backstory's own pages
 * (popup, side panel, options), whose URL is the extension's. A content
 * script runs beside a hostile page (and a compromised renderer can speak for
 * it), so what it may ask is kept to what the page scripts need.
 */
export type Origin = 'page' | 'extension';
export const MESSAGE_ORIGINS: { readonly [T in MessageType]: Origin } = {
  'corpus/status': 'extension',
  'page/ready': 'page',
  'names/match': 'page',
  'names/load': 'page',
  'entity/card': 'page',
  'card/sidepanel': 'page',
  'sidepanel/open': 'extension',
  'popup/open': 'page',
  'page/save': 'extension',
};

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

/** What a sender is: a page script in a tab's http(s) frame, one of the extension's pages (`extensionUrl`, its root URL), or neither. */
export function originOf(sender: Sender, extensionUrl: string): Origin | null {
  if (sender.url?.startsWith(extensionUrl)) return 'extension';
  if (sender.tabId !== undefined && sender.frameId !== undefined && /^https?:\/\//.test(sender.url ?? '')) return 'page';
  return null;
}

/** A field's checked value, or why it was refused. */
type Check<V> = { value: V } | { error: string };
type Fields<T extends MessageType> = { [K in keyof Protocol[T]['request']]-?: (v: unknown) => Check<Protocol[T]['request'][K]> };

const text = (max: number, optional = false) => (v: unknown): Check<string | undefined> => {
  if (v === undefined && optional) return { value: undefined };
  if (typeof v !== 'string') return { error: 'not a string' };
  return v.length <= max ? { value: v } : { error: `longer than ${max} characters` };
};
const ids = (maxItems: number) => (v: unknown): Check<string[] | undefined> => {
  if (v === undefined) return { value: undefined };
  if (!Array.isArray(v)) return { error: 'not a list' };
  if (v.length > maxItems) return { error: `more than ${maxItems} items` };
  return v.every((id) => typeof id === 'string' && id.length <= MAX_ID_LENGTH) ? { value: v as string[] } : { error: `not a list of ids of at most ${MAX_ID_LENGTH} characters` };
};
/** Pieces of a page's prose: each within a request's limit, together within a first read's allowance. */
const prosePieces = (v: unknown): Check<string[] | undefined> => {
  if (v === undefined) return { value: undefined };
  if (!Array.isArray(v) || !v.every((piece) => typeof piece === 'string' && piece.length <= MAX_TEXT_CHARS)) return { error: `not a list of texts of at most ${MAX_TEXT_CHARS} characters` };
  return v.reduce((n: number, piece: string) => n + piece.length, 0) <= MAX_READ_CHARS ? { value: v as string[] } : { error: `longer than ${MAX_READ_CHARS} characters in all` };
};
const tabIdField = (v: unknown): Check<number> => (Number.isSafeInteger(v) && (v as number) >= 0 ? { value: v as number } : { error: 'not a tab id' });

/** The fields of each request and their checks: everything else a message carries is dropped. */
const FIELDS: { [T in MessageType]: Fields<T> } = {
  'corpus/status': {},
  'page/ready': { pieces: prosePieces },
  'names/match': { text: text(MAX_TEXT_CHARS) as (v: unknown) => Check<string>, seen: ids(MAX_SEEN_PER_REQUEST) },
  'names/load': {},
  'entity/card': { entityId: text(MAX_ID_LENGTH) as (v: unknown) => Check<string> },
  'card/sidepanel': { entityId: text(MAX_ID_LENGTH) as (v: unknown) => Check<string> },
  'sidepanel/open': { entityId: text(MAX_ID_LENGTH, true), articleId: text(MAX_ID_LENGTH, true), query: text(MAX_QUERY_LENGTH, true) },
  'popup/open': { query: text(MAX_CANDIDATE_LENGTH) as (v: unknown) => Check<string> },
  'page/save': { tabId: tabIdField },
};

export type Parsed = { ok: true; request: Request } | { ok: false; error: string };

/**
 * The request rebuilt from its checked fields (unknown fields dropped), or
 * why it is refused: not an object, an unknown type, a field of the wrong
 * type or too long, or a sender the type is not for (`origin`, from originOf).
 */
export function parseRequest(raw: unknown, origin: Origin | null): Parsed {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: 'Malformed message: not an object' };
  const message = raw as Record<string, unknown>;
  const type = message.type;
  if (typeof type !== 'string' || !Object.hasOwn(FIELDS, type)) return { ok: false, error: 'Malformed message: unknown type' };
  const allowed = MESSAGE_ORIGINS[type as MessageType];
  if (origin !== allowed) {
    return { ok: false, error: `Not allowed: “${type}” is only accepted from ${allowed === 'page' ? 'Backstory’s page scripts in a web page' : 'Backstory’s own pages'}` };
  }
  const request: Record<string, unknown> = { type };
  for (const [field, check] of Object.entries(FIELDS[type as MessageType] as Record<string, (v: unknown) => Check<unknown>>)) {
    const checked = check(message[field]);
    if ('error' in checked) return { ok: false, error: `Malformed message: “${type}” field “${field}” is ${checked.error}` };
    if (checked.value !== undefined) request[field] = checked.value;
  }
  return { ok: true, request: request as Request };
}

export type Handlers = {
  [T in MessageType]: (request: Request<T>, sender: Sender) => Promise<Response<T>> | Response<T>;
};

/** What travels back: a value, or the reason there is none. */
export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Runs the handler for a request that passed validation, from a sender its
 * type is for (`extensionUrl`: the extension's root URL); never rejects.
 */
export async function respond(handlers: Handlers, raw: unknown, sender: Sender, extensionUrl: string): Promise<Reply> {
  const parsed = parseRequest(raw, originOf(sender, extensionUrl));
  if (!parsed.ok) return { ok: false, error: parsed.error };
  try {
    const handler = handlers[parsed.request.type] as (r: Request, s: Sender) => unknown;
    return { ok: true, value: await handler(parsed.request, sender) };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
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
