import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../lib/analysis/entities';
import type { Entity } from '../../lib/analysis/types';
import { parseCorpusFile } from '../../lib/corpus/parse';
import { scoreGum } from '../../lib/eval/gum';
import { scoreSeedEntities, type SeedEntityGold } from '../../lib/eval/seed-entities';

const root = resolve(import.meta.dirname, '../..');
const fixture = (name: string) => JSON.parse(readFileSync(resolve(root, 'test/fixtures/eval', name), 'utf8'));

function extract(...texts: string[]) {
  const inputs = texts.map((text, i) => ({ id: `a${i}`, text }));
  const result = extractEntities(inputs);
  const textOf = (id: string) => inputs.find((input) => input.id === id)!.text;
  const mentionTexts = (entity: Entity | undefined) =>
    result.mentions.filter((m) => m.entityId === entity?.id).map((m) => textOf(m.articleId).slice(m.start, m.end));
  const byName = (name: string) => result.entities.find((e) => e.name === name || e.aliases.includes(name));
  return { ...result, byName, mentionTexts, textOf };
}

describe('one entity, one profile', () => {
  it('a name typed a place in one article and an organisation in another is one entity, typed as most mentions read it', () => {
    const r = extract('She grew up in Dunmore, a town on the coast. Dunmore has a harbour.', 'Officials at Dunmore, the club, said it won.');
    const dunmore = r.entities.filter((e) => e.name === 'Dunmore');
    expect(dunmore).toHaveLength(1);
    expect(dunmore[0].type).toBe('place');
    expect(r.mentionTexts(dunmore[0])).toHaveLength(3);
  });
});

describe('titles, roles and honorifics', () => {
  it('keeps a title before the name as a role, not as part of the name', () => {
    const r = extract('Italian Minister of Defense Guido Crosetto criticised the move. German Chancellor Olaf Scholz was silent.');
    const crosetto = r.byName('Guido Crosetto');
    expect(crosetto?.id).toBe('person:guido-crosetto');
    expect(crosetto?.roles).toContain('Italian Minister of Defense');
    expect(r.mentionTexts(crosetto)).toEqual(['Guido Crosetto']);
    expect(r.byName('Olaf Scholz')?.roles).toContain('German Chancellor');
  });

  it('a title and a first name make a person, whatever organisation words the name or the title holds', () => {
    const r = extract(
      'Harbour City Mayor Dan Guardian opened the pier. Senate Minority Whip Nell Ardent voted no. Radio host Sean Pollity said the vote was close. Guardian said he was pleased.',
    );
    for (const [name, role] of [['Dan Guardian', 'Harbour City Mayor'], ['Nell Ardent', 'Senate Minority Whip'], ['Sean Pollity', 'Radio host']]) {
      const person = r.byName(name);
      expect(person?.type, name).toBe('person');
      expect(person?.roles, name).toContain(role);
    }
  });

  it('reads the abbreviated titles of American copy before a name ("Dunmore Gov. Ann Cole", "Atty. Gen. Tom Hale") as roles, not as names', () => {
    const r = extract('Dunmore Gov. Ann Cole signed the bill. Atty. Gen. Tom Hale and Adm. Ray Fenn said they would appeal.');
    expect(r.entities.map((e) => e.name).sort()).toEqual(['Ann Cole', 'Ray Fenn', 'Tom Hale']);
    expect(r.byName('Ann Cole')?.roles).toContain('Dunmore Gov');
  });

  it('reads a plural title before names joined by "and" as a role of each ("Sens. Ann Ruiz and Raj Patel")', () => {
    const r = extract('Sens. Ann Ruiz and Raj Patel wrote to the board. Senators Ann Ruiz and Raj Patel then met it.');
    expect(r.entities.map((e) => e.name).sort()).toEqual(['Ann Ruiz', 'Raj Patel']);
  });

  it('reads a lower-case role before the name', () => {
    const r = extract('Deputy government spokesman Wolfgang Buechner avoided weighing in.');
    const buechner = r.byName('Wolfgang Buechner');
    expect(buechner?.roles).toContain('Deputy government spokesman');
    expect(r.mentionTexts(buechner)).toEqual(['Wolfgang Buechner']);
  });

  it('strips honorifics and ranks from the name but keeps the honorific form as an alias', () => {
    const r = extract('Max Hess, a Eurasia analyst at the Foreign Policy Research Institute, believes it. "It will happen," said Mr Hess. General Charles Q Brown said last week that it was likely.');
    const hess = r.byName('Max Hess');
    expect(hess?.aliases).toEqual(expect.arrayContaining(['Hess', 'Mr Hess']));
    expect(r.mentionTexts(hess)).toEqual(['Max Hess', 'Hess']);
    const brown = r.byName('Charles Q Brown');
    expect(brown?.aliases).toContain('General Charles Q Brown');
    expect(r.mentionTexts(brown)).toEqual(['Charles Q Brown']);
  });

  it('takes an apposition after the name as a role', () => {
    const r = extract('The sense has changed, said Donald Jensen, a senior advisor for Russia and Europe at the US Institute of Peace.');
    expect(r.byName('Donald Jensen')?.roles[0]).toMatch(/^a senior advisor/);
    expect(r.byName('US Institute of Peace')?.type).toBe('org');
  });

  it('gives a title followed by a comma to the name after it', () => {
    const r = extract('Estonia’s Prime Minister, Kaja Kallas, said this week that it would not risk escalation.');
    expect(r.byName('Kaja Kallas')?.roles).toContain('Estonia’s Prime Minister');
  });
});

