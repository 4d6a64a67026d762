/**
 * A set of strings that answers "surely not here" or "maybe here", in a fixed
 * number of bits whatever it is given (a Bloom filter): what the entity cache
 * (entity-cache.ts) uses to know, without a request, that nothing is stored
 * under a key it never wrote.
 */

/** Bits set per key: with 20 bits a key or more, a key never added is a "maybe" well under one time in a hundred. */
const HASHES = 5;

/** FNV-1a over the string's UTF-16 code units, from a given start: two starts give two independent-enough hashes. */
function fnv1a(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class KeyFilter {
  private readonly words: Uint32Array;
  private readonly mask: number;

  /** `bits` must be a power of two. */
  constructor(bits: number) {
    if (bits < 32 || (bits & (bits - 1)) !== 0) throw new RangeError(`KeyFilter size ${bits} is not a power of two of at least 32`);
    this.words = new Uint32Array(bits / 32);
    this.mask = bits - 1;
  }

  /** The bit positions of a key: h1 + i·h2, the usual way to get k hashes from two. */
  private positions(key: string): number[] {
    const h1 = fnv1a(key, 0x811c9dc5);
    const h2 = fnv1a(key, 0x9747b28c) | 1;
    const out: number[] = [];
    for (let i = 0; i < HASHES; i++) out.push((h1 + Math.imul(i, h2)) & this.mask);
    return out;
  }

  add(key: string): void {
    for (const bit of this.positions(key)) this.words[bit >>> 5] |= 1 << (bit & 31);
  }

  /** False: the key was never added. True: it may have been. */
  mayHave(key: string): boolean {
    return this.positions(key).every((bit) => (this.words[bit >>> 5] & (1 << (bit & 31))) !== 0);
  }
}
