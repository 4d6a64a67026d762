import { afterEach, describe, expect, it } from 'vitest';
import { createTimers } from '../../lib/in-page/timers';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fallback = { set: (fn: () => void, ms: number) => setTimeout(fn, ms), clear: (id: unknown) => clearTimeout(id as number) };

afterEach(() => {
  delete (globalThis as { scheduler?: unknown }).scheduler;
});

describe('createTimers', () => {
  it('uses scheduler.postTask with a delay when the browser has it, and cancels through clear and the signal', async () => {
    const posted: number[] = [];
    (globalThis as { scheduler?: unknown }).scheduler = {
      postTask: (fn: () => unknown, o: { delay: number; signal: AbortSignal }) => {
        posted.push(o.delay);
        return new Promise((resolve, reject) => {
          const t = setTimeout(() => resolve(fn()), o.delay);
          o.signal.addEventListener('abort', () => (clearTimeout(t), reject(new Error('aborted'))));
        });
      },
    };
    const life = new AbortController();
    const timers = createTimers(life.signal, fallback);
    const fired: string[] = [];
    timers.set(() => fired.push('a'), 5);
    const b = timers.set(() => fired.push('b'), 5);
    timers.clear(b);
    timers.set(() => fired.push('c'), 20);
    await wait(10);
    life.abort();
    await wait(30);
    expect(posted).toEqual([5, 5, 20]);
    expect(fired).toEqual(['a']);
  });

  it('falls back to plain timers without the scheduler API', async () => {
    const timers = createTimers(new AbortController().signal, fallback);
    const fired: string[] = [];
    timers.set(() => fired.push('x'), 1);
    await timers.yield();
    await wait(10);
    expect(fired).toEqual(['x']);
  });
});