describe('short forms within an article', () => {
  it('joins a surname to the full name written earlier', () => {
    const r = extract('Polish Prime Minister Donald Tusk said this week that nothing changed. "We support Ukraine," Tusk said.');
    const tusk = r.byName('Donald Tusk');
    expect(r.mentionTexts(tusk)).toEqual(['Donald Tusk', 'Tusk']);
    expect(r.entities.filter((e) => e.type === 'person')).toHaveLength(1);
  });

  it('never merges people who share a first name', () => {
    const r = extract('Donald Trump met Donald Tusk. Later Donald Jensen said Trump and Tusk disagreed, and Jensen agreed.');
    const people = r.entities.filter((e) => e.type === 'person').map((e) => e.name).sort();
    expect(people).toEqual(['Donald Jensen', 'Donald Trump', 'Donald Tusk']);
    expect(r.mentionTexts(r.byName('Donald Jensen'))).toEqual(['Donald Jensen', 'Jensen']);
  });

  it('joins a sentence-initial surname that is also an ordinary word', () => {
    const r = extract('Gordon Brown spoke first. Brown said he agreed. Cook is a common word, and so is Brown.');
    expect(r.mentionTexts(r.byName('Gordon Brown'))).toEqual(['Gordon Brown', 'Brown', 'Brown']);
    expect(r.entities.map((e) => e.name)).toEqual(['Gordon Brown']);
  });

  it('joins a distinctive word of an organisation name to it', () => {
    const r = extract('She left the Church of Scientology in 2007. Scientology officials deny it, and the Church says she volunteered.');
    const church = r.byName('Church of Scientology');
    expect(r.mentionTexts(church)).toEqual(['Church of Scientology', 'Scientology', 'Church']);
  });

  it('reads a phrase led by a named person\'s surname as a mention of them', () => {
    const r = extract('Andy Warhol died in 1987. The Warhol Polaroids were donated, and the Warhol Factory was busy.');
    expect(r.mentionTexts(r.byName('Andy Warhol'))).toEqual(['Andy Warhol', 'Warhol', 'Warhol']);
  });

  it('leaves a surname two people share unresolved', () => {
    const r = extract('Anna Keller met John Keller in Berlin. Keller said the talks went well.');
    expect(r.mentionTexts(r.byName('Anna Keller'))).toEqual(['Anna Keller']);
    expect(r.mentionTexts(r.byName('John Keller'))).toEqual(['John Keller']);
  });
});

