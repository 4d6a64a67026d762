/**
 * Words in quotation marks that are nobody's speech: titles of works and
 * programmes, slogans, hashtags, the site's own links, nicknames inside names,
 * stage directions, words talked about as words. One place decides it, for
 * the quotation finder and everything that reads its quotations.
 */
import type { QuoteSpan } from './quote-spans';
import { quotedText, type ArticleView } from './quote-view';

/**
 * Words in quotation marks that nobody is saying: a title, a hashtag, the
 * site's own links, a nickname inside a name, a stage direction, or words
 * talked about as words. They are no quotation, whatever the text around them.
 */
export function isNobodysWords(view: ArticleView, span: QuoteSpan): boolean {
  const quoted = quotedText(view, span);
  return (
    isHashtag(quoted) ||
    isSiteFurniture(quoted) ||
    looksLikeTitle(view, span) ||
    isTitleOfWork(view, span) ||
    namesWords(view, span) ||
    isNickname(view, span) ||
    isStageDirection(quoted) ||
    WORD_AS_WORD.test(quoted)
  );
}

/** A lone pronoun or article in quotation marks is a word talked about ("the use of “he” for everyone"). */
const WORD_AS_WORD = /^(?:he|she|they|him|her|them|his|hers|it|we|i|you|the|a|an)$/iu;

/** "(CROSSTALK)", "[applause]": a transcript's note on what happened, not what was said. */
function isStageDirection(quoted: string): boolean {
  return /^[([][^()[\]]*[)\]]\.?$/u.test(quoted);
}

