import { describe, expect, it } from 'vitest';
import { MAX_READ_CHARS } from '../../lib/char-budget';
import { MAX_CANDIDATE_LENGTH, MAX_ID_LENGTH, MAX_QUERY_LENGTH, MAX_SEEN_PER_REQUEST, MAX_TEXT_CHARS, MESSAGE_ORIGINS, originOf, parseRequest, respond, type Handlers } from '../../lib/messages';

const EXTENSION = 'chrome-extension://abcdef/';
const FRAME = { tabId: 4, frameId: 2, url: 'https://news.example/story', tabUrl: 'https://news.example/' };

describe('who sent a message', () => {
  it('tells a page script in a tab’s http(s) frame from the extension’s own pages, and refuses anything else', () => {
    expect(originOf(FRAME, EXTENSION)).toBe('page');
    expect(originOf({ url: `${EXTENSION}popup.html` }, EXTENSION)).toBe('extension');
    // The options page or side panel open in a tab is still one of the extension's pages.
    expect(originOf({ tabId: 9, frameId: 0, url: `${EXTENSION}options.html` }, EXTENSION)).toBe('extension');
    expect(originOf({ ...FRAME, url: 'file:///etc/passwd' }, EXTENSION)).toBeNull();
    expect(originOf({ ...FRAME, url: 'chrome-extension://other/page.html' }, EXTENSION)).toBeNull();
    expect(originOf({ url: 'https://news.example/' }, EXTENSION)).toBeNull(); // no tab
    expect(originOf({}, EXTENSION)).toBeNull();
  });

  it('accepts each type only from the senders it is for', () => {
    for (const [type, origin] of Object.entries(MESSAGE_ORIGINS)) {
      const other = origin === 'page' ? 'extension' : 'page';
      const parsed = parseRequest({ type }, other);
      expect(parsed, type).toEqual({ ok: false, error: expect.stringContaining('Not allowed') });
      expect(parseRequest({ type }, null).ok, type).toBe(false);
    }
    expect(parseRequest({ type: 'entity/card', entityId: 'person:x' }, 'extension')).toMatchObject({ ok: false, error: expect.stringContaining('page scripts') });
    expect(parseRequest({ type: 'page/save', tabId: 3 }, 'page')).toMatchObject({ ok: false, error: expect.stringContaining('own pages') });
  });
});

