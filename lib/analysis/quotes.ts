/**
 * Direct quotations and who said them.
 *
 * Attribution follows the conventions of news copy, in this order:
 * 1. the reporting clause of the quotation's own sentence ("“…,” Tusk said",
 *    "said Donald Jensen, a …", "Nuland said on Sunday: “…”", "called it a “good sign”");
 *    its subject is a named person, a pronoun resolved to the person the text is
 *    about, or a description ("the spokesperson") when nobody is named;
 * 2. a quotation that runs on from the previous paragraph keeps that speaker;
 * 3. an unattributed quotation takes the speaker of the reporting clause before
 *    it in its paragraph, else of a later quotation there, or — when the
 *    paragraph is nothing but the quotation — of the paragraph before;
 * 4. a short quotation with no reporting verb close by is a scare quote, and a
 *    quoted title is a title: neither is given a speaker.
 */
import { openingSubjectPerson, personBySurname, personInChunk, reportingClauseSpeaker, sentenceSubjectPerson, subjectOfVerb, toAttribution } from './quote-speakers';
import { QUOTE_FILLER, type QuoteSpan, type Sentence } from './quote-spans';
import { buildView, hasWordsOutsideQuotes, quotedText, sentenceIndexAt, wordCount, type ArticleView, type Attribution } from './quote-view';
import { isNobodysWords, standsAlone, utteredRightBefore } from './quoted-non-speech';
import { findSpeechVerbs, type SpeechVerb } from './speech-verbs';
import type { AnalysisInput, Entity, Mention, Quote } from './types';

/**
 * Longest quotation treated as a possible scare quote ("happy camper", "special
 * relationship", "CCP friendly"): it needs a reporting verb close by in its own
 * sentence, and never inherits a speaker. Three words is the project's bound.
 */
export const SCARE_QUOTE_MAX_WORDS = 3;
/**
 * How close that verb must be, in words. The seed's furthest real case is ten
 * words ("Tusk said this week that the incursion did not change Warsaw’s support “one iota.”").
 */
const SHORT_QUOTE_VERB_MAX_WORDS = 15;
/**
 * A reporting clause after a quotation reaches its verb within this many words:
 * room for a full title and name, the longest in the seed corpus being ten
 * ("US Department of Defense deputy Pentagon press secretary Sabrina Singh said").
 */
const TRAILING_ATTRIBUTION_MAX_WORDS = 12;
/** Longest name-and-colon lead-in without a verb: a title and a full name ("Polish Prime Minister Donald Tusk: “…”"). */
const COLON_LEAD_IN_MAX_WORDS = 6;
/** Longest dash signature ending a quoted paragraph: a name and a short affiliation ("“…” — Matthew Ingram, The Globe and Mail"). */
const SIGNATURE_MAX_WORDS = 8;

/** Every quotation in one article, with its speaker where the text says who it is. */
export function findQuotes(input: AnalysisInput, mentions: Mention[], entities: ReadonlyMap<string, Entity>): Quote[] {
  const view = buildView(input, mentions, entities);
  view.spans.forEach((span, i) => {
    view.attributions[i] = attributeFromOwnSentence(view, span);
  });
  shareAlongRunOns(view);
  view.spans.forEach((span, i) => {
    if (!view.attributions[i] && canInherit(view, span)) view.attributions[i] = inheritedAttribution(view, i);
  });
  return view.spans.flatMap((span, i) => (isSpeech(view, span, i) ? [{ span, i }] : [])).map(({ span, i }) => ({
    id: `${input.id}#${span.start}`,
    articleId: input.id,
    text: quotedText(view, span),
    start: span.start,
    end: span.end,
    speakerId: view.attributions[i]?.speakerId ?? null,
    speakerDescription: view.attributions[i]?.speakerDescription ?? null,
  }));
}

/**
 * What a reader may cite as someone's words: a quotation with a speaker, or
 * words in quotation marks whose speaker the text does not make clear (the
 * card says "unattributed"). A title, a hashtag or a term talked about with
 * no speaker is nobody's words, so it is no quotation at all.
 */
