/**
 * Words that report speech in news copy ("said", "told", "according to").
 * A quotation is attributed through one of these; without one nearby, a short
 * quotation is a scare quote or a title, not someone speaking.
 */

/**
 * Reporting verbs in the forms news copy uses. Plural-noun look-alikes
 * ("claims", "comments", "calls", "states", "reports") are left out: "the comments
 * drew a rebuke" would read as a reporting clause. "notes" stays: "X notes, “…”"
 * is common and the noun rarely stands next to a quotation.
 */
const REPORTING_VERBS = [
  'said', 'says', 'saying', 'say',
  'told', 'tells', 'telling',
  'added', 'adds', 'adding', 'add',
  'wrote', 'writes', 'writing',
  'warned', 'warns', 'warning',
  'stated', 'noted', 'notes', 'noting',
  'argued', 'argues', 'arguing',
  'claimed', 'claiming',
  'insisted', 'insists', 'insisting',
  'explained', 'explains', 'explaining',
  'asked', 'replied', 'responded', 'countered',
  'declared', 'announced', 'acknowledged', 'admitted', 'admits',
  'recalled', 'recalls', 'conceded', 'concedes',
  'suggested', 'suggests', 'urged', 'urges',
  'predicted', 'tweeted', 'posted', 'commented', 'remarked', 'observed',
  'cautioned', 'stressed', 'stresses', 'emphasised', 'emphasized', 'emphasising', 'emphasizing',
  'vowed', 'pledged', 'promised', 'complained', 'confirmed', 'denied',
  'joked', 'quipped', 'boasted', 'lamented', 'reported', 'testified', 'continued',
  'concluded', 'stating', 'reads', 'reasoned', 'asserted', 'asserting', 'answered', 'alleged', 'contended',
  'maintained', 'revealed', 'recounted', 'exclaimed', 'shouted',
  'asks', 'asking', 'replies', 'replying', 'responds', 'responding', 'declares', 'describes', 'concludes',
  'elaborated', 'interjected', 'reiterated', 'echoed', 'echoing', 'referred', 'thanked',
  'spoke', 'speaks', 'speaking',
  'yelled', 'yelling', 'barked', 'boomed', 'beamed', 'fumed', 'groused', 'vented', 'pondered', 'exhorted',
  'assures', 'retaliated', 'agreed', 'agrees', 'disagreed', 'chided', 'chiding', 'sang', 'sings', 'rated', 'ruled',
  // Bare forms after 'to' or an auxiliary ('took to Twitter to accuse …'), for verbs that are never nouns.
  'accuse', 'criticize', 'criticise', 'condemn', 'denounce', 'chide',
  // Verbs of judging that news copy pairs with a partial quotation: "accused the
  // board of being “asleep at the wheel”", "praised the deal as “a breakthrough”".
  'accused', 'accuses', 'accusing', 'criticized', 'criticised', 'criticizing', 'criticising',
  'condemned', 'condemning', 'demanded', 'demanding', 'mocked', 'mocking', 'dismissed', 'dismissing',
  'praised', 'praising', 'blasted', 'blasting', 'slammed', 'slamming', 'blamed', 'blaming',
  'hailed', 'lauded', 'denounced', 'denouncing', 'touted', 'decried', 'derided', 'lambasted', 'bemoaned', 'likened', 'cited', 'citing',
  'proclaimed', 'proclaiming', 'declaring', 'assured', 'assuring', 'charged', 'retorted', 'scoffed',
  'pleaded', 'wondered', 'mused', 'chanted', 'chanting', 'promising', 'stressing', 'suggesting',
  'urging', 'vowing', 'pledging', 'tweeting', 'remarking', 'predicting', 'recalling', 'conceding',
  // Naming verbs: "called the operation a “good sign”" quotes the caller's words.
  'called', 'calling', 'described', 'describing', 'dubbed', 'branded', 'labelled', 'labeled', 'termed',
];

