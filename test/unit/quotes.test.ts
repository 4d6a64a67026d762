import { analyzeCorpus } from '../../lib/analysis/index';
import { describe, expect, it } from 'vitest';
import { findQuotes } from '../../lib/analysis/quotes';
import type { Entity, Mention, Quote } from '../../lib/analysis/types';

/**
 * A stand-in for the entity pass, so these tests pin the quotation rules alone:
 * each person or organisation is [name, ...aliases], and every occurrence of one
 * of those strings becomes a mention (longest first, no overlaps).
 */
function quotesIn(text: string, people: string[][] = [], orgs: string[][] = [], roles: Record<string, string[]> = {}): Quote[] {
  const entity = (type: 'person' | 'org') => ([name, ...aliases]: string[]): Entity => ({
    id: `${type}:${name.toLowerCase().replace(/\W+/g, '-')}`,
    name,
    type,
    aliases,
    roles: roles[name] ?? [],
  });
  const entities: Entity[] = [...people.map(entity('person')), ...orgs.map(entity('org'))];
  const mentions: Mention[] = [];
  const forms = entities.flatMap((e) => [e.name, ...e.aliases].map((form) => ({ form, id: e.id })));
  forms.sort((a, b) => b.form.length - a.form.length);
  for (const { form, id } of forms) {
    for (const match of text.matchAll(new RegExp(`\\b${form}\\b`, 'g'))) {
      const start = match.index;
      const end = start + form.length;
      if (mentions.some((m) => m.start < end && start < m.end)) continue;
      mentions.push({ entityId: id, articleId: 'a1', start, end });
    }
  }
  return findQuotes({ id: 'a1', text }, mentions, new Map(entities.map((e) => [e.id, e])));
}

const speakerOf = (quotes: Quote[], fragment: string) => {
  const quote = quotes.find((q) => q.text.includes(fragment));
  expect(quote, `a quotation containing “${fragment}”`).toBeDefined();
  return quote!.speakerId;
};

const TUSK = ['Donald Tusk', 'Tusk'];
const SMITH = ['Jane Smith', 'Smith'];

describe('attribution through the reporting clause', () => {
  it('“…,” Surname said', () => {
    const quotes = quotesIn('Polish Prime Minister Donald Tusk spoke on Monday.\n“We support Ukraine in a defensive war,” Tusk said.', [TUSK]);
    expect(quotes).toHaveLength(1);
    expect(quotes[0].text).toBe('We support Ukraine in a defensive war');
    expect(quotes[0].speakerId).toBe('person:donald-tusk');
  });

  it('“…,” said Full Name, an appositive', () => {
    const quotes = quotesIn('The mood has changed “in one breathtaking swoop,” said Donald Jensen, a senior advisor at the institute.', [
      ['Donald Jensen', 'Jensen'],
    ]);
    expect(quotes[0].text).toBe('in one breathtaking swoop');
    expect(quotes[0].speakerId).toBe('person:donald-jensen');
  });

  it('Name, who …, said on Sunday: “…”', () => {
    const quotes = quotesIn(
      'Victoria Nuland, who recently retired from the State Department, said on Sunday: “If the attacks come from over the line, those bases ought to be fair game.”',
      [['Victoria Nuland']],
    );
    expect(quotes[0].speakerId).toBe('person:victoria-nuland');
  });

  it('Title, Name, said: “…” (the name is the appositive)', () => {
    const quotes = quotesIn('Estonia’s Prime Minister, Kaja Kallas, said: “Sending trainers would not risk escalation.”', [['Kaja Kallas']]);
    expect(quotes[0].speakerId).toBe('person:kaja-kallas');
  });

  it('“…,” he told i. — the pronoun is the person the previous sentence is about', () => {
    const quotes = quotesIn(
      'Mykola Bielieskov, who advises Ukraine’s leadership, said a shift is urgently needed.\n“A decision to allow strikes would have the most immediate effect,” he told i.',
      [['Mykola Bielieskov']],
    );
    expect(quotes[0].speakerId).toBe('person:mykola-bielieskov');
  });

  it('she said, after a sentence in which she was the speaker', () => {
    const quotes = quotesIn(
      'Early reports show units were redirected, press secretary Sabrina Singh said.\nThe incursion is consistent with policy, Singh said earlier.\nThe US was “still trying to learn more” about the aims, she said on Thursday.',
      [['Sabrina Singh', 'Singh']],
    );
    expect(quotes[0].text).toBe('still trying to learn more');
    expect(quotes[0].speakerId).toBe('person:sabrina-singh');
  });

  it('a pronoun in a relative clause: the move, which he called “…”', () => {
    const quotes = quotesIn(
      'Defence minister Guido Crosetto openly criticised the move, which he called an escalation that would push a ceasefire “further and further away.”',
      [['Guido Crosetto']],
    );
    expect(quotes[0].text).toBe('further and further away');
    expect(quotes[0].speakerId).toBe('person:guido-crosetto');
  });

  it('a second quotation after an attributed one in the same paragraph has the same speaker', () => {
    const quotes = quotesIn('“We support Ukraine in this war,” Tusk said, brushing off concerns. “I am aware of what the risks are.”', [TUSK]);
    expect(quotes).toHaveLength(2);
    expect(quotes.map((q) => q.speakerId)).toEqual(['person:donald-tusk', 'person:donald-tusk']);
  });

  it('a quotation across sentences is one quotation', () => {
    const quotes = quotesIn('“We see that they are creative. They picked out a weak place and exploited it,” Jensen said.', [['Donald Jensen', 'Jensen']]);
    expect(quotes).toHaveLength(1);
    expect(quotes[0].text).toBe('We see that they are creative. They picked out a weak place and exploited it');
    expect(quotes[0].speakerId).toBe('person:donald-jensen');
  });

  it('partial quotations inside a sentence go to the sentence’s subject', () => {
    const kasciunas = quotesIn('Lithuanian Minister of Defense Laurynas Kasciunas called the Kursk operation a “good sign.”', [['Laurynas Kasciunas']]);
    expect(kasciunas[0].text).toBe('good sign');
    expect(kasciunas[0].speakerId).toBe('person:laurynas-kasciunas');
    const buechner = quotesIn(
      'Deputy spokesman Wolfgang Buechner avoided weighing in on the attack, noting that it was “prepared apparently in great secrecy.”',
      [['Wolfgang Buechner']],
    );
    expect(buechner[0].speakerId).toBe('person:wolfgang-buechner');
    const tusk = quotesIn('Donald Tusk said this week that the incursion did not change Warsaw’s support “one iota.”', [TUSK]);
    expect(tusk[0].text).toBe('one iota');
    expect(tusk[0].speakerId).toBe('person:donald-tusk');
  });

  it('speech verbs beyond “said”: told, added, wrote, warned, according to', () => {
    const text = [
      'Jane Smith spoke to reporters on Monday.',
      '“The talks are over for now,” Smith told reporters.',
      '“We will try again next year,” Smith added.',
      'Smith wrote in a letter: “Nobody should doubt our resolve.”',
      'Smith warned that the deal was “dead in the water.”',
      'The plan is “a mess from start to finish,” according to Jane Smith.',
    ].join('\n');
    const quotes = quotesIn(text, [SMITH]);
    expect(quotes).toHaveLength(5);
    for (const quote of quotes) expect(quote.speakerId, quote.text).toBe('person:jane-smith');
  });

  it('a surname resolves to the article’s full-named person, even as its own entity', () => {
    const quotes = quotesIn('Jane Smith arrived on Monday.\n“We will not back down on this,” Smith said.', [['Jane Smith'], ['Smith']]);
    expect(quotes[0].speakerId).toBe('person:jane-smith');
  });

  it('a titled surname the entity pass did not mark ("Mr Hess") still finds the person', () => {
    const quotes = quotesIn('Max Hess is an analyst at an institute.\n“There won’t be any official announcement,” said Mr Hess.', [['Max Hess']]);
    expect(quotes[0].speakerId).toBe('person:max-hess');
  });

  it('straight quotation marks work like curly ones', () => {
    const text = 'Jane Smith spoke on Monday. "We will not back down on this," Smith said.';
    const quotes = quotesIn(text, [SMITH]);
    expect(quotes).toHaveLength(1);
    expect(quotes[0].text).toBe('We will not back down on this');
    expect(quotes[0].speakerId).toBe('person:jane-smith');
  });

  it('a quotation nested in curly marks of the same kind stays part of the one around it', () => {
    const text = 'Jane Smith spoke on Monday. “I would rather teach in what he calls “chaos” than sit in an office,” Smith said.';
    const quotes = quotesIn(text, [SMITH]);
    expect(quotes).toHaveLength(1);
    expect(quotes[0].text).toBe('I would rather teach in what he calls “chaos” than sit in an office');
    expect(quotes[0].speakerId).toBe('person:jane-smith');
  });

  it('an opening mark never closed before another pair is a typo: the later pair is the quotation', () => {
    const quotes = quotesIn('Jane Smith spoke on Monday. “The vote “will go ahead on Friday,” Smith said.', [SMITH]);
    expect(quotes.map((q) => q.text)).toEqual(['will go ahead on Friday']);
    expect(quotes[0].speakerId).toBe('person:jane-smith');
  });
});

