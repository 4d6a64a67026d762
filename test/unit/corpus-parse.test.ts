import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { articleText, type ParsedArticle } from '../../lib/corpus/article';
import { parseCorpusFile } from '../../lib/corpus/parse';

interface GoldArticle {
  file: string;
  starts: string;
  ends: string;
  title: string | null;
  date: string | null;
  credits?: string | null;
  captions?: string[];
  boilerplate?: string[];
  complete: boolean;
}

const root = new URL('../../', import.meta.url);
const readProjectFile = (path: string) => readFileSync(fileURLToPath(new URL(path, root)), 'utf8');

const gold: GoldArticle[] = JSON.parse(readProjectFile('test/fixtures/eval/seed-gold.json')).articles;
const goldFiles = [...new Set(gold.map((article) => article.file))];
const parsed: ParsedArticle[] = goldFiles.flatMap((file) =>
  parseCorpusFile(file, readProjectFile(`assets/corpus/${file}`)),
);

describe('parseCorpusFile on the bundled corpus', () => {
  it('finds as many articles as the gold, file by file', () => {
    expect(parsed.map((article) => article.file)).toEqual(gold.map((article) => article.file));
  });

  gold.forEach((expected, position) => {
    describe(`${expected.file} article ${position}`, () => {
      const article = () => parsed[position];

      it('starts and ends where the gold says', () => {
        expect(article().paragraphs[0].startsWith(expected.starts)).toBe(true);
        expect(article().paragraphs[article().paragraphs.length - 1].endsWith(expected.ends)).toBe(true);
      });

      it('has the gold title, date, credits, captions and completeness', () => {
        expect(article().title).toBe(expected.title);
        expect(article().date).toBe(expected.date);
        expect(article().credits).toBe(expected.credits ?? null);
        expect(article().captions).toEqual(expected.captions ?? []);
        expect(article().complete).toBe(expected.complete);
      });

      it('keeps boilerplate, captions, credits and title out of the body', () => {
        const body = articleText(article());
        for (const furniture of [...(expected.boilerplate ?? []), ...(expected.captions ?? [])]) {
          expect(article().paragraphs).not.toContain(furniture);
        }
        if (expected.credits) expect(body).not.toContain(expected.credits);
        if (expected.title) expect(body).not.toContain(expected.title);
      });
    });
  });

  it('numbers articles within each file from 0', () => {
    for (const file of goldFiles) {
      const indexes = parsed.filter((article) => article.file === file).map((article) => article.index);
      expect(indexes).toEqual(indexes.map((_, position) => position));
    }
  });
});

// ---------------------------------------------------------------------------
// Variations: made-up files in the shapes other news sites produce.

const BODY = [
  'The government announced on Tuesday that it would raise fuel duty for the first time in a decade, ending a freeze that has cost the Treasury billions.',
  'Ministers argued the increase was needed to repair the public finances, while opposition parties said it would hit rural drivers hardest.',
  '“We have made a difficult choice, and we stand by it,” the finance minister told reporters in the capital.',
];

/** Long truncated openings of other pieces, cut mid-sentence as preview pages cut them. */
const TEASERS = [
  'Why are central banks suddenly so nervous about the bond market? Yields have climbed for six straight weeks, and investors who once shrugged off warnings about public debt are now demanding a premium that, according to several fund managers, could push borrowing costs for the',
  'It would be easy to dismiss the latest round of trade talks as theatre. Both sides arrived with familiar demands and left with a familiar communique. Yet behind closed doors, negotiators say, the mood has shifted in ways that matter for exporters whose margins',
  'Farmers across the region have spent the summer watching their fields dry out. Reservoirs are at their lowest level since records began, and water companies have warned that hosepipe bans could last into the autumn unless the rain that forecasters have promised',
];

const parse = (lines: string[]) => parseCorpusFile('made-up.txt', lines.join('\n'));
const only = (lines: string[]) => {
  const articles = parse(lines);
  expect(articles).toHaveLength(1);
  return articles[0];
};

