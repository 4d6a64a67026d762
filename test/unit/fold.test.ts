import { describe, expect, it } from 'vitest';
import { normaliseName } from '../../lib/analysis/aliases';
import { foldName } from '../../lib/text/fold';
import { foldText, tokenize } from '../../lib/search/text';

/** Spellings a reader, a page and the corpus may use for the same name. */
const VARIANTS = [
  ['Zelenskýy’s', 'zelenskyy’s', 'ZELENSKYY`S', 'Zelenskyy\u02bcs'],
  ['Kasčiūnas', 'Kasciunas', 'KASČIŪNAS'],
  ['ﬁnland', 'Finland'],
];

describe('one fold for analysis, matching and search', () => {
  it('folds every spelling of a name to one form, the same for all three', () => {
    for (const group of VARIANTS) {
      const forms = new Set(group.flatMap((v) => [normaliseName(v), foldName(v), foldText(v)]));
      expect([...forms], group.join(' / ')).toHaveLength(1);
    }
  });

  it('adds only what is each caller’s own: white space for names, dots and "the" for entity forms', () => {
    expect(foldName('Donald \n Tusk')).toBe('donald tusk');
    expect(normaliseName('The U.N.  Council')).toBe('un council');
    expect(tokenize('Zelenskýy’s visit').map((t) => t.word)).toEqual(['zelenskyy', 'visit']);
  });
});