/** Multi-word reporting phrases; "according to" and "in the words of" put the speaker after them. */
const REPORTING_PHRASES = ['pointed out', 'went on', 'issued a statement', 'according to', 'in the words of'];
const SPEAKER_FOLLOWS = new Set(['according to', 'in the words of']);

const REPORTING_VERB_SET: ReadonlySet<string> = new Set(REPORTING_VERBS);

/** A one-word reporting verb ("said", "tweeted"), lower case. */
export const isReportingVerb = (word: string) => REPORTING_VERB_SET.has(word);

/**
 * Reporting verbs that news puts before their speaker after a quotation
 * ("…,” said Mauer). Naming and judging verbs take an object there instead
 * ("a town called Dunmore", "praised Mauer"), so a name after them is anything.
 */
const INVERTING_VERBS: ReadonlySet<string> = new Set(['said', 'says', 'added', 'asked', 'wrote']);
export const invertsWithSpeaker = (word: string) => INVERTING_VERBS.has(word);

export interface SpeechVerb {
  start: number;
  end: number;
  /** The phrase as written, lower-cased ("said", "according to"). */
  word: string;
  /** True when the speaker follows the phrase ("according to X"). */
  speakerFollows: boolean;
}

/**
 * Verbs whose form is also a plural noun ("reports", "claims"): verbs only
 * right after a name or a subject pronoun ("The Ledger reports", "she claims"),
 * where the noun would need an article or a possessive, and not before what
 * follows a noun ("Democratic claims were …", "Republican claims as …").
 */
const VERBS_AFTER_A_NAME = ['reports', 'claims', 'calls', 'states'];

// The look-behind keeps "so-called" (a scare-quote marker) from reading as "called".
const SPEECH_VERB_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}'’-])(${[...REPORTING_PHRASES, ...REPORTING_VERBS].map((w) => w.replaceAll(' ', '\\s+')).join('|')})(?![\\p{L}\\p{N}-])`,
  'giu',
);
// Case-sensitive: under the i flag \p{Lu} would match any letter.
const VERB_AFTER_A_NAME_PATTERN = new RegExp(
  `(?<=(?:\\p{Lu}[\\p{L}.'’-]*|\\b(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey))\\s+)(?:${VERBS_AFTER_A_NAME.join('|')})(?![\\p{L}\\p{N}-])(?!\\s+(?:were|are|was|is|as|of|about|against|from|and|or|have|had|compared|by)\\b)`,
  'gu',
);

/** Judging verbs news often writes in the passive ("are rated", "was ruled"), where they report nobody's words. */
const NOT_AS_PASSIVE: ReadonlySet<string> = new Set(['rated', 'ruled']);
const PASSIVE_BEFORE = /\b(?:is|are|was|were|be|been|being)\s+(?:\p{L}+ly\s+)?$/iu;

/** Every reporting verb or phrase in text[from, to), in order. */
export function findSpeechVerbs(text: string, from = 0, to = text.length): SpeechVerb[] {
  const verbs: SpeechVerb[] = [];
  SPEECH_VERB_PATTERN.lastIndex = 0;
  const slice = text.slice(from, to);
  for (const match of [...slice.matchAll(SPEECH_VERB_PATTERN), ...slice.matchAll(VERB_AFTER_A_NAME_PATTERN)]) {
    const word = match[0].toLowerCase().replace(/\s+/g, ' ');
    const start = from + match.index;
    // "39 percent of them are rated “highly critical”": these verbs' passives report no speaker of their own.
    if (NOT_AS_PASSIVE.has(word) && PASSIVE_BEFORE.test(text.slice(Math.max(0, start - 24), start))) continue;
    verbs.push({ start, end: start + match[0].length, word, speakerFollows: SPEAKER_FOLLOWS.has(word) });
  }
  return verbs.sort((a, b) => a.start - b.start);
}
