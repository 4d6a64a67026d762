import { describe, expect, it } from 'vitest';
import { KeyFilter } from '../../lib/store/key-filter';

describe('KeyFilter', () => {
  it('has every key added, and few of those it was never given', () => {
    const filter = new KeyFilter(2 ** 20);
    const added = Array.from({ length: 40_000 }, (_, i) => `full:person ${i}`);
    for (const key of added) filter.add(key);
    expect(added.every((key) => filter.mayHave(key))).toBe(true);
    const unseen = Array.from({ length: 40_000 }, (_, i) => `sur:other ${i}`);
    const maybes = unseen.filter((key) => filter.mayHave(key)).length;
    // 26 bits a key and 5 hashes: about one in two thousand.
    expect(maybes).toBeLessThan(unseen.length / 200);
  });

  it('refuses a size that is not a power of two', () => {
    expect(() => new KeyFilter(1000)).toThrow(RangeError);
  });
});