describe('requests rebuilt from their checked fields', () => {
  it('drops unknown fields and keeps the known ones', () => {
    const parsed = parseRequest({ type: 'names/match', text: 'Donald Tusk', seen: ['person:a'], extra: 'x', __proto__x: 1 }, 'page');
    expect(parsed).toEqual({ ok: true, request: { type: 'names/match', text: 'Donald Tusk', seen: ['person:a'] } });
    expect(parseRequest({ type: 'sidepanel/open', articleId: 'a1', windowId: 7 }, 'extension')).toEqual({ ok: true, request: { type: 'sidepanel/open', articleId: 'a1' } });
  });

  it('refuses wrong types, naming the field', () => {
    expect(parseRequest({ type: 'names/match', text: 42 }, 'page')).toEqual({ ok: false, error: expect.stringMatching(/“text” is not a string/) });
    expect(parseRequest({ type: 'names/match', text: 'x', seen: 'person:a' }, 'page')).toMatchObject({ ok: false, error: expect.stringContaining('“seen” is not a list') });
    expect(parseRequest({ type: 'names/match', text: 'x', seen: [1] }, 'page').ok).toBe(false);
    expect(parseRequest({ type: 'page/save', tabId: '3' }, 'extension').ok).toBe(false);
    expect(parseRequest({ type: 'page/save', tabId: -1 }, 'extension').ok).toBe(false);
    expect(parseRequest({ type: 'sidepanel/open', query: {} }, 'extension').ok).toBe(false);
    expect(parseRequest({ type: 'nope' }, 'page')).toMatchObject({ ok: false, error: expect.stringContaining('unknown type') });
    expect(parseRequest({ type: 'toString' }, 'page').ok).toBe(false);
    expect(parseRequest(null, 'page').ok).toBe(false);
    expect(parseRequest(['names/match'], 'page').ok).toBe(false);
  });

  it('caps every string field and list', () => {
    const at = (max: number) => 'x'.repeat(max);
    const cases: Array<[Record<string, unknown>, 'page' | 'extension', string, number]> = [
      [{ type: 'names/match' }, 'page', 'text', MAX_TEXT_CHARS],
      [{ type: 'entity/card' }, 'page', 'entityId', MAX_ID_LENGTH],
      [{ type: 'card/sidepanel' }, 'page', 'entityId', MAX_ID_LENGTH],
      [{ type: 'popup/open' }, 'page', 'query', MAX_CANDIDATE_LENGTH],
      [{ type: 'sidepanel/open' }, 'extension', 'entityId', MAX_ID_LENGTH],
      [{ type: 'sidepanel/open' }, 'extension', 'articleId', MAX_ID_LENGTH],
      [{ type: 'sidepanel/open' }, 'extension', 'query', MAX_QUERY_LENGTH],
    ];
    for (const [message, origin, field, max] of cases) {
      expect(parseRequest({ ...message, [field]: at(max) }, origin).ok, `${message.type} ${field}`).toBe(true);
      expect(parseRequest({ ...message, [field]: at(max + 1) }, origin), `${message.type} ${field}`).toEqual({ ok: false, error: expect.stringContaining(`longer than ${max}`) });
    }
    const seen = (n: number) => Array.from({ length: n }, (_, i) => `person:${i}`);
    expect(parseRequest({ type: 'names/match', text: '', seen: seen(MAX_SEEN_PER_REQUEST) }, 'page').ok).toBe(true);
    expect(parseRequest({ type: 'names/match', text: '', seen: seen(MAX_SEEN_PER_REQUEST + 1) }, 'page').ok).toBe(false);
    expect(parseRequest({ type: 'names/match', text: '', seen: [at(MAX_ID_LENGTH + 1)] }, 'page').ok).toBe(false);
  });

  it('takes a top document’s prose with its ready note only as texts within a request’s limit, a first read’s in all', () => {
    const pieces = (n: number, size = MAX_TEXT_CHARS) => Array.from({ length: n }, () => 'x'.repeat(size));
    const whole = MAX_READ_CHARS / MAX_TEXT_CHARS;
    expect(parseRequest({ type: 'page/ready' }, 'page')).toEqual({ ok: true, request: { type: 'page/ready' } });
    expect(parseRequest({ type: 'page/ready', pieces: pieces(whole) }, 'page')).toEqual({ ok: true, request: { type: 'page/ready', pieces: pieces(whole) } });
    expect(parseRequest({ type: 'page/ready', pieces: [...pieces(whole), 'x'] }, 'page')).toEqual({ ok: false, error: expect.stringContaining(`longer than ${MAX_READ_CHARS} characters in all`) });
    for (const bad of ['some prose', [42], pieces(1, MAX_TEXT_CHARS + 1)]) expect(parseRequest({ type: 'page/ready', pieces: bad }, 'page').ok).toBe(false);
    // The prose of a page only: an extension page's note is refused.
    expect(parseRequest({ type: 'page/ready', pieces: ['Donald Tusk'] }, 'extension').ok).toBe(false);
  });
});

describe('respond', () => {
  const handlers = {
    'corpus/status': () => ({ state: 'ready', articles: 1, errors: [] }),
    'entity/card': (request: unknown) => request,
  } as unknown as Handlers;

  it('hands the handler the rebuilt request, and answers a refused one with its reason without running it', async () => {
    expect(await respond(handlers, { type: 'entity/card', entityId: 'person:a', evil: true }, FRAME, EXTENSION)).toEqual({ ok: true, value: { type: 'entity/card', entityId: 'person:a' } });
    expect(await respond(handlers, { type: 'corpus/status' }, FRAME, EXTENSION)).toEqual({ ok: false, error: expect.stringContaining('Not allowed') });
    expect(await respond(handlers, { type: 'corpus/status' }, { url: `${EXTENSION}popup.html` }, EXTENSION)).toMatchObject({ ok: true, value: { state: 'ready' } });
  });
});