describe('attribution from the text around a quotation', () => {
  it('a paragraph ending in a colon introduces the quotation paragraph after it', () => {
    const quotes = quotesIn('President Barack Obama tweeted using his account:\n“Cool clock, Ahmed. Want to bring it to the White House?”', [
      ['Barack Obama', 'Obama'],
    ]);
    expect(quotes[0].speakerId).toBe('person:barack-obama');
  });

  it('a reporting sentence before the quotation in its paragraph names its speaker', () => {
    const quotes = quotesIn(
      'Jane Smith also said the artist was a businessman. “He would make a blue picture and a pink one, and you could pick.”',
      [SMITH],
    );
    expect(quotes[0].speakerId).toBe('person:jane-smith');
  });

  it('a coordinated reporting verb ("…, and said") has the sentence’s subject', () => {
    const quotes = quotesIn('Yvette Cooper said her party backed the idea, and said it was “damning that the office is not doing this already.”', [
      ['Yvette Cooper'],
    ]);
    expect(quotes[0].speakerId).toBe('person:yvette-cooper');
  });

  it('an affiliation with an address between the name and the verb is not the speaker', () => {
    const people = [['Cynthia Thompson'], ['Fayetteville']];
    const quotes = quotesIn('Cynthia Thompson, curator at the University of Arkansas, Fayetteville, said, “These images document his everyday life.”', people);
    expect(quotes[0].speakerId).toBe('person:cynthia-thompson');
  });

  it('a description whose appositive names the person gives the person', () => {
    const quotes = quotesIn('The parents were charged, in the words of the Crown prosecutor, Mark Tedeschi, “with neglect of the most basic kind.”', [
      ['Mark Tedeschi'],
    ]);
    expect(quotes[0].speakerId).toBe('person:mark-tedeschi');
  });

  it('a quotation signed with a dash at the end of its paragraph', () => {
    const quotes = quotesIn('“So far, it’s the Internet: 1, the church: 0. But it’s a long game.” - Matthew Ingram', [['Matthew Ingram']]);
    expect(quotes[0].speakerId).toBe('person:matthew-ingram');
  });

  it('an inverted attribution with a dotted title: said Mr. Smith, 54, …', () => {
    const quotes = quotesIn('“We’re not going anywhere,” said Mr. Smith, 54, a retired teacher.', [SMITH]);
    expect(quotes[0].speakerId).toBe('person:jane-smith');
  });

  it('a participle after a quotation shares the main clause’s subject ("…,” adding: “…”)', () => {
    const quotes = quotesIn('Jane Smith told reporters that the plan was “dead,” adding: “We will start again from scratch.”', [SMITH]);
    expect(quotes.map((q) => q.speakerId)).toEqual(['person:jane-smith', 'person:jane-smith']);
  });

  it('an absolute construction names the speaker: “…, with Boswell stating: …”', () => {
    const quotes = quotesIn('The plan was attacked by campaigners, with Caitlin Boswell stating: “People fleeing danger need quicker decisions.”', [
      ['Caitlin Boswell', 'Boswell'],
    ]);
    expect(quotes[0].speakerId).toBe('person:caitlin-boswell');
  });

  it('a name and a colon introduce a quotation without a verb', () => {
    expect(quotesIn('Jane Smith: “We will win this fight.”', [SMITH])[0].speakerId).toBe('person:jane-smith');
    // …but not a name inside a longer clause before the colon.
    const quotes = quotesIn('She promised an update from Smith is forthcoming: “We are working as quickly as possible.”', [SMITH]);
    expect(quotes[0].speakerId).toBeNull();
  });

  it('a pronoun skips a person whose title says the other gender', () => {
    const people = [['Kaja Kallas', 'Kallas'], ['John Brown', 'Brown']];
    const quotes = quotesIn('Kaja Kallas spoke first. Mr Brown listened, then John Brown left.\n“We will not risk escalation,” she said.', people);
    expect(quotes[0].speakerId).toBe('person:kaja-kallas');
  });

  it('a gendered role counts as evidence too ("spokeswoman" is not "he")', () => {
    const people = [['Maria Zakharova'], ['Olaf Scholz']];
    const roles = { 'Maria Zakharova': ['foreign ministry spokeswoman'], 'Olaf Scholz': ['German Chancellor'] };
    const text = 'Olaf Scholz listened. Foreign ministry spokeswoman Maria Zakharova spoke next.\n“We will not be drawn in,” he said.';
    expect(quotesIn(text, people, [], roles)[0].speakerId).toBe('person:olaf-scholz');
  });

  it('a pronoun after an unnamed speaker’s sentence is not given to someone named earlier', () => {
    const quotes = quotesIn('Jane Smith met the envoy on Monday. A spokesperson said the talks went well.\n“We are pleased with the outcome so far,” she said.', [
      SMITH,
    ]);
    expect(quotes[0].speakerId).toBeNull();
  });

  it('a short quotation that is a sentence of its own is speech, and inherits', () => {
    const quotes = quotesIn('“This government has run out of ideas,” Jane Smith told the BBC. “They are desperate.”', [SMITH]);
    expect(quotes.map((q) => q.speakerId)).toEqual(['person:jane-smith', 'person:jane-smith']);
  });

  it('"Sir" + first name is the article’s knight of that first name', () => {
    const quotes = quotesIn('Keir Starmer spoke first.\n“This is a government out of ideas,” Sir Keir told the BBC.', [['Keir Starmer'], ['Sir Keir']]);
    expect(quotes[0].speakerId).toBe('person:keir-starmer');
  });

  it('an organisation speaks only when it is the whole subject', () => {
    const orgs = [['Home Office'], ['Kremlin']];
    const quotes = quotesIn('Home Office sources described the flights as “imminent and unstoppable”.\n“We deny it entirely,” the Kremlin said.', [], orgs);
    expect(quotes.map((q) => [q.speakerId, q.speakerDescription])).toEqual([
      [null, 'Home Office sources'],
      ['org:kremlin', null],
    ]);
  });

  it('"the prime minister" repeats the role the article gave one person', () => {
    const quotes = quotesIn(
      'Britain’s Prime Minister Rishi Sunak defended the plan. Asked if he would resign, the prime minister replied: “I am confident they will.”',
      [['Rishi Sunak', 'Sunak']],
      [],
      { 'Rishi Sunak': ['Britain’s Prime Minister'] },
    );
    expect(quotes[0].speakerId).toBe('person:rishi-sunak');
  });

  it('an organisation’s report speaks for it', () => {
    const quotes = quotesIn('PC World’s recent analysis of its own traffic concluded, “Usually, the browser is second after Firefox.”', [], [['PC World']]);
    expect(quotes[0].speakerId).toBe('org:pc-world');
  });

  it('a possessive name is not the speaker ("Smith’s spokesman said")', () => {
    const quotes = quotesIn('Jane Smith was in hospital. Smith’s spokesman said: “The senator is recovering well.”', [SMITH]);
    expect(quotes[0]).toMatchObject({ speakerId: null, speakerDescription: 'Smith’s spokesman' });
  });

  it('a name the entity pass missed is kept as the description, rather than the role beside it', () => {
    const quotes = quotesIn('Kiara Perkins, a second-year student, said: “It is Warhol. He is a legend.”');
    expect(quotes[0]).toMatchObject({ speakerId: null, speakerDescription: 'Kiara Perkins' });
  });

  it('a statement speaks for its author', () => {
    const quotes = quotesIn('John Cornyn was not pleased.\nCornyn’s statement added, “There is no question Houston should have been chosen.”', [
      ['John Cornyn', 'Cornyn'],
    ]);
    expect(quotes[0].speakerId).toBe('person:john-cornyn');
  });
});

