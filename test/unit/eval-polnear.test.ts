import { describe, expect, it } from 'vitest';
import type { Entity, Quote } from '../../lib/analysis/types';
import { goldQuotes, parseBrat, quotedRegions, scorePolnear, sourceNameWords } from '../../lib/eval/polnear';

/** A made-up article in PolNeAR's layout, with its attributions in BRAT standoff form. */
const TEXT = [
  'Council vote delayed.',
  '',
  '“We need another week,” said Sen. Ada Morrow (R-Utah).',
  '',
  'The mayor appeared on “The Morning Ledger” on Sunday.',
].join('\n');
const at = (s: string) => TEXT.indexOf(s);
const span = (s: string) => `${at(s)} ${at(s) + s.length}`;
const ANN = [
  `T1\tContent ${span('We need another week,')}\tWe need another week,`,
  `T2\tCue ${span('said')}\tsaid`,
  `T3\tSource ${span('Sen. Ada Morrow')}\tSen. Ada Morrow`,
  `T4\tAttribution ${span('said')}\tsaid`,
  'E1\tAttribution:T4 Content:T1 Cue:T2 Source:T3',
].join('\n');

const morrow: Entity = { id: 'person:ada-morrow', name: 'Ada Morrow', type: 'person', aliases: ['Morrow'], roles: [] };
const other: Entity = { id: 'person:lena-brandt', name: 'Lena Brandt', type: 'person', aliases: [], roles: [] };
const quote = (text: string, speakerId: string | null): Quote => ({
  id: `a#${at(text)}`, articleId: 'a', text, start: at(text), end: at(text) + text.length, speakerId, speakerDescription: null,
});

describe('PolNeAR scoring', () => {
  it('reads attributions and takes quoted regions inside a content as gold, with the source as written', () => {
    const attributions = parseBrat(ANN);
    expect(attributions).toHaveLength(1);
    const gold = goldQuotes(TEXT, attributions);
    expect(gold.map((g) => [TEXT.slice(g.start, g.end), g.source])).toEqual([['We need another week,', 'Sen. Ada Morrow']]);
  });

  it('reads a closing mark typed before a word as the opening of a quoted region', () => {
    const text = 'Readers wrote in.\n”The bridge can wait. The school cannot.” ― Tomas Vell\nShe said it was “fine” then.';
    const regions = quotedRegions(text).map((r) => text.slice(r.start, r.end));
    expect(regions).toEqual(['The bridge can wait. The school cannot.', 'fine']);
  });

  it('names a source only when a piece of it ends in a capitalised head', () => {
    expect(sourceNameWords('Sen. Ada Morrow (R-Utah)')).toEqual(expect.arrayContaining(['Ada', 'Morrow']));
    expect(sourceNameWords('a spokeswoman for the airline, Maria Quill')).toEqual(['Maria', 'Quill']);
    expect(sourceNameWords('The New York businessman')).toEqual([]);
    expect(sourceNameWords('he')).toEqual([]);
  });

  it('counts a title in quotation marks as not speech, and a speaker right, wrong or missing', () => {
    const run = (speakerId: string | null, withTitle: boolean) =>
      scorePolnear([{ name: 'nyt_2016_x', text: TEXT, ann: ANN }], () => ({
        entities: [morrow, other],
        quotes: [quote('We need another week,', speakerId), ...(withTitle ? [quote('The Morning Ledger', null)] : [])],
      })).total;
    const right = run(morrow.id, true);
    expect(right).toMatchObject({ gold: 1, found: 1, predicted: 2, correct: 1, recall: 1, precision: 0.5 });
    expect(right.spurious.titleLike).toBe(1);
    expect(right.speakers).toEqual({ right: 1, wrong: 0, none: 0 });
    expect(right.patterns['party-state note']).toEqual({ right: 1, wrong: 0, none: 0 });
    expect(run(other.id, false).speakers).toEqual({ right: 0, wrong: 1, none: 0 });
    expect(run(null, false)).toMatchObject({ precision: 1, speakers: { right: 0, wrong: 0, none: 1 } });
  });
});
