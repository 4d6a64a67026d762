/**
 * npm run lexicon
 *
 * Writes assets/public/lexicon.txt from compromise's lexicon (see lexicon-source.ts);
 * run it after updating compromise.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { LEXICON_PATH } from './lexicon-file';
import { lexiconSource } from './lexicon-source';

const { source, words } = lexiconSource();
writeFileSync(LEXICON_PATH, source);
console.log(`assets/public/lexicon.txt: ${words} words, ${(source.length / 1024).toFixed(0)} kB (${(gzipSync(source).length / 1024).toFixed(0)} kB gzip)`);