describe('quotations nobody speaks', () => {
  it('scare quotes get no speaker', () => {
    const text = [
      'Why is Chinese President Xi Jinping not a “happy camper” these days?',
      'Taiwanese have not become more “CCP friendly” in response.',
      'The convenient excuse is the need to preserve the UK’s “special relationship” with the US.',
    ].join('\n');
    const quotes = quotesIn(text, [['Xi Jinping']]);
    // The other two name no one who might be speaking: the writer's own terms, no quotations.
    expect(quotes.map((q) => q.text)).toEqual(['happy camper']);
    for (const quote of quotes) {
      expect(quote.speakerId, quote.text).toBeNull();
      expect(quote.speakerDescription, quote.text).toBeNull();
    }
  });

  it('a scare quote does not inherit the speaker of an attributed quotation beside it', () => {
    const quotes = quotesIn('“We will not back down on this,” Smith said. Smith thinks the so-called “special relationship” is over.', [SMITH]);
    expect(speakerOf(quotes, 'special relationship')).toBeNull();
  });

  it('a one-word name in quotation marks at the end of a sentence is not a sentence of speech', () => {
    const quotes = quotesIn('“We came to win,” Jane Smith said. The team named their robot “Robogee.”', [SMITH]);
    expect(speakerOf(quotes, 'Robogee')).toBeNull();
  });

  it('words talked about are not speech, so not a quotation ("adding the words “and Emergency”")', () => {
    const quotes = quotesIn('Jane Smith said the file renamed the database, adding the words “and Emergency” to the name.', [SMITH]);
    expect(quotes).toEqual([]);
  });

  it('words someone uses or refuses to say are their speech, even named as words ("has used the phrase “…”")', () => {
    const quotes = quotesIn('Jane Smith has used the phrase “rigged from the start” at every rally this month.', [SMITH]);
    expect(quotes.map((q) => q.text)).toEqual(['rigged from the start']);
    const refused = quotesIn('Jane Smith was criticised for her refusal to say the words “budget crisis” in public.', [SMITH]);
    expect(refused.map((q) => q.text)).toEqual(['budget crisis']);
    const carried = quotesIn('Jane Smith posted a photograph of a placard bearing the words “no more tolls” on Sunday.', [SMITH]);
    expect(carried.map((q) => q.text)).toEqual(['no more tolls']);
  });

  it('a short sentence of its own after a colon is the words of the person the sentence opens with ("rolling out a message: “It is me.”")', () => {
    const quotes = quotesIn('With turnout low, Jane Smith is rolling out a new and more personal message: “Vote for me.”', [SMITH]);
    expect(quotes.map((q) => q.speakerId)).toEqual(['person:jane-smith']);
    // A short fragment in the same place is still a scare quote.
    expect(quotesIn('With turnout low, Jane Smith is rolling out a “personal touch” this week.', [SMITH]).map((q) => q.speakerId)).toEqual([null]);
  });

  it('a quoted title is not speech, so not a quotation', () => {
    const quotes = quotesIn('Jane Smith said she was reading “The Art of the Deal” on the plane.', [SMITH]);
    expect(quotes).toEqual([]);
  });

  it('programme titles, slogans and hashtags are not quotations, even with the full stop of the sentence they end; the speech beside them is', () => {
    const quotes = quotesIn(
      [
        'Jane Smith appeared on “The Morning Ledger” on Sunday, where the crowd held up “Bring Jobs Home” signs.',
        'Her supporters posted “#VoteEarly” all day. “We will win this district,” Smith said.',
        'Jane Smith was a guest on “Evening Desk.” She spoke for ten minutes.',
        'The crowd cheered when the band played “Harbour Lights,” then left.',
        // A short title-case sentence standing on its own is speech.
        'Smith told the crowd: “We Will Win.”',
      ].join('\n'),
      [SMITH],
    );
    expect(quotes.map((q) => q.text)).toEqual(['We will win this district', 'We Will Win.']);
    expect(quotes.map((q) => q.speakerId)).toEqual(['person:jane-smith', 'person:jane-smith']);
  });

  it('capitalised words that a verb of saying takes as its object are said, not a title ("chanting “…”", "proclaimed a goal of “…”")', () => {
    const quotes = quotesIn(
      [
        'At the rally Jane Smith proclaimed a goal of “Fair Roads For All.” The crowd cheered.',
        'Outside the hall, marchers were chanting “Open The Books,” and waving flags.',
        'Late in the evening the choir came on, singing “We Hold The Line.”',
        'Tom Reyes said, “Budget Day Is Coming.”',
      ].join('\n'),
      [SMITH, ['Tom Reyes', 'Reyes']],
    );
    expect(quotes.map((q) => q.text)).toEqual(['Fair Roads For All.', 'Open The Books', 'We Hold The Line.', 'Budget Day Is Coming.']);
    expect(speakerOf(quotes, 'Fair Roads')).toBe('person:jane-smith');
    expect(speakerOf(quotes, 'Budget Day')).toBe('person:tom-reyes');
  });

  it('capitalised words opening their sentence with a reporting clause after the comma are said ("“Jobs First,” she said")', () => {
    const quotes = quotesIn(
      [
        'Turnout rose again. “Jobs First,” Jane Smith said after the count.',
        '“Your Honour,” she said, “the figures were never mine.”',
        'On “Evening Desk,” Smith said the vote was close.',
        '“Evening Desk,” which airs on Sundays, asked her back.',
      ].join('\n'),
      [SMITH],
    );
    expect(quotes.map((q) => q.text)).toEqual(['Jobs First', 'Your Honour', 'the figures were never mine']);
    expect(quotes.map((q) => q.speakerId)).toEqual(['person:jane-smith', 'person:jane-smith', 'person:jane-smith']);
  });

  it('what a sign, a banner or a shirt reads and what a crowd chants are words put forward, however capitalised', () => {
    const quotes = quotesIn(
      [
        'Supporters waved a banner reading “Harbour County Says No” at the gate.',
        'Two men wore shirts that read “Vote The Bridge Down.”',
        'The speech ended in chants of “Four More Years” from the floor.',
        'Jane Smith said she was reading “The Long Road Home” on the train.',
      ].join('\n'),
      [SMITH],
    );
    expect(quotes.map((q) => q.text)).toEqual(['Harbour County Says No', 'Vote The Bridge Down.', 'Four More Years']);
  });

  it('a naming verb with the one it names before the quotation passes a judgement; without one it names a thing', () => {
    const quotes = quotesIn(
      [
        'Tom Reyes called Smith “The Budget Butcher of Harbour County.”',
        'When the fact-checkers reviewed her claim, it was labeled “Half Right.”',
        'She founded a group called “Neighbours For Safer Roads Now Today” in 2010.',
      ].join('\n'),
      [SMITH, ['Tom Reyes', 'Reyes']],
    );
    expect(quotes.map((q) => q.text)).toEqual(['The Budget Butcher of Harbour County.', 'Half Right.']);
    expect(speakerOf(quotes, 'Budget Butcher')).toBe('person:tom-reyes');
  });

  it('a title after a verb of saying and a preposition, or after a verb that takes a work, stays a title', () => {
    const quotes = quotesIn(
      [
        'Jane Smith said on “The Morning Ledger” that the vote was close.',
        'Tom Reyes wrote “The Long Road Home” in prison, and Smith cited “Rivers of Harbour County” in her speech.',
      ].join('\n'),
      [SMITH, ['Tom Reyes', 'Reyes']],
    );
    expect(quotes).toEqual([]);
  });

  it('a one-word title is a title when a work noun, a possessive name, a naming verb or a credit says so', () => {
    const quotes = quotesIn(
      [
        'Jane Smith praised the documentary “Tidewater.” Its sequel is due in May.',
        'She first appeared on Harbour Radio’s “Daybreak” in 2011, and later in the film, “Lanterns,” with the “Orchard” star Tom Reyes.',
        'A hacker known as “Nightjar” claimed the breach, and her class called “Perception” filled within an hour.',
        'Her new ad, titled “Steadfast,” ran twice on Sunday, after a memo entitled “Momentum.”',
        '“No,” Smith said when asked about a sequel.',
      ].join('\n'),
      [SMITH, ['Tom Reyes', 'Reyes']],
    );
    expect(quotes.map((q) => q.text)).toEqual(['No']);
  });

  it('a stage direction or a follow-us line inside a transcript’s run-on quotation is nobody’s words', () => {
    const text = [
      'Host Ann Cole spoke with Tom Reyes on Sunday:',
      '"REYES: We have the votes, and we will pass it.',
      '"(LAUGHTER.)',
      '"REYES: I mean it.',
      '"Follow Ann Cole on Twitter @anncole."',
    ].join('\n');
    const quotes = quotesIn(text, [['Tom Reyes', 'Reyes'], ['Ann Cole', 'Cole']]);
    expect(quotes.map((q) => q.text)).toEqual(['REYES: We have the votes, and we will pass it.', 'REYES: I mean it.']);
    expect(quotes.map((q) => q.speakerId)).toEqual(['person:tom-reyes', 'person:tom-reyes']);
  });

  it('a scare quote in a sentence that reports nothing and names nobody is the writer’s own term, not a quotation', () => {
    const text = [
      'The mines would be moved into a separate “holding trust” next spring.',
      'Tom Reyes opposed the “holding trust” from the start.',
      'Only local firms are “safe” in his view.',
      'The plan was, Reyes said, “dead on arrival.”',
    ].join('\n');
    const quotes = quotesIn(text, [['Tom Reyes', 'Reyes']]);
    expect(quotes.map((q) => q.text)).toEqual(['holding trust', 'safe', 'dead on arrival']);
  });

  it('a short quotation opening its sentence with a comma inside the marks starts a clause, so it is no scare quote ("“Not for sale,” was another")', () => {
    const text = ['Banners lined the road into the valley. “Not for sale,” was the most common.', 'The mines would be moved into a separate “holding trust” next spring.'].join('\n');
    expect(quotesIn(text).map((q) => q.text)).toEqual(['Not for sale']);
  });

  it('a nickname inside a name, a stage direction and a pronoun talked about are not quotations', () => {
    const text = [
      'State Sen. Roberta “Bobbi” Lane opened the hearing.',
      '“We are not done here,” Lane said. “(LAUGHTER.)” “We are just starting.”',
      'The style guide now uses “they” for a person of unknown gender.',
    ].join('\n');
    const quotes = quotesIn(text, [['Roberta Lane', 'Lane']]);
    expect(quotes.map((q) => q.text)).toEqual(['We are not done here', 'We are just starting.']);
  });

  it('a quotation inside the noun phrase before a verb is not reported by that verb', () => {
    const quotes = quotesIn('The “History” section of the site explains, in a satirical fashion, that the group formed in 2003.');
    expect(quotes[0].speakerId).toBeNull();
    expect(quotes[0].speakerDescription).toBeNull();
  });

  it('a short quotation far from the sentence’s reporting verb is a scare quote', () => {
    const quotes = quotesIn(
      'A group of teenagers was awarded a medal for “courageous achievement” on Tuesday in the international robotics contest held this year in the capital, where the organisers of the contest, one official said, were pleased.',
    );
    expect(quotes[0].speakerId).toBeNull();
    expect(quotes[0].speakerDescription).toBeNull();
  });

  it('an unnamed speaker keeps a description and no entity', () => {
    const quotes = quotesIn(
      '“This issue is being considered from a legal point of view,” the spokesperson said.\n“The position has not changed at all,” a Pentagon spokesperson said.',
    );
    expect(quotes.map((q) => [q.speakerId, q.speakerDescription])).toEqual([
      [null, 'the spokesperson'],
      [null, 'a Pentagon spokesperson'],
    ]);
  });
});

