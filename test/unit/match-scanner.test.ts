// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { NameMatch } from '../../lib/messages';
import { MAX_TEXT_CHARS } from '../../lib/messages';
import { buildNameIndex, matchText, matchTexts } from '../../lib/lookup/name-index';
import { readerTexts } from '../../lib/lookup/reader-results';
import { MUTATION_DEBOUNCE_MS, PageScanner } from '../../lib/in-page/page-scanner';
import { packTexts } from '../../lib/text/pieces';
import { readText } from '../../lib/in-page/page-text';
import { READ_BUDGET_KEY, READ_OFFER_KEY, READER_KEY, readPage, takeReadBudget, type ReaderState } from '../../lib/in-page/page-reader';
import { offerReader } from '../../lib/in-page/read-document';
import type { PageMatch } from '../../lib/in-page/page-match';
import { createRateCap } from '../../lib/in-page/rate-cap';
import { MatchLookup } from '../../lib/in-page/hit-test';
import { TRICKLE_CHARS, TRICKLE_WINDOW_MS, type CharBudgetState } from '../../lib/char-budget';
import { MAX_SEEN_NAMES } from '../../lib/in-page/page-scanner';

const index = buildNameIndex([
  { id: 'person:donald-tusk', name: 'Donald Tusk', type: 'person', aliases: [] },
  { id: 'person:volodymyr-zelensky', name: 'Volodymyr Zelensky', type: 'person', aliases: ['Zelenskiy'] },
  { id: 'org:nato', name: 'NATO', type: 'org', aliases: ['Nato'] },
  { id: 'place:kyiv', name: 'Kyiv', type: 'place', aliases: [] },
]);

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup(options: { cap?: ReturnType<typeof createRateCap>; beforeAnswer?: () => void; budget?: CharBudgetState; now?: () => number } = {}) {
  const requests: string[] = [];
  const live = new Set<PageMatch>();
  const scanner = new PageScanner({
    doc: document,
    match: async (text: string, seen: string[]): Promise<NameMatch[]> => {
      requests.push(text);
      options.beforeAnswer?.();
      return matchText(index, text, seen);
    },
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id as number),
    yieldToPage: () => new Promise((r) => setTimeout(r, 0)),
    onAdded: (m) => m.forEach((x) => live.add(x)),
    onRemoved: (m) => m.forEach((x) => live.delete(x)),
    cap: options.cap,
    budget: options.budget,
    now: options.now,
  });
  const marked = () =>
    [...live].map((m) => {
      const r = document.createRange();
      r.setStart(m.start.node, m.start.offset);
      r.setEnd(m.end.node, m.end.offset);
      return `${r.toString()}=${m.entityId}`;
    });
  return { scanner, requests, live, marked };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('PageScanner', () => {
  it('marks names, possessives and split names without changing the page', async () => {
    document.body.innerHTML = '<p>Polish Prime Minister Donald <b>Tusk</b> met Zelenskiy’s team.</p><p>Later, Tusk spoke to Nato.</p><textarea>Donald Tusk</textarea>';
    const before = document.body.innerHTML;
    const { scanner, marked } = setup();
    await scanner.start();
    expect(marked().sort()).toEqual(['Donald Tusk=person:donald-tusk', 'Nato=org:nato', 'Tusk=person:donald-tusk', 'Zelenskiy=person:volodymyr-zelensky']);
    expect(document.body.innerHTML).toBe(before);
    scanner.stop();
  });

  it('reads a name within one line: inline tags join, blocks and <br> separate, a letter glued on makes another word', async () => {
    // Minified markup: the root's text runs the blocks together ("KyivTusk spokeDonaldTusk…").
    document.body.innerHTML =
      '<h2>Kyiv</h2><p>Tusk spoke</p><p>Donald</p><p>Tusk</p><p>Mc<b>Tusk</b></p><p>Donald<br>Tusk</p><p>Donald <b>Tusk</b></p><p>NatoTusk</p><ul><li>Kyiv</li><li>economy</li></ul><p>Kyivans and Tuskegee</p>';
    const { scanner, marked } = setup();
    await scanner.start();
    expect(marked().sort()).toEqual([
      'Donald Tusk=person:donald-tusk',
      'Kyiv=place:kyiv',
      'Kyiv=place:kyiv', // before <li>economy
      'Tusk=person:donald-tusk', // after </h2>
      'Tusk=person:donald-tusk', // after </p>
      'Tusk=person:donald-tusk', // after <br>
    ]);
    scanner.stop();
  });

  it('marks nothing in skipped elements, even where their text touches a name', async () => {
    document.body.innerHTML = `<p>Visible Tusk</p><script>var Tusk = 1</script><style>.Tusk{}</style><noscript>Tusk</noscript>
      <textarea>Tusk</textarea><select><option>Tusk</option></select><div contenteditable="true"><p>Tusk edit</p></div>
      <div contenteditable="false">Kept Tusk</div><div hidden>Hidden Tusk</div><p>Nato</p>`;
    const { scanner, marked } = setup();
    await scanner.start();
    const texts = [...document.querySelectorAll('p, div')].map((el) => el.textContent);
    expect(marked().sort()).toEqual(['Nato=org:nato', 'Tusk=person:donald-tusk', 'Tusk=person:donald-tusk']);
    expect(texts).toContain('Kept Tusk');
    scanner.stop();
  });

  it('yields to the page during a long scan and still marks every name', async () => {
    document.body.innerHTML = Array.from({ length: 3000 }, (_, i) => `<p>Item ${i}: Donald Tusk met <b>Nato</b></p>`).join('\n');
    let clock = 0;
    let yields = 0;
    const live = new Set<PageMatch>();
    const scanner = new PageScanner({
      doc: document,
      match: async (text, seen) => matchText(index, text, seen),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (id) => clearTimeout(id as number),
      yieldToPage: async () => void yields++,
      now: () => (clock += 3),
      onAdded: (m) => m.forEach((x) => live.add(x)),
      onRemoved: (m) => m.forEach((x) => live.delete(x)),
    });
    await scanner.start();
    expect(yields).toBeGreaterThan(1);
    expect(live.size).toBe(6000);
    scanner.stop();
  });

  it('rescans text the page edited while the background was answering', async () => {
    document.body.innerHTML = '<p id="p">Donald Tusk spoke</p>';
    const p = document.getElementById('p')!;
    const { scanner, marked, requests } = setup({
      beforeAnswer: () => {
        if (requests.length === 1) (p.firstChild as Text).data = 'Today Donald Tusk spoke';
      },
    });
    await scanner.start();
    expect(marked()).toEqual([]); // offsets moved: nothing marked at the wrong place
    await wait(MUTATION_DEBOUNCE_MS + 30);
    await scanner.idle();
    expect(marked()).toEqual(['Donald Tusk=person:donald-tusk']);
    scanner.stop();
  });

  it('sends the page’s prose once, with scripts and styles cut out', async () => {
    document.body.innerHTML = '<p>Tusk and Tusk</p><script>var Tusk = "Donald Tusk";</script><style>.Tusk { color: red }</style><p>Tusk</p>';
    const { scanner, requests, live } = setup();
    await scanner.start();
    expect(requests).toEqual(['Tusk and Tusk\nTusk']);
    expect(live.size).toBe(3);
    scanner.stop();
  });

  it('sends a page longer than a request may carry in pieces, and finds the names in each', async () => {
    const filler = 'and so on '.repeat(MAX_TEXT_CHARS / 10);
    document.body.innerHTML = `<p>Donald Tusk ${filler}</p><p>${filler} Nato</p>`;
    const { scanner, requests, marked } = setup();
    await scanner.start();
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.every((t) => t.length <= MAX_TEXT_CHARS)).toBe(true);
    expect(requests.join('').replace(/\s/g, '').length).toBe(document.body.textContent!.replace(/\s/g, '').length);
    expect(marked().sort()).toEqual(['Donald Tusk=person:donald-tusk', 'Nato=org:nato']);
    scanner.stop();
  });

  it('rescans only added content, debounced, and drops marks of removed content', async () => {
    document.body.innerHTML = '<p id="a">Donald Tusk</p>';
    const { scanner, requests, marked, live } = setup();
    await scanner.start();
    const p = document.createElement('p');
    p.textContent = 'Nato allies';
    document.body.append(p);
    const q = document.createElement('p');
    q.textContent = 'Zelenskiy';
    document.body.append(q);
    await wait(MUTATION_DEBOUNCE_MS + 30);
    await scanner.idle();
    expect(requests).toEqual(['Donald Tusk', 'Nato allies\nZelenskiy']);
    expect(marked().sort()).toEqual(['Donald Tusk=person:donald-tusk', 'Nato=org:nato', 'Zelenskiy=person:volodymyr-zelensky']);
    document.getElementById('a')!.remove();
    await wait(MUTATION_DEBOUNCE_MS + 30);
    await scanner.idle();
    expect([...live].map((m) => m.entityId).sort()).toEqual(['org:nato', 'person:volodymyr-zelensky']);
    scanner.stop();
    expect(live.size).toBe(0);
  });

  it('rescans the whole block when a text node completes a split name', async () => {
    document.body.innerHTML = '<p id="p">Donald </p>';
    const { scanner, marked } = setup();
    await scanner.start();
    const b = document.createElement('b');
    b.textContent = 'Tusk';
    document.getElementById('p')!.append(b);
    await wait(MUTATION_DEBOUNCE_MS + 30);
    await scanner.idle();
    expect(marked()).toEqual(['Donald Tusk=person:donald-tusk']);
    scanner.stop();
  });

  it('caps rescans per window so a page that keeps mutating cannot keep it busy', async () => {
    let clock = 0;
    const cap = createRateCap(2, 10_000, () => clock);
    document.body.innerHTML = '<p>start</p>';
    const { scanner, requests } = setup({ cap });
    await scanner.start();
    for (let i = 0; i < 4; i++) {
      const p = document.createElement('p');
      p.textContent = `Tusk number ${i}`;
      document.body.append(p);
      await wait(MUTATION_DEBOUNCE_MS + 30);
      await scanner.idle();
    }
    // The first scan, then two rescans allowed in the window; the rest waits for the window to pass.
    expect(requests.length).toBe(1 + 2);
    scanner.stop();
  });
});

