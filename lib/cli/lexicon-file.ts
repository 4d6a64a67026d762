/**
 * The shipped lexicon file in the repository, for Node: tests, eval and
 * benchmarks analyse with the same words the extension reads from its package.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installLexicon, LEXICON_FILE } from '../analysis/lexicon';

/** WXT copies assets/public/ to the package's root, where lexiconReady() reads it. */
export const LEXICON_PATH = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'assets', 'public', LEXICON_FILE);

export function installLexiconFile(): void {
  installLexicon(readFileSync(LEXICON_PATH, 'utf8'));
}