/** The whole pipeline (entities found by the extractor, then quotations), speakers by name. */
function speakersByPipeline(text: string): [string, string | null][] {
  const analysis = analyzeCorpus([{ id: 'a', text }]);
  const names = new Map(analysis.entities.map((e) => [e.id, e.name]));
  return analysis.quotes.map((q) => [q.text, q.speakerId ? (names.get(q.speakerId) ?? null) : null]);
}

describe('attribution patterns of news English', () => {
  it('a title and name right after the closing mark is the speaker, not a preposition’s object', () => {
    const text = '“The harbour will reopen within a month,” Transport Minister Ada Morrow told reporters in Tallinn.';
    expect(speakersByPipeline(text)).toEqual([['The harbour will reopen within a month', 'Ada Morrow']]);
  });

  it('a surname that is also a nationality word is the person’s after a first name ("Dana Welsh")', () => {
    const text = 'Dana Welsh, the owner of the mill, spoke on Friday.\n“We will rebuild by the spring,” Welsh said.';
    expect(speakersByPipeline(text)).toEqual([['We will rebuild by the spring', 'Dana Welsh']]);
  });

  it('a country speaking for its government is the speaker', () => {
    const text = 'Norway warned that the tariffs were “a grave mistake for both economies.” Canada insisted the talks “must resume at once.”';
    expect(speakersByPipeline(text)).toEqual([
      ['a grave mistake for both economies', 'Norway'],
      ['must resume at once', 'Canada'],
    ]);
  });

  it('a party-state note after a name is neither a name nor the speaker', () => {
    const text = [
      'On Monday in Dover, Gov. Tom Hale (R-Del.), said, “The budget will balance this year.”',
      '“We will not fold on this,” said Rep. Ada Morrow (D-Ore.), who leads the caucus.',
      'Sen. Lena Brandt (I) told reporters the bill was “dead on arrival.”',
    ].join('\n');
    expect(speakersByPipeline(text)).toEqual([
      ['The budget will balance this year.', 'Tom Hale'],
      ['We will not fold on this', 'Ada Morrow'],
      ['dead on arrival', 'Lena Brandt'],
    ]);
    const names = analyzeCorpus([{ id: 'a', text }]).entities.map((e) => e.name);
    expect(names.filter((n) => /^[RDI]-|^(?:Del|Ore)$/u.test(n))).toEqual([]);
  });

  it('verbs of judging report the partial quotation they carry', () => {
    const text = [
      'Jane Smith accused the board of being “asleep at the wheel” during the crisis.',
      'Jane Smith praised the agreement as “a real breakthrough for the workers.”',
    ].join('\n');
    const quotes = quotesIn(text, [SMITH]);
    expect(quotes.map((q) => q.speakerId)).toEqual(['person:jane-smith', 'person:jane-smith']);
  });

  it('a transcript turn opening with a surname in capitals is that person’s; other labels name nobody', () => {
    const text = [
      'Senator Ada Morrow questioned the harbour chief, Erik Halvorsen, on the radio on Sunday.',
      '"MORROW: Who signed the dredging contract, and when?',
      '"HALVORSEN: Nobody on my board signed it. I said so in March.',
      '"And I will say it again under oath.',
      'The station published the exchange in full.',
      '"NOTE: This transcript has been edited for length."',
    ].join('\n');
    const quotes = quotesIn(text, [['Ada Morrow', 'Morrow'], ['Erik Halvorsen', 'Halvorsen']]);
    expect(speakerOf(quotes, 'MORROW:')).toBe('person:ada-morrow');
    expect(speakerOf(quotes, 'HALVORSEN:')).toBe('person:erik-halvorsen');
    // The turn runs on into the next paragraph, as transcripts do.
    expect(speakerOf(quotes, 'under oath')).toBe('person:erik-halvorsen');
    expect(speakerOf(quotes, 'NOTE:')).toBeNull();
  });

  it('a partial quotation in the complement of a reporting verb before it is the subject’s, however long the clause', () => {
    const text =
      'Jane Smith said on Tuesday that the council, after months of delay and two failed votes in the spring, had at last shown “real courage.”';
    expect(speakerOf(quotesIn(text, [SMITH]), 'real courage')).toBe('person:jane-smith');
  });

  it('verbs of manner and of praise report speech too ("barked", "lauded", "asking", "to add")', () => {
    const text = [
      '“Get out of my office,” Smith barked.',
      'Jane Smith lauded the mayor as “a builder of bridges.”',
      'Jane Smith ended the meeting by asking, “Who will pay for the repairs?”',
      'Jane Smith was quick to add that the roof came first.',
      '“Then the windows.”',
    ].join('\n');
    const quotes = quotesIn(text, [SMITH]);
    expect(quotes.map((q) => q.speakerId)).toEqual(['person:jane-smith', 'person:jane-smith', 'person:jane-smith', 'person:jane-smith']);
  });

  it('a reporting verb coordinated with an earlier verb shares its subject, past a quoted name in between', () => {
    const text =
      'Jane Smith, the former mayor, praised the 2009 flood plan during a “Town Forum” broadcast by the council and said what the city needs is one thing: “Patience, and then more patience.”';
    expect(speakerOf(quotesIn(text, [SMITH]), 'more patience')).toBe('person:jane-smith');
  });

  it('a verb in a clause of its own after the quotation does not take it from the verb before it', () => {
    const text = 'Tom Reyes met the press. Jane Smith described the delay as a “sad affair,” but Reyes said the plan was sound.';
    expect(speakerOf(quotesIn(text, [SMITH, ['Tom Reyes', 'Reyes']]), 'sad affair')).toBe('person:jane-smith');
  });

  it('a name inside the apposition describing the speaker is not the speaker', () => {
    const text = 'Jane Smith spoke in the morning. “The numbers do not add up,” said Gene Ruiz, a longtime Smith adviser. Gene Ruiz, a longtime Smith adviser, said the plan was “far too late.”';
    const quotes = quotesIn(text, [SMITH, ['Gene Ruiz', 'Ruiz']]);
    expect(speakerOf(quotes, 'numbers do not add up')).toBe('person:gene-ruiz');
    expect(speakerOf(quotes, 'far too late')).toBe('person:gene-ruiz');
  });

  it('a paragraph ending in a colon gives the quotation paragraph after it to its subject, with no verb of saying', () => {
    const text = ['When the mill closed in 1998, Jane Smith released the following statement:', '“We owe this town more than we can ever repay.”'].join('\n');
    expect(speakerOf(quotesIn(text, [SMITH]), 'more than we can ever repay')).toBe('person:jane-smith');
  });

  it('a quotation signed with a horizontal bar is its signer’s', () => {
    const text = 'Readers wrote in after the vote.\n“I waited three hours to vote and I would do it again.” ― Tomas Ruiz';
    expect(speakersByPipeline(text)).toEqual([['I waited three hours to vote and I would do it again.', 'Tomas Ruiz']]);
  });
});

