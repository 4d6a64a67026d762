import 'fake-indexeddb/auto';
import { readFileSync, readdirSync } from 'node:fs';
import { parseCorpusFile } from './lib/corpus/parse';
import { loadBundledCorpus, makeBundledIndex } from './lib/store/bundled';
import { openDb } from './lib/store/db';
const paras: string[] = [];
for (const f of readdirSync('assets/corpus')) for (const a of parseCorpusFile(f, readFileSync('assets/corpus/'+f,'utf8'))) paras.push(...a.paragraphs);
let seed = 1; const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const files = [];
for (let i = 0; i < 150; i++) {
  const ps = Array.from({length: 12}, () => paras[Math.floor(rnd()*paras.length)]);
  files.push({ name: `a${i}.txt`, bytes: new TextEncoder().encode(`Headline number ${i}\n\n${ps.join('\n')}\n`) });
}
const db = openDb('prof');
const byName = new Map(files.map(f=>[f.name,f.bytes]));
const t = performance.now();
const rep = await loadBundledCorpus(db, await makeBundledIndex(files), async (n)=>byName.get(n)!);
console.log(rep.words, Math.round(performance.now()-t));
