/**
 * Runs every benchmark in this folder (files named *.bench.ts), one after the
 * other so they do not compete for the CPU, or only those named on the command
 * line: `npm run bench -- analysis`.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { installLexiconFile } from '../../lib/cli/lexicon-file';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

// The benchmarks that analyse in Node read the lexicon the extension ships, as the extension does.
installLexiconFile();

for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const bench = await import(pathToFileURL(dir + file).href);
  await bench.default();
}
