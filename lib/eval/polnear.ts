/**
 * Scores quotations and speakers against PolNeAR (political news attribution
 * relations, BRAT standoff annotation: Source, Cue and Content spans joined by
 * an Attribution event) on news no rule was written against.
 *
 * Gold direct quotations are the quoted regions of the text (between quotation
 * marks, within a paragraph, or to its end when the quotation runs on) that lie
 * inside an attribution's content; their speaker is that attribution's source.
 * Quoted regions outside every attribution (titles, slogans, terms) are not speech.
 *
 * A predicted quotation matches a gold one when their overlap covers at least
 * half of each. Speaker accuracy counts gold quotations whose source names
 * someone (a capitalised word that is not a pronoun or determiner): right when
 * the predicted speaker's name shares a word with the source, wrong when
 * another entity was chosen, none when no entity was.
 *
 * Nothing of PolNeAR is bundled: the corpus is read at run time from a copy
 * the developer fetched (it carries no licence).
 */
import type { AnalysisInput, Entity, Quote } from '../analysis/types';
import { precisionRecall, type MatchScore } from './match-score';

export interface TextSpan {
  start: number;
  end: number;
}

export interface BratAttribution {
  source: TextSpan[];
  cue: TextSpan[];
  content: TextSpan[];
}

export interface GoldQuote extends TextSpan {
  /** The annotated source as written ("Sen. Ada Morrow"), null when the attribution has none. */
  source: string | null;
  sourceSpans: TextSpan[];
  cue: string;
  cueSpans: TextSpan[];
}

export interface PolnearDocument {
  /** File name without extension; the outlet is its first part ("nyt_2016-…"). */
  name: string;
  text: string;
  ann: string;
}

type Analyze = (inputs: AnalysisInput[]) => { entities: Entity[]; quotes: Quote[] };

/**
 * Recurring kinds of attribution, as the speaker errors are read: each gold
 * quotation with a named source is put in every pattern it shows.
 */
export const ERROR_PATTERNS = [
  'previous paragraph',
  'party-state note',
  'honorific',
  'apposition',
  'written speech',
  'joint sources',
] as const;
export type ErrorPattern = (typeof ERROR_PATTERNS)[number];

export interface SpeakerTally {
  right: number;
  wrong: number;
  none: number;
}

/** Quotations matched by their spans. */
export interface PolnearScore extends MatchScore {
  documents: number;
  /** Over found gold quotations whose source is named. */
  speakers: SpeakerTally;
  patterns: Record<ErrorPattern, SpeakerTally>;
  /** Predicted quotations that are not speech, by what they look like. */
  spurious: { titleLike: number; hashtag: number; other: number };
  /** Titles in quotation marks inside reported content: out of the gold, neither way in precision; how many we kept as quotations. */
  embeddedTitles: { gold: number; kept: number };
}

export interface PolnearReport {
  total: PolnearScore;
  byOutlet: Record<string, PolnearScore>;
  /** A few errors of each kind, for reading while developing. */
  examples: { wrong: string[]; none: string[]; spurious: string[]; missed: string[] };
}

/** Examples kept per kind. */
const MAX_EXAMPLES = 30;
/** Share of each span the overlap must cover for a predicted quotation to match a gold one. */
const MIN_OVERLAP_SHARE = 0.5;

// ---------------------------------------------------------------------------
// Reading the annotation

/** The attribution relations of one .ann file: "T1\tSource 0 4\tPoll" lines joined by "E1\tAttribution:T4 Source:T1 …". */
export function parseBrat(ann: string): BratAttribution[] {
  const textBounds = new Map<string, TextSpan[]>();
  const events: string[][] = [];
  for (const line of ann.split('\n')) {
    const [id, body] = line.split('\t');
    if (!id || !body) continue;
    if (id.startsWith('T')) {
      const spaceAt = body.indexOf(' ');
      const spans = body
        .slice(spaceAt + 1)
        .split(';')
        .map((pair) => pair.trim().split(/\s+/u).map(Number))
        .filter((pair) => pair.length === 2 && pair.every(Number.isFinite))
        .map(([start, end]) => ({ start, end }));
      textBounds.set(id, spans);
    } else if (id.startsWith('E')) {
      events.push(body.trim().split(/\s+/u));
    }
  }
  return events.map((roles) => {
    const attribution: BratAttribution = { source: [], cue: [], content: [] };
    for (const role of roles) {
      const [name, ref] = role.split(':');
      const spans = textBounds.get(ref) ?? [];
      if (name === 'Source') attribution.source.push(...spans);
      else if (name === 'Cue') attribution.cue.push(...spans);
      else if (name === 'Content') attribution.content.push(...spans);
    }
    return attribution;
  });
}