/** Marcia “Cia” Price: one capitalised word in quotation marks between two parts of a name. */
function isNickname(view: ArticleView, span: QuoteSpan): boolean {
  const quoted = quotedText(view, span);
  if (!/^\p{Lu}[\p{L}'’.-]*$/u.test(quoted)) return false;
  return /\p{Lu}[\p{L}.'’-]*\s$/u.test(view.text.slice(Math.max(0, span.open - 30), span.open)) && /^\s\p{Lu}/u.test(view.text.slice(span.close, span.close + 3));
}

/** "#VoteEarly", "#NeverAgain and #MeToo": tags, not speech. */
function isHashtag(quoted: string): boolean {
  return /^#[\p{L}\p{N}_]+(?:\s+(?:and|or|&)?\s*#[\p{L}\p{N}_]+)*[.,]?$/u.test(quoted.trim());
}

/** Nouns that introduce words talked about rather than said: "adding the words “and Emergency” to the name". */
const WORDS_AS_WORDS = /\b(?:the|a|an|its|their)\s+(?:word|words|term|phrase|name|label|slogan|hashtag|title|headline|motto)\s*$/iu;
/**
 * Words someone uses or says are their speech, even named as words: "his
 * refusal to use the words “…”", "has used the phrase “…” often"; so are the
 * words a sign or an image carries ("a poster bearing the words “…”").
 */
const WORDS_SOMEONE_USES = /\b(?:use|uses|used|using|say|says|said|saying|utter|utters|uttered|uttering|repeat|repeats|repeated|repeating|bear|bears|bore|bearing|carry|carries|carried|carrying)\s+(?:the|a|an|its|their)\s+(?:word|words|term|phrase)\s*$/iu;

function namesWords(view: ArticleView, span: QuoteSpan): boolean {
  const before = view.masked.slice(Math.max(0, span.open - 40), span.open);
  return WORDS_AS_WORDS.test(before) && !WORDS_SOMEONE_USES.test(before);
}

/** The quotation opens its paragraph or follows a sentence's end, a colon or a dash. */
export function standsAlone(view: ArticleView, span: QuoteSpan): boolean {
  const before = view.text.slice(view.paragraphs[span.paragraph].start, span.open).trimEnd();
  return before === '' || /[.!?:\u2014\u2013]$/u.test(before);
}

/** Small words a title leaves lower-case ("Gone with the Wind"). */
const TITLE_SMALL_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from']);

/**
 * "The Art of the Deal": several words, every main word capitalised, and no
 * sentence punctuation — except the full stop or comma American style puts
 * inside the closing mark when the title ends a sentence ('on CNN’s “State of
 * the Union.”'), which a title inside a sentence borrows, as a short
 * sentence of its own (“We Will Win.”) does not.
 */
function looksLikeTitle(view: ArticleView, span: QuoteSpan): boolean {
  const quoted = quotedText(view, span);
  const words = quoted.replace(/[.,]$/u, '').split(/\s+/u).filter(Boolean);
  if (words.length < 2 || /[!?;:]$/u.test(quoted)) return false;
  if (/[.,]$/u.test(quoted) && standsAlone(view, span)) return false;
  if (utteredRightBefore(view, span) || reportedAfterOpeningSentence(view, span)) return false;
  return words.every((w, i) => /^[\p{Lu}\p{N}]/u.test(w) || (i > 0 && TITLE_SMALL_WORDS.has(w)));
}

/**
 * Verbs whose object is the words themselves: what is proclaimed, chanted or
 * sung in capitals ("chanting “Lock The Gates,”") is still said. Verbs that
 * take a work as their object ("wrote", "cited", "praised", "watched") are not here.
 */
const UTTERING_VERB =
  'said|says|saying|declared|declares|declaring|proclaimed|proclaims|proclaiming|chanted|chants|chanting|sang|sings|singing|shouted|shouting|yelled|yelling|exclaimed|tweeted|tweeting';
/**
 * The verb right before the quotation, its object being the quotation: nothing
 * between ("chanting “…”"), a comma or colon ("said, “…”"), a pronoun
 * ("declared it “…”") or a noun naming what was said ("proclaimed a goal of “…”"). A preposition
 * between ("said on “Evening Desk”") makes the quotation where or about what
 * something was said, a title again.
 */
const UTTERED_RIGHT_BEFORE = new RegExp(
  `\\b(?:${UTTERING_VERB})(?:\\s*[,:]|\\s+(?:it|them|him|her)(?:\\s+as)?|\\s+(?:a|an|the|his|her|their|its|our)\\s+[\\p{Ll}-]+(?:\\s+[\\p{Ll}-]+)?\\s+of)?\\s*$`,
  'u',
);

/**
 * A naming verb with the one named between it and the quotation ("called
 * Merkel “…”", "labeled it “…”"), or in the passive after a pronoun standing
 * for something already talked about ("it was labeled “…”"): a judgement
 * someone passed, where "a group called “…”" only names the group.
 */
const NAMING_VERB = 'called|calling|calls|labeled|labelled|labeling|labelling|branded|branding|dubbed|dubbing|termed';
const NAMED_RIGHT_BEFORE = new RegExp(
  `(?:\\b(?:${NAMING_VERB})\\s+(?:it|them|him|her|(?:\\p{Lu}[\\p{L}.'’-]*\\s+){0,2}\\p{Lu}[\\p{L}'’-]*)(?:\\s+as)?|\\b(?:[Ii]t|[Hh]e|[Ss]he|[Tt]hey)\\s+(?:was|were|is|are|has\\s+been|had\\s+been|have\\s+been)\\s+(?:${NAMING_VERB}))\\s*$`,
  'u',
);

/** Reporting verbs that close a reporting clause after a quotation ("…,” she said"). */
const REPORTING_AFTER = 'said|says|declared|declares|added|adds|wrote|writes|tweeted|told|tells|shouted|yelled|chanted|proclaimed|insisted|warned';
/** "…,” he declared", "…,” Smith said", "…,” said Smith". */
const REPORTING_CLAUSE_AFTER = new RegExp(
  `^\\s*(?:(?:(?:he|she|they|we|I)\\s+|(?:\\p{Lu}[\\p{L}.'’-]*\\s+){1,3})(?:${REPORTING_AFTER})\\b|(?:${REPORTING_AFTER})\\s+\\p{Lu})`,
  'u',
);

/**
 * "“Growing Party,” he declared": words in capitals that open their sentence,
 * closed by the comma of a reporting clause that follows, are what was said.
 * Inside a sentence the same comma is often the host sentence's ("on
 * “Evening Desk,” Smith said …"), so the quotation must open the sentence.
 */
function reportedAfterOpeningSentence(view: ArticleView, span: QuoteSpan): boolean {
  const inside = view.text.slice(span.open + 1, span.close - 1).trimEnd();
  return standsAlone(view, span) && inside.endsWith(',') && REPORTING_CLAUSE_AFTER.test(view.masked.slice(span.close, span.close + 60));
}

/**
 * What a sign, a banner or a shirt says ("a sign reading “…”", "placards
 * that read “…”") and what a crowd chants or cries ("chants of “…”"): words
 * someone put forward, however capitalised. "She was reading “…”" is a book.
 */
const WRITTEN_ON_RIGHT_BEFORE =
  /\b(?:signs?|banners?|placards?|posters?|hats?|caps?|shirts?|t-shirts?|stickers?|buttons?|messages?|headlines?|captions?)(?:\s+(?:which|that))?\s+(?:read|reads|reading|said|says|saying),?\s*$|\b(?:which|that)\s+(?:read|reads),?\s*$|\b(?:chants?|cries|cry|shouts?|chorus|choruses|screams?|calls?)\s+of\s*$/u;

/** A verb of saying, a naming verb with its object, a sign's "reading" or a crowd's "chants of" right before the quotation. */
export function utteredRightBefore(view: ArticleView, span: QuoteSpan): boolean {
  const before = view.masked.slice(Math.max(0, span.open - 60), span.open);
  return UTTERED_RIGHT_BEFORE.test(before) || NAMED_RIGHT_BEFORE.test(before) || WRITTEN_ON_RIGHT_BEFORE.test(before);
}

/**
 * The site's own lines that a transcript or an excerpt in quotation marks
 * carries along ("Follow Jo Reyes on Twitter @jreyes.", "Related:"): links
 * and calls to action, not anybody's words.
 */
function isSiteFurniture(quoted: string): boolean {
  return FOLLOW_ON_SOCIAL_MEDIA.test(quoted) || SITE_LINK_LABEL.test(quoted);
}
const FOLLOW_ON_SOCIAL_MEDIA = /^Follow\s[^.!?]{1,60}\son\s(?:Twitter|Facebook|Instagram|X)\b[^.!?]*\.?$/u;
const SITE_LINK_LABEL = /^(?:Related|Read more|Read More|Sign up|Subscribe|Advertisement|Watch)\s*:?$/u;

/** Works whose name is quoted: the noun right before the name says it is a title ("the documentary “Tidewater”"). */
const WORK_NOUN_BEFORE =
  /\b(?:film|movie|show|series|documentary|book|novel|memoir|play|musical|song|album|ad|advert|advertisement|video|sitcom|comedy|drama|thriller|opera|poem|podcast|episode|sketch|column|commentary|editorial|op-ed|essay)s?,?\s*$/iu;
/** "… known as “Guccifer”", "a class called “Perception”": naming verbs before a capitalised name. */
const NAMING_VERB_BEFORE = /\b(?:called|named|known\s+as|nicknamed|dubbed|titled|entitled)\s*$/iu;
/** "NBC’s “Today”": a possessive name (an outlet, a broadcaster, an author) before a capitalised name. */
const POSSESSIVE_NAME_BEFORE = /\p{Lu}[\p{L}.&-]*['’]s?\s*$/u;
/** "the “Avatar” star": a title before the role of someone who works on it. */
const CREDIT_AFTER = /^\s(?:star|host|actor|actress|creator|author|director|producer|anchor)\b/u;
/** A work's name is short: "Sharknado 3: Oh Hell No!" is five words. */
const WORK_TITLE_MAX_WORDS = 5;

/**
 * A quoted name of a work, one word or several ("DuVernay’s “13th”", "the
 * film, “Frozen”", "the “Avatar” star"): capitalised words, few of them, with
 * something beside them that says what they name. Without that, a single
 * capitalised word may be a one-word answer (“No.”), so it stays speech.
 */
function isTitleOfWork(view: ArticleView, span: QuoteSpan): boolean {
  const quoted = quotedText(view, span).replace(/[.,]$/u, '');
  const words = quoted.split(/\s+/u).filter(Boolean);
  if (words.length === 0 || words.length > WORK_TITLE_MAX_WORDS) return false;
  if (!words.every((w, i) => /^[\p{Lu}\p{N}]/u.test(w) || (i > 0 && TITLE_SMALL_WORDS.has(w)))) return false;
  const before = view.text.slice(Math.max(0, span.open - 40), span.open);
  const after = view.text.slice(span.close, span.close + 16);
  return WORK_NOUN_BEFORE.test(before) || NAMING_VERB_BEFORE.test(before) || POSSESSIVE_NAME_BEFORE.test(before) || CREDIT_AFTER.test(after);
}
