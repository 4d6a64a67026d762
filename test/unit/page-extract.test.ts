/**
 * Extracting a saved page into an article: metadata (canonical URL, date,
 * byline, title) and paragraphs on real pages from test/fixtures/pages, each
 * metadata source on small hand-written pages, and the not-an-article answer.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle, type ExtractResult, type SavedPage } from '../../lib/corpus/page-extract';
import { dateFromText } from '../../lib/corpus/page-metadata';
import { repoRoot } from './helpers';
import { parsePage } from './page-document';

function fixture(name: string): Document {
  return parsePage(readFileSync(resolve(repoRoot, 'test/fixtures/pages', `${name}.html`), 'utf8'));
}

function saved(result: ExtractResult): SavedPage {
  if (!result.ok) throw new Error(`expected an article, got: ${result.reason}`);
  return result.article;
}

const PROSE = [
  'The finance minister said on Tuesday that the budget would be balanced within two years, despite the slowdown in exports and the rising cost of borrowing that has weighed on the economy since the spring.',
  'Opposition leaders called the plan unrealistic and said the government had not explained how it would pay for the new hospitals it promised during the campaign, nor how it would protect pensions.',
  'Economists at the central bank were more cautious, warning that growth forecasts for next year depend on a recovery in trade with the country’s largest neighbours, which has not yet begun.',
  'The minister is expected to present the details to parliament next week, when lawmakers will debate the bill for the first time before a vote that is scheduled for the end of the month.',
];

/** A small article page: `head` for its metadata, `lead` for what comes before the body text. */
function page({ head = '', lead = '', body = PROSE.map((p) => `<p>${p}</p>`).join('\n'), attrs = '' } = {}): Document {
  return parsePage(`<!doctype html><html ${attrs}><head><title>Budget to be balanced, minister says</title>${head}</head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Budget to be balanced, minister says</h1>${lead}${body}</article>
<footer><a href="/about">About us</a></footer></body></html>`);
}

const jsonLd = (data: unknown) => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;

// Whole real pages take a second or two each in linkedom, more on a busy machine.
describe('extractArticle on real pages', { timeout: 30_000 }, () => {
  it('nytimes-1: canonical URL, byline, the date from meta tags, body without the photo credit', () => {
    const article = saved(extractArticle(fixture('nytimes-1'), 'https://www.nytimes.com/some/other/path?ref=home#comments'));
    expect(article.url).toBe('https://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html');
    expect(article.title).toBe('United States to Lift Sudan Sanctions');
    expect(article.byline).toBe('Jeffrey Gettleman');
    expect(article.published).toBe('2017-01-13');
    expect(article.lang).toBe('en');
    expect(article.paragraphs[0]).toMatch(/^LONDON — After nearly 20 years of hostile relations, the American government plans to reverse its position on Sudan/);
    expect(article.paragraphs.length).toBeGreaterThanOrEqual(15);
    expect(article.paragraphs.length).toBeLessThanOrEqual(30);
    expect(article.paragraphs).not.toContain('Photo');
  });

  it('guardian-1: article:published_time in UTC gives the date as written', () => {
    const article = saved(extractArticle(fixture('guardian-1'), 'https://www.theguardian.com/x'));
    expect(article.url).toBe('https://www.theguardian.com/environment/2019/jan/03/what-is-the-sea-telling-us-maori-tribes-fearful-over-whale-strandings');
    expect(article.byline).toBe('Eleanor Ainge Roy');
    expect(article.published).toBe('2019-01-03');
    expect(article.siteName).toBe('the Guardian');
    expect(article.paragraphs[0]).toMatch(/^Whale whisperer Hori Parata was just seven years old/);
  });

  it('bbc-1: the date from JSON-LD', () => {
    const article = saved(extractArticle(fixture('bbc-1'), 'https://www.bbc.co.uk/news/x'));
    expect(article.url).toBe('http://www.bbc.com/news/world-us-canada-33646704');
    expect(article.published).toBe('2015-07-24');
    expect(article.title).toBe("Obama admits US gun laws are his 'biggest frustration'");
    expect(article.paragraphs[0]).toBe(
      'President Barack Obama has admitted that his failure to pass "common sense gun safety laws" in the US is the greatest frustration of his presidency.',
    );
  });

  it('lemonde-1: a French article keeps its language and byline', () => {
    const article = saved(extractArticle(fixture('lemonde-1'), 'https://www.lemonde.fr/x'));
    expect(article.lang).toBe('fr');
    expect(article.title).toBe("Le projet de loi sur le renseignement massivement approuvé à l'Assemblée");
    expect(article.byline).toBe('Martin Untersinger (avec Damien Leloup et Morgane Tual)');
    expect(article.published).toBe('2015-05-04');
    expect(article.paragraphs[0]).toMatch(/^Les députés ont, sans surprise, adopté à une large majorité \(438 contre 86 et 42 abstentions\)/);
  });

  it('rtl-1: right to left; with no canonical link, the given address without its fragment', () => {
    const article = saved(extractArticle(fixture('rtl-1'), 'https://example.org/rtl-1?page=2#section'));
    expect(article.dir).toBe('rtl');
    expect(article.url).toBe('https://example.org/rtl-1?page=2');
    expect(article.published).toBeNull();
    expect(article.siteName).toBe('example.org');
  });

  it('schema-org-context-object: JSON-LD authors and date win over a later article:published_time', () => {
    const article = saved(extractArticle(fixture('schema-org-context-object'), 'https://www.nbcnews.com/x'));
    expect(article.byline).toBe('Stella Kim, Jennifer Jett');
    expect(article.published).toBe('2024-12-06');
    expect(article.siteName).toBe('NBC News');
    expect(article.url).toBe('https://www.nbcnews.com/news/world/south-korea-martial-law-president-yoon-suk-yeol-impeachment-vote-rcna183138');
  });

  it('keep-tabular-data: the date from a "Posted by … on 2019-02-15" line, which is not kept as body text', () => {
    const article = saved(extractArticle(fixture('keep-tabular-data'), 'https://www.factorio.com/blog/post/fff-282'));
    expect(article.published).toBe('2019-02-15');
    expect(article.paragraphs[0]).not.toMatch(/^Posted by/);
    expect(article.paragraphs).toContain('The release plan (kovarex)');
  });

  it('tumblr: a SocialMediaPosting in JSON-LD dates the post', () => {
    const article = saved(extractArticle(fixture('tumblr'), 'https://mcupdate.tumblr.com/x'));
    expect(article.published).toBe('2014-09-02');
    expect(article.url).toBe('http://mcupdate.tumblr.com/post/96439224994/minecraft-18-the-bountiful-update');
  });

  it('wapo-1: a page that prints no year gets no date rather than a guess', () => {
    const article = saved(extractArticle(fixture('wapo-1'), 'https://www.washingtonpost.com/x'));
    expect(article.published).toBeNull();
    expect(article.byline).toBe('Erin Cunningham');
  });

  it('yahoo-2, a news home page, is not an article, and says why', () => {
    const result = extractArticle(fixture('yahoo-2'), 'https://us.yahoo.com/news/');
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^This page doesn’t look like an article \(.*website.*\)/) });
  });

  it('leaves the document as it was, and returns a plain object', () => {
    const doc = fixture('nytimes-1');
    const before = doc.documentElement.outerHTML;
    const article = saved(extractArticle(doc, 'https://www.nytimes.com/'));
    expect(doc.documentElement.outerHTML).toBe(before);
    expect(JSON.parse(JSON.stringify(article))).toEqual(article);
  });
});

