import { afterEach, describe, expect, it, vi } from 'vitest';
import { KEEP_ALIVE_EVERY_MS, keepAliveUntil } from '../../lib/keep-alive';

afterEach(() => vi.useRealTimers());

describe('keeping the service worker alive through a long piece of work', () => {
  it('touches an extension API inside every 30 s while the work runs, and stops once it settles, failed or not', async () => {
    expect(KEEP_ALIVE_EVERY_MS).toBeLessThan(30_000);
    vi.useFakeTimers();
    for (const outcome of ['resolve', 'reject'] as const) {
      const touch = vi.fn(() => Promise.reject(new Error('no API here')));
      let settle!: () => void;
      const work = new Promise<void>((resolve, reject) => (settle = outcome === 'resolve' ? resolve : () => reject(new Error('upgrade failed'))));
      const kept = keepAliveUntil(work, touch);
      kept.catch(() => undefined);
      await vi.advanceTimersByTimeAsync(65_000);
      expect(touch).toHaveBeenCalledTimes(3);
      settle();
      await vi.advanceTimersByTimeAsync(0);
      await vi.advanceTimersByTimeAsync(65_000);
      expect(touch).toHaveBeenCalledTimes(3);
      expect(kept).toBe(work);
    }
  });
});
