// @vitest-environment happy-dom
/**
 * The side panel's views follow the database: a quote stored after the view
 * rendered (the background's ingest, in another context) shows up without a
 * reload. Rendered with Preact into happy-dom over fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { h, render } from 'preact';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDb, type BackstoryDb, type EntityRecord, type QuoteRecord } from '../../lib/store/db';
import { PanelContext, type Panel } from '../../lib/ui/sidepanel/context';
import { EntityView, FIRST_SHOWN } from '../../lib/ui/sidepanel/EntityView';
import { PROFILE_PAGE } from '../../lib/store/profile';
import { articleRecord, entityRecord, storeQuotes } from './helpers';

const DB = 'sidepanel-live-test';
let db: BackstoryDb;
let root: HTMLElement;

const paragraphs = ['“We support Ukraine,” Tusk said.', '“Nato will stand with Ukraine,” said Tusk.'];
const tusk: EntityRecord = entityRecord({
  id: 'person:donald-tusk', name: 'Donald Tusk', type: 'person', aliases: ['Tusk'], roles: ['Polish Prime Minister'], articleCount: 1, quoteCount: 2,
});
const quote = (text: string): QuoteRecord => {
  const start = paragraphs.join('\n').indexOf(text);
  return { id: `a#${start}`, articleId: 'a', text, start, end: start + text.length, speakerId: tusk.id, speakerDescription: null, aboutIds: [], date: '2024-11-22' };
};

beforeEach(async () => {
  db = openDb(DB);
  await db.articles.put(articleRecord({ id: 'a', file: 'a.txt', title: 'Tusk on Ukraine', date: '2024-11-22', paragraphs, complete: false }));
  await db.entities.put(tusk);
  await storeQuotes(db, [quote('We support Ukraine,')]);
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(async () => {
  render(null, root);
  root.remove();
  db.close();
  await Dexie.delete(DB);
});

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check(), what).toBe(true);
};

it('shows a quote stored after the profile rendered, and filters as the reader types', async () => {
  const panel: Panel = { db, navigate: () => {}, copy: async () => {}, announce: () => {} };
  render(h(PanelContext.Provider, { value: panel }, h(EntityView, { id: tusk.id })), root);
  const quotes = () => [...root.querySelectorAll('blockquote')].map((b) => b.textContent);
  await until(() => quotes().length === 1, 'first quote rendered');
  expect(root.querySelector('h1')?.textContent).toBe('Donald Tusk');
  expect(root.textContent).toContain('Polish Prime Minister');
  expect(root.textContent).toContain('excerpt');
  expect(root.textContent).toContain('22 November 2024');

  await storeQuotes(db, [quote('Nato will stand with Ukraine,')]);
  await until(() => quotes().length === 2, 'second quote appears live');

  const filter = root.querySelector<HTMLInputElement>('#said-about')!;
  filter.value = 'nato';
  filter.dispatchEvent(new Event('input', { bubbles: true }));
  await until(() => quotes().length === 1, 'filtered to Nato');
  expect(quotes()[0]).toContain('Nato will stand');
  expect(root.querySelector('[role=status]')?.textContent).toBe('1 of 2 quotes about “nato”');
});

it('shows the newest page of a long profile, says how many there are, and the rest on "Show older"', async () => {
  const extra = PROFILE_PAGE + 5;
  for (let i = 0; i < extra; i++) {
    const day = `2024-10-${String(1 + (i % 28)).padStart(2, '0')}`;
    const text = `“Point ${i} stands,” Tusk said.`;
    await db.articles.put(articleRecord({ id: `p${i}`, file: `p${i}.txt`, title: `Point ${i}`, date: day, paragraphs: [text], complete: true }));
    await storeQuotes(db, [{ id: `p${i}#0`, articleId: `p${i}`, text: text.slice(0, -10), start: 0, end: text.length - 10, speakerId: tusk.id, speakerDescription: null, aboutIds: [], date: day }]);
  }
  const total = extra + 1;
  const panel: Panel = { db, navigate: () => {}, copy: async () => {}, announce: () => {} };
  render(h(PanelContext.Provider, { value: panel }, h(EntityView, { id: tusk.id })), root);
  const quotes = () => root.querySelectorAll('section[aria-labelledby=said-heading] blockquote').length;
  // The first few quotes are read and drawn first, the view busy; the rest of the page follows.
  const firstDrawn: Array<{ quotes: number; busy: string | null | undefined }> = [];
  const observer = new MutationObserver(() => {
    if (firstDrawn.length === 0 && root.querySelector('h1')?.textContent === 'Donald Tusk') firstDrawn.push({ quotes: quotes(), busy: root.querySelector('article')?.getAttribute('aria-busy') });
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  await until(() => quotes() === PROFILE_PAGE, 'the newest page of quotes');
  observer.disconnect();
  expect(firstDrawn).toEqual([{ quotes: FIRST_SHOWN, busy: 'true' }]);
  await until(() => root.querySelector('article')?.getAttribute('aria-busy') === 'false', 'the whole page drawn');
  expect(root.querySelector('.meta')?.textContent).toContain(`${total} quotes`);
  const more = [...root.querySelectorAll('section[aria-labelledby=said-heading] .more-items')];
  expect(more.map((p) => p.textContent)).toEqual([`Newest ${PROFILE_PAGE} of ${total} quotes. Show older`]);
  // The newest first: the 22 November article's quote is on the first page.
  expect(root.textContent).toContain('We support Ukraine');
  more[0].querySelector('button')!.click();
  await until(() => quotes() === total, 'every quote after "Show older"');
  expect(root.querySelector('section[aria-labelledby=said-heading] .more-items')).toBeNull();
});