describe('PageScanner budgets', () => {
  const add = (text: string) => document.body.append(Object.assign(document.createElement('p'), { textContent: text }));
  const settle = async (scanner: PageScanner) => {
    await wait(MUTATION_DEBOUNCE_MS + 30);
    await scanner.idle();
  };

  it('looks up added text only within the document’s budget, and drops what is over rather than keeping it for later', async () => {
    let clock = 0;
    document.body.innerHTML = '<p>Donald Tusk met Nato</p>';
    // The first allowance fits the page's first read exactly; the trickle is spent.
    const { scanner, requests, marked } = setup({ budget: { first: 20, trickle: 0, at: 0 }, now: () => clock });
    await scanner.start();
    expect(requests).toEqual(['Donald Tusk met Nato']);
    add('Zelenskiy');
    await settle(scanner);
    expect(requests).toHaveLength(1);
    // A tenth of the window refills a tenth of the trickle: the next addition is read, the one dropped is not.
    clock += TRICKLE_WINDOW_MS / 10;
    add('Kyiv');
    await settle(scanner);
    expect(requests).toEqual(['Donald Tusk met Nato', 'Kyiv']);
    expect(marked().sort()).toEqual(['Donald Tusk=person:donald-tusk', 'Kyiv=place:kyiv', 'Nato=org:nato']);
    scanner.stop();
  });

  it('cuts a long addition to what the budget has left, and marks the names found there only', async () => {
    let clock = 0;
    document.body.innerHTML = '<p>start</p>';
    const { scanner, requests, marked } = setup({ budget: { first: 5, trickle: 0, at: 0 }, now: () => clock });
    await scanner.start();
    clock += TRICKLE_WINDOW_MS;
    add(`Donald Tusk ${'and more '.repeat(TRICKLE_CHARS / 4)} Donald Tusk again`);
    await settle(scanner);
    expect(requests.slice(1).reduce((n, t) => n + t.length, 0)).toBe(TRICKLE_CHARS);
    expect(requests[1].startsWith('Donald Tusk')).toBe(true);
    // The same name past the budget was not looked up, so it is not marked either.
    expect(marked()).toEqual(['Donald Tusk=person:donald-tusk']);
    scanner.stop();
  });

  it('carries at most MAX_SEEN_NAMES people named in full, dropping the oldest, and goes on marking', async () => {
    const letters = (i: number) => i.toString(26).split('').map((d) => String.fromCharCode(97 + parseInt(d, 26))).join('');
    const people = Array.from({ length: MAX_SEEN_NAMES + 10 }, (_, i) => ({ id: `person:${i}`, name: `Anna${letters(i)} Berg${letters(i)}`, type: 'person' as const, aliases: [] }));
    const many = buildNameIndex([...people, { id: 'org:nato', name: 'NATO', type: 'org', aliases: ['Nato'] }]);
    const seenSizes: number[] = [];
    let lastSeen: string[] = [];
    const live = new Set<PageMatch>();
    const scanner = new PageScanner({
      doc: document,
      match: async (text, seen) => {
        seenSizes.push(seen.length);
        lastSeen = seen;
        return matchText(many, text, seen);
      },
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (id) => clearTimeout(id as number),
      yieldToPage: () => new Promise((r) => setTimeout(r, 0)),
      onAdded: (m) => m.forEach((x) => live.add(x)),
      onRemoved: (m) => m.forEach((x) => live.delete(x)),
    });
    document.body.innerHTML = people.map((p) => `<p>${p.name} spoke.</p>`).join('');
    await scanner.start();
    add('Nato met Anna' + letters(1) + ' Berg' + letters(1) + ' again.');
    await settle(scanner);
    add('Later, more.');
    await settle(scanner);
    expect(Math.max(...seenSizes)).toBe(MAX_SEEN_NAMES);
    // The oldest went; the one named again moved to the newest end and is carried again.
    expect(lastSeen).not.toContain('person:0');
    expect(lastSeen).not.toContain('person:2');
    expect(lastSeen).toContain('person:1');
    expect(lastSeen).toContain(`person:${people.length - 1}`);
    expect([...live].filter((m) => m.entityId === 'org:nato')).toHaveLength(1);
    scanner.stop();
  }, 30_000);
});

