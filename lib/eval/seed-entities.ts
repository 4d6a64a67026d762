/**
 * Scores entity extraction against the hand-made seed answers
 * (test/fixtures/eval/seed-gold.json, "entities"): recall and precision per
 * type, and whether each alias cluster ("Zelenskiy", "Zelensky", …) lands in
 * one entity. Names are compared after folding case, accents and apostrophes.
 * Items marked "required": false count neither for nor against.
 */
import { normaliseName } from '../analysis/aliases';
import type { AnalysisInput, Entity, EntityType, Mention } from '../analysis/types';
import { articleText, type ParsedArticle } from '../corpus/article';

export interface SeedEntityGold {
  type: string;
  name: string;
  aliases?: string[];
  /** Files the entity appears in, when more than one: it must still be one record. */
  files?: string[];
  required?: boolean;
}

export interface SeedEntityFile {
  file: string;
  text: string;
}

type Extract = (inputs: AnalysisInput[]) => { entities: Entity[]; mentions: Mention[] };
type Parse = (file: string, text: string) => Pick<ParsedArticle, 'paragraphs'>[];

export interface TypeScore {
  expected: number;
  found: number;
  extracted: number;
  correct: number;
  recall: number;
  precision: number;
}

export interface SeedEntityReport {
  byType: Record<EntityType, TypeScore>;
  overall: TypeScore;
  missing: string[];
  /** Extracted entities that match no answer: "type: name". */
  spurious: string[];
  clusters: { expected: number; passed: number; failed: string[] };
  /** Entities the answers list in several files: found as one record with mentions in each. */
  crossFile: { expected: number; passed: number; failed: string[] };
}

const TYPES: EntityType[] = ['person', 'place', 'org'];

/** Articles of the seed files, as the extension would see them: parsed, one input per article. */
export function seedInputs(files: SeedEntityFile[], parse: Parse): { inputs: AnalysisInput[]; fileOf: Map<string, string> } {
  const inputs: AnalysisInput[] = [];
  const fileOf = new Map<string, string>();
  for (const { file, text } of files) {
    parse(file, text).forEach((article, index) => {
      const id = `${file}#${index}`;
      inputs.push({ id, text: articleText(article) });
      fileOf.set(id, file);
    });
  }
  return { inputs, fileOf };
}

const namesOf = (gold: SeedEntityGold) => [gold.name, ...(gold.aliases ?? [])].map(normaliseName);
const entityNames = (entity: Entity) => new Set([entity.name, ...entity.aliases].map(normaliseName));

export function scoreSeedEntities(goldItems: SeedEntityGold[], files: SeedEntityFile[], parse: Parse, extract: Extract): SeedEntityReport {
  const { inputs, fileOf } = seedInputs(files, parse);
  const { entities, mentions } = extract(inputs);
  const namesById = new Map(entities.map((e) => [e.id, entityNames(e)]));
  const matches = (gold: SeedEntityGold, entity: Entity) => entity.type === gold.type && namesOf(gold).some((n) => namesById.get(entity.id)!.has(n));

  const required = goldItems.filter((g) => g.required !== false);
  const optional = goldItems.filter((g) => g.required === false);
  const byType = {} as Record<EntityType, TypeScore>;
  const missing: string[] = [];
  const spurious: string[] = [];
  for (const type of TYPES) {
    const expected = required.filter((g) => g.type === type);
    const found = expected.filter((g) => entities.some((e) => matches(g, e)));
    for (const g of expected) if (!found.includes(g)) missing.push(`${type}: ${g.name}`);
    const extracted = entities.filter((e) => e.type === type && !optional.some((g) => matches(g, e)));
    const correct = extracted.filter((e) => required.some((g) => matches(g, e)));
    for (const e of extracted) if (!correct.includes(e)) spurious.push(`${type}: ${e.name}`);
    byType[type] = score(expected.length, found.length, extracted.length, correct.length);
  }
  const sum = (key: keyof TypeScore) => TYPES.reduce((total, t) => total + byType[t][key], 0);
  const overall = score(sum('expected'), sum('found'), sum('extracted'), sum('correct'));

  const clusters = { expected: 0, passed: 0, failed: [] as string[] };
  for (const g of required.filter((g) => (g.aliases ?? []).length > 0)) {
    clusters.expected++;
    const names = namesOf(g);
    const home = entities.find((e) => names.every((n) => namesById.get(e.id)!.has(n)));
    if (home) clusters.passed++;
    else clusters.failed.push(`${g.name}: ${describeSplit(names, entities, namesById)}`);
  }

  const crossFile = { expected: 0, passed: 0, failed: [] as string[] };
  for (const g of required.filter((g) => (g.files ?? []).length > 1)) {
    crossFile.expected++;
    const entity = entities.find((e) => matches(g, e));
    const filesMentioned = new Set(mentions.filter((m) => m.entityId === entity?.id).map((m) => fileOf.get(m.articleId)));
    if (entity && g.files!.every((f) => filesMentioned.has(f))) crossFile.passed++;
    else crossFile.failed.push(g.name);
  }
  return { byType, overall, missing, spurious, clusters, crossFile };
}

function score(expected: number, found: number, extracted: number, correct: number): TypeScore {
  return {
    expected,
    found,
    extracted,
    correct,
    recall: expected === 0 ? 1 : found / expected,
    precision: extracted === 0 ? 1 : correct / extracted,
  };
}

/** Which entity each name of a failed cluster went to, for the report. */
function describeSplit(names: string[], entities: Entity[], namesById: Map<string, Set<string>>): string {
  return names.map((n) => `${n} → ${entities.find((e) => namesById.get(e.id)!.has(n))?.id ?? 'none'}`).join(', ');
}

export function formatSeedEntityReport(report: SeedEntityReport): string {
  const pct = (x: number) => (100 * x).toFixed(1).padStart(5) + '%';
  const lines = ['Entities (seed answers)', '  type     recall        precision'];
  for (const type of [...TYPES, 'overall' as const]) {
    const s = type === 'overall' ? report.overall : report.byType[type];
    lines.push(`  ${type.padEnd(8)} ${pct(s.recall)} ${`${s.found}/${s.expected}`.padEnd(7)} ${pct(s.precision)} ${s.correct}/${s.extracted}`);
  }
  lines.push(`  alias clusters in one entity: ${report.clusters.passed}/${report.clusters.expected}`);
  lines.push(`  entities across files as one record: ${report.crossFile.passed}/${report.crossFile.expected}`);
  if (report.missing.length) lines.push(`  missing: ${report.missing.join('; ')}`);
  if (report.spurious.length) lines.push(`  not in the answers: ${report.spurious.join('; ')}`);
  for (const failure of [...report.clusters.failed, ...report.crossFile.failed]) lines.push(`  split: ${failure}`);
  return lines.join('\n');
}