/**
 * The quoted regions of a text: inside the marks, paragraph by paragraph
 * (lines), a straight mark opening after a space or bracket and closing
 * otherwise, a closing curly mark typed at a word's start opening; an
 * unclosed region runs to its paragraph's end.
 */
export function quotedRegions(text: string): TextSpan[] {
  const regions: TextSpan[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    let open: number | null = null;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      const before = i === 0 ? ' ' : line[i - 1];
      const after = line[i + 1] ?? ' ';
      // A closing mark typed where an opening one belongs ("”Mr. Trump embodies …”") opens when it stands before a word.
      const typedBackwards = ch === '”' && open === null && /\s/u.test(before) && /[\p{L}\p{N}]/u.test(after);
      const opens = ch === '“' || typedBackwards || (ch === '"' && open === null && /[\s([{\u2014\u2013-]/u.test(before));
      const closes = (ch === '”' && !typedBackwards) || (ch === '"' && open !== null);
      if (open === null && opens) open = i + 1;
      else if (open !== null && closes) {
        if (i > open) regions.push({ start: lineStart + open, end: lineStart + i });
        open = null;
      }
    }
    if (open !== null && open < line.trimEnd().length) regions.push({ start: lineStart + open, end: lineStart + line.trimEnd().length });
    lineStart += line.length + 1;
  }
  return regions.filter((r) => /[\p{L}\p{N}]/u.test(text.slice(r.start, r.end)));
}

/**
 * Gold direct quotations: quoted regions lying mostly inside an attribution's
 * content. A title in quotation marks inside a longer content ("she thinks this
 * is an episode of “Shark Tank”") is part of what was reported, not the
 * source's words: it is left out of the gold and counted in `embeddedTitles`.
 */
export function goldQuotes(text: string, attributions: BratAttribution[], embeddedTitles: TextSpan[] = []): GoldQuote[] {
  const gold: GoldQuote[] = [];
  for (const region of quotedRegions(text)) {
    const length = region.end - region.start;
    const attribution = attributions.find((a) => a.content.reduce((sum, c) => sum + overlap(region, c), 0) * 2 >= length);
    if (!attribution) continue;
    const contentLength = attribution.content.reduce((sum, c) => sum + c.end - c.start, 0);
    if (isTitleLike(text.slice(region.start, region.end)) && contentLength > 2 * length) {
      embeddedTitles.push(region);
      continue;
    }
    const source = attribution.source.length > 0 ? attribution.source.map((s) => text.slice(s.start, s.end)).join(' … ') : null;
    gold.push({
      ...region,
      source,
      sourceSpans: attribution.source,
      cue: attribution.cue.map((s) => text.slice(s.start, s.end)).join(' … '),
      cueSpans: attribution.cue,
    });
  }
  return gold;
}

/** Words that begin a source without naming anyone ("He", "The campaign", "A spokesman"). */
const UNNAMED_WORDS = new Set([
  'he', 'she', 'they', 'it', 'we', 'i', 'you', 'his', 'her', 'their', 'its', 'our', 'my', 'the', 'a', 'an', 'this', 'that',
  'these', 'those', 'one', 'some', 'many', 'most', 'both', 'all', 'others', 'other', 'another', 'who', 'which',
]);

/**
 * The words of a source that name someone: the pieces of the source (split at
 * commas, brackets and "and") whose head, their last word, is capitalised.
 * "Sen. Ada Morrow (R-Utah)" → Sen, Ada, Morrow; "a spokeswoman for the
 * airline, Maria Quill" → Maria, Quill; "The New York businessman" names nobody.
 */
export function sourceNameWords(source: string): string[] {
  const words: string[] = [];
  for (const piece of source.split(/[,;()]|\s(?:and|&)\s|\s…\s/u)) {
    const trimmed = piece.trim().replace(/['’]s?$/u, '');
    const head = trimmed.split(/\s+/u).pop() ?? '';
    if (!/^\p{Lu}/u.test(head) || UNNAMED_WORDS.has(head.toLowerCase())) continue;
    for (const m of trimmed.matchAll(/\p{Lu}[\p{L}\p{M}'’.-]*/gu)) {
      const word = m[0].replace(/['’]s?$/u, '').replace(/\.$/u, '');
      if (word.length > 1 && !UNNAMED_WORDS.has(word.toLowerCase())) words.push(word);
    }
  }
  return words;
}

/** The name words of an entity, its aliases included: the surname and any other word. */
function entityWords(entity: Entity): Set<string> {
  const words = new Set<string>();
  for (const name of [entity.name, ...entity.aliases]) {
    for (const word of name.split(/[\s.]+/u)) if (/^\p{Lu}/u.test(word) && word.length > 1) words.add(word.replace(/['’]s?$/u, ''));
  }
  return words;
}

// ---------------------------------------------------------------------------
// Scoring

export function outletOf(name: string): string {
  return name.split('_')[0];
}

export function scorePolnear(documents: PolnearDocument[], analyze: Analyze): PolnearReport {
  const total = emptyScore();
  const byOutlet: Record<string, PolnearScore> = {};
  const examples: PolnearReport['examples'] = { wrong: [], none: [], spurious: [], missed: [] };
  for (const doc of documents) {
    const outlet = (byOutlet[outletOf(doc.name)] ??= emptyScore());
    const scores = [total, outlet];
    const embeddedTitles: TextSpan[] = [];
    const gold = goldQuotes(doc.text, parseBrat(doc.ann), embeddedTitles);
    const analysis = analyze([{ id: doc.name, text: doc.text }]);
    const entities = new Map(analysis.entities.map((e) => [e.id, e]));
    const predicted = analysis.quotes;
    for (const s of scores) {
      s.documents++;
      s.gold += gold.length;
      s.predicted += predicted.length;
    }
    for (const title of embeddedTitles) {
      const kept = predicted.some((p) => matches(title, p));
      for (const s of scores) {
        s.embeddedTitles.gold++;
        if (kept) s.embeddedTitles.kept++;
      }
    }
    for (const quote of predicted) {
      if (embeddedTitles.some((t) => matches(t, quote))) continue;
      if (gold.some((g) => matches(g, quote))) {
        for (const s of scores) s.correct++;
        continue;
      }
      const kind = spuriousKind(quote.text);
      for (const s of scores) s.spurious[kind]++;
      keep(examples.spurious, `${doc.name}: “${quote.text}”`);
    }
    for (const g of gold) {
      const quote = predicted.find((p) => matches(g, p));
      if (!quote) {
        keep(examples.missed, `${doc.name}: “${doc.text.slice(g.start, g.end)}”`);
        continue;
      }
      for (const s of scores) s.found++;
      const names = g.source ? sourceNameWords(g.source) : [];
      if (names.length === 0) continue;
      const speaker = quote.speakerId ? entities.get(quote.speakerId) : undefined;
      const verdict: keyof SpeakerTally = !speaker ? 'none' : names.some((w) => entityWords(speaker).has(w)) ? 'right' : 'wrong';
      const patterns = patternsOf(doc.text, g);
      for (const s of scores) {
        s.speakers[verdict]++;
        for (const p of patterns) s.patterns[p][verdict]++;
      }
      if (verdict !== 'right') {
        const said = speaker ? speaker.name : (quote.speakerDescription ?? '—');
        keep(examples[verdict], `${doc.name}@${g.start} [${patterns.join(', ')}] gold “${g.source}” got “${said}”: “${clip(doc.text.slice(g.start, g.end))}”`);
      }
    }
  }
  for (const s of [total, ...Object.values(byOutlet)]) {
    // Titles inside reported content are left out of the gold, so the ones we kept are left out of the predictions counted.
    Object.assign(s, precisionRecall(s, s.predicted - s.embeddedTitles.kept));
  }
  return { total, byOutlet, examples };
}

function emptyScore(): PolnearScore {
  const tally = (): SpeakerTally => ({ right: 0, wrong: 0, none: 0 });
  return {
    documents: 0,
    gold: 0,
    predicted: 0,
    found: 0,
    correct: 0,
    precision: 0,
    recall: 0,
    speakers: tally(),
    patterns: Object.fromEntries(ERROR_PATTERNS.map((p) => [p, tally()])) as Record<ErrorPattern, SpeakerTally>,
    spurious: { titleLike: 0, hashtag: 0, other: 0 },
    embeddedTitles: { gold: 0, kept: 0 },
  };
}

function overlap(a: TextSpan, b: TextSpan): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

function matches(gold: TextSpan, quote: TextSpan): boolean {
  const shared = overlap(gold, quote);
  return shared >= MIN_OVERLAP_SHARE * (gold.end - gold.start) && shared >= MIN_OVERLAP_SHARE * (quote.end - quote.start);
}

const TITLE_SMALL_WORDS = /^(?:a|an|the|and|or|of|in|on|at|to|for|with|by|from)$/u;

/** Two or more words, each main word capitalised ("The Morning Ledger", "Make America Great Again"). */
function isTitleLike(quoted: string): boolean {
  const words = quoted.trim().replace(/[,.]$/u, '').split(/\s+/u);
  return words.length >= 2 && words.every((w, i) => /^[\p{Lu}\p{N}]/u.test(w) || (i > 0 && TITLE_SMALL_WORDS.test(w)));
}

function spuriousKind(quoted: string): keyof PolnearScore['spurious'] {
  if (/^#/u.test(quoted.trim())) return 'hashtag';
  return isTitleLike(quoted) ? 'titleLike' : 'other';
}

/** The error patterns a gold quotation shows, read off its source and cue. */
export function patternsOf(text: string, gold: GoldQuote): ErrorPattern[] {
  const patterns: ErrorPattern[] = [];
  const source = gold.source ?? '';
  const sourceStart = Math.min(...gold.sourceSpans.map((s) => s.start));
  const sourceEnd = Math.max(...gold.sourceSpans.map((s) => s.end));
  // The source stands in an earlier paragraph than the quotation.
  if (gold.sourceSpans.length > 0 && sourceEnd <= gold.start && text.slice(sourceEnd, gold.start).includes('\n')) patterns.push('previous paragraph');
  const afterSource = text.slice(sourceEnd, sourceEnd + 12);
  if (/\([RDI]-[\p{Lu}][\p{L}.]*\)/u.test(source) || /^\s*\([RDI]-[\p{Lu}][\p{L}.]*\)/u.test(afterSource)) patterns.push('party-state note');
  if (/\b(?:Mr|Mrs|Ms|Dr)\.\s/u.test(source)) patterns.push('honorific');
  if (/,/u.test(source) || /^,\s+(?:a|an|the|who)\b/u.test(afterSource) || /^\s*(?:a|an|the)\s[^,]*,\s*$/u.test(textBefore(text, sourceStart))) {
    patterns.push('apposition');
  }
  if (/\b(?:tweet\w*|wrote|writes|posted|statement|e-?mail|Twitter|Facebook|letter|op-ed)\b/iu.test(gold.cue)) patterns.push('written speech');
  if (/\p{Lu}[\p{L}.'’-]*\s+(?:and|&)\s+(?:\p{Lu}|his|her|their)/u.test(source)) patterns.push('joint sources');
  return patterns;
}

function textBefore(text: string, at: number): string {
  return text.slice(Math.max(0, text.lastIndexOf('\n', at - 1) + 1), at).split(/[.!?]\s/u).pop() ?? '';
}

function keep(list: string[], line: string): void {
  if (list.length < MAX_EXAMPLES) list.push(line);
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

// ---------------------------------------------------------------------------
// Report

function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`;
}

function speakerLine(t: SpeakerTally): string {
  const n = t.right + t.wrong + t.none;
  return `${n} named: right ${percent(t.right, n)}, wrong ${percent(t.wrong, n)}, none ${percent(t.none, n)}`;
}

export function formatPolnearReport(split: string, report: PolnearReport, withExamples = false): string {
  const t = report.total;
  const lines = [
    `PolNeAR ${split}: ${t.documents} articles, ${t.gold} direct quotations, ${t.predicted} found by us`,
    `  quotations: precision ${t.precision.toFixed(3)}, recall ${t.recall.toFixed(3)}`,
    `  speakers: ${speakerLine(t.speakers)}`,
    `  not speech among ours: ${t.spurious.titleLike} title-like, ${t.spurious.hashtag} hashtags, ${t.spurious.other} other`,
    `  titles inside reported content (not counted): ${t.embeddedTitles.gold}, kept as quotations ${t.embeddedTitles.kept}`,
    '  by pattern:',
    ...ERROR_PATTERNS.map((p) => `    ${p.padEnd(20)} ${speakerLine(t.patterns[p])}`),
    '  by outlet:',
    ...Object.entries(report.byOutlet)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([outlet, s]) => `    ${outlet.padEnd(14)} P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)}  ${speakerLine(s.speakers)}`),
  ];
  if (withExamples) {
    for (const [kind, list] of Object.entries(report.examples)) {
      lines.push(`  ${kind}:`, ...list.map((l) => `    ${l}`));
    }
  }
  return lines.join('\n');
}