describe('reporting verbs in more shapes', () => {
  it('a participle right after a named person is that person speaking, even after a preposition', () => {
    const quotes = quotesIn('The new ad shows footage of Jane Smith asking, “Who will pay for the bridge now?”', [SMITH]);
    expect(speakerOf(quotes, 'Who will pay')).toBe('person:jane-smith');
  });

  it('“reports”, “claims”: verbs right after a name, nouns after an article', () => {
    const quotes = quotesIn(
      [
        'The Harbour Ledger reports that the council plans to “close the old bridge for at least a year.”',
        'The reports of a “secret deal between the two councils” were denied.',
        'Tom Reyes said Conservative claims of a “secret deal between the two councils” were false.',
      ].join('\n'),
      [['Tom Reyes', 'Reyes']],
      [['The Harbour Ledger']],
    );
    expect(speakerOf(quotes, 'close the old bridge')).toBe('org:the-harbour-ledger');
    expect(quotes.filter((q) => q.text.includes('secret deal')).map((q) => q.speakerId)).toEqual([null, 'person:tom-reyes']);
  });

  it('the name right before the verb is its subject, not a name earlier in the same phrase', () => {
    const quotes = quotesIn(
      [
        'Smith campaign spokesman Tom Reyes said the mayor would “sign the budget if it reached her desk.”',
        'When Jane Smith noted the delay ― as the minutes showed ― Reyes answered, “That is the council’s job, not mine.”',
      ].join('\n'),
      [SMITH, ['Tom Reyes', 'Reyes']],
    );
    expect(speakerOf(quotes, 'sign the budget')).toBe('person:tom-reyes');
    expect(speakerOf(quotes, 'council’s job')).toBe('person:tom-reyes');
  });

  it('a verb straight after a quotation with no closing punctuation continues its clause; the verb before reports it', () => {
    const quotes = quotesIn('City engineer Tom Reyes said in his letter that the survey “plainly and wrongly” suggests the bridge is safe.', [['Tom Reyes', 'Reyes']]);
    expect(speakerOf(quotes, 'plainly and wrongly')).toBe('person:tom-reyes');
  });

  it('a verb inside a relative clause does not report the quotation', () => {
    const quotes = quotesIn('Jane Smith, the mayor, told a resident who suggested that nobody would come that “this town always turns out when it matters.”', [SMITH]);
    expect(speakerOf(quotes, 'always turns out')).toBe('person:jane-smith');
  });

  it('"what it called" gives the words to the organisation the sentence is about', () => {
    const quotes = quotesIn(
      'The Harbour Council on Monday rejected the Ferry Company’s plan and promised action against what it called “a threat to every family on the island.”',
      [],
      [['The Harbour Council'], ['Ferry Company']],
    );
    expect(speakerOf(quotes, 'a threat to every family')).toBe('org:the-harbour-council');
  });

  it('a bare verb of judging after "to" reports the partial quotation it carries', () => {
    const quotes = quotesIn('Jane Smith took to the radio to accuse the council of being “fast asleep” again.', [SMITH]);
    expect(speakerOf(quotes, 'fast asleep')).toBe('person:jane-smith');
  });

  it('a judging verb in the passive ("are rated “highly critical”") does not take the quotation from the reporting verb before it', () => {
    const quotes = quotesIn('Jane Smith has said that, as of March, the bridge has 40 faults; 39 percent of these are rated “highly critical”.', [SMITH]);
    expect(speakerOf(quotes, 'highly critical')).toBe('person:jane-smith');
  });

  it('agreeing reports the words that follow', () => {
    const quotes = quotesIn('Tom Reyes called the plan late. Jane Smith agreed. “We should have started two years ago.”', [SMITH, ['Tom Reyes', 'Reyes']]);
    expect(speakerOf(quotes, 'two years ago')).toBe('person:jane-smith');
  });
});

