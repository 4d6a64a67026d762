import { describe, expect, it } from 'vitest';
import { tokenize } from '../../lib/analysis/tokens';
import { articleHeading } from '../../lib/ui/format';
import { endsSentenceAt, firstSentence } from '../../lib/text/sentences';

const ends = (text: string) => [...text].flatMap((_, i) => (endsSentenceAt(text, i) ? [i] : []));
const startingWords = (text: string) => tokenize(text).filter((t) => t.sentenceStart).map((t) => t.text);

describe('one sentence rule for analysis and interface', () => {
  it('abbreviations and initials do not end a sentence; an initial before a sentence opener does', () => {
    const text = 'Sen. Ada Morrow met Mr. Hess on Aug. 6 in Washington. Gen. Charles Q. Brown stayed in Washington D.C. The team left.';
    expect(ends(text).map((i) => text.slice(0, i + 1).split(' ').pop())).toEqual(['Washington.', 'D.C.']);
    expect(startingWords(text)).toEqual(['Sen', 'Gen', 'The']);
  });

  it('the heading of an untitled article is its first sentence by the same rule', () => {
    const paragraph = 'Mr. Hess arrived in Berlin on Monday. He left on Tuesday.';
    expect(firstSentence(paragraph)).toBe('Mr. Hess arrived in Berlin on Monday.');
    expect(articleHeading({ title: null, paragraphs: [paragraph] })).toBe('Mr. Hess arrived in Berlin on Monday.');
  });

  it('a question or an exclamation ends a sentence; a mark inside a word does not', () => {
    expect(firstSentence('Will the talks resume? Nobody knows.')).toBe('Will the talks resume?');
    expect(firstSentence('Turnout was 61.5 percent. It rose.')).toBe('Turnout was 61.5 percent.');
  });
});
