/**
 * Parser for scraped news text files: one paragraph a line, possibly several
 * articles a file (a complete article followed by teasers of other pieces),
 * with site furniture, captions and credit lines mixed in.
 *
 * The file is read in three steps: each line is classified (dateline, credit,
 * caption, prose; boilerplate is dropped), hard-wrapped prose lines are joined
 * back into paragraphs, and the lines are then grouped into articles.
 */

import type { ParsedArticle } from './article';
import { isBoilerplate, looksLikeLabel } from './boilerplate';
import { isCaption } from './captions';
import { isByline, parseCreditLine } from './credits';
import { parseDateline } from './dates';
import { looksLikeHeadline } from './headlines';
import { continuesPreviousLine, joinWrapped, looksCutOff, splitLines, type Position } from './lines';

type Line =
  | { kind: 'date'; date: string }
  | { kind: 'credit'; credit: string }
  | { kind: 'caption'; text: string }
  | { kind: 'prose'; text: string };

/** How an article in progress was closed; null while it is still open. */
type Ending = 'credit' | 'cut-off' | 'teasers-follow' | null;

interface Draft {
  title: string | null;
  date: string | null;
  credits: string[];
  captions: string[];
  paragraphs: string[];
  /** Starts after another article ended: from here on, each cut-off paragraph is a teaser of its own. */
  followsArticle: boolean;
  ending: Ending;
}

/**
 * Body paragraphs a dateline may come after and still be the article's date:
 * headline, standfirst, dateline is a common page order, and the standfirst
 * is read as the first paragraph. A whole-line date further down is page
 * furniture ("Updated …") and dropped.
 */
const MAX_PARAGRAPHS_BEFORE_DATELINE = 1;

/**
 * Consecutive cut-off paragraphs that end an article which has no credit
 * line to close it. One cut-off last paragraph may be the article's own,
 * truncated by the scrape; two in a row are independent openings (teasers).
 */
const MIN_UNMARKED_TEASER_RUN = 2;

/**
 * Joins credits given on several lines ("Reporting by …", then "Editing by …")
 * the way wire services join them on one line.
 */
const CREDIT_SEPARATOR = '; ';

export function parseCorpusFile(file: string, text: string): ParsedArticle[] {
  const lines = joinWrappedProse(classifyLines(splitLines(text)));
  return collectDrafts(lines)
    .filter((draft) => draft.paragraphs.length > 0)
    .map((draft, index) => toArticle(file, index, draft));
}

function classifyLines(rawLines: string[]): Line[] {
  const lines: Line[] = [];
  for (const raw of rawLines) {
    const line = classifyLine(raw);
    if (line) lines.push(line);
  }
  return lines;
}

/** What a line is, or null for boilerplate and bylines. */
function classifyLine(raw: string): Line | null {
  if (isBoilerplate(raw) || isByline(raw)) return null;
  const date = parseDateline(raw);
  if (date) return { kind: 'date', date };
  const credit = parseCreditLine(raw);
  if (credit) return { kind: 'credit', credit };
  if (isCaption(raw)) return { kind: 'caption', text: raw };
  return { kind: 'prose', text: raw };
}

/** Join prose lines that continue the previous line's sentence (see continuesPreviousLine). */
function joinWrappedProse(lines: Line[]): Line[] {
  const joined: Line[] = [];
  for (const line of lines) {
    const previous = joined[joined.length - 1];
    if (previous?.kind === 'prose' && line.kind === 'prose' && continuesPreviousLine(previous.text, line.text)) {
      previous.text = joinWrapped(previous.text, line.text);
    } else {
      joined.push({ ...line });
    }
  }
  return joined;
}

function collectDrafts(lines: Line[]): Draft[] {
  const teasersStart = findUnmarkedTeaserRun(lines);
  const drafts: Draft[] = [newDraft(false)];
  lines.forEach((line, position) => {
    let current = drafts[drafts.length - 1];
    if (position === teasersStart) endBeforeTeasers(current);
    if (current.ending !== null && startsNextArticle(line)) {
      current = newDraft(true);
      drafts.push(current);
    }
    addLine(current, line);
  });
  return drafts;
}

