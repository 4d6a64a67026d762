import { describe, expect, it } from 'vitest';
import { articleText } from '../../lib/corpus/article';
import { articleHeading, formatCitation, formatDate } from '../../lib/ui/format';
import { formatRoute, parseHash, routeForTarget, viewKey, ViewStack, type Route } from '../../lib/ui/sidepanel/router';
import { paragraphPieces } from '../../lib/ui/sidepanel/segments';
import { handoffFor, HANDOFF_MAX_AGE_MS } from '../../lib/ui/sidepanel/handoff';

describe('dates and headings', () => {
  it('writes ISO dates as "22 November 2024", anything else as undated', () => {
    expect(formatDate('2024-11-22')).toBe('22 November 2024');
    expect(formatDate('2024-08-06')).toBe('6 August 2024');
    expect(formatDate(null)).toBe('undated');
    expect(formatDate('2024-13-01')).toBe('undated');
    expect(formatDate('Friday')).toBe('undated');
  });

  it('falls back to the first sentence of an untitled article, not cut at abbreviations', () => {
    expect(articleHeading({ title: 'Headline', paragraphs: ['Body.'] })).toBe('Headline');
    expect(articleHeading({ title: null, paragraphs: ['Troops crossed on Aug. 6 near Kursk. More followed.'] })).toBe(
      'Troops crossed on Aug. 6 near Kursk.',
    );
    const long = articleHeading({ title: null, paragraphs: [`${'word '.repeat(60)}end.`] });
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long.endsWith('…')).toBe(true);
    expect(articleHeading({ title: '  ', paragraphs: [] })).toBe('Untitled article');
  });
});

describe('citations', () => {
  const article = { title: 'US considers crossing red lines', paragraphs: ['Body.'], date: '2024-11-22' };

  it('formats quote, speaker, article title and date', () => {
    expect(formatCitation({ text: 'those bases ought to be fair game.', speaker: 'Victoria Nuland', article })).toBe(
      '“those bases ought to be fair game.” — Victoria Nuland, in “US considers crossing red lines”, 22 November 2024',
    );
  });

  it('uses the first sentence and "undated" when the article has neither title nor date', () => {
    expect(
      formatCitation({ text: ' one iota. ', speaker: 'Donald Tusk', article: { title: null, date: null, paragraphs: ['Kyiv’s allies wait. More.'] } }),
    ).toBe('“one iota.” — Donald Tusk, in “Kyiv’s allies wait.”, undated');
  });

  it('names an unknown speaker as such rather than leaving a gap', () => {
    expect(formatCitation({ text: 'x', speaker: null, article })).toContain('— unknown speaker, in');
  });
});

describe('routes', () => {
  const routes: Route[] = [
    { view: 'home' },
    { view: 'entity', id: 'person:donald-tusk' },
    { view: 'entity', id: 'person:donald-tusk', about: 'Ukraine war' },
    { view: 'article', id: 'bundled:004_239aa930d73cefa9.txt#0' },
    { view: 'article', id: 'bundled:a.txt#2', quote: 'bundled:a.txt#2#1234' },
    { view: 'search', q: 'Tusk on Ukraine & more?' },
    { view: 'lookup', q: 'Zelenskiy' },
  ];

  it('round-trips every view through the hash', () => {
    for (const route of routes) expect(parseHash(formatRoute(route))).toEqual(route);
  });

  it('keeps ids readable in the hash but escapes what would break it', () => {
    expect(formatRoute({ view: 'entity', id: 'person:donald-tusk' })).toBe('#/entity/person:donald-tusk');
    expect(formatRoute({ view: 'article', id: 'bundled:a b.txt#0' })).toBe('#/article/bundled:a%20b.txt%230');
  });

  it('reads hand-written hashes and falls back home on nonsense', () => {
    expect(parseHash('#/entity/person:donald-tusk')).toEqual({ view: 'entity', id: 'person:donald-tusk' });
    expect(parseHash('#/search?q=Tusk+Ukraine')).toEqual({ view: 'search', q: 'Tusk Ukraine' });
    expect(parseHash('')).toEqual({ view: 'home' });
    expect(parseHash('#/entity/')).toEqual({ view: 'home' });
    expect(parseHash('#/search?q=')).toEqual({ view: 'home' });
    expect(parseHash('#/article/%E0%A4%A')).toEqual({ view: 'home' });
    expect(parseHash('#/elsewhere/x')).toEqual({ view: 'home' });
  });

  it('keeps a profile the same view while its filter changes', () => {
    expect(viewKey({ view: 'entity', id: 'a', about: 'x' })).toBe(viewKey({ view: 'entity', id: 'a' }));
    expect(viewKey({ view: 'entity', id: 'a' })).not.toBe(viewKey({ view: 'entity', id: 'b' }));
    expect(viewKey({ view: 'search', q: 'x' })).not.toBe(viewKey({ view: 'search', q: 'y' }));
  });

  it('maps open requests to views, entity first', () => {
    expect(routeForTarget({ entityId: 'e', articleId: 'a', query: 'q' })).toEqual({ view: 'entity', id: 'e' });
    expect(routeForTarget({ articleId: 'a', query: 'q' })).toEqual({ view: 'article', id: 'a' });
    expect(routeForTarget({ query: ' q ' })).toEqual({ view: 'search', q: 'q' });
    expect(routeForTarget({ lookup: 'Tusk' })).toEqual({ view: 'lookup', q: 'Tusk' });
    expect(routeForTarget({})).toEqual({ view: 'home' });
  });
});

