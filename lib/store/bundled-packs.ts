/**
 * The bundled corpus's files packed together in the package. Reading a
 * package file is a request to the browser, whatever its size: a load of
 * 2,000 one-article files spent 1.1 s of the corpus worker's 5.6 s in
 * `fetch`, and the browser, which the load keeps busy writing, paid for each
 * too. The build concatenates the files, in the index's order, into packs of
 * about PACK_BYTES, and the index says where each file is in which pack; a
 * load reads a pack once and hands out its files' bytes. The files keep their
 * names and hashes (the digest is the same), and a file the build did not pack
 * is read alone, as before.
 */
import type { BundledIndex } from './bundled-digest';

/** About this many bytes a pack (a file larger than that is a pack of its own). */
export const PACK_BYTES = 1024 * 1024;

export const packPath = (pack: number) => `corpus/packs/${pack}.txt`;
export const unpackedPath = (name: string) => `corpus/${name}`;

/** Where a file is: its pack, its first byte there and its length. */
export type PackPlace = [pack: number, at: number, bytes: number];

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Packs the files of `index` (`bytesOf` gives each one's bytes). Packs are
 * text, which is what the build writes: a file that is not UTF-8 is left
 * out, to ship alone and be refused by the load as before, its bytes intact.
 */
export function packCorpus(index: BundledIndex, bytesOf: (name: string) => Uint8Array): { index: BundledIndex; packs: string[] } {
  const packs: string[][] = [];
  let bytes = PACK_BYTES;
  const files = index.files.map((file) => {
    const content = bytesOf(file.name);
    let text: string;
    try {
      text = utf8.decode(content);
    } catch {
      return file;
    }
    if (bytes + content.length > PACK_BYTES && bytes > 0) {
      packs.push([]);
      bytes = 0;
    }
    packs[packs.length - 1].push(text);
    const place: PackPlace = [packs.length - 1, bytes, content.length];
    bytes += content.length;
    return { ...file, pack: place };
  });
  return { index: { ...index, files }, packs: packs.map((texts) => texts.join('')) };
}

/**
 * Reads the files of `index` by name, from their packs (`readPath` reads a
 * package file). A load asks for files in the index's order, so a pack is
 * read once; only the pack in hand and the one before are kept.
 */
export function packedFiles(index: BundledIndex, readPath: (path: string) => Promise<Uint8Array>): (name: string) => Promise<Uint8Array> {
  const places = new Map(index.files.flatMap((file) => (file.pack ? [[file.name, file.pack] as const] : [])));
  const packs = new Map<number, Promise<Uint8Array>>();
  return async (name) => {
    const place = places.get(name);
    if (!place) return readPath(unpackedPath(name));
    const [pack, at, bytes] = place;
    let read = packs.get(pack);
    if (!read) {
      read = readPath(packPath(pack));
      packs.set(pack, read);
      for (const kept of packs.keys()) if (kept < pack - 1 || kept > pack) packs.delete(kept);
    }
    const content = await read;
    if (at + bytes > content.length) throw new Error(`${name}: shorter in its pack than the index says`);
    return content.subarray(at, at + bytes);
  };
}