describe('places, organisations and name variants', () => {
  it('reads possessives as mentions of the place, without the possessive', () => {
    const r = extract('Kyiv’s allies backed Ukraine\'s decision. Russia’s assault continued near Kyiv.');
    const kyiv = r.byName('Kyiv');
    expect(kyiv?.id).toBe('place:kyiv');
    expect(r.mentionTexts(kyiv)).toEqual(['Kyiv', 'Kyiv']);
    expect(r.mentionTexts(r.byName('Ukraine'))).toEqual(['Ukraine']);
  });

  it('joins an acronym, its expansion and a case variant across articles', () => {
    const r = extract(
      'Crosetto was the highest-level official in the North Atlantic Treaty Organization to criticise it. NATO allies consider it unlikely.',
      'Nato countries are also signalling greater willingness to send troops.',
    );
    const nato = r.byName('North Atlantic Treaty Organization');
    expect(nato?.type).toBe('org');
    expect(nato?.aliases).toEqual(expect.arrayContaining(['NATO', 'Nato']));
    expect(r.mentionTexts(nato)).toEqual(['North Atlantic Treaty Organization', 'NATO', 'Nato']);
  });

  it('takes a bracketed acronym as another name of the organisation before it', () => {
    const r = extract('The Chinese Communist Party’s (CCP) use of spies worried the People’s Liberation Army (PLA).');
    expect(r.byName('Chinese Communist Party')?.aliases).toContain('CCP');
    expect(r.byName('People’s Liberation Army')?.aliases).toContain('PLA');
  });

  it('joins transliteration variants and full names across articles', () => {
    const r = extract(
      'Ukrainian President Volodymyr Zelenskiy’s aim is unclear. US President Donald Trump said nothing.',
      'Ukraine’s President Volodymyr Zelensky has visited several capitals. Donald Trump and his supporters disagree.',
    );
    const zelensky = r.byName('Volodymyr Zelensky');
    expect(zelensky).toBe(r.byName('Volodymyr Zelenskiy'));
    expect(r.mentions.filter((m) => m.entityId === zelensky?.id).map((m) => m.articleId)).toEqual(['a0', 'a1']);
    expect(r.entities.filter((e) => e.name === 'Donald Trump')).toHaveLength(1);
  });

  it('resolves country short forms through the gazetteer', () => {
    const r = extract('The US was still trying to learn more. The incursion is consistent with Washington’s policy, as the United States said.');
    const us = r.byName('United States');
    expect(us?.type).toBe('place');
    expect(r.mentionTexts(us)).toEqual(['US', 'Washington', 'United States']);
  });

  it('types a place from the region word after it and from ", State" after it', () => {
    const r = extract('Troops moved into the western Kursk region. Beyond Kursk, fighting went on. He was born in Irving, Texas, and Irving welcomed him.');
    expect(r.byName('Kursk')?.type).toBe('place');
    expect(r.mentionTexts(r.byName('Kursk'))).toEqual(['Kursk region', 'Kursk']);
    expect(r.byName('Irving')?.type).toBe('place');
  });

  it('prefers a place after a preposition of place, and the article\'s person elsewhere', () => {
    const r = extract('Valeska Paris was born in Switzerland. Paris claims she was held on a ship, not in Paris.');
    const person = r.byName('Valeska Paris');
    expect(r.mentionTexts(person)).toEqual(['Valeska Paris', 'Paris']);
    const place = r.entities.find((e) => e.type === 'place' && e.name === 'Paris');
    expect(r.mentionTexts(place)).toEqual(['Paris']);
  });

  it('reads an ordinary word in capitals as an organisation only where the article defines it', () => {
    const r = extract('The World Health Organisation (WHO) recommends iodised salt. WHO say deficiency is common. UNLESS it rains, nothing changes.');
    const who = r.byName('World Health Organisation');
    expect(r.mentionTexts(who)).toEqual(['World Health Organisation', 'WHO', 'WHO']);
    expect(r.byName('UNLESS')).toBeUndefined();
  });

  it('splits an organisation and a person written together', () => {
    const r = extract('The launch went well. Image: NASA Charles Bolden.');
    expect(r.byName('NASA')?.type).toBe('org');
    expect(r.byName('Charles Bolden')?.type).toBe('person');
  });

  it('makes ids from type and canonical name', () => {
    const r = extract('The Labour Party was on the defensive. Keir Starmer became prime minister.');
    expect(r.byName('Labour Party')?.id).toBe('org:labour-party');
    expect(r.byName('Labour Party')?.aliases).toContain('Labour');
    expect(r.byName('Keir Starmer')?.id).toBe('person:keir-starmer');
  });

  it('puts every mention on the text of a name or alias of its entity', () => {
    const seed = fixture('seed-gold.json') as { articles: { file: string }[] };
    const files = [...new Set(seed.articles.map((a) => a.file))];
    const inputs = files.flatMap((file) =>
      parseCorpusFile(file, readFileSync(resolve(root, 'assets/corpus', file), 'utf8')).map((article, i) => ({ id: `${file}#${i}`, text: article.paragraphs.join('\n') })),
    );
    const { entities, mentions } = extractEntities(inputs);
    const fold = (s: string) => s.toLowerCase().replace(/’/g, "'");
    for (const m of mentions) {
      const entity = entities.find((e) => e.id === m.entityId)!;
      const written = fold(inputs.find((i) => i.id === m.articleId)!.text.slice(m.start, m.end));
      const names = [entity.name, ...entity.aliases].map(fold);
      expect(names, `${written} in ${entity.id}`).toContain(written);
    }
  });
});

