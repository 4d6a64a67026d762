import { describe, expect, it } from 'vitest';
import { endFirstRead, freshBudget, takeChars, TRICKLE_CHARS, TRICKLE_WINDOW_MS } from '../../lib/char-budget';
import { EARLY_FRAME_MS, MAX_FRAMES_PER_TAB, MAX_MATCHED_PER_DOCUMENT, PageDocuments, TAB_FIRST_READS_CHARS, TAB_TRICKLE_CHARS } from '../../lib/lookup/page-documents';
import { MAX_READ_CHARS } from '../../lib/char-budget';

describe('a document’s character budget', () => {
  it('grants the first read’s allowance, then a trickle that refills with time, and drops what is over', () => {
    const budget = freshBudget(0);
    expect(takeChars(budget, MAX_READ_CHARS - 10, 0)).toBe(MAX_READ_CHARS - 10);
    // The rest of the first allowance, then the trickle's worth, then nothing.
    expect(takeChars(budget, 10 + TRICKLE_CHARS + 500, 0)).toBe(10 + TRICKLE_CHARS);
    expect(takeChars(budget, 1_000, 0)).toBe(0);
    // Refilled by time, up to one trickle's worth however long the wait.
    expect(takeChars(budget, TRICKLE_CHARS, TRICKLE_WINDOW_MS / 2)).toBe(TRICKLE_CHARS / 2);
    expect(takeChars(budget, 10 * TRICKLE_CHARS, 100 * TRICKLE_WINDOW_MS)).toBe(TRICKLE_CHARS);
  });

  it('leaves later text the trickle only once the first read is done', () => {
    const budget = freshBudget(0);
    expect(takeChars(budget, 1_000, 0)).toBe(1_000);
    endFirstRead(budget);
    expect(takeChars(budget, MAX_READ_CHARS, 0)).toBe(TRICKLE_CHARS);
  });

  it('over any long stretch grants at most the first allowance plus the trickle’s rate, however often it is asked', () => {
    const budget = freshBudget(0);
    let granted = 0;
    const minutes = 5;
    for (let t = 0; t <= minutes * 60_000; t += 250) granted += takeChars(budget, 300_000, t);
    expect(granted).toBeLessThanOrEqual(MAX_READ_CHARS + TRICKLE_CHARS + (minutes * 60_000 * TRICKLE_CHARS) / TRICKLE_WINDOW_MS);
    expect(granted).toBeGreaterThan(MAX_READ_CHARS);
  });
});

