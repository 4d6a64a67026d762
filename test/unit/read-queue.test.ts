import { describe, expect, it } from 'vitest';
import { ReadQueue } from '../../lib/lookup/read-queue';

/** A read that finishes when the test says so. */
function controlledReads() {
  const started: string[] = [];
  const finish: Array<() => void> = [];
  const queue = new ReadQueue<string>((tabId, frameId, document) => {
    started.push(`${tabId}/${frameId}:${document}`);
    return new Promise<void>((done) => finish.push(done));
  });
  const finishNext = async () => {
    finish.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { queue, started, finishNext };
}

describe('the background’s queue of page reads', () => {
  it('reads one document at a time per tab, and tabs independently', async () => {
    const { queue, started, finishNext } = controlledReads();
    queue.push(1, 0, 'a');
    queue.push(1, 5, 'b');
    queue.push(2, 0, 'c');
    expect(started).toEqual(['1/0:a', '2/0:c']);
    expect(queue.waiting(1)).toBe(1);
    await finishNext();
    expect(started).toEqual(['1/0:a', '2/0:c', '1/5:b']);
  });

  it('keeps only the newest document of a frame that reports again while it waits: a frame reloading all the time queues one read', async () => {
    const { queue, started, finishNext } = controlledReads();
    queue.push(1, 0, 'top');
    for (let load = 0; load < 1_000; load++) for (let frame = 1; frame <= 20; frame++) queue.push(1, frame, `load ${load}`);
    expect(queue.waiting(1)).toBe(20);
    for (let i = 0; i < 21; i++) await finishNext();
    expect(started).toHaveLength(21);
    expect(started.slice(1).every((s) => s.endsWith(':load 999'))).toBe(true);
    await queue.idle(1);
    expect(queue.waiting(1)).toBe(0);
  });

  it('goes on after a read fails, and forgets a closed tab’s waiting reads', async () => {
    const read: string[] = [];
    const queue = new ReadQueue<string>(async (_tab, _frame, document) => {
      read.push(document);
      if (document === 'gone') throw new Error('No frame with id 3');
    });
    queue.push(1, 3, 'gone');
    queue.push(1, 4, 'next');
    await queue.idle(1);
    expect(read).toEqual(['gone', 'next']);
    const { queue: other, started, finishNext } = controlledReads();
    other.push(7, 0, 'a');
    other.push(7, 1, 'b');
    other.dropTab(7);
    await finishNext();
    await other.idle(7);
    expect(started).toEqual(['7/0:a']);
  });
});
