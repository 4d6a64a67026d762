import { describe, expect, it } from 'vitest';
import { READ_GROUP_BYTES, READ_GROUP_FILES, groupedReader } from '../../lib/import/read-files';
import type { ImportFile } from '../../lib/import/run';

/** A File that counts the reads made of it alone (a group's read goes through Blob, not through them). */
class CountedFile extends File {
  readsAlone = 0;
  override arrayBuffer(): Promise<ArrayBuffer> {
    this.readsAlone++;
    return super.arrayBuffer();
  }
}

/** A file that changed on disk after it was picked: it claims a size it no longer has, and reading it fails. */
class ChangedFile extends CountedFile {
  override get size() {
    return super.size + 1;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    this.readsAlone++;
    return Promise.reject(new Error('changed on disk'));
  }
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const files = (count: number, size = 10) => Array.from({ length: count }, (_, i) => new CountedFile([`${i}`.padEnd(size, '.')], `${i}.txt`));

describe('reading an import’s files in groups', () => {
  it('gives each file its own bytes, reading the readable ones in one go and skipping the others', async () => {
    const picked = files(10);
    const read = groupedReader(picked, (i) => i !== 3);
    for (const i of [0, 1, 2, 4, 5, 6, 7, 8, 9]) expect(text(await read(i))).toBe(`${i}`.padEnd(10, '.'));
    expect(picked.map((f) => f.readsAlone)).toEqual(picked.map(() => 0));
  });

  it('reads at most READ_GROUP_FILES files or READ_GROUP_BYTES bytes together', async () => {
    const many = files(READ_GROUP_FILES + 1);
    const read = groupedReader(many, () => true);
    for (const i of many.keys()) await read(i);
    // The first group held READ_GROUP_FILES files; the last was read when it was asked for, as a group of one.
    expect(many.map((f) => f.readsAlone)).toEqual([...Array(READ_GROUP_FILES).fill(0), 1]);

    const large = files(3, READ_GROUP_BYTES / 2);
    const readLarge = groupedReader(large, () => true);
    for (const i of large.keys()) expect((await readLarge(i)).length).toBe(READ_GROUP_BYTES / 2);
    expect(large.map((f) => f.readsAlone)).toEqual([0, 0, 1]);
  });

  it('reads a group again file by file when it is not what its files claimed, so that only the bad file fails', async () => {
    const picked: CountedFile[] = [...files(2), new ChangedFile(['gone'], 'gone.txt'), ...files(2)];
    const read = groupedReader(picked, () => true);
    expect(text(await read(0))).toBe('0.........');
    expect(text(await read(1))).toBe('1.........');
    await expect(read(2)).rejects.toThrow('changed on disk');
    expect(text(await read(3))).toBe('0.........');
    expect(picked.map((f) => f.readsAlone)).toEqual([1, 1, 1, 1, 0]);
  });

  it('reads alone what is not a Blob', async () => {
    const standIn: ImportFile = { name: 'a.txt', size: 3, arrayBuffer: async () => new TextEncoder().encode('abc').buffer as ArrayBuffer };
    const read = groupedReader([standIn, ...files(2)], () => true);
    expect(text(await read(0))).toBe('abc');
    expect(text(await read(2))).toBe('1.........');
  });
});