describe('parseCorpusFile: datelines', () => {
  it.each([
    ['Friday, November 22, 2024', '2024-11-22'],
    ['22 November 2024', '2024-11-22'],
    ['November 22, 2024', '2024-11-22'],
    ['2024-11-22', '2024-11-22'],
    ['Nov. 22, 2024', '2024-11-22'],
    ['Fri 22 Nov 2024 10.30 GMT', '2024-11-22'],
    ['Updated: 3 March 2023, 3:45 p.m. ET', '2023-03-03'],
    ['Published on Sept. 1st, 2024 at 10:30 am', '2024-09-01'],
    ['2024-02-29T08:15:00Z', '2024-02-29'],
    ['Mon, 2 Dec 2024 14:05 CET', '2024-12-02'],
  ])('reads "%s" as %s, and keeps it out of the body', (dateline, iso) => {
    const article = only([dateline, 'Fuel duty to rise for the first time in a decade', ...BODY]);
    expect(article.date).toBe(iso);
    expect(article.title).toBe('Fuel duty to rise for the first time in a decade');
    expect(article.paragraphs).toEqual(BODY);
  });

  it('takes a dateline that follows the headline', () => {
    expect(only(['Fuel duty to rise for the first time in a decade', '22 November 2024', ...BODY]).date).toBe('2024-11-22');
  });

  it('does not take an impossible date or a date inside a sentence', () => {
    expect(only(['February 30, 2024', ...BODY]).date).toBeNull();
    const sentence = 'The talks began on 22 November 2024 and ran late.';
    const article = only([sentence, ...BODY]);
    expect(article.date).toBeNull();
    expect(article.paragraphs[0]).toBe(sentence);
  });

  it('gives no date to an article whose only whole-line date is deep in the body', () => {
    const article = only([BODY[0], BODY[1], 'Updated 2 June 2024', BODY[2]]);
    expect(article.date).toBeNull();
    expect(article.paragraphs).toEqual(BODY);
  });

  it('drops a whole-line date deep in the body instead of treating it as the dateline', () => {
    const article = only(['1 June 2024', BODY[0], BODY[1], 'Updated 2 June 2024', BODY[2]]);
    expect(article.date).toBe('2024-06-01');
    expect(article.paragraphs).toEqual(BODY);
  });
});

describe('parseCorpusFile: boilerplate', () => {
  it.each([
    'Advertisement',
    'ADVERTISEMENT',
    'Read more',
    'Read more: Inflation falls to a three-year low',
    'Share this article',
    'Sign up for our morning briefing',
    'Subscribe to our newsletter »',
    'Story continues below advertisement',
    '• Most viewed',
    'World news',
  ])('drops "%s" between paragraphs', (furniture) => {
    expect(only([BODY[0], furniture, BODY[1], BODY[2]]).paragraphs).toEqual(BODY);
  });

  it.each([
    'He declined to comment.',
    '“No,” she said.',
    'Why?',
    'Read more closely, the report tells a different story.',
    'Follow the money, one analyst said.',
  ])('keeps the real short paragraph "%s"', (short) => {
    expect(only([BODY[0], short, BODY[1]]).paragraphs).toEqual([BODY[0], short, BODY[1]]);
  });

  it('drops a byline under the headline', () => {
    const article = only(['Fuel duty to rise for the first time in a decade', 'By Jane Doe and John Smith, Reuters', ...BODY]);
    expect(article.title).toBe('Fuel duty to rise for the first time in a decade');
    expect(article.paragraphs).toEqual(BODY);
  });

  it('keeps a paragraph that opens with "By"', () => {
    const prose = 'By Tuesday, the talks had collapsed.';
    expect(only([BODY[0], prose]).paragraphs).toEqual([BODY[0], prose]);
  });

  it('keeps a long paragraph that opens like a promo', () => {
    const prose = 'Sign up for the new scheme has been slow, with fewer than a thousand households registering in its first month, officials said.';
    expect(only([BODY[0], prose]).paragraphs).toEqual([BODY[0], prose]);
  });

  it('returns no article for a file of boilerplate only', () => {
    expect(parse(['Must read', '', 'Latest article', 'Advertisement', 'Share this article'])).toEqual([]);
  });
});

describe('parseCorpusFile: credit lines', () => {
  it.each([
    ['Reporting by Tom Balmforth in Kyiv; Editing by Gareth Jones', 'Reporting by Tom Balmforth in Kyiv; Editing by Gareth Jones'],
    ['(Additional reporting by Jane Doe in Paris)', 'Additional reporting by Jane Doe in Paris'],
    ['--With assistance from Alberto Nardelli and Natalia Ojewska', 'With assistance from Alberto Nardelli and Natalia Ojewska'],
    ['Editing by Mark Heinrich', 'Editing by Mark Heinrich'],
  ])('keeps "%s" as credits, out of the body', (line, credits) => {
    const article = only([...BODY, line]);
    expect(article.credits).toBe(credits);
    expect(article.paragraphs).toEqual(BODY);
  });

  it('joins credits given on two lines', () => {
    expect(only([...BODY, 'Reporting by Tom Balmforth', 'Editing by Gareth Jones']).credits).toBe(
      'Reporting by Tom Balmforth; Editing by Gareth Jones',
    );
  });

  it('keeps a paragraph that only opens like a credit', () => {
    const prose = 'Reporting by Reuters has shown that the ministry misled parliament about the costs.';
    const article = only([BODY[0], prose, BODY[1]]);
    expect(article.credits).toBeNull();
    expect(article.paragraphs).toEqual([BODY[0], prose, BODY[1]]);
  });
});

