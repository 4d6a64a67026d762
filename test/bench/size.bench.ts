/**
 * Size of the built extension per entrypoint, raw and gzipped: what each
 * context loads. Reads the last build (`npm run build`) in .output/chrome-mv3.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LEXICON_FILE } from '../../lib/analysis/lexicon';
import { NAMES_SCRIPT } from '../../lib/page-scripts';

const outDir = resolve(import.meta.dirname, '../..', process.env.BACKSTORY_EXTENSION_DIR ?? '.output/chrome-mv3');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** The scripts and styles an entrypoint's HTML page pulls in, and the page itself. */
function htmlEntrypointFiles(html: string): string[] {
  const page = readFileSync(join(outDir, html), 'utf8');
  const refs = [...page.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  return [html, ...refs];
}

export default async function sizeBench() {
  if (!existsSync(join(outDir, 'manifest.json'))) {
    console.log(`no build in ${outDir}: run \`npm run build\` first`);
    return;
  }
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
  const entrypoints: Record<string, string[]> = {
    background: [manifest.background?.service_worker].filter(Boolean),
  };
  // Registered or injected by the background, so not in the manifest: page-ready.js (with the reader) on every page where
  // Backstory is on, reader.js in documents open before an install, the names script where it found names.
  entrypoints['page-ready with reader (page script)'] = [NAMES_SCRIPT.ready.slice(1)];
  entrypoints['reader (page script)'] = [NAMES_SCRIPT.reader.slice(1)];
  entrypoints['names (page script)'] = [NAMES_SCRIPT.file.slice(1), NAMES_SCRIPT.css.slice(1)];
  // Started by the options page for an import, so not in the manifest either.
  if (existsSync(join(outDir, 'corpus-worker.js'))) entrypoints['corpus worker'] = ['corpus-worker.js'];
  // Not a script: the word classes, read once by a context about to analyse (the background, the import worker).
  if (existsSync(join(outDir, LEXICON_FILE))) entrypoints['lexicon (data file)'] = [LEXICON_FILE];
  for (const [i, script] of (manifest.content_scripts ?? []).entries()) {
    entrypoints[`content script ${i + 1}`] = [...(script.js ?? []), ...(script.css ?? [])];
  }
  for (const html of files(outDir).map((f) => relative(outDir, f)).filter((f) => f.endsWith('.html'))) {
    entrypoints[html.replace(/\.html$/, '')] = htmlEntrypointFiles(html);
  }
  console.log('entrypoint'.padEnd(22), 'raw kB'.padStart(9), 'gzip kB'.padStart(9));
  for (const [name, list] of Object.entries(entrypoints)) {
    const bytes = list.map((f) => readFileSync(join(outDir, f)));
    const raw = bytes.reduce((n, b) => n + b.length, 0);
    const gzip = bytes.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
    console.log(name.padEnd(22), (raw / 1000).toFixed(1).padStart(9), (gzip / 1000).toFixed(1).padStart(9));
  }
  const total = files(outDir).reduce((n, f) => n + statSync(f).size, 0);
  console.log(`whole extension: ${(total / 1000).toFixed(1)} kB on disk`);
}
