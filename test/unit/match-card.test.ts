// @vitest-environment happy-dom
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS, type EntityCard } from '../../lib/messages';
import { excludeMatchesFor, hostnameOf, isActiveInFrame, isActiveOn, parseRunSettings, settingsChange, siteKey } from '../../lib/sites';
import { MAX_READ_CHARS } from '../../lib/char-budget';
import { isRegisteredAs, namesStyleRegistration } from '../../lib/page-scripts';
import { readerTexts } from '../../lib/lookup/reader-results';
import { Card } from '../../lib/in-page/card/Card';
import { CARD_GAP_PX, placeCard } from '../../lib/in-page/card/position';

const card: EntityCard = {
  id: 'person:donald-tusk',
  name: 'Donald Tusk',
  type: 'person',
  role: 'Polish Prime Minister',
  aliases: ['Tusk'],
  quotesBy: [{ id: 'q1', text: 'We support Ukraine', articleId: 'a1', articleTitle: 'Allies back Kyiv', date: '2024-08-14', speaker: 'Donald Tusk' }],
  quotesAbout: [],
  articles: [{ id: 'a1', title: 'Allies back Kyiv', date: '2024-08-14' }],
  counts: { quotesBy: 1, quotesAbout: 0, articles: 1 },
  userOnly: false,
};

