/**
 * Scores the corpus parser and the quotation finder against the hand-made seed
 * answers (test/fixtures/eval/seed-gold.json): which articles were found, which
 * quotations (recall and precision), and whether their speakers are right.
 *
 * Quotations are compared after folding case, quote marks, apostrophes and
 * punctuation, and one may contain the other (a quotation split at a paragraph,
 * or quoted with its lead-in words, still counts). Items marked
 * "required": false count neither for nor against.
 */
import type { Analysis, AnalysisInput, Entity } from '../analysis/types';
import { articleText, type ParsedArticle } from '../corpus/article';

export interface SeedGoldArticle {
  file: string;
  starts: string;
  ends: string;
  title: string | null;
  date: string | null;
  complete: boolean;
}

export interface SeedGoldQuote {
  file: string;
  text: string;
  speaker: string | null;
  speakerDescription?: string;
  required: boolean;
}

export interface SeedGoldEntity {
  type: string;
  name: string;
  aliases?: string[];
  required?: boolean;
}

export interface SeedGold {
  articles: SeedGoldArticle[];
  quotes: SeedGoldQuote[];
  entities: SeedGoldEntity[];
}

export interface CorpusFile {
  file: string;
  text: string;
}

export interface QuoteMiss {
  file: string;
  text: string;
  speaker: string | null;
}

export interface WrongSpeaker extends QuoteMiss {
  found: string | null;
}

export interface SeedReport {
  articles: { expected: number; found: number; exact: number; missing: string[] };
  quotes: { required: number; found: number; predicted: number; correct: number; missed: QuoteMiss[]; spurious: QuoteMiss[] };
  speakers: { checked: number; right: number; wrong: WrongSpeaker[] };
  /** Quotations the answers say nobody speaks (scare quotes) that were given a speaker anyway. */
  scareQuotesAttributed: QuoteMiss[];
}

export type Parse = (file: string, text: string) => ParsedArticle[];
export type Pipeline = (inputs: AnalysisInput[]) => Analysis;

interface PredictedQuote {
  file: string;
  text: string;
  folded: string;
  speaker: Entity | null;
  description: string | null;
}

export function scoreSeed(gold: SeedGold, files: CorpusFile[], parse: Parse, pipeline: Pipeline): SeedReport {
  const parsed = files.flatMap(({ file, text }) => parse(file, text));
  const inputs = parsed.map((article) => ({ id: `${article.file}:${article.index}`, text: articleText(article) }));
  const analysis = pipeline(inputs);
  const entities = new Map(analysis.entities.map((e) => [e.id, e]));
  const fileOf = new Map(inputs.map((input, i) => [input.id, parsed[i].file]));
  const predicted: PredictedQuote[] = analysis.quotes.map((q) => ({
    file: fileOf.get(q.articleId) ?? '',
    text: q.text,
    folded: fold(q.text),
    speaker: q.speakerId ? (entities.get(q.speakerId) ?? null) : null,
    description: q.speakerDescription,
  }));
  return {
    articles: scoreArticles(gold.articles, parsed),
    ...scoreQuotes(gold, predicted),
  };
}

function scoreArticles(expected: SeedGoldArticle[], parsed: ParsedArticle[]): SeedReport['articles'] {
  let found = 0;
  let exact = 0;
  const missing: string[] = [];
  for (const gold of expected) {
    const match = parsed.find((a) => a.file === gold.file && spansGold(articleText(a), gold));
    if (!match) {
      missing.push(`${gold.file}: ${gold.starts} …`);
      continue;
    }
    found++;
    if (match.title === gold.title && match.date === gold.date && match.complete === gold.complete) exact++;
  }
  return { expected: expected.length, found, exact, missing };
}

function spansGold(text: string, gold: SeedGoldArticle): boolean {
  const trimmed = text.trim();
  return trimmed.startsWith(gold.starts) && trimmed.endsWith(gold.ends);
}

