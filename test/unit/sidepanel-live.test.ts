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
import { EntityView } from '../../lib/ui/sidepanel/EntityView';

const DB = 'sidepanel-live-test';
let db: BackstoryDb;
let root: HTMLElement;

const paragraphs = ['“We support Ukraine,” Tusk said.', '“Nato will stand with Ukraine,” said Tusk.'];
const tusk: EntityRecord = {
  id: 'person:donald-tusk', name: 'Donald Tusk', type: 'person', aliases: ['Tusk'], roles: ['Polish Prime Minister'],
  keys: ['donald tusk', 'tusk'], words: ['donald', 'tusk'], articleCount: 1, quoteCount: 2,
};
const quote = (text: string): QuoteRecord => {
  const start = paragraphs.join('\n').indexOf(text);
  return { id: `a#${start}`, articleId: 'a', text, start, end: start + text.length, speakerId: tusk.id, speakerDescription: null, aboutIds: [] };
};

beforeEach(async () => {
  db = openDb(DB);
  await db.articles.put({ id: 'a', source: 'bundled', hash: 'h', file: 'a.txt', index: 0, title: 'Tusk on Ukraine', date: '2024-11-22', credits: null, captions: [], paragraphs, complete: false });
  await db.entities.put(tusk);
  await db.quotes.put(quote('We support Ukraine,'));
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

  await db.quotes.put(quote('Nato will stand with Ukraine,'));
  await until(() => quotes().length === 2, 'second quote appears live');

  const filter = root.querySelector<HTMLInputElement>('#said-about')!;
  filter.value = 'nato';
  filter.dispatchEvent(new Event('input', { bubbles: true }));
  await until(() => quotes().length === 1, 'filtered to Nato');
  expect(quotes()[0]).toContain('Nato will stand');
  expect(root.querySelector('[role=status]')?.textContent).toBe('1 of 2 quotes about “nato”');
});