describe('the reader and the names script’s first scan', () => {
  const read = (world: Record<string, unknown>, onChanged = async () => true) =>
    readPage({ doc: document, world, onChanged, setTimeout: (fn, ms) => setTimeout(fn, ms), debounceMs: MUTATION_DEBOUNCE_MS, maxChars: 60 });

  it('reads the prose once per world, scripts cut out, and keeps what it read there', () => {
    document.body.innerHTML = '<p>Donald Tusk met Nato</p><script>var Tusk = "Donald Tusk";</script><p>Kyiv</p>';
    const world: Record<string, unknown> = {};
    expect(read(world)).toEqual(['Donald Tusk met Nato', 'Kyiv']);
    const state = world[READER_KEY] as ReaderState;
    expect(state.read?.text).toBe(document.body.textContent);
    expect(read(world)).toBeNull(); // an injection repeated: nothing to look up twice
    state.stop();
    // A page longer than the limit hands on only its beginning.
    document.body.innerHTML = `<p>${'Tusk '.repeat(6)}</p><script>var x = "a script";</script><p>${'Nato '.repeat(6)}</p><script>var y = "a script";</script><p>Kyiv</p>`;
    expect(read({})).toEqual(['Tusk '.repeat(6), 'Nato '.repeat(6)]);
  });

  it('reads only what the background left it as this document’s budget, and nothing when it left none', () => {
    document.body.innerHTML = `<p>${'Tusk '.repeat(6)}</p><script>var x = "a script";</script><p>${'Nato '.repeat(6)}</p>`;
    const readWithin = (world: Record<string, unknown>) =>
      readPage({ doc: document, world, onChanged: async () => true, setTimeout: (fn, ms) => setTimeout(fn, ms), debounceMs: MUTATION_DEBOUNCE_MS, maxChars: takeReadBudget(world) });
    const world: Record<string, unknown> = { [READ_BUDGET_KEY]: 35 };
    expect(readWithin(world)).toEqual(['Tusk '.repeat(6)]);
    // What the names script will mark from the first read lies within the budget too.
    const kept = (world[READER_KEY] as ReaderState).read!;
    expect(kept.readable.reduce((n, [from, to]) => n + to - from, 0)).toBe(35);
    (world[READER_KEY] as ReaderState).stop();
    // The budget is taken: a document that replaced the one it was left for reads nothing, and installs no watcher.
    expect(world[READ_BUDGET_KEY]).toBeUndefined();
    const replaced: Record<string, unknown> = {};
    expect(readWithin(replaced)).toBeNull();
    expect(replaced[READER_KEY]).toBeUndefined();
  });

  it('offers the reader once, for the background to call with the document’s budget', () => {
    document.body.innerHTML = `<p>${'Tusk '.repeat(6)}</p><script>var x = "a script";</script><p>${'Nato '.repeat(6)}</p>`;
    const world: Record<string, unknown> = {};
    offerReader(world);
    const offer = world[READ_OFFER_KEY] as (budget: unknown) => string[] | null;
    expect(offer(35)).toEqual(['Tusk '.repeat(6)]);
    expect(world[READ_OFFER_KEY]).toBeUndefined();
    (world[READER_KEY] as ReaderState).stop();
    // Called again (a reference kept), it reads nothing.
    delete world[READER_KEY];
    expect(offer(35)).toBeNull();
    // A budget that is not a positive number reads nothing, and installs no watcher.
    for (const budget of [0, -5, '35', undefined]) {
      const fresh: Record<string, unknown> = {};
      offerReader(fresh);
      expect((fresh[READ_OFFER_KEY] as (budget: unknown) => string[] | null)(budget)).toBeNull();
      expect(fresh[READER_KEY]).toBeUndefined();
    }
  });

  it('asks once, debounced, when the page changes, and hands the changes on', async () => {
    document.body.innerHTML = '<p>start</p>';
    const world: Record<string, unknown> = {};
    let asked = 0;
    read(world, async () => (asked++, true));
    for (const text of ['Nato', 'Kyiv']) document.body.append(Object.assign(document.createElement('p'), { textContent: text }));
    await wait(0);
    expect(asked).toBe(0);
    await wait(MUTATION_DEBOUNCE_MS + 30);
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'Tusk' }));
    await wait(MUTATION_DEBOUNCE_MS + 30);
    expect(asked).toBe(1);
    const changes = (world[READER_KEY] as ReaderState).stop();
    expect(changes.flatMap((r) => [...r.addedNodes].map((n) => n.textContent))).toEqual(['Nato', 'Kyiv', 'Tusk']);
  });

  it('stops watching when no names script is coming', async () => {
    document.body.innerHTML = '<p>start</p>';
    const world: Record<string, unknown> = {};
    read(world, async () => false);
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'Nato' }));
    await wait(MUTATION_DEBOUNCE_MS + 30);
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'Kyiv' }));
    await wait(0);
    expect((world[READER_KEY] as ReaderState).stop()).toEqual([]);
  });

  it('marks what the background found in the reader’s text without asking again, then scans the changes it took over', async () => {
    document.body.innerHTML = '<p>Polish Prime Minister Donald <b>Tusk</b> spoke.</p>';
    const world: Record<string, unknown> = {};
    const pieces = read(world)!;
    const state = world[READER_KEY] as ReaderState;
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'Tusk met Nato' }));
    const { scanner, requests, marked } = setup();
    await scanner.start({ read: state.read, found: matchTexts(index, readerTexts(pieces)!), changes: state.stop() });
    expect(requests).toEqual([]);
    expect(marked()).toEqual(['Donald Tusk=person:donald-tusk']);
    await wait(MUTATION_DEBOUNCE_MS + 30);
    await scanner.idle();
    expect(requests).toEqual(['Tusk met Nato']);
    expect(marked().sort()).toEqual(['Donald Tusk=person:donald-tusk', 'Nato=org:nato', 'Tusk=person:donald-tusk']);
    scanner.stop();
  });

  it('marks names found later in a running scanner, in the page as it is now', async () => {
    document.body.innerHTML = '<p>start</p>';
    const { scanner, marked } = setup();
    await scanner.start({ read: readText(document.body), found: [], changes: [] });
    document.body.innerHTML = '<p>Now Zelenskiy</p>';
    await scanner.addFound(matchText(index, 'Zelenskiy'));
    expect(marked()).toEqual(['Zelenskiy=person:volodymyr-zelensky']);
    scanner.stop();
  });
});

