import { editDistanceWithin } from '../text/edit-distance';
import { tokenize } from './text';

/**
 * An inverted index of words, searched fuzzily through its vocabulary.
 *
 * Fuzzy search over whole texts scans everything on every keystroke (fuse.js:
 * 180 ms over 10,000 quotes). Typo tolerance runs over the distinct words
 * instead, and long texts are reached through their postings.
 */

/** Below this many letters a query word matches only exactly or as a prefix: typos of 2–3 letters are other words. */
const MIN_FUZZY_LENGTH = 4;
/** One typo per word up to this length, two beyond: "zelenskyy" → "zelensky", "tosk" → "tusk". */
const ONE_TYPO_MAX_LENGTH = 7;
/** Prefixes stand in for words still being typed ("Tus" → "tusk"). */
const MIN_PREFIX_LENGTH = 3;
/** Quality of a prefix match relative to an exact one. */
const PREFIX_QUALITY = 0.8;
/** How many vocabulary words one query word may expand to. */
const MAX_EXPANSIONS = 20;

export interface WordHit {
  /** Offsets of the matched words in the document's text. */
  spans: Array<[number, number]>;
  score: number;
}

interface Expansion {
  word: string;
  quality: number;
}

export class WordIndex {
  private readonly postings = new Map<string, Map<string, Array<[number, number]>>>();

  add(docKey: string, text: string): void {
    for (const token of tokenize(text)) {
      let docs = this.postings.get(token.word);
      if (!docs) this.postings.set(token.word, (docs = new Map()));
      let spans = docs.get(docKey);
      if (!spans) docs.set(docKey, (spans = []));
      spans.push([token.start, token.end]);
    }
  }

  /** Documents holding every query word (or a close spelling), best first. */
  search(query: string): Map<string, WordHit> {
    const words = [...new Set(tokenize(query).map((t) => t.word))];
    const hits = new Map<string, WordHit>();
    words.forEach((queryWord, i) => {
      const seen = new Map<string, WordHit>();
      for (const { word, quality } of this.expand(queryWord)) {
        for (const [docKey, spans] of this.postings.get(word) ?? []) {
          const hit = seen.get(docKey) ?? { spans: [], score: 0 };
          hit.spans.push(...spans);
          hit.score = Math.max(hit.score, quality);
          seen.set(docKey, hit);
        }
      }
      // Every query word must match: narrowing as the user types more words.
      for (const [docKey, hit] of seen) {
        const previous = hits.get(docKey);
        if (i === 0) hits.set(docKey, hit);
        else if (previous) hits.set(docKey, { spans: [...previous.spans, ...hit.spans], score: previous.score + hit.score });
      }
      if (i > 0) for (const docKey of [...hits.keys()]) if (!seen.has(docKey)) hits.delete(docKey);
    });
    return hits;
  }

  private expand(queryWord: string): Expansion[] {
    const expansions = new Map<string, number>();
    if (this.postings.has(queryWord)) expansions.set(queryWord, 1);
    if (queryWord.length >= MIN_PREFIX_LENGTH) {
      for (const word of this.postings.keys()) {
        if (word !== queryWord && word.startsWith(queryWord)) expansions.set(word, PREFIX_QUALITY);
      }
    }
    if (queryWord.length >= MIN_FUZZY_LENGTH) {
      const maxTypos = queryWord.length <= ONE_TYPO_MAX_LENGTH ? 1 : 2;
      for (const word of this.postings.keys()) {
        if (expansions.has(word)) continue;
        const distance = editDistanceWithin(queryWord, word, maxTypos);
        if (distance !== null) expansions.set(word, 1 - distance / queryWord.length);
      }
    }
    return [...expansions]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_EXPANSIONS)
      .map(([word, quality]) => ({ word, quality }));
  }
}