function isSpeech(view: ArticleView, span: QuoteSpan, i: number): boolean {
  return !isNobodysWords(view, span) && !(view.attributions[i] === null && isWritersOwnTerm(view, span));
}

/**
 * 'The “sex tape” reference', 'placed in a separate “liquidating trust”': a
 * scare quote in a sentence that reports nobody's words (no reporting verb) and
 * names no person before it is the writer marking a term, not a quotation.
 */
/** Case matters: "US" is a country. */
const PERSONAL_PRONOUN = /\b(?:[Hh]e|[Ss]he|[Hh]im|[Hh]is|[Hh]ers?|[Tt]hey|[Tt]hem|[Tt]heir|I|[Ww]e|[Uu]s|[Oo]ur|[Yy]ou|[Yy]our)\b/u;

function isWritersOwnTerm(view: ArticleView, span: QuoteSpan): boolean {
  // "chants of “Four More Years”", "a sign reading “…”": introduced as somebody's words.
  if (!mayBeScareQuote(view, span) || utteredRightBefore(view, span)) return false;
  const sentence = view.sentences[sentenceIndexAt(view, span.open)];
  if (!sentence || findSpeechVerbs(view.masked, sentence.start, sentence.end).length > 0) return false;
  // Someone is about: a named person or organisation before it, or a pronoun standing for one ("safe in his eyes").
  if (PERSONAL_PRONOUN.test(view.masked.slice(sentence.start, sentence.end))) return false;
  return !view.mentions.some((m) => m.start >= sentence.start && m.end <= span.open && m.entity.type !== 'place');
}

// ---------------------------------------------------------------------------
// 1. The quotation's own sentence

function attributeFromOwnSentence(view: ArticleView, span: QuoteSpan): Attribution | null {
  if (isNobodysWords(view, span)) return null;
  const signed = signature(view, span) ?? transcriptLabel(view, span);
  if (signed) return signed;
  const sentence = view.sentences[sentenceIndexAt(view, span.open)];
  if (!sentence) return null;
  const verb = reportingVerbFor(view, span, sentence);
  if (!verb) return colonIntroduction(view, span, sentence) ?? subjectsOwnWords(view, span, sentence);
  const verbLeads = verb.end <= span.open;
  if (mayBeScareQuote(view, span) && !verbLeads && wordsBetween(view, span, verb) > SHORT_QUOTE_VERB_MAX_WORDS) return null;
  const clauseStart = verb.start >= span.close ? span.close : lastQuoteEndBefore(view, verb.start, sentence.start);
  return toAttribution(view, subjectOfVerb(view, verb, clauseStart, sentence));
}

/**
 * "Hoover estimated that there are “somewhere between 23 and 28 people …”":
 * with no verb of saying in its sentence, a quotation inside the sentence
 * (not a scare quote: more than a few words, or a sentence of its own after a
 * colon, "rolling out a new message: “It's about me.”") is the words of the
 * person the sentence opens with. A quotation that opens the sentence has no subject before it.
 */
function subjectsOwnWords(view: ArticleView, span: QuoteSpan, sentence: Sentence): Attribution | null {
  if (mayBeScareQuote(view, span) || !hasWordsOutsideQuotes(view, sentence.start, span.open)) return null;
  const person = openingSubjectPerson(view, sentence, span.open);
  // "Lorenz, “the father of chaos,” started …", "Ann Cole, Tom Reyes, “Bridge Works”": with no predicate
  // between the name and the quotation, the quotation names or describes; it is not what was said.
  if (!person || !hasPredicateBefore(view, person, sentence.start, span.open)) return null;
  return { speakerId: person, speakerDescription: null };
}

/** Lower-case words between the person's last mention before `to` and `to`: the sentence says something of them first. */
function hasPredicateBefore(view: ArticleView, personId: string, from: number, to: number): boolean {
  const mention = view.mentions.findLast((m) => m.start >= from && m.end <= to && m.entity.id === personId);
  const after = view.masked.slice(mention ? mention.end : from, to);
  return /(?:^|\s)\p{Ll}{2,}/u.test(after);
}