describe('view stack', () => {
  it('goes back and forward, and a new view drops the forward entries', () => {
    const stack = new ViewStack('#/');
    expect(stack.canGoBack).toBe(false);
    expect(stack.push('#/entity/a')).toBe(1);
    expect(stack.push('#/article/x')).toBe(2);
    stack.moveTo(1, '#/entity/a');
    expect(stack.hash).toBe('#/entity/a');
    expect(stack.canGoBack && stack.canGoForward).toBe(true);
    stack.push('#/entity/b');
    expect(stack.canGoForward).toBe(false);
    stack.moveTo(0, '#/');
    expect(stack.canGoForward).toBe(true);
  });

  it('does not stack the same view twice and replaces resolved lookups in place', () => {
    const stack = new ViewStack('#/');
    expect(stack.push('#/')).toBeNull();
    stack.push('#/lookup?q=Tusk');
    stack.replace('#/entity/person%3Adonald-tusk');
    expect(stack.index).toBe(1);
    expect(stack.hash).toBe('#/entity/person%3Adonald-tusk');
  });

  it('treats a hash from outside the stack as a new view', () => {
    const stack = new ViewStack('#/');
    stack.moveTo(undefined, '#/search?q=x');
    expect(stack.index).toBe(1);
    stack.moveTo(7, '#/entity/z');
    expect(stack.hash).toBe('#/entity/z');
    expect(stack.canGoBack).toBe(true);
  });
});

describe('article markup', () => {
  const paragraphs = [
    'Polish Prime Minister Donald Tusk said Warsaw’s support had not moved “one iota.”',
    '“We support Ukraine,” Tusk said.',
  ];
  const text = articleText({ paragraphs });
  const at = (s: string, from = 0) => text.indexOf(s, from);
  const mentions = [
    { entityId: 'person:donald-tusk', start: at('Donald Tusk'), end: at('Donald Tusk') + 11 },
    { entityId: 'place:warsaw', start: at('Warsaw'), end: at('Warsaw') + 6 },
    { entityId: 'place:ukraine', start: at('Ukraine'), end: at('Ukraine') + 7 },
    { entityId: 'person:donald-tusk', start: at('Tusk said.'), end: at('Tusk said.') + 4 },
  ];
  const quotes = [
    { id: 'q1', start: at('one iota.'), end: at('one iota.') + 9 },
    { id: 'q2', start: at('We support'), end: at('We support') + 'We support Ukraine,'.length },
  ];

  it('splits per paragraph with offsets into the joined text, links names, wraps quotes with their marks', () => {
    const [first, second] = paragraphPieces(paragraphs, mentions, quotes);
    const flat = (pieces: typeof first) => pieces.map((p) => (p.kind === 'quote' ? p.runs.map((r) => r.text).join('') : p.text)).join('');
    expect(flat(first)).toBe(paragraphs[0]);
    expect(flat(second)).toBe(paragraphs[1]);
    expect(first.filter((p) => p.kind === 'text' && p.entityId).map((p) => p.kind === 'text' && p.text)).toEqual(['Donald Tusk', 'Warsaw']);
    expect(first.at(-1)).toEqual({ kind: 'quote', quoteId: 'q1', runs: [{ text: '“one iota.”' }] });
    expect(second[0]).toEqual({
      kind: 'quote',
      quoteId: 'q2',
      runs: [{ text: '“We support ' }, { text: 'Ukraine', entityId: 'place:ukraine' }, { text: ',”' }],
    });
    expect(second[2]).toEqual({ kind: 'text', text: 'Tusk', entityId: 'person:donald-tusk' });
  });

  it('keeps text whole when offsets are out of range or empty', () => {
    const [only] = paragraphPieces(['Plain text.'], [{ entityId: 'x', start: 50, end: 60 }], [{ id: 'q', start: 3, end: 3 }]);
    expect(only).toEqual([{ kind: 'text', text: 'Plain text.' }]);
  });
});

describe('handoff from the background', () => {
  const at = 1_000_000;
  it('is followed by the panel of its window while fresh', () => {
    const handoff = { hash: '#/entity/x', windowId: 3, at };
    expect(handoffFor(handoff, 3, at + 500)).toEqual(handoff);
    expect(handoffFor(handoff, undefined, at + 500)).toEqual(handoff);
    expect(handoffFor({ hash: '#/entity/x', at }, 7, at + 500)).not.toBeNull();
  });

  it('is ignored by other windows, when stale, or when malformed', () => {
    expect(handoffFor({ hash: '#/entity/x', windowId: 3, at }, 4, at)).toBeNull();
    expect(handoffFor({ hash: '#/entity/x', at }, 3, at + HANDOFF_MAX_AGE_MS + 1)).toBeNull();
    expect(handoffFor({ hash: 'javascript:alert(1)', at }, 3, at)).toBeNull();
    expect(handoffFor(undefined, 3, at)).toBeNull();
    expect(handoffFor('#/entity/x', 3, at)).toBeNull();
  });
});