describe('countries that act, and other typing from context', () => {
  it('types every country of a match report as a side', () => {
    const r = extract('Norway beat Chile 2 – 1 on Sunday. Portugal faced Ghana in Lyon, and Ghana lost 0 – 3. Chile’s coach said he was proud. Fans flew home to Chile.');
    for (const country of ['Norway', 'Chile', 'Portugal', 'Ghana']) expect(r.byName(country)?.type, country).toBe('org');
    expect(r.byName('Lyon')?.type).toBe('place');
  });

  it('types a country as an organisation where its mentions act as a state, and leaves a single act or match verbs without a score a place', () => {
    const acting = extract('Yesterday, Iran fired missiles at the base. Iran stated it would respond again. Officials in Iran met late.');
    expect(acting.byName('Iran')?.type).toBe('org');
    expect(acting.entities.filter((e) => e.name === 'Iran')).toHaveLength(1);
    const once = extract('Peru launched an inquiry. Flights to Peru resumed. Peru is mountainous. Tourists love Peru.');
    expect(once.byName('Peru')?.type).toBe('place');
    const noScore = extract('Russia lost ground in the east. Ukraine won time. Russia faces sanctions. Ukraine lost a town.');
    expect(noScore.byName('Russia')?.type).toBe('place');
    expect(noScore.byName('Ukraine')?.type).toBe('place');
  });

  it('types a country with a team word after it as a side when that is how the article uses it', () => {
    const r = extract('The Japan team won the relay. Later the Japan squad flew out.');
    expect(r.byName('Japan')?.type).toBe('org');
  });

  it('reads a kind of organisation before the name or heading an apposition after it', () => {
    const r = extract('The satirical magazine Zentrik published the cartoon. Members of Veltora, a pro-democracy party, protested. Colegio Brenna, a catholic school in Turin, closed.');
    expect(r.byName('Zentrik')?.type).toBe('org');
    expect(r.byName('Veltora')?.type).toBe('org');
    expect(r.byName('Colegio Brenna')?.type).toBe('org');
  });

  it('types a one-word news outlet built on "news" as an organisation', () => {
    const r = extract('Reporters spoke to Ynetnews on Monday. Ynetnews observed the crowd.');
    expect(r.byName('Ynetnews')?.type).toBe('org');
  });

  it('reads a museum before "of" as a place, as a museum at the end is', () => {
    const r = extract('The shuttle trainer went to the Museum of Flight in Seattle.');
    expect(r.byName('Museum of Flight')?.type).toBe('place');
  });

  it('keeps a first name and a plural-looking surname a person', () => {
    const r = extract('The show was opened by Kathryn Waters on Friday. A goal came from John Stones late on.');
    expect(r.byName('Kathryn Waters')?.type).toBe('person');
    expect(r.byName('John Stones')?.type).toBe('person');
  });

  it('reads a programme led by a known organisation or a person as a mention of them', () => {
    const r = extract('He won a trip to the Google Science Fair. Items came from the Andy Warhol Photographic Legacy Program.');
    expect(r.mentionTexts(r.byName('Google'))).toEqual(['Google']);
    expect(r.byName('Andy Warhol')?.type).toBe('person');
  });

  it('does not read a product ending in an acronym, or a phrase of derived words, as a person', () => {
    const r = extract('They tried the Gamebox VR headset. The files sat in the Intelligence System database. Bureaucrats of the Conservative government complained.');
    expect(r.entities.filter((e) => e.type === 'person')).toEqual([]);
  });

  it('leaves a vessel and its bare name out', () => {
    const r = extract('Space Shuttle Atlantis lifted off from Florida. Atlantis will go on display. HMS Victory sailed.');
    expect(r.byName('Atlantis')).toBeUndefined();
    expect(r.byName('Space Shuttle Atlantis')).toBeUndefined();
    expect(r.byName('Victory')).toBeUndefined();
    expect(r.byName('Florida')?.type).toBe('place');
  });

  it('reads a first name and a word that ends event names as a person', () => {
    const r = extract('Demosisto’s Nathan Law earned a surprise victory. Congress passed the Patent Law.');
    expect(r.byName('Nathan Law')?.type).toBe('person');
    expect(r.byName('Patent Law')).toBeUndefined();
  });

  it('reads a speaker named after "said" as a person', () => {
    const r = extract('Recipients, said Tormund, must exhibit the works.');
    expect(r.byName('Tormund')?.type).toBe('person');
  });

  it('does not read a study after a title as a person', () => {
    const r = extract('Professor Cres Eastman, Director of the National Iodine Nutrition study, said so.');
    expect(r.byName('Cres Eastman')?.type).toBe('person');
    expect(r.entities.filter((e) => e.type === 'person').map((e) => e.name)).toEqual(['Cres Eastman']);
  });

  it('knows the Red Cross', () => {
    expect(extract('The Red Cross said aid would arrive.').byName('Red Cross')?.type).toBe('org');
  });

  it('keeps a person before ", Country coach" a person', () => {
    const r = extract('After the match, Ricardo Alvarez Gomez, Panama coach, said he was proud.');
    expect(r.byName('Ricardo Alvarez Gomez')?.type).toBe('person');
  });
});