describe('Card', () => {
  it('is a labelled dialog with the name, role, quote, article and both actions', () => {
    const root = document.createElement('div');
    const calls: string[] = [];
    render(h(Card, { state: { status: 'ready', card }, onClose: () => calls.push('close'), onOpenSidePanel: (id: string) => calls.push(`panel:${id}`), onSearch: (q: string) => calls.push(`search:${q}`) }), root);
    const dialog = root.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-label')).toBe('Backstory: Donald Tusk');
    expect(dialog.textContent).toContain('Polish Prime Minister');
    expect(dialog.textContent).toContain('“We support Ukraine”');
    expect(dialog.textContent).toContain('Allies back Kyiv · 2024-08-14');
    const buttons = [...root.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(['×', 'Open in side panel', 'Search in popup']);
    buttons.forEach((b) => b.click());
    expect(calls).toEqual(['close', 'panel:person:donald-tusk', 'search:Donald Tusk']);
  });

  it('says why a name known only from the user’s own articles is not underlined, and only for such a name', () => {
    const root = document.createElement('div');
    const props = { onClose() {}, onOpenSidePanel() {}, onSearch() {} };
    render(h(Card, { state: { status: 'ready', card }, ...props }), root);
    expect(root.querySelector('.private')).toBeNull();
    render(h(Card, { state: { status: 'ready', card: { ...card, userOnly: true } }, ...props }), root);
    expect(root.querySelector('.private')?.textContent).toContain('From your own articles only');
  });

  it('shows a loading state under the page’s spelling of the name', () => {
    const root = document.createElement('div');
    render(h(Card, { state: { status: 'loading', name: 'Tusk' }, onClose() {}, onOpenSidePanel() {}, onSearch() {} }), root);
    expect(root.querySelector('[role="dialog"]')!.getAttribute('aria-label')).toBe('Backstory: Tusk');
    expect(root.textContent).toContain('Looking it up');
  });
});

describe('placeCard', () => {
  const viewport = { width: 1000, height: 800 };
  const size = { width: 360, height: 300 };
  it('goes below the name when it fits, above when it does not', () => {
    expect(placeCard({ left: 100, top: 100, right: 150, bottom: 120 }, size, viewport)).toEqual({ left: 100, top: 120 + CARD_GAP_PX });
    expect(placeCard({ left: 100, top: 700, right: 150, bottom: 720 }, size, viewport)).toEqual({ left: 100, top: 700 - CARD_GAP_PX - 300 });
  });
  it('stays inside the viewport at the right edge and in a tiny viewport', () => {
    expect(placeCard({ left: 900, top: 100, right: 950, bottom: 120 }, size, viewport).left).toBe(1000 - CARD_GAP_PX - 360);
    const tiny = placeCard({ left: 10, top: 50, right: 60, bottom: 70 }, size, { width: 300, height: 200 });
    expect(tiny).toEqual({ left: CARD_GAP_PX, top: 70 + CARD_GAP_PX, maxHeight: 200 - 70 - 2 * CARD_GAP_PX });
  });
  it('never covers the name when it fits on neither side: shrinks on the roomier side', () => {
    const tall = { width: 360, height: 700 };
    const nearTop = placeCard({ left: 100, top: 200, right: 150, bottom: 220 }, tall, viewport);
    expect(nearTop).toEqual({ left: 100, top: 220 + CARD_GAP_PX, maxHeight: 800 - 220 - 2 * CARD_GAP_PX });
    const nearBottom = placeCard({ left: 100, top: 600, right: 150, bottom: 620 }, tall, viewport);
    expect(nearBottom).toEqual({ left: 100, top: CARD_GAP_PX, maxHeight: 600 - 2 * CARD_GAP_PX });
    expect(nearBottom.top + nearBottom.maxHeight!).toBeLessThanOrEqual(600 - CARD_GAP_PX);
  });
});

describe('run settings', () => {
  it('treats www. and case as the same site and honours the global pause', () => {
    expect(siteKey('WWW.BBC.co.uk.')).toBe('bbc.co.uk');
    const s = parseRunSettings({ 'backstory.disabledSites': ['bbc.co.uk', 42], 'backstory.paused': 'yes' });
    expect(s).toEqual({ paused: false, disabledSites: ['bbc.co.uk'] });
    expect(isActiveOn('www.bbc.co.uk', s)).toBe(false);
    expect(isActiveOn('theguardian.com', s)).toBe(true);
    expect(isActiveOn('theguardian.com', { ...s, paused: true })).toBe(false);
  });

  it('registers the marks’ styles and the page-ready note nowhere while paused, and in every frame but those of the sites turned off', () => {
    expect(namesStyleRegistration({ paused: true, disabledSites: [] })).toBeNull();
    const everywhere = namesStyleRegistration({ paused: false, disabledSites: [] })!;
    expect(everywhere.matches).toEqual(['http://*/*', 'https://*/*']);
    expect(everywhere.css).toEqual(['/highlights.css']);
    // Only the note that a document is ready (a top document's with its prose), at document_idle: the background checks the frame before it reads or marks anything.
    expect(everywhere.js).toEqual(['/page-ready.js']);
    expect(everywhere.runAt).toBe('document_idle');
    expect(everywhere).not.toHaveProperty('excludeMatches');
    expect(everywhere.allFrames).toBe(true);
    const some = namesStyleRegistration({ paused: false, disabledSites: ['bbc.co.uk', '127.0.0.1'] })!;
    expect(some.excludeMatches).toEqual(['*://bbc.co.uk/*', '*://www.bbc.co.uk/*', '*://127.0.0.1/*']);
  });

  it('leaves a registration the browser holds alone only when it is the one wanted', () => {
    const everywhere = namesStyleRegistration({ paused: false, disabledSites: [] })!;
    const some = namesStyleRegistration({ paused: false, disabledSites: ['bbc.co.uk'] })!;
    // As the browser reports it back: paths without their leading slash, no empty exclusion list.
    const reported = (r: typeof some) => ({ ...r, js: r.js.map((p) => p.slice(1)), css: r.css.map((p) => p.slice(1)) });
    expect(isRegisteredAs(reported(everywhere), everywhere)).toBe(true);
    expect(isRegisteredAs({ ...reported(everywhere), excludeMatches: [] }, everywhere)).toBe(true);
    expect(isRegisteredAs(reported(some), some)).toBe(true);
    // A site turned off or on, another script, other frames: updated.
    expect(isRegisteredAs(reported(everywhere), some)).toBe(false);
    expect(isRegisteredAs(reported(some), everywhere)).toBe(false);
    expect(isRegisteredAs({ ...reported(everywhere), js: ['names.js'] }, everywhere)).toBe(false);
    expect(isRegisteredAs({ ...reported(everywhere), allFrames: false }, everywhere)).toBe(false);
    expect(isRegisteredAs({ ...reported(everywhere), runAt: 'document_end' }, everywhere)).toBe(false);
  });

  it('takes a reader’s result only as pieces of prose within the limits, joined into texts to look up', () => {
    expect(readerTexts(['Donald Tusk met', 'Nato'])).toEqual(['Donald Tusk met\nNato']);
    expect(readerTexts([])).toEqual([]);
    expect(readerTexts(null)).toBeNull(); // a page read already
    expect(readerTexts(['Tusk', 42])).toBeNull();
    expect(readerTexts(['x'.repeat(MAX_TEXT_CHARS + 1)])).toBeNull();
    const piece = 'Tusk '.repeat(MAX_TEXT_CHARS / 5);
    const texts = readerTexts(Array.from({ length: 2 * (MAX_READ_CHARS / MAX_TEXT_CHARS) }, () => piece))!;
    expect(texts.reduce((n, t) => n + t.length, 0)).toBe(MAX_READ_CHARS);
  });

  it('reads a frame only where Backstory is on for its own site and its tab’s', () => {
    const s = { paused: false, disabledSites: ['ads.example'] };
    expect(isActiveInFrame('https://news.example/', 'https://www.news.example/frame', s)).toBe(true);
    // A frame of a site turned off, inside a page that is on; and the reverse.
    expect(isActiveInFrame('https://news.example/', 'https://www.ads.example/frame', s)).toBe(false);
    expect(isActiveInFrame('https://ads.example/', 'https://news.example/frame', s)).toBe(false);
    expect(isActiveInFrame('https://news.example/', 'about:blank', s)).toBe(false);
    expect(isActiveInFrame(undefined, 'https://news.example/', s)).toBe(false);
    expect(isActiveInFrame('https://news.example/', 'https://news.example/', { ...s, paused: true })).toBe(false);
  });

  it('makes only match patterns Chromium accepts: no "www." before an IPv4 address, no IPv6 host', () => {
    // Chromium rejects a whole registration for one bad pattern ("*://www.127.0.0.1/*" is one).
    expect(excludeMatchesFor(['10.0.0.2', '[::1]', 'xn--mnchen-3ya.de', 'my_host.local'])).toEqual([
      '*://10.0.0.2/*',
      '*://xn--mnchen-3ya.de/*',
      '*://www.xn--mnchen-3ya.de/*',
      '*://my_host.local/*',
      '*://www.my_host.local/*',
    ]);
  });

  it('reads the host of web tabs only', () => {
    expect(hostnameOf('https://www.bbc.co.uk/news?x=1')).toBe('www.bbc.co.uk');
    expect(hostnameOf('http://[::1]:8080/')).toBe('[::1]');
    expect(hostnameOf('chrome://extensions/')).toBeNull();
    expect(hostnameOf('not a url')).toBeNull();
    expect(hostnameOf(undefined)).toBeNull();
  });

  it('reads both states of a settings change from the change itself', () => {
    const current = { 'backstory.paused': false, 'backstory.disabledSites': ['bbc.co.uk', 'example.org'] };
    const change = settingsChange({ 'backstory.disabledSites': { oldValue: ['bbc.co.uk'], newValue: ['bbc.co.uk', 'example.org'] } }, current);
    expect(change).toEqual({
      before: { paused: false, disabledSites: ['bbc.co.uk'] },
      after: { paused: false, disabledSites: ['bbc.co.uk', 'example.org'] },
    });
    // A pause removed: its old value stands before, none after.
    expect(settingsChange({ 'backstory.paused': { oldValue: true } }, { 'backstory.disabledSites': [] })).toEqual({
      before: { paused: true, disabledSites: [] },
      after: { paused: false, disabledSites: [] },
    });
    expect(settingsChange({ 'backstory.popupQuery': { newValue: 'Tusk' } }, current)).toBeNull();
  });
});
