/**
 * npm run lexicon
 *
 * Writes lib/analysis/lexicon-data.ts from compromise's lexicon (see
 * lexicon-source.ts); run it after updating compromise.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lexiconSource } from './lexicon-source';

const OUTPUT = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'lib/analysis/lexicon-data.ts');
const { source, words } = lexiconSource();
writeFileSync(OUTPUT, source);
console.log(`lib/analysis/lexicon-data.ts: ${words} words, ${(source.length / 1024).toFixed(0)} kB`);
