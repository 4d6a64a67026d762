/**
 * What the options page accepts as an import, and why it refuses the rest.
 * Each refusal is a sentence the page shows next to the file's name.
 */

/**
 * Largest file accepted. A file is analysed and stored as one batch in one
 * transaction, so its size bounds how long the import holds the store: at
 * the measured ingest rate (about 45,000 words a second on these machines),
 * 20 MB of prose, some 3 million words, is over a minute of analysis. A
 * larger collection imports the same way split into several files.
 */
export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;

/** .txt: the bundled corpus's format; .html: a saved page; .json: Backstory's own export. */
export type ImportKind = 'text' | 'html' | 'export';

const KIND_BY_EXTENSION: Record<string, ImportKind> = {
  txt: 'text',
  html: 'html',
  htm: 'html',
  json: 'export',
};

export const ACCEPTED_EXTENSIONS = Object.keys(KIND_BY_EXTENSION).map((ext) => `.${ext}`);

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export type FileCheck = { ok: true; kind: ImportKind } | { ok: false; reason: string };

/** Checks what can be told before reading a byte: the type by the name, and the size. */
export function checkImportFile(name: string, size: number): FileCheck {
  const extension = extensionOf(name);
  const kind = KIND_BY_EXTENSION[extension];
  if (!kind) {
    const what = extension ? `.${extension}` : 'no extension';
    return { ok: false, reason: `unsupported type (${what}): Backstory imports .txt, .html and its own .json export` };
  }
  if (size > MAX_IMPORT_FILE_BYTES) {
    return { ok: false, reason: `too large (${formatBytes(size)}): the limit is ${formatBytes(MAX_IMPORT_FILE_BYTES)} a file; split it into smaller files` };
  }
  if (size === 0) return { ok: false, reason: 'empty file' };
  return { ok: true, kind };
}

/** "512 bytes", "3.4 kB", "20 MB" (binary multiples, as file managers and the browser's storage figures count). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value < 10 && !Number.isInteger(value) ? 1 : 0;
  return `${value.toFixed(digits)} ${units[unit]}`;
}