function newDraft(followsArticle: boolean): Draft {
  return { title: null, date: null, credits: [], captions: [], paragraphs: [], followsArticle, ending: null };
}

/** Credits and captions right after an article's end still belong to it. */
function startsNextArticle(line: Line): boolean {
  return line.kind === 'date' || line.kind === 'prose';
}

/** Close the article before a run of teasers; an article with no body yet just switches to teaser mode. */
function endBeforeTeasers(draft: Draft): void {
  if (draft.paragraphs.length > 0) draft.ending = 'teasers-follow';
  else draft.followsArticle = true;
}

function addLine(draft: Draft, line: Line): void {
  switch (line.kind) {
    case 'date':
      if (draft.date === null && draft.paragraphs.length <= MAX_PARAGRAPHS_BEFORE_DATELINE) draft.date = line.date;
      return;
    case 'credit':
      draft.credits.push(line.credit);
      if (draft.paragraphs.length > 0 && draft.ending === null) draft.ending = 'credit';
      return;
    case 'caption':
      draft.captions.push(line.text);
      return;
    case 'prose':
      addProse(draft, line.text);
  }
}

function addProse(draft: Draft, text: string): void {
  if (draft.title === null && draft.paragraphs.length === 0 && looksLikeHeadline(text)) {
    draft.title = text;
  } else if (!looksLikeLabel(text)) {
    draft.paragraphs.push(text);
    // Past the end of an article, a cut-off paragraph is a whole teaser.
    if (draft.followsArticle && looksCutOff(text, 'after-article')) draft.ending = 'cut-off';
  }
}

/**
 * Where a run of teasers begins in a file whose first article is not closed
 * by a credit line: the first of MIN_UNMARKED_TEASER_RUN consecutive cut-off
 * paragraphs (or the headline just before it), or -1. Headline-shaped lines
 * between teasers do not break the run. When a credit line does close the
 * article, everything before it is the article's, and teasers after it are
 * split as they come (see addProse).
 */
function findUnmarkedTeaserRun(lines: Line[]): number {
  if (hasClosingCredit(lines)) return -1;
  let runStart = -1;
  let runLength = 0;
  let headlineBefore = -1;
  for (let position = 0; position < lines.length; position++) {
    const line = lines[position];
    if (line.kind !== 'prose') continue;
    if (looksCutOff(line.text, 'in-article')) {
      if (runLength === 0) runStart = headlineBefore >= 0 ? headlineBefore : position;
      runLength++;
      if (runLength >= MIN_UNMARKED_TEASER_RUN) return runStart;
      headlineBefore = -1;
    } else if (looksLikeHeadline(line.text)) {
      headlineBefore = position;
    } else {
      runLength = 0;
      headlineBefore = -1;
    }
  }
  return -1;
}

/** A credit line after some prose; one before all prose is a byline and closes nothing. */
function hasClosingCredit(lines: Line[]): boolean {
  const firstProse = lines.findIndex((line) => line.kind === 'prose');
  return firstProse >= 0 && lines.some((line, position) => line.kind === 'credit' && position > firstProse);
}

function positionOf(draft: Draft): Position {
  return draft.followsArticle ? 'after-article' : 'in-article';
}

function toArticle(file: string, index: number, draft: Draft): ParsedArticle {
  return {
    file,
    index,
    title: draft.title,
    date: draft.date,
    credits: draft.credits.length > 0 ? draft.credits.join(CREDIT_SEPARATOR) : null,
    captions: draft.captions,
    paragraphs: draft.paragraphs,
    complete: !looksCutOff(draft.paragraphs[draft.paragraphs.length - 1], positionOf(draft)),
  };
}
