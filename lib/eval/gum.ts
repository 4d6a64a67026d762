/**
 * Scores entity extraction against GUM's Wikinews documents
 * (test/fixtures/eval/gum-news.json): named person, place and organisation
 * mentions annotated by the GUM team, with coreference clusters.
 *
 * Spans are matched by overlap, because GUM's name spans were trimmed from
 * the full mentions by rule ("the United Nations" → "Nations"). Per type:
 * precision is the share of our mentions of that type that overlap a gold
 * mention of the same type; recall the share of gold mentions overlapped by
 * one of ours of the same type. The cluster figure takes every pair of gold
 * mentions GUM puts in one coreference cluster (distinct spans, one document)
 * and counts the pairs whose two mentions both overlap mentions of one entity of ours.
 */
import type { AnalysisInput, Entity, EntityType, Mention } from '../analysis/types';
import { precisionRecall, type MatchCounts, type MatchScore } from './match-score';

interface GumMention {
  type: EntityType;
  text: string;
  start: number;
  end: number;
  mention: string;
  cluster: string;
}

interface GumDocument {
  id: string;
  text: string;
  entities: GumMention[];
}

type Extract = (inputs: AnalysisInput[]) => { entities: Entity[]; mentions: Mention[] };

/** A gold mention is found, and a predicted one correct, when a mention of the same type overlaps it. */
export interface GumTypeScore extends MatchScore {
  f1: number;
}

export interface GumReport {
  documents: number;
  words: number;
  byType: Record<EntityType, GumTypeScore>;
  /** The same figures ignoring type: how much is span finding, how much typing. */
  anyType: GumTypeScore;
  clusters: { pairs: number; together: number; share: number };
  /** A few examples of each error kind, for reading. */
  examples: { missed: string[]; spurious: string[] };
  millis: number;
}

const TYPES: EntityType[] = ['person', 'place', 'org'];
/** Examples kept per error kind in the report. */
const MAX_EXAMPLES = 40;

export function scoreGum(gold: unknown, extract: Extract): GumReport {
  const documents = readDocuments(gold);
  const started = Date.now();
  const { entities, mentions } = extract(documents.map((d) => ({ id: d.id, text: d.text })));
  const millis = Date.now() - started;
  const typeOf = new Map(entities.map((e) => [e.id, e.type]));
  const predictedByDoc = new Map<string, Mention[]>();
  for (const m of mentions) {
    const list = predictedByDoc.get(m.articleId) ?? [];
    list.push(m);
    predictedByDoc.set(m.articleId, list);
  }

  const counts = Object.fromEntries([...TYPES, 'any'].map((t) => [t, { gold: 0, predicted: 0, found: 0, correct: 0 }])) as Record<EntityType | 'any', MatchCounts>;
  const examples = { missed: [] as string[], spurious: [] as string[] };
  const clusters = { pairs: 0, together: 0, share: 0 };
  for (const doc of documents) {
    const goldSpans = uniqueSpans(doc.entities);
    const predicted = predictedByDoc.get(doc.id) ?? [];
    for (const g of goldSpans) {
      const hit = predicted.some((p) => overlaps(p, g) && typeOf.get(p.entityId) === g.type);
      counts[g.type].gold++;
      if (hit) counts[g.type].found++;
      else if (examples.missed.length < MAX_EXAMPLES) examples.missed.push(`${g.type} "${g.text}" (${g.mention}) ${context(doc.text, g)}`);
      counts.any.gold++;
      if (predicted.some((p) => overlaps(p, g))) counts.any.found++;
    }
    for (const p of predicted) {
      const type = typeOf.get(p.entityId)!;
      const hit = goldSpans.some((g) => overlaps(p, g) && g.type === type);
      counts[type].predicted++;
      if (hit) counts[type].correct++;
      else if (examples.spurious.length < MAX_EXAMPLES) examples.spurious.push(`${type} "${doc.text.slice(p.start, p.end)}" ${context(doc.text, p)}`);
      counts.any.predicted++;
      if (goldSpans.some((g) => overlaps(p, g))) counts.any.correct++;
    }
    scoreClusters(doc, predicted, clusters);
  }
  clusters.share = clusters.pairs === 0 ? 1 : clusters.together / clusters.pairs;
  const finish = (c: (typeof counts)['any']): GumTypeScore => {
    const { precision, recall } = precisionRecall(c);
    return { ...c, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
  };
  return {
    documents: documents.length,
    words: documents.reduce((n, d) => n + d.text.split(/\s+/).filter(Boolean).length, 0),
    byType: { person: finish(counts.person), place: finish(counts.place), org: finish(counts.org) },
    anyType: finish(counts.any),
    clusters,
    examples,
    millis,
  };
}

function readDocuments(gold: unknown): GumDocument[] {
  const documents = (gold as { documents?: unknown }).documents;
  if (!Array.isArray(documents)) throw new Error('GUM gold: expected { documents: [...] }');
  return documents as GumDocument[];
}

/** GUM lists a span once per mention it stands in (nested mentions share a name span): count each span once per type. */
function uniqueSpans(mentions: GumMention[]): GumMention[] {
  const seen = new Set<string>();
  return mentions.filter((m) => {
    const key = `${m.type}:${m.start}:${m.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

function scoreClusters(doc: GumDocument, predicted: Mention[], clusters: { pairs: number; together: number }) {
  const byCluster = new Map<string, GumMention[]>();
  for (const m of doc.entities) {
    const list = byCluster.get(m.cluster) ?? [];
    if (!list.some((o) => o.start === m.start && o.end === m.end)) list.push(m);
    byCluster.set(m.cluster, list);
  }
  const entitiesAt = (m: GumMention) => new Set(predicted.filter((p) => overlaps(p, m)).map((p) => p.entityId));
  for (const members of byCluster.values()) {
    const ids = members.map(entitiesAt);
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        clusters.pairs++;
        if ([...ids[a]].some((id) => ids[b].has(id))) clusters.together++;
      }
    }
  }
}

function context(text: string, span: { start: number; end: number }): string {
  const before = text.slice(Math.max(0, span.start - 30), span.start);
  const after = text.slice(span.end, span.end + 30);
  return `…${before}[${text.slice(span.start, span.end)}]${after}…`.replace(/\s+/g, ' ');
}

export function formatGumReport(report: GumReport): string {
  const f = (x: number) => x.toFixed(3);
  const lines = [
    `GUM news (${report.documents} documents, ${report.words} words, extraction ${report.millis} ms)`,
    '  type     precision recall  F1     gold  predicted',
  ];
  const row = (name: string, s: GumTypeScore) => `  ${name.padEnd(8)} ${f(s.precision)}     ${f(s.recall)}  ${f(s.f1)}  ${String(s.gold).padStart(4)}  ${String(s.predicted).padStart(4)}`;
  for (const type of TYPES) lines.push(row(type, report.byType[type]));
  lines.push(row('any type', report.anyType));
  lines.push(`  coreference pairs in one entity: ${report.clusters.together}/${report.clusters.pairs} (${f(report.clusters.share)})`);
  return lines.join('\n');
}
