/**
 * Site furniture that scrapes pick up between paragraphs: navigation labels,
 * promos, share buttons, ad markers. Dropping a real paragraph is worse than
 * keeping a stray label, so every rule here is limited to short lines.
 */

import { hasAtMostWords } from './lines';

/** Whole lines that are furniture on news sites, compared after normalising. */
const FURNITURE_LINES = new Set([
  'ad', 'advert', 'advertisement', 'advertising', 'sponsored', 'sponsored content', 'paid content',
  'must read', 'must-read', 'must reads', 'editor’s picks', "editor's picks",
  'latest', 'latest article', 'latest articles', 'latest news', 'latest stories',
  'read more', 'read next', 'read also', 'see also', 'more', 'more stories', 'more on this story',
  'related', 'related articles', 'related stories', 'related content', 'related topics',
  'recommended', 'recommended for you', 'you may also like', 'you might also like',
  'most read', 'most popular', 'most viewed', 'trending', 'trending now', 'top stories',
  'share', 'share this', 'share this article', 'share this story', 'share this page',
  'share on facebook', 'share on twitter', 'share on x', 'share via email', 'copy link', 'link copied',
  'print', 'email', 'comments', 'view comments', 'show comments', 'comment',
  'skip to content', 'skip to main content', 'back to top', 'listen to this article',
  'continue reading', 'story continues below', 'story continues below advertisement',
  'article continues below', 'scroll to continue', 'scroll to continue with content',
  'subscribe', 'subscribe now', 'sign in', 'log in', 'newsletter', 'follow us',
  'image', 'photo', 'video', 'gallery', 'loading', 'topics', 'tags', 'explore more',
]);

/**
 * Openings of promo lines ("Sign up for our newsletter", "Read more: …",
 * "Follow us on X"). Only applied to short lines, see MAX_PROMO_WORDS.
 */
const PROMO_OPENINGS =
  /^(?:sign up (?:for|to|now)\b|subscribe (?:to|for|now|today)\b|read more(?:\s*:|\s+(?:about|on|from|of|here|stories|news)\b|$)|read (?:also|next)\b|related\s*:|see also\s*:|listen to this article\b|click here\b|download (?:the|our) app\b|follow us\b|share this (?:article|story|page)\b|copyright\b|©|all rights reserved\b)/i;

/**
 * Longest line the promo openings may drop. Promos are a sentence fragment
 * plus a link title; a longer line opening with "Read more" or "Sign up for"
 * is more likely prose and is kept.
 */
const MAX_PROMO_WORDS = 15;

/**
 * Longest line the shape rule may drop. Navigation labels are one to three
 * words ("World news", "Most viewed stories"); a body paragraph that short
 * would still carry sentence punctuation, which the shape rule excludes.
 */
const MAX_LABEL_WORDS = 3;

/** Listed furniture or a short promo line: safe to drop wherever it appears. */
export function isBoilerplate(line: string): boolean {
  if (!hasAtMostWords(line, MAX_PROMO_WORDS)) return false;
  return FURNITURE_LINES.has(normaliseLabel(line)) || PROMO_OPENINGS.test(stripBullet(line));
}

/**
 * The shape of a navigation label: at most MAX_LABEL_WORDS words of letters
 * and digits with no punctuation at all. Callers apply it only where a line
 * cannot be a headline.
 */
export function looksLikeLabel(line: string): boolean {
  return hasAtMostWords(line, MAX_LABEL_WORDS) && /^[\p{L}\p{N}][\p{L}\p{N}&'’ -]*$/u.test(line);
}

/** Lower-case, without bullets in front or arrows, colons and ellipses behind. */
function normaliseLabel(line: string): string {
  return stripBullet(line)
    .toLowerCase()
    .replace(/[\s:›»→>|.…]+$/u, '')
    .replace(/\s+/g, ' ');
}

function stripBullet(line: string): string {
  return line.replace(/^[\s•·*–—>-]+/u, '');
}