describe('parseCorpusFile: captions', () => {
  it.each([
    'Police outside the ministry on Tuesday (Photo: Jane Doe/Reuters)',
    'Police outside the ministry on Tuesday. Photograph: Jane Doe/Reuters',
    'Police outside the ministry on Tuesday. Image: Getty Images',
    'Police outside the ministry on Tuesday. Credit: Jane Doe/AFP',
    'Police outside the ministry on Tuesday. (AP Photo/Efrem Lukatsky)',
    'Photo: Police outside the ministry on Tuesday',
  ])('keeps "%s" as a caption, out of the body', (caption) => {
    const article = only([BODY[0], caption, BODY[1], BODY[2]]);
    expect(article.captions).toEqual([caption]);
    expect(article.paragraphs).toEqual(BODY);
  });

  it('keeps a long paragraph that ends with a picture credit', () => {
    const prose =
      'The ministry published a single photograph of the meeting, showing the two leaders shaking hands in front of a map, and declined to release any others despite repeated requests from reporters who had been kept outside the building for most of the afternoon while the talks dragged on well past their scheduled end, late into the evening and beyond (Image: ministry handout)';
    expect(only([BODY[0], prose]).paragraphs).toEqual([BODY[0], prose]);
  });

  it('keeps a line whose "Image:" is followed by prose rather than a name', () => {
    const prose = 'The minister described the image: a country that has lost its nerve and forgotten how to build anything';
    expect(only([BODY[0], prose]).paragraphs).toEqual([BODY[0], prose]);
  });

  it('keeps a paragraph that merely talks about a photo', () => {
    const prose = 'The photo, which was shared widely online, showed the minister leaving the building by a side door.';
    expect(only([BODY[0], prose]).captions).toEqual([]);
  });
});

describe('parseCorpusFile: headlines', () => {
  it('takes a short line without a final period at the top as the title', () => {
    const article = only(['Is fuel duty about to rise?', ...BODY]);
    expect(article.title).toBe('Is fuel duty about to rise?');
    expect(article.paragraphs).toEqual(BODY);
  });

  it('does not take a section label or a first sentence as the title', () => {
    const labelled = only(['Business', ...BODY]);
    expect(labelled.title).toBeNull();
    expect(labelled.paragraphs).toEqual(BODY);
    expect(only(['Fuel duty will rise.', ...BODY]).title).toBeNull();
  });
});