describe('abbreviated titles and shared surnames', () => {
  it('reads "Lt. Gen." and "Rep." before a name as titles, not as a person of their own', () => {
    const r = extract('Retired Lt. Gen. Marcus Kell spoke first. Rep. T.J. Varga (D-Ore.) spoke next. Then Board Chairman R.K. Osei closed.');
    expect(r.entities.filter((e) => e.type === 'person').map((e) => e.name).sort()).toEqual(['Marcus Kell', 'R.K. Osei', 'T.J. Varga']);
    expect(r.byName('Marcus Kell')?.roles.join(' ')).toMatch(/Lt/);
  });

  it('leaves a surname two people share with them, not with an organisation named after the family', () => {
    const r = extract('Ada Morrow and her brother Leo Morrow run the Morrow Foundation. On Friday Morrow said the grants would go on.');
    const said = r.mentionTexts(r.byName('Morrow Foundation')).filter((t) => t === 'Morrow');
    expect(said).toEqual([]);
  });
});

describe('names that speak', () => {
  it('reads ordinary words that speak as one name as an organisation ("Fair Play said")', () => {
    const r = extract('On Monday Fair Play said the figures were wrong and asked for the full accounts.');
    expect(r.byName('Fair Play')?.type).toBe('org');
  });
});

describe('East Asian names', () => {
  it('keeps the surname first: no surname alias from the last word', () => {
    const r = extract('Kim Jong Un inspected the site. Later Kim said the test had worked. Xi Jinping met him; Xi smiled.');
    const kim = r.byName('Kim Jong Un');
    expect(kim?.aliases).toContain('Kim');
    expect(kim?.aliases).not.toContain('Un');
    expect(r.mentionTexts(kim)).toEqual(['Kim Jong Un', 'Kim']);
    expect(r.mentionTexts(r.byName('Xi Jinping'))).toEqual(['Xi Jinping', 'Xi']);
  });

  it('keeps Western order for a Western first name that is also a surname', () => {
    const r = extract('Kim Kardashian posted a photo. Kardashian later deleted it.');
    expect(r.byName('Kim Kardashian')?.aliases).toContain('Kardashian');
  });

  it('joins a hyphenated given name with its lower-case syllable', () => {
    const r = extract('Pan-democrat Lam Cheuk-ting won a seat, as did Leung Kwok-hung. Mayor Hau Lung-bin watched. Kremlin-backed forces and Biden-era rules stayed apart.');
    expect(r.byName('Lam Cheuk-ting')?.type).toBe('person');
    expect(r.byName('Leung Kwok-hung')?.type).toBe('person');
    expect(r.byName('Hau Lung-bin')?.type).toBe('person');
    expect(r.entities.some((e) => /backed|era/.test(e.name))).toBe(false);
  });

  it('does not cut a name led by a surname the article gives to someone else', () => {
    const r = extract('Wong Kwok-hing lost. Wong Pik-wan won. Wong Pik-wan thanked voters.');
    expect(r.byName('Wong Pik-wan')?.type).toBe('person');
    expect(r.mentionTexts(r.byName('Wong Pik-wan'))).toEqual(['Wong Pik-wan', 'Wong Pik-wan']);
  });

  it('reads dotted initials before a surname as a person, not an acronym', () => {
    const r = extract('The gift came through the foundation.\n\nJ.R. Whitfield, its treasurer, signed the cheque. The U.S. Navy sent a letter from Washington D.C. Officials agreed.');
    expect(r.byName('J.R. Whitfield')?.type).toBe('person');
    expect(r.byName('J.R. Whitfield')?.aliases).toContain('Whitfield');
    expect(r.entities.some((e) => e.type === 'person' && /U\.S\.|D\.C\./.test(e.name))).toBe(false);
  });

  it('splits two unknown words after a place that closes an organisation name', () => {
    const r = extract('A nursing student at the University of Colorado Denver Idrena Volkac started the petition. Volkac said it grew fast.');
    expect(r.byName('Idrena Volkac')?.type).toBe('person');
    expect(r.mentionTexts(r.byName('Idrena Volkac'))).toEqual(['Idrena Volkac', 'Volkac']);
    expect(r.byName('University of Colorado Denver')?.type).toBe('org');
  });
});