describe('the subject of a sentence with no verb of saying', () => {
  it('a quotation inside the sentence is the words of the named person the sentence opens with', () => {
    const text = [
      'Tom Reyes met the committee on Monday.',
      'In a long memo, Jane Smith estimated that the county would need “at least four more years to rebuild the bridge.”',
      'Reyes worried that the plan was “a promise the county cannot keep for anyone.”',
    ].join('\n');
    const quotes = quotesIn(text, [SMITH, ['Tom Reyes', 'Reyes']]);
    expect(speakerOf(quotes, 'four more years')).toBe('person:jane-smith');
    expect(speakerOf(quotes, 'a promise')).toBe('person:tom-reyes');
  });

  it('a quotation standing as the next sentence of the paragraph is the words of the person the sentence before opens with', () => {
    const text = 'On “Morning Desk,” Sen. Ann Cole, who chairs the panel, named fatigue as the main reason. “People are tired of waiting for this bridge.”';
    const quotes = quotesIn(text, [['Ann Cole', 'Cole']]);
    expect(speakerOf(quotes, 'tired of waiting')).toBe('person:ann-cole');
  });

  it('an epithet after the name, a citation and a sentence opened by a preposition are no one’s words', () => {
    const text = [
      'Tom Reyes, “the father of the modern ferry,” rebuilt the fleet in 1990.',
      'Jane Smith, Tom Reyes, “Harbour Ferries and the Modern Port - Part 2”, Coastal Review, 2001.',
      'Like Reyes, Smith’s sister ran a magazine whose masthead read, “the sea is wide, but the harbour is home.”',
      'Jane Smith.',
      '“Council votes to keep the old ferry running.” Coastal Review, 2001.',
    ].join('\n');
    const quotes = quotesIn(text, [SMITH, ['Tom Reyes', 'Reyes']]);
    for (const quote of quotes) expect(quote.speakerId, quote.text).toBeNull();
  });

  it('a pronoun after a sentence opened by "For Name," is still that name (the opening phrase only fails as a subject)', () => {
    const text = 'For Tom Reyes, a teacher, the ferry was a legend. He said, “The ferry made this town what it is today.”';
    const quotes = quotesIn(text, [['Tom Reyes', 'Reyes']]);
    expect(speakerOf(quotes, 'made this town')).toBe('person:tom-reyes');
  });

  it('a short quotation there stays a scare quote, and a person after a preposition is not the subject', () => {
    const text = [
      'Jane Smith toured the so-called “rust belt” on Friday.',
      'After a meeting with Jane Smith, the council adopted a plan “for the next generation of riders and their families.”',
    ].join('\n');
    const quotes = quotesIn(text, [SMITH]);
    expect(speakerOf(quotes, 'rust belt')).toBeNull();
    expect(speakerOf(quotes, 'next generation')).toBeNull();
  });
});

