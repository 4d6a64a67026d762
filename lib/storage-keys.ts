/**
 * Keys in the extension's local storage area, as plain data: the popup and
 * options page edit them through storage items (lib/settings.ts), the
 * background reads them raw from storage.onChanged (lib/sites.ts).
 */

/** Keys in the extension's local storage area. */
export const SETTINGS_KEYS = {
  paused: 'backstory.paused',
  /** Hostnames (lower case, no "www.") where the user turned Backstory off. */
  disabledSites: 'backstory.disabledSites',
  /** A search the card asked for, waiting for the popup to pick it up. */
  popupQuery: 'backstory.popupQuery',
  /** Mark names known only from the user's own articles too (off: page scripts can read marks). */
  markUserNames: 'backstory.markUserNames',
} as const;