/**
 * Regression floors, round figures from the project's targets rather than
 * what was last reached (a floor guards against losing names, not against
 * improvement). GUM and the seed are development sets: rules were written
 * against them, so these say nothing about unseen news.
 */
const SEED_MIN_RECALL = 0.95;
const SEED_MIN_PRECISION = 0.9;
/** Per type, the floor. */
const GUM_MIN_F1 = 0.85;
const GUM_MIN_CLUSTER_SHARE = 0.85;

describe('reference answers', () => {
  it('finds the seed entities, precisely, with every alias cluster in one entity', () => {
    const seed = fixture('seed-gold.json') as { articles: { file: string }[]; entities: SeedEntityGold[] };
    const files = [...new Set(seed.articles.map((a) => a.file))].map((file) => ({ file, text: readFileSync(resolve(root, 'assets/corpus', file), 'utf8') }));
    const report = scoreSeedEntities(seed.entities, files, parseCorpusFile, extractEntities);
    expect(report.overall.recall, report.missing.join('; ')).toBeGreaterThanOrEqual(SEED_MIN_RECALL);
    expect(report.overall.precision, report.spurious.join('; ')).toBeGreaterThanOrEqual(SEED_MIN_PRECISION);
    expect(report.clusters.failed).toEqual([]);
    expect(report.crossFile.failed).toEqual([]);
  });

  it('keeps GUM F1 per type and coreference pairs above their floors', () => {
    const report = scoreGum(fixture('gum-news.json'), extractEntities);
    for (const type of ['person', 'place', 'org'] as const) expect(report.byType[type].f1, type).toBeGreaterThanOrEqual(GUM_MIN_F1);
    expect(report.clusters.share).toBeGreaterThanOrEqual(GUM_MIN_CLUSTER_SHARE);
  });
});