describe('quotations across paragraphs', () => {
  const text = ['“We will fight on,” Smith said. “We will not give up.', '“And we will win in the end.”', 'Jane Smith left the stage.'].join('\n');

  it('a quotation that runs on into the next paragraph keeps its speaker there', () => {
    const quotes = quotesIn(text, [SMITH]);
    expect(quotes.map((q) => q.text)).toEqual(['We will fight on', 'We will not give up.', 'And we will win in the end.']);
    expect(quotes.map((q) => q.speakerId)).toEqual(Array(3).fill('person:jane-smith'));
  });

  it('the run-on does not swallow the paragraph break or the next paragraph’s mark', () => {
    for (const quote of quotesIn(text, [SMITH])) expect(quote.text).not.toMatch(/[\n“”]/u);
  });

  it('a paragraph that is only a quotation continues the previous paragraph’s speaker', () => {
    const quotes = quotesIn('“We will fight on,” Smith said.\n“Nobody should doubt our resolve on this.”', [SMITH]);
    expect(quotes.map((q) => q.speakerId)).toEqual(['person:jane-smith', 'person:jane-smith']);
  });

  it('a paragraph that is only a quotation, after a paragraph where someone spoke, is theirs ("Smith spoke to reporters …")', () => {
    const quotes = quotesIn('The plan was vague, since Smith spoke only in general terms at the briefing.\n“We have to do something about it.”', [SMITH]);
    expect(quotes.map((q) => q.speakerId)).toEqual(['person:jane-smith']);
  });

  it('blank lines between paragraphs (a raw file) do not break a run-on', () => {
    const quotes = quotesIn('Jane Smith said: “We will fight on.\n\n“And we will win in the end.”', [SMITH]);
    expect(quotes.map((q) => q.speakerId)).toEqual(['person:jane-smith', 'person:jane-smith']);
  });
});

