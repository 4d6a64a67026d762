import { describe, expect, it } from 'vitest';
import { buildNameIndex, matchCandidates, matchTexts, type IndexedEntity } from '../../lib/lookup/name-index';

const entities: IndexedEntity[] = [
  { id: 'person:donald-tusk', name: 'Donald Tusk', type: 'person', aliases: [], articleCount: 3 },
  { id: 'person:volodymyr-zelensky', name: 'Volodymyr Zelensky', type: 'person', aliases: ['Zelenskiy', 'Zelensky'], articleCount: 5 },
  { id: 'org:nato', name: 'NATO', type: 'org', aliases: ['Nato'], articleCount: 4 },
  { id: 'place:us', name: 'US', type: 'place', aliases: ['United States'], articleCount: 6 },
  { id: 'person:boris-johnson', name: 'Boris Johnson', type: 'person', aliases: [], articleCount: 2 },
  { id: 'person:mike-johnson', name: 'Mike Johnson', type: 'person', aliases: [], articleCount: 1 },
  { id: 'place:warsaw', name: 'Warsaw', type: 'place', aliases: [], articleCount: 2 },
];
const index = buildNameIndex(entities);
const ids = (candidates: string[], seen: string[] = []) => matchCandidates(index, candidates, seen).map((m) => [m.text, m.entityId]);

describe('name index', () => {
  it('matches full names and aliases, whatever the case of the page', () => {
    expect(ids(['Donald Tusk', 'Zelenskiy', 'Nato', 'NATO', 'DONALD TUSK'])).toEqual([
      ['Donald Tusk', 'person:donald-tusk'],
      ['Zelenskiy', 'person:volodymyr-zelensky'],
      ['Nato', 'org:nato'],
      ['NATO', 'org:nato'],
      ['DONALD TUSK', 'person:donald-tusk'],
    ]);
  });

  it('finds the longest name inside a run of capitalised words, with its offsets', () => {
    const [m] = matchCandidates(index, ['Polish Prime Minister Donald Tusk']);
    expect(m).toMatchObject({ text: 'Donald Tusk', start: 22, end: 33, candidate: 0, type: 'person' });
    expect(ids(['In Warsaw Donald Tusk'])).toEqual([
      ['Warsaw', 'place:warsaw'],
      ['Donald Tusk', 'person:donald-tusk'],
    ]);
  });

  it('matches the start of a candidate’s last word where lower-case text follows (blocks the page joined), never of other words', () => {
    expect(matchCandidates(index, ['In Warsawnews'])).toMatchObject([{ text: 'Warsaw', start: 3, end: 9 }]);
    expect(ids(['Donald Tuskvar'])).toEqual([['Donald Tusk', 'person:donald-tusk']]);
    expect(ids(['Warsawnews Today', 'Natoxy', 'Wa'])).toEqual([['Nato', 'org:nato']]);
  });

  it('requires capitals for acronyms: "US" is the country, "Us" is not', () => {
    expect(ids(['US', 'Us', 'United States'])).toEqual([
      ['US', 'place:us'],
      ['United States', 'place:us'],
    ]);
  });

  it('matches a surname alone when one person in the corpus has it', () => {
    expect(ids(['Tusk'])).toEqual([['Tusk', 'person:donald-tusk']]);
  });

  it('leaves a shared surname unmarked, unless the page named one of them in full', () => {
    expect(ids(['Johnson'])).toEqual([]);
    expect(ids(['Johnson'], ['person:mike-johnson'])).toEqual([['Johnson', 'person:mike-johnson']]);
    // Named in full in the same request (earlier on the page): the surname follows.
    expect(ids(['Boris Johnson', 'Johnson'])).toEqual([
      ['Boris Johnson', 'person:boris-johnson'],
      ['Johnson', 'person:boris-johnson'],
    ]);
  });

  it('resolves a shared surname in a later text of the page to the person an earlier text named in full', () => {
    const found = matchTexts(index, ['Mike Johnson spoke in Warsaw.', 'Later, Johnson left.']).map((m) => [m.text, m.entityId]);
    expect(found).toEqual([
      ['Mike Johnson', 'person:mike-johnson'],
      ['Warsaw', 'place:warsaw'],
      ['Johnson', 'person:mike-johnson'],
    ]);
    expect(matchTexts(index, ['Later, Johnson left.', 'Mike Johnson spoke.']).map((m) => m.text)).toEqual(['Mike Johnson']);
  });

  it('lets an entity name outrank another person’s surname', () => {
    const withPlace = buildNameIndex([...entities, { id: 'place:jordan', name: 'Jordan', type: 'place', aliases: [] }, { id: 'person:michael-jordan', name: 'Michael Jordan', type: 'person', aliases: [] }]);
    expect(matchCandidates(withPlace, ['Jordan']).map((m) => m.entityId)).toEqual(['place:jordan']);
  });

  // How fast is the content benchmark's business (npm run bench -- content); this checks the answers at that size.
  it('answers a page worth of candidates among 100,000 names', { timeout: 60_000 }, () => {
    const many: IndexedEntity[] = Array.from({ length: 100_000 }, (_, i) => ({ id: `person:p${i}`, name: `Given${i} Family${i}`, type: 'person', aliases: [] }));
    const big = buildNameIndex([...entities, ...many]);
    const candidates = Array.from({ length: 2_000 }, (_, i) => (i % 2 ? `Someone Else${i}` : `Given${i * 7} Family${i * 7}`));
    const found = matchCandidates(big, [...candidates, 'Donald Tusk']);
    expect(found).toHaveLength(1_001);
    expect(found.at(-1)).toMatchObject({ text: 'Donald Tusk', entityId: 'person:donald-tusk' });
  });
});
