// @vitest-environment happy-dom
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import type { CorpusStatus } from '../../lib/messages';
import { Popup } from '../../lib/ui/popup/Popup';

const counts = { articles: 120, quotes: 40, people: 30, places: 20, organisations: 10 };
const noResults = () => Promise.resolve({ entities: [], quotes: [], articles: [] } as never);

function statusLine(status: CorpusStatus | null): string {
  const root = document.createElement('div');
  render(h(Popup, { counts, search: noResults, status, open() {} }), root);
  return root.querySelector('[role="status"]')!.textContent ?? '';
}

describe('the popup’s status line', () => {
  it('shows how far a running load has come', () => {
    const loading: CorpusStatus = { state: 'loading', articles: 0, errors: [], progress: { filesDone: 1200, filesTotal: 10000, words: 734512 } };
    expect(statusLine(loading)).toBe('Loading the corpus… 1,200 of 10,000 files (734,512 words so far). Search finds what is loaded.');
  });

  it('says only that it loads before it knows the files, and what the corpus holds once ready', () => {
    expect(statusLine({ state: 'loading', articles: 0, errors: [] })).toBe('Loading the corpus…');
    expect(statusLine({ state: 'ready', articles: 120, errors: [] })).toMatch(/^The corpus holds 120 articles, 40 quotes, 30 people, 20 places and 10 organisations\./);
  });
});