describe('extractArticle: where the date comes from', () => {
  it('JSON-LD @graph, with the article among other nodes', () => {
    const head = jsonLd({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'The Daily', datePublished: '2001-01-01' },
        { '@type': 'NewsArticle', datePublished: '2024-03-05T23:30:00-05:00', author: [{ '@type': 'Person', name: 'Ann Lee' }, { name: 'Bo Chan' }], publisher: { name: 'The Daily' } },
      ],
    });
    const article = saved(extractArticle(page({ head }), 'https://daily.example/a'));
    expect(article.published).toBe('2024-03-05');
    expect(article.byline).toBe('Ann Lee, Bo Chan');
    expect(article.siteName).toBe('The Daily');
  });

  it('a JSON-LD array, wrapped in CDATA markers', () => {
    const head = `<script type="application/ld+json">//<![CDATA[
${JSON.stringify([{ '@type': 'Organization', name: 'X' }, { '@type': ['Article', 'Thing'], datePublished: '2023-11-20' }])}
//]]></script>`;
    expect(saved(extractArticle(page({ head }), 'https://x.example/a')).published).toBe('2023-11-20');
  });

  it('JSON-LD nested in a WebPage', () => {
    const head = jsonLd({ '@type': 'WebPage', mainEntity: { '@type': 'ReportageNewsArticle', datePublished: '2022-07-01T08:00:00Z' } });
    expect(saved(extractArticle(page({ head }), 'https://x.example/a')).published).toBe('2022-07-01');
  });

  it('skips JSON-LD that is not valid JSON and falls back to Open Graph', () => {
    const head = `<script type="application/ld+json">{"@type": "Article", "datePublished": "2020-01-01",}</script>
<meta property="article:published_time" content="2021-06-15T09:00:00+02:00">`;
    expect(saved(extractArticle(page({ head }), 'https://x.example/a')).published).toBe('2021-06-15');
  });

  it.each([
    ['meta name=date', '<meta name="date" content="2019-04-28">', '2019-04-28'],
    ['parsely-pub-date', '<meta name="parsely-pub-date" content="2018-02-03T10:00:00Z">', '2018-02-03'],
    ['an RFC 2822 date', '<meta name="pubdate" content="Fri, 13 Jan 2017 08:38:38 +0000">', '2017-01-13'],
    ['compact yyyymmdd', '<meta name="publishdate" content="20160729">', '2016-07-29'],
  ])('%s', (_, head, date) => {
    expect(saved(extractArticle(page({ head }), 'https://x.example/a')).published).toBe(date);
  });

  it('a <time datetime> in the article, and itemprop=datePublished in a title attribute', () => {
    expect(saved(extractArticle(page({ lead: '<time datetime="2015-03-12T10:00">March 12</time>' }), 'https://x.example/a')).published).toBe('2015-03-12');
    const lead = '<abbr class="published" itemprop="datePublished" title="2016-05-08T00:55:00-07:00">12:55 AM</abbr>';
    expect(saved(extractArticle(page({ lead }), 'https://x.example/a')).published).toBe('2016-05-08');
  });

  it('a dateline at the top of the text, which leaves the body', () => {
    const article = saved(extractArticle(page({ lead: '<p>Updated: Tuesday, 5 March 2024 10:30 GMT</p>' }), 'https://x.example/a'));
    expect(article.published).toBe('2024-03-05');
    expect(article.paragraphs.some((p) => p.includes('5 March 2024'))).toBe(false);
  });

  it('not a date that the story talks about', () => {
    const body = PROSE.map((p, i) => `<p>${i === 0 ? `On 4 July 1999, ${p}` : p}</p>`).join('');
    expect(saved(extractArticle(page({ body }), 'https://x.example/a')).published).toBeNull();
  });

  it('dateFromText rejects implausible years and non-dates', () => {
    expect(dateFromText('0001-01-01T00:00:00Z')).toBeNull();
    expect(dateFromText('1484300318')).toBeNull();
    expect(dateFromText('yesterday')).toBeNull();
    expect(dateFromText('2017-02-30')).toBeNull();
  });
});