describe('parseCorpusFile: article ends and teasers', () => {
  it('reads a single complete article without teasers as one complete article', () => {
    const article = only(BODY);
    expect(article.complete).toBe(true);
    expect(article.paragraphs).toEqual(BODY);
  });

  it('keeps a short last paragraph without a final period in the article, which stays complete', () => {
    const last = 'The new rate takes effect in April';
    const article = only([...BODY, last]);
    expect(article.paragraphs).toEqual([...BODY, last]);
    expect(article.complete).toBe(true);
  });

  it('keeps a single cut-off last paragraph in the article, marking the article incomplete', () => {
    const article = only([...BODY, TEASERS[0]]);
    expect(article.paragraphs).toEqual([...BODY, TEASERS[0]]);
    expect(article.complete).toBe(false);
  });

  it('splits teasers after a credit line, one article each', () => {
    const articles = parse([...BODY, 'Reporting by Jane Doe', ...TEASERS]);
    expect(articles.map((article) => article.paragraphs)).toEqual([BODY, ...TEASERS.map((teaser) => [teaser])]);
    expect(articles.map((article) => article.complete)).toEqual([true, false, false, false]);
    expect(articles.map((article) => article.index)).toEqual([0, 1, 2, 3]);
  });

  it('splits a run of teasers after the last body paragraph even without a credit line', () => {
    const articles = parse([...BODY, ...TEASERS]);
    expect(articles.map((article) => article.paragraphs)).toEqual([BODY, ...TEASERS.map((teaser) => [teaser])]);
    expect(articles[0].complete).toBe(true);
  });

  it('treats a file of teasers only as teasers', () => {
    const articles = parse(TEASERS);
    expect(articles.map((article) => article.paragraphs)).toEqual(TEASERS.map((teaser) => [teaser]));
    expect(articles.every((article) => !article.complete)).toBe(true);
  });

  it('splits shorter unmarked teasers once a credit line has closed the article', () => {
    const short = [
      'Inflation has fallen for a third month in a row, but economists at the central bank warn that the figures flatter an economy in which wages are still failing to keep up with the',
      'The striking rail workers have rejected a new pay offer from the operators, saying it does not make up for years of pay freezes and would tie them to changes in working',
    ];
    const articles = parse([...BODY, 'Reporting by Jane Doe', ...short]);
    expect(articles.map((article) => [article.paragraphs, article.complete])).toEqual([
      [BODY, true],
      [[short[0]], false],
      [[short[1]], false],
    ]);
  });

  it('splits short teasers marked with an ellipsis after a credit line', () => {
    const marked = ['Inflation has fallen for a third month, but economists warn that…', 'The striking rail workers have rejected a new pay offer, saying the…'];
    const articles = parse([...BODY, 'Editing by Mark Heinrich', ...marked]);
    expect(articles.map((article) => article.paragraphs)).toEqual([BODY, [marked[0]], [marked[1]]]);
  });

  it('gives a teaser the headline printed above it', () => {
    const articles = parse([...BODY, 'Reporting by Jane Doe', 'Bond markets are nervous again', TEASERS[0], 'Trade talks are more than theatre', TEASERS[1]]);
    expect(articles.map((article) => article.title)).toEqual([null, 'Bond markets are nervous again', 'Trade talks are more than theatre']);
  });

  it('gives teasers without a credit line the headlines printed between them', () => {
    const articles = parse([...BODY, 'Bond markets are nervous again', TEASERS[0], 'Trade talks are more than theatre', TEASERS[1]]);
    expect(articles.map((article) => [article.title, article.paragraphs])).toEqual([
      [null, BODY],
      ['Bond markets are nervous again', [TEASERS[0]]],
      ['Trade talks are more than theatre', [TEASERS[1]]],
    ]);
  });

  it('keeps unfinished paragraphs before a credit line in the article the credit closes', () => {
    const articles = parse([...BODY, TEASERS[0], TEASERS[1], 'Reporting by Jane Doe']);
    expect(articles).toHaveLength(1);
    expect(articles[0].paragraphs).toEqual([...BODY, TEASERS[0], TEASERS[1]]);
    expect(articles[0].credits).toBe('Reporting by Jane Doe');
  });

  it('reads a second complete article after a credit line as complete', () => {
    const second = ['Rail workers voted on Monday to accept a new pay offer, ending a year of strikes.', 'The union said the deal was the best available.'];
    const articles = parse([...BODY, 'Reporting by Jane Doe', ...second, 'Editing by Mark Heinrich']);
    expect(articles.map((article) => [article.paragraphs, article.credits, article.complete])).toEqual([
      [BODY, 'Reporting by Jane Doe', true],
      [second, 'Editing by Mark Heinrich', true],
    ]);
  });

  it('joins a paragraph hard-wrapped across lines instead of splitting it into teasers', () => {
    // Each wrapped line is long and stops mid-sentence, as teasers do; only the
    // lower-case start of the next line shows that the sentence carries on.
    const wrappedLines = [
      TEASERS[0],
      'government, which had hoped to refinance a large share of its debt before the end of the year, to rethink its plans. Officials have so far declined to say whether the auction due next month will go ahead as scheduled or be postponed until the market has settled, which some dealers expect to take until the',
      'spring.',
    ];
    const article = only([BODY[0], 'Ministers said that', 'it would not change course.', ...wrappedLines]);
    expect(article.paragraphs).toEqual([BODY[0], 'Ministers said that it would not change course.', wrappedLines.join(' ')]);
    expect(article.complete).toBe(true);
  });

  it('joins a line broken after a hyphen without adding a space', () => {
    expect(only(['The long-', 'awaited report was published on Monday.']).paragraphs).toEqual([
      'The long-awaited report was published on Monday.',
    ]);
  });
});

describe('parseCorpusFile: text encoding and layout', () => {
  const file = '004_239aa930d73cefa9.txt';
  const original = readProjectFile(`assets/corpus/${file}`);

  it('reads CRLF line ends, a byte order mark, extra blank lines and trailing spaces as the plain file', () => {
    const messy = '\uFEFF' + original.split('\n').map((line) => `${line} \t`).join('\r\n\r\n');
    expect(parseCorpusFile(file, messy)).toEqual(parseCorpusFile(file, original));
  });

  it('reads old Mac CR line ends', () => {
    expect(parseCorpusFile(file, original.replace(/\n/g, '\r'))).toEqual(parseCorpusFile(file, original));
  });

  it('returns no article for an empty or blank file', () => {
    expect(parseCorpusFile('empty.txt', '')).toEqual([]);
    expect(parseCorpusFile('blank.txt', '\uFEFF\r\n  \n\t\n')).toEqual([]);
  });
});