describe('quotation marks and sentences', () => {
  it('a curly opening mark typed where a closing one belongs still closes', () => {
    const quotes = quotesIn('Jane Smith said: "We are disappointed with the decision.“ However, the centre gets the seats.', [SMITH]);
    expect(quotes.map((q) => q.text)).toEqual(['We are disappointed with the decision.']);
  });

  it('an abbreviation before a sentence opener ends the sentence ("D.C. The")', () => {
    const quotes = quotesIn('The team arrived in Washington D.C. The girls called it “a very long journey.”\nJane Smith, who met U.S. President Joe Biden, said: “It was worth it for everyone.”', [
      SMITH,
      ['Joe Biden', 'Biden'],
    ]);
    expect(quotes.map((q) => q.speakerId)).toEqual([null, 'person:jane-smith']);
  });
});

describe('offsets', () => {
  it('start and end are the quoted text’s offsets, marks excluded', () => {
    const text = 'Jane Smith said on Sunday: “If the attacks come from over the line, those bases ought to be fair game.” Then she left.\n"Straight marks too," Smith said.';
    const quotes = quotesIn(text, [SMITH]);
    expect(quotes).toHaveLength(2);
    for (const quote of quotes) {
      expect(text.slice(quote.start, quote.end)).toBe(quote.text);
      expect(text[quote.start - 1]).toMatch(/[“"]/u);
      expect(quote.id).toBe(`a1#${quote.start}`);
      expect(quote.articleId).toBe('a1');
    }
  });

  it('a quotation ending in the reporting clause’s comma leaves the comma out', () => {
    const text = '“We support Ukraine,” Tusk said.';
    const [quote] = quotesIn(text, [TUSK]);
    expect(quote.text).toBe('We support Ukraine');
    expect(text.slice(quote.end, quote.end + 2)).toBe(',”');
  });
});