/** Headline and live-blog style: a person's name, a colon, then what they said. */
function colonIntroduction(view: ArticleView, span: QuoteSpan, sentence: Sentence): Attribution | null {
  const leadIn = view.masked.slice(sentence.start, span.open);
  if (!/^\p{Lu}[^:]*:\s*$/u.test(leadIn) || wordCount(leadIn) > COLON_LEAD_IN_MAX_WORDS) return null;
  return toAttribution(view, personInChunk(view, { start: sentence.start, end: sentence.start + leadIn.lastIndexOf(':') }));
}

/** An epigraph or pull quote signed with a dash and a person's name at the end of its paragraph. */
function signature(view: ArticleView, span: QuoteSpan): Attribution | null {
  const paragraph = view.paragraphs[span.paragraph];
  const after = view.masked.slice(span.close, paragraph.end);
  const dash = /^\s*[-\u2013\u2014\u2015]\s*/u.exec(after);
  if (!dash || wordCount(after) > SIGNATURE_MAX_WORDS || after.includes(QUOTE_FILLER)) return null;
  // The name comes first; an affiliation may follow after a comma or in brackets.
  const signed = after.slice(dash[0].length);
  const nameLength = signed.search(/[,(]/u);
  const start = span.close + dash[0].length;
  return toAttribution(view, personInChunk(view, { start, end: start + (nameLength < 0 ? signed.length : nameLength) }));
}

/**
 * An interview transcript quoted whole: each turn opens with the speaker's
 * surname in capitals and a colon ("“KOWALSKI: We never agreed to that."). The
 * label names the speaker when it is the surname of one of the article's people;
 * "NOTE:" or "UPDATE:" name nobody and leave the quotation to the other rules.
 */
function transcriptLabel(view: ArticleView, span: QuoteSpan): Attribution | null {
  // "PENCE:", "MIKE PENCE:": the last word of the label is the surname.
  const label = /^(?:\p{Lu}[\p{Lu}'’-]+ ){0,2}(\p{Lu}[\p{Lu}'’-]+):\s/u.exec(quotedText(view, span));
  const person = label ? personBySurname(view, label[1], true) : null;
  return person ? { speakerId: person.id, speakerDescription: null } : null;
}

/**
 * The reporting verb of a quotation: one right after it ("…,” she said) wins,
 * then the nearest before it ("Nuland said on Sunday: “…”"), then any later one
 * in the sentence ("an “intensive dialog” with allies, Buechner said").
 */
function reportingVerbFor(view: ArticleView, span: QuoteSpan, sentence: Sentence): SpeechVerb | null {
  const verbs = findSpeechVerbs(view.masked, sentence.start, sentence.end);
  const trailing = verbs.filter(
    (v) =>
      v.start >= span.close &&
      !partOfSubject(view, span, v) &&
      // A verb after a later quotation reports that one, not this.
      !view.spans.some((s) => s.open >= span.close && s.open < v.start),
  );
  // "Morial told a young woman who suggested that … that “…”": a verb in a relative clause reports nothing of this quotation.
  const leading = verbs.filter((v) => v.end <= span.open && !inRelativeClause(view, v)).reverse();
  // "… described it as a “terrible situation,” but stopped short of calling …": a verb in a
  // clause of its own, joined by a conjunction, reports something else when one before the quotation reports this.
  const ownClause = (v: SpeechVerb) => !(leading.length > 0 && CLAUSE_AFTER_QUOTATION.test(view.masked.slice(span.close, v.start)));
  // "Holm said the ad “unmistakably and wrongfully” suggests …": a verb straight after a quotation with no
  // punctuation to close it continues the clause the quotation sits in; the verb before reports it.
  const quotationEndsUnpunctuated = !/[,.!?;:\u2014\u2013-]$/u.test(view.text.slice(span.open, span.close - 1));
  const continuesClause = (v: SpeechVerb) => leading.length > 0 && quotationEndsUnpunctuated && !/\S/u.test(view.masked.slice(span.close, v.start));
  const nearTrailing = trailing.find((v) => ownClause(v) && !continuesClause(v) && wordCount(view.masked.slice(span.close, v.start)) <= TRAILING_ATTRIBUTION_MAX_WORDS);
  return nearTrailing ?? leading[0] ?? trailing[0] ?? null;
}

/** The verb follows a relative pronoun directly ("a woman who suggested"), so it is a relative clause's. */
function inRelativeClause(view: ArticleView, verb: SpeechVerb): boolean {
  return /\b(?:who|which|that)\s+$/iu.test(view.masked.slice(Math.max(0, verb.start - 8), verb.start));
}

/** A new clause opening after a quotation: a conjunction or a subordinator first. */
const CLAUSE_AFTER_QUOTATION = /^[\s,;\u2014\u2013-]*(?:and|but|or|while|before|after|because|although|though|when|as|so)\s/iu;

/** Pronouns that may open a reporting clause right after a quotation ("“…” he said"). */
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i']);

/**
 * 'The "History" section of the site explains': a quotation that runs straight
 * into a lower-case noun phrase, with no punctuation before the verb, is part of
 * that verb's subject, not what the verb reports.
 */
function partOfSubject(view: ArticleView, span: QuoteSpan, verb: SpeechVerb): boolean {
  const between = view.masked.slice(span.close, verb.start);
  const quoteEndsClause = /[,.!?;:]$/u.test(view.text.slice(span.open, Math.max(span.open, span.close - 1)));
  if (quoteEndsClause || /[,;:\u2014\u2013]/u.test(between)) return false;
  const firstWord = /^\s+(\p{Ll}+)/u.exec(between)?.[1];
  return firstWord !== undefined && !SUBJECT_PRONOUNS.has(firstWord);
}

// ---------------------------------------------------------------------------
// 2 and 3. Quotations without a reporting clause of their own

function shareAlongRunOns(view: ArticleView): void {
  // Forward first (the attribution usually comes in the first paragraph), then back.
  view.spans.forEach((span, i) => {
    if (span.continues !== null && !view.attributions[i]) view.attributions[i] = view.attributions[span.continues];
  });
  for (let i = view.spans.length - 1; i >= 0; i--) {
    const from = view.spans[i].continues;
    if (from !== null && !view.attributions[from]) view.attributions[from] = view.attributions[i];
  }
}

/** Scare quotes and titles are nobody's words; only a reporting verb of their own makes them speech. */
function canInherit(view: ArticleView, span: QuoteSpan): boolean {
  return !mayBeScareQuote(view, span) && !isNobodysWords(view, span);
}

/**
 * A short fragment ("happy camper", a robot named “Robogee.”) may be a scare
 * quote; a short sentence of its own (“They are desperate.” after a full stop,
 * “No.” after a colon) is speech, and so are words opening their sentence
 * with a comma inside the marks (“Not for sale,” was another): a clause
 * follows them, as a reporting clause follows “…,” she said.
 */
function mayBeScareQuote(view: ArticleView, span: QuoteSpan): boolean {
  const quoted = quotedText(view, span);
  if (wordCount(quoted) > SCARE_QUOTE_MAX_WORDS) return false;
  const inside = view.text.slice(span.open + 1, span.close - 1).trimEnd();
  return !(standsAlone(view, span) && /^[\p{Lu}\p{N}]/u.test(quoted) && /[.!?,]$/u.test(inside));
}

function inheritedAttribution(view: ArticleView, i: number): Attribution | null {
  return earlierInParagraph(view, i) ?? laterQuoteInParagraph(view, i) ?? previousSentenceSubject(view, view.spans[i]) ?? previousParagraphSpeaker(view, view.spans[i]);
}

/** The nearest reporting clause before the quotation in its paragraph: an attributed quotation, or "Smith said …". */
function earlierInParagraph(view: ArticleView, i: number): Attribution | null {
  const span = view.spans[i];
  for (let j = i - 1; j >= 0 && view.spans[j].paragraph === span.paragraph; j--) {
    if (view.attributions[j] && sentenceIndexAt(view, view.spans[j].open) === sentenceIndexAt(view, span.open)) return view.attributions[j];
  }
  for (let s = sentenceIndexAt(view, span.open); s >= 0 && view.sentences[s].paragraph === span.paragraph; s--) {
    const sentence = view.sentences[s];
    const quoted = lastAttributionIn(view, sentence, i);
    if (quoted) return quoted;
    if (sentence.end <= span.open) {
      const clause = reportingClauseSpeaker(view, sentence);
      if (clause) return clause;
    }
  }
  return null;
}

function lastAttributionIn(view: ArticleView, sentence: Sentence, before: number): Attribution | null {
  for (let j = before - 1; j >= 0; j--) {
    const open = view.spans[j].open;
    if (open < sentence.start) break;
    if (open < sentence.end && view.attributions[j]) return view.attributions[j];
  }
  return null;
}

/**
 * "Sen. Ann Cole identified fatigue as the reason. “People are tired of it.”": a
 * quotation that is a sentence of its own after a sentence, in its paragraph,
 * that opens with a named person and reports nothing is that person's.
 */
function previousSentenceSubject(view: ArticleView, span: QuoteSpan): Attribution | null {
  const index = sentenceIndexAt(view, span.open);
  const sentence = view.sentences[index];
  const previous = view.sentences[index - 1];
  if (!sentence || !previous || previous.paragraph !== span.paragraph || hasWordsOutsideQuotes(view, sentence.start, span.open)) return null;
  const person = openingSubjectPerson(view, previous, previous.end);
  // "Peter Zimonjic. “MP calls for …”": a name alone (a byline, a citation) says nothing of its own.
  if (!person || !hasPredicateBefore(view, person, previous.start, previous.end)) return null;
  return { speakerId: person, speakerDescription: null };
}

/** “A.” “B,” Smith said: a paragraph's quotations are one speaker's unless the text says otherwise. */
function laterQuoteInParagraph(view: ArticleView, i: number): Attribution | null {
  const paragraph = view.spans[i].paragraph;
  for (let j = i + 1; j < view.spans.length && view.spans[j].paragraph === paragraph; j++) if (view.attributions[j]) return view.attributions[j];
  return null;
}

/**
 * A paragraph that is nothing but a quotation goes on from the paragraph before:
 * its introducing clause ("… tweeted using his account:"), its last quotation's
 * speaker, or the speaker its last sentence reports.
 */
function previousParagraphSpeaker(view: ArticleView, span: QuoteSpan): Attribution | null {
  const paragraph = view.paragraphs[span.paragraph];
  const previous = view.paragraphs[span.paragraph - 1];
  if (!previous || hasWordsOutsideQuotes(view, paragraph.start, paragraph.end)) return null;
  const lastSentence = view.sentences[sentenceIndexAt(view, previous.end - 1)];
  const previousText = view.text.slice(previous.start, previous.end).trimEnd();
  const introduces = /[:,]$/u.test(previousText);
  if (introduces && lastSentence) {
    // "Kell released the following statement:": a colon introduces the words of the sentence's subject, verb of saying or not.
    const subject = previousText.endsWith(':') ? sentenceSubjectPerson(view, lastSentence) : null;
    return reportingClauseSpeaker(view, lastSentence) ?? (subject ? { speakerId: subject, speakerDescription: null } : null);
  }
  for (let j = view.spans.indexOf(span) - 1; j >= 0 && view.spans[j].paragraph >= span.paragraph - 1; j--) {
    if (view.spans[j].paragraph === span.paragraph - 1 && view.attributions[j]) return view.attributions[j];
  }
  const reported = lastSentence ? reportingClauseSpeaker(view, lastSentence) : null;
  return reported?.speakerId ? reported : null;
}

// ---------------------------------------------------------------------------

function wordsBetween(view: ArticleView, span: QuoteSpan, verb: SpeechVerb): number {
  return verb.start >= span.close ? wordCount(view.masked.slice(span.close, verb.start)) : wordCount(view.masked.slice(verb.end, span.open));
}

/** The end of the last quotation between sentenceStart and offset, else sentenceStart. */
function lastQuoteEndBefore(view: ArticleView, offset: number, sentenceStart: number): number {
  let end = sentenceStart;
  for (const span of view.spans) if (span.close <= offset && span.close > end) end = span.close;
  return end;
}