describe('packTexts', () => {
  it('joins short pieces by line breaks, within a request’s limit', () => {
    expect(packTexts(['Donald Tusk', 'met', 'Nato'])).toEqual(['Donald Tusk\nmet\nNato']);
    const third = 'x'.repeat(MAX_TEXT_CHARS / 3);
    const texts = packTexts(Array.from({ length: 7 }, () => third));
    expect(texts.map((t) => t.length)).toEqual([2 * third.length + 1, 2 * third.length + 1, 2 * third.length + 1, third.length]);
    expect(packTexts([])).toEqual([]);
  });
});

describe('createRateCap', () => {
  it('allows max per window and frees slots as the window slides', () => {
    let t = 0;
    const cap = createRateCap(3, 1000, () => t);
    const takes = [0, 300, 600, 700].map((at) => ((t = at), cap.take()));
    expect(takes).toEqual([true, true, true, false]);
    expect(cap.wait()).toBe(300);
    t = 1000; // the slot taken at 0 is free again, the others not yet
    expect(cap.take()).toBe(true);
    expect(cap.take()).toBe(false);
  });
});

describe('MatchLookup', () => {
  it('finds a split name from a caret in any of its text nodes, and not outside it', async () => {
    document.body.innerHTML = '<p>Mr Donald <b>Tusk</b> said</p>';
    const { scanner, live } = setup();
    await scanner.start();
    const lookup = new MatchLookup();
    lookup.add(live);
    const [first, , last] = [...document.querySelector('p')!.childNodes].map((n) => (n.nodeType === 3 ? n : n.firstChild!));
    expect(lookup.at(first, 1)).toBeNull(); // "M|r"
    expect(lookup.at(first, 5)?.entityId).toBe('person:donald-tusk'); // "Mr D|onald"
    expect(lookup.at(document.querySelector('b')!.firstChild!, 2)?.entityId).toBe('person:donald-tusk');
    expect(lookup.at(last, 2)).toBeNull();
    lookup.remove(live);
    expect(lookup.size).toBe(0);
    scanner.stop();
  });
});
