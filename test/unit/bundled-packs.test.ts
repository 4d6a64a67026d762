import { afterEach, describe, expect, it } from 'vitest';
import { loadBundledCorpus, makeBundledIndex } from '../../lib/store/bundled';
import { PACK_BYTES, packCorpus, packPath, packedFiles, unpackedPath } from '../../lib/store/bundled-packs';
import { bundledCorpusFiles, corpusState, deleteTestDbs, loadBundled, testDb } from './helpers';

afterEach(deleteTestDbs);

const encode = (text: string) => new TextEncoder().encode(text);

/** A package: the packs as the build writes them (text), the unpacked files as they are; counting reads by path. */
function packageOf(files: Array<{ name: string; bytes: Uint8Array }>, packs: string[]) {
  const paths = new Map<string, Uint8Array>([...files.map((f) => [unpackedPath(f.name), f.bytes] as const), ...packs.map((text, n) => [packPath(n), encode(text)] as const)]);
  const reads: string[] = [];
  const readPath = async (path: string) => {
    reads.push(path);
    const bytes = paths.get(path);
    if (!bytes) throw new Error(`${path}: not in the package`);
    return bytes;
  };
  return { readPath, reads };
}

describe('the bundled corpus packed', () => {
  it('gives every file its own bytes, reading each pack once, and a file that is not UTF-8 alone', async () => {
    const big = 'x'.repeat(PACK_BYTES + 10);
    const files = [
      { name: 'a.txt', bytes: encode('Première ligne\n“Quoted,” she said.\n') },
      { name: 'b.txt', bytes: encode('\uFEFFwith a byte order mark\n') },
      { name: 'c.txt', bytes: new Uint8Array([0x4c, 0xf3, 0x64, 0xbc]) },
      { name: 'd.txt', bytes: encode(big) },
      { name: 'e.txt', bytes: encode('after the big one\n') },
    ];
    const index = await makeBundledIndex(files);
    const packed = packCorpus(index, (name) => files.find((f) => f.name === name)!.bytes);

    expect(packed.index.digest).toBe(index.digest);
    expect(packed.index.files.map((f) => f.pack?.[0] ?? null)).toEqual([0, 0, null, 1, 2]);
    const { readPath, reads } = packageOf(files, packed.packs);
    const read = packedFiles(packed.index, readPath);
    for (const file of files) expect(Buffer.from(await read(file.name)).equals(file.bytes), file.name).toBe(true);
    expect(reads).toEqual([packPath(0), unpackedPath('c.txt'), packPath(1), packPath(2)]);
  });

  it('loads into the same store as the files read one by one', async () => {
    const files = bundledCorpusFiles();
    const index = await makeBundledIndex(files);
    const packed = packCorpus(index, (name) => files.find((f) => f.name === name)!.bytes);
    expect(packed.packs).toHaveLength(1);

    const fromFiles = testDb();
    await loadBundled(fromFiles);
    const fromPacks = testDb();
    const { readPath, reads } = packageOf([], packed.packs);
    await loadBundledCorpus(fromPacks, packed.index, packedFiles(packed.index, readPath));
    expect(reads).toEqual([packPath(0)]);
    expect(await corpusState(fromPacks)).toEqual(await corpusState(fromFiles));
  });

  it('fails a file whose pack is shorter than the index says, naming it', async () => {
    const files = [{ name: 'a.txt', bytes: encode('some text\n') }];
    const packed = packCorpus(await makeBundledIndex(files), () => files[0].bytes);
    const { readPath } = packageOf([], ['some']);
    await expect(packedFiles(packed.index, readPath)('a.txt')).rejects.toThrow('a.txt: shorter in its pack');
    expect(packed.packs).toEqual(['some text\n']);
  });
});
