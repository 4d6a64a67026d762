/**
 * Photo captions: a short line that ends with a picture credit
 * ("… (Photo: Andrii Marienko/AP)", "… Photograph: Jane Doe/Reuters",
 * "… (AP Photo/Efrem Lukatsky)") or opens with a caption label
 * ("Photo: …", "Pictured: …").
 */

import { hasAtMostWords } from './lines';

const CREDIT_WORD = String.raw`(?:photo(?:graph)?s?|images?|pictures?|pic|credit|illustration|video|footage)`;

/** "(Photo: Name/Agency)" or "[Image: …]" closing the line. */
const BRACKETED_CREDIT_TAIL = new RegExp(String.raw`[(\[]\s*${CREDIT_WORD}(?:\s+credit)?\s*:[^()\[\]]+[)\]]\.?$`, 'i');

/** "(AP Photo/Name)", "(Photo by Name/Getty Images)": a bracket naming a photo source. */
const AGENCY_PHOTO_TAIL = /\([^()]*\bphoto\b[^()]*\/[^()]*\)\.?$/i;

/** "Photograph: Name/Agency" closing the line, without brackets. */
const PLAIN_CREDIT_TAIL = new RegExp(String.raw`\b${CREDIT_WORD}\s*:\s*([^:.]+)$`, 'i');

/** "Photo: …", "Pictured: …", "Caption: …" opening the line. */
const CAPTION_LABEL = /^(?:photo(?:graph)?|image|picture|pictured|caption)\s*:/i;

/**
 * Longest caption. Captions are a sentence or two about the picture; a
 * longer line ending with "(Photo: …)" is a paragraph quoting a credit.
 */
const MAX_CAPTION_WORDS = 60;

/**
 * Longest unbracketed picture credit ("Photograph: Andrii Marienko/AP").
 * A longer tail after "Image:" is prose, not a name and an agency.
 */
const MAX_PLAIN_CREDIT_WORDS = 8;

export function isCaption(line: string): boolean {
  if (!hasAtMostWords(line, MAX_CAPTION_WORDS)) return false;
  if (BRACKETED_CREDIT_TAIL.test(line) || AGENCY_PHOTO_TAIL.test(line) || CAPTION_LABEL.test(line)) return true;
  const plain = PLAIN_CREDIT_TAIL.exec(line);
  return plain !== null && hasAtMostWords(plain[1], MAX_PLAIN_CREDIT_WORDS);
}
