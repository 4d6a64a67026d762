/**
 * Turns the bytes of a corpus file into text, or says why they are not usable.
 * One function for every way text arrives (the CLI, the background ingest), so
 * a file is accepted or refused for the same reasons everywhere.
 */

export type DecodeResult = { ok: true; text: string } | { ok: false; error: string };

/** Strict UTF-8: a byte sequence that is not UTF-8 is refused rather than turned into U+FFFD. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function decodeCorpusBytes(name: string, bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, error: `${name}: empty file` };
  // A NUL byte never occurs in prose; it is the surest sign of a binary file,
  // and some binary files happen to be valid UTF-8.
  if (bytes.includes(0)) return { ok: false, error: `${name}: not text (binary data)` };
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { ok: false, error: `${name}: not text (not valid UTF-8)` };
  }
  if (text.trim() === '') return { ok: false, error: `${name}: empty file (only white space)` };
  return { ok: true, text };
}
