/**
 * The analysis pipeline the extension runs on a batch of articles: entities and
 * their mentions across the whole batch (so a surname in one article can join a
 * full name in another), then quotations and speakers article by article.
 */
import { extractEntities } from './entities';
import { findQuotes } from './quotes';
import type { Analysis, AnalysisInput, Mention } from './types';

export function analyzeCorpus(inputs: AnalysisInput[]): Analysis {
  const { entities, mentions } = extractEntities(inputs);
  const entitiesById = new Map(entities.map((e) => [e.id, e]));
  const mentionsByArticle = groupByArticle(mentions);
  const quotes = inputs.flatMap((input) => findQuotes(input, mentionsByArticle.get(input.id) ?? [], entitiesById));
  return { entities, mentions, quotes };
}

function groupByArticle(mentions: Mention[]): Map<string, Mention[]> {
  const byArticle = new Map<string, Mention[]>();
  for (const mention of mentions) {
    const list = byArticle.get(mention.articleId);
    if (list) list.push(mention);
    else byArticle.set(mention.articleId, [mention]);
  }
  return byArticle;
}
