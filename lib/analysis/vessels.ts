/**
 * Ships and spacecraft carry names ("Space Shuttle Atlantis", "HMS Victory",
 * "USS Nimitz") that read like people's or places' names. They are neither, so
 * the name after a vessel prefix, and its bare repetitions in the article
 * ("Atlantis will go on display"), are left out.
 */
import { isNonEntitySuffix } from './gazetteer';
import { hasClass } from './lexicon';
import type { Span } from './names';
import { isCapitalised, type Token } from './tokens';

/** Capitalised words that introduce a vessel's own name. */
const VESSEL_PREFIXES = new Set(['shuttle', 'hms', 'uss', 'hmc', 'hmcs', 'hmas', 'rms']);

/** The vessel's own name when the span is a prefix and a name ("Space Shuttle Columbia" → "Columbia"). */
export function vesselNameIn(tokens: Token[], span: Span, text: string): string | null {
  for (let k = span.first; k < span.last; k++) {
    if (!VESSEL_PREFIXES.has(tokens[k].text.toLowerCase())) continue;
    const nameStart = k + 1;
    const last = tokens[span.last].text;
    // "Space Shuttle Program", "Space Shuttle Orbiters": a thing of the fleet, not a vessel's name.
    if (!isCapitalised(tokens[nameStart].text) || isNonEntitySuffix(last) || hasClass(last, 'plural')) return null;
    return text.slice(tokens[nameStart].start, tokens[span.last].end);
  }
  return null;
}
