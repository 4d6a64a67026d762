/**
 * npm run --silent analyze -- [--whole] FILE...
 *
 * Prints one JSON object: the articles in the files, with their entities,
 * mentions, quotations and speakers, exactly as the extension's pipeline finds
 * them. Offsets index each article's "text". With --whole a file is one article
 * and its text is the file's content unchanged, so offsets index the file.
 * A file that cannot be read is reported on stderr and the exit code is 1;
 * the other files are still analysed.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { analyzeCorpus } from '../analysis/index';
import type { Analysis, AnalysisInput } from '../analysis/types';
import { articleText } from '../corpus/article';
import { decodeCorpusBytes } from '../corpus/decode';
import { parseCorpusFile } from '../corpus/parse';
import { exitQuietlyWhenOutputCloses } from './closed-pipe';
import { installLexiconFile } from './lexicon-file';

interface CliArticle {
  file: string;
  title: string | null;
  date: string | null;
  complete: boolean;
  text: string;
}

const USAGE = 'usage: npm run --silent analyze -- [--whole] FILE...';

function main(argv: string[]): number {
  installLexiconFile();
  const whole = argv.includes('--whole');
  // A second "--" (npm run analyze -- -- FILE) is harmless.
  const paths = argv.filter((a) => a !== '--whole' && a !== '--');
  if (paths.length === 0 || paths.some((p) => p.startsWith('--'))) {
    console.error(USAGE);
    return 2;
  }
  const articles: CliArticle[] = [];
  let failed = false;
  for (const path of paths) {
    const read = readText(path);
    if (!read.ok) {
      console.error(read.error);
      failed = true;
      continue;
    }
    articles.push(...(whole ? [wholeFile(path, read.text)] : parsedArticles(path, read.text)));
  }
  const inputs: AnalysisInput[] = articles.map((a, i) => ({ id: `${a.file}:${i}`, text: a.text }));
  const analysis = analyzeCorpus(inputs);
  process.stdout.write(JSON.stringify({ articles: articles.map((a, i) => report(a, inputs[i].id, analysis)) }) + '\n');
  return failed ? 1 : 0;
}

function readText(path: string): { ok: true; text: string } | { ok: false; error: string } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? String(error)})`;
    return { ok: false, error: `${path}: ${reason}` };
  }
  return decodeCorpusBytes(path, bytes);
}

function wholeFile(path: string, text: string): CliArticle {
  return { file: basename(path), title: null, date: null, complete: true, text };
}

function parsedArticles(path: string, text: string): CliArticle[] {
  return parseCorpusFile(basename(path), text).map((article) => ({
    file: article.file,
    title: article.title,
    date: article.date,
    complete: article.complete,
    text: articleText(article),
  }));
}

function report(article: CliArticle, articleId: string, analysis: Analysis) {
  const mentions = analysis.mentions.filter((m) => m.articleId === articleId);
  const names = new Map(analysis.entities.map((e) => [e.id, e.name]));
  const entities = analysis.entities
    .filter((e) => mentions.some((m) => m.entityId === e.id))
    .map((e) => ({
      name: e.name,
      type: e.type,
      aliases: e.aliases,
      mentions: mentions.filter((m) => m.entityId === e.id).map((m) => [m.start, m.end]),
    }));
  const quotes = analysis.quotes
    .filter((q) => q.articleId === articleId)
    .map((q) => ({ text: q.text, start: q.start, end: q.end, speaker: q.speakerId ? (names.get(q.speakerId) ?? null) : null }));
  return { ...article, entities, quotes };
}

exitQuietlyWhenOutputCloses();
process.exitCode = main(process.argv.slice(2));