describe('extractArticle: address, byline, paragraphs', () => {
  it('resolves a relative canonical link against <base href>', () => {
    const head = '<base href="https://news.example/section/"><link rel="canonical" href="story-123.html#top">';
    expect(saved(extractArticle(page({ head }), 'https://news.example/section/story-123.html?utm_source=x')).url).toBe('https://news.example/section/story-123.html');
  });

  it('ignores a canonical that is not http(s), and falls back to og:url', () => {
    const head = '<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="https://news.example/a">';
    expect(saved(extractArticle(page({ head }), 'https://news.example/a?x=1')).url).toBe('https://news.example/a');
  });

  it('throws a clear error for an address that is not absolute', () => {
    expect(() => extractArticle(page(), 'story.html')).toThrow('Not an absolute URL: "story.html"');
  });

  it('cleans the byline: no label, no trailing date', () => {
    const article = saved(extractArticle(page({ lead: '<p class="byline">By Jane Doe March 11, 2015 3:46 PM</p>' }), 'https://x.example/a'));
    expect(article.byline).toBe('Jane Doe');
    expect(article.published).toBe('2015-03-11');
  });

  it('a byline that is only a date is none', () => {
    const lead = '<p class="byline">April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm</p>';
    expect(saved(extractArticle(page({ lead }), 'https://x.example/a')).byline).toBeNull();
  });

  it('headings and list items are paragraphs of their own; whitespace is normalised; nothing empty', () => {
    const body = `<p>${PROSE[0]}</p><h2>  What   comes next </h2><p>${PROSE[1]}</p>
<ul><li>First, a vote.</li><li>  </li><li>Then a <b>second</b>
 reading.</li></ul><p>${PROSE[2]}<br>${PROSE[3]}</p><figure><img src="a.jpg"><figcaption>A caption</figcaption></figure>`;
    const article = saved(extractArticle(page({ body }), 'https://x.example/a'));
    expect(article.paragraphs).toEqual([PROSE[0], 'What comes next', PROSE[1], 'First, a vote.', 'Then a second reading.', `${PROSE[2]} ${PROSE[3]}`]);
  });
});

describe('extractArticle: pages that are not articles', () => {
  it('a page of short links', () => {
    const links = Array.from({ length: 30 }, (_, i) => `<li><a href="/story-${i}">Story number ${i} in today’s news</a></li>`).join('');
    const doc = parsePage(`<!doctype html><html><head><title>Front page</title></head><body><ul>${links}</ul></body></html>`);
    const result = extractArticle(doc, 'https://news.example/');
    expect(result).toEqual({ ok: false, reason: "This page doesn’t look like an article (it has no block of text long enough to read as one), so nothing was saved." });
  });

  it('a front page of several stories', () => {
    const stories = PROSE.map((p, i) => `<article><h2><a href="/s${i}">Story ${i}</a></h2><p>${p}</p></article>`).join('');
    const doc = parsePage(`<!doctype html><html><head><title>Front page</title></head><body><main>${stories}</main></body></html>`);
    const result = extractArticle(doc, 'https://news.example/');
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('separate stories') });
  });

  it('a page that calls itself a website and has no date', () => {
    const result = extractArticle(page({ head: '<meta property="og:type" content="website">' }), 'https://shop.example/');
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('website') });
    // The same page with a date is an article.
    expect(extractArticle(page({ head: '<meta property="og:type" content="website"><meta name="date" content="2020-01-02">' }), 'https://shop.example/').ok).toBe(true);
  });
});