describe('the background’s memory of documents', () => {
  it('keeps a frame that reported ready before its top document: the new page does not take its read away', () => {
    const documents = new PageDocuments(() => 0);
    expect(documents.ready(1, 7)).toBe(true);
    expect(documents.ready(1, 0)).toBe(true);
    expect(documents.available(1, 7)).toBeGreaterThan(0);
    expect(documents.take(1, 7, 1_000, true)).toBe(1_000);
  });

  it('forgets the frames of the pages before when a tab loads a new page', () => {
    let now = 0;
    const documents = new PageDocuments(() => now);
    documents.ready(1, 0);
    documents.ready(1, 7);
    now += EARLY_FRAME_MS + 1;
    documents.ready(1, 0);
    expect(documents.available(1, 7)).toBe(0);
  });
  it('reads at most MAX_FRAMES_PER_TAB documents per tab until its top document changes', () => {
    const documents = new PageDocuments(() => 0);
    expect(documents.ready(1, 0)).toBe(true);
    let read = 1;
    for (let frame = 1; frame < 3 * MAX_FRAMES_PER_TAB; frame++) if (documents.ready(1, frame)) read++;
    expect(read).toBe(MAX_FRAMES_PER_TAB);
    // A frame reloading again and again counts each document.
    expect(documents.ready(1, 5)).toBe(false);
    // Another tab has its own share; a new top document starts the tab afresh.
    expect(documents.ready(2, 7)).toBe(true);
    expect(documents.ready(1, 0)).toBe(true);
    expect(documents.ready(1, 5)).toBe(true);
  });

  it('meters each document within its tab’s budget: frames share the tab’s first reads, then its trickle', () => {
    let now = 0;
    const documents = new PageDocuments(() => now);
    documents.ready(1, 0);
    expect(documents.take(1, 0, MAX_READ_CHARS, true)).toBe(MAX_READ_CHARS);
    // The top document's rescans get its trickle only.
    expect(documents.take(1, 0, MAX_READ_CHARS)).toBe(TRICKLE_CHARS);
    let firstReads = 0;
    for (let frame = 1; frame < MAX_FRAMES_PER_TAB; frame++) {
      documents.ready(1, frame);
      firstReads += documents.take(1, frame, MAX_READ_CHARS, true);
    }
    // What the tab had left of its first reads, then its trickle's worth: however many frames ask.
    expect(firstReads).toBe(TAB_FIRST_READS_CHARS - MAX_READ_CHARS - TRICKLE_CHARS + TAB_TRICKLE_CHARS);
    expect(documents.available(1, 5)).toBe(0);
    now += TRICKLE_WINDOW_MS;
    expect(documents.available(1, 5)).toBe(TRICKLE_CHARS);
    // Another tab has its own.
    documents.ready(2, 0);
    expect(documents.available(2, 0)).toBe(MAX_READ_CHARS + TRICKLE_CHARS);
    expect(documents.available(3, 0)).toBe(0);
  });

  it('allows every new top document a whole first read, whatever its tab read before (its prose comes with its ready note)', () => {
    let now = 0;
    const documents = new PageDocuments(() => now);
    for (let load = 0; load < 3; load++) {
      expect(documents.ready(1, 0)).toBe(true);
      expect(documents.available(1, 0)).toBeGreaterThanOrEqual(MAX_READ_CHARS);
      documents.take(1, 0, MAX_READ_CHARS, true);
      for (let frame = 1; frame <= MAX_FRAMES_PER_TAB + 5; frame++) if (documents.ready(1, frame)) documents.take(1, frame, MAX_READ_CHARS, true);
      now += 1;
    }
  });

  it('remembers what each document matched, capped with the oldest forgotten, and forgets it with the document', () => {
    const documents = new PageDocuments(() => 0);
    documents.ready(1, 0);
    documents.ready(1, 3);
    documents.matched(1, 3, ['person:a']);
    expect(documents.wasMatched(1, 3, 'person:a')).toBe(true);
    expect(documents.wasMatched(1, 0, 'person:a')).toBe(false);
    // Not remembered for a document never reported ready.
    documents.matched(1, 9, ['person:b']);
    expect(documents.wasMatched(1, 9, 'person:b')).toBe(false);
    documents.matched(1, 3, Array.from({ length: MAX_MATCHED_PER_DOCUMENT }, (_, i) => `person:${i}`));
    expect(documents.wasMatched(1, 3, 'person:a')).toBe(false);
    expect(documents.wasMatched(1, 3, 'person:0')).toBe(true);
    // A new document in the frame forgets the old one's.
    documents.ready(1, 3);
    expect(documents.wasMatched(1, 3, 'person:0')).toBe(false);
    documents.matched(1, 3, ['person:c']);
    documents.closeTab(1);
    expect(documents.wasMatched(1, 3, 'person:c')).toBe(false);
  });

  it('comes back from its saved state, as a woken worker finds it, and ignores a malformed one', () => {
    const documents = new PageDocuments(() => 0);
    documents.ready(1, 0);
    documents.matched(1, 0, ['person:a']);
    expect(documents.take(1, 0, MAX_READ_CHARS)).toBe(MAX_READ_CHARS);
    const woken = new PageDocuments(() => 0, JSON.parse(JSON.stringify(documents.save())));
    expect(woken.wasMatched(1, 0, 'person:a')).toBe(true);
    expect(woken.take(1, 0, 2 * TRICKLE_CHARS)).toBe(TRICKLE_CHARS);
    const junk = new PageDocuments(() => 0, { 1: 'x', 2: { reads: 'no' } } as never);
    expect(junk.wasMatched(1, 0, 'person:a')).toBe(false);
  });
});