function scoreQuotes(gold: SeedGold, predicted: PredictedQuote[]): Omit<SeedReport, 'articles'> {
  const required = gold.quotes.filter((q) => q.required);
  const missed: QuoteMiss[] = [];
  const wrong: WrongSpeaker[] = [];
  let found = 0;
  let right = 0;
  for (const quote of required) {
    const match = bestMatch(quote, predicted);
    if (!match) {
      missed.push({ file: quote.file, text: quote.text, speaker: quote.speaker });
      continue;
    }
    found++;
    if (sameSpeaker(quote.speaker, match.speaker, gold.entities)) right++;
    else wrong.push({ file: quote.file, text: quote.text, speaker: quote.speaker, found: match.speaker?.name ?? match.description });
  }
  const spurious: QuoteMiss[] = [];
  let correct = 0;
  let counted = 0;
  for (const p of predicted) {
    const goldMatches = gold.quotes.filter((g) => g.file === p.file && overlaps(fold(g.text), p.folded));
    if (goldMatches.length > 0 && goldMatches.every((g) => !g.required)) continue; // neither way
    counted++;
    if (goldMatches.length > 0) correct++;
    else spurious.push({ file: p.file, text: p.text, speaker: p.speaker?.name ?? p.description });
  }
  const scareQuotesAttributed = gold.quotes
    .filter((g) => g.speaker === null && !g.speakerDescription)
    .flatMap((g) => predicted.filter((p) => p.file === g.file && overlaps(fold(g.text), p.folded) && (p.speaker || p.description)))
    .map((p) => ({ file: p.file, text: p.text, speaker: p.speaker?.name ?? p.description }));
  return {
    quotes: { required: required.length, found, predicted: counted, correct, missed, spurious },
    speakers: { checked: found, right, wrong },
    scareQuotesAttributed,
  };
}

/** The predicted quotation that is this one: equal after folding, else the one that shares most text with it. */
function bestMatch(quote: SeedGoldQuote, predicted: PredictedQuote[]): PredictedQuote | null {
  const folded = fold(quote.text);
  const candidates = predicted.filter((p) => p.file === quote.file && overlaps(folded, p.folded));
  return candidates.find((p) => p.folded === folded) ?? candidates.sort((a, b) => b.folded.length - a.folded.length)[0] ?? null;
}

/**
 * A contained quotation must be a real part of the other, not a stray phrase
 * that could occur in any sentence: at least this many words, or half the longer one.
 */
const MIN_CONTAINED_WORDS = 3;

/** Equal, or one contains the other on word boundaries. */
function overlaps(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (!` ${longer} `.includes(` ${shorter} `)) return false;
  const words = (text: string) => text.split(' ').length;
  return words(shorter) >= MIN_CONTAINED_WORDS || 2 * words(shorter) >= words(longer);
}

/** Lower case, no quote marks or apostrophes, punctuation as spaces, spaces collapsed. */
export function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’‘`´"“”„«»]/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The speaker is right when the found entity's names and the answer's names for that person meet. */
function sameSpeaker(expected: string | null, found: Entity | null, goldEntities: SeedGoldEntity[]): boolean {
  if (expected === null) return found === null;
  if (!found) return false;
  const goldEntity = goldEntities.find((e) => e.name === expected);
  const expectedNames = new Set([expected, ...(goldEntity?.aliases ?? [])].map(fold));
  return [found.name, ...found.aliases].some((name) => expectedNames.has(fold(name)));
}

const percent = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`);

export function formatSeedReport(report: SeedReport): string {
  const { articles, quotes, speakers, scareQuotesAttributed } = report;
  const lines = [
    `Articles found        ${articles.found}/${articles.expected} (title, date and completeness also right: ${articles.exact}/${articles.expected})`,
    `Quote recall          ${quotes.found}/${quotes.required} = ${percent(quotes.found, quotes.required)}`,
    `Quote precision       ${quotes.correct}/${quotes.predicted} = ${percent(quotes.correct, quotes.predicted)}`,
    `Speaker accuracy      ${speakers.right}/${speakers.checked} = ${percent(speakers.right, speakers.checked)}`,
    `Scare quotes attributed ${scareQuotesAttributed.length}`,
  ];
  for (const m of articles.missing) lines.push(`  article missing: ${m}`);
  for (const m of quotes.missed) lines.push(`  quote missed: ${m.file} “${m.text}” (${m.speaker ?? 'no speaker'})`);
  for (const s of quotes.spurious) lines.push(`  quote not in the answers: ${s.file} “${s.text}” (${s.speaker ?? 'no speaker'})`);
  for (const w of speakers.wrong) lines.push(`  wrong speaker: “${w.text}” — expected ${w.speaker ?? 'none'}, found ${w.found ?? 'none'}`);
  for (const s of scareQuotesAttributed) lines.push(`  scare quote attributed: “${s.text}” to ${s.speaker}`);
  return lines.join('\n');
}
