/**
 * Where Backstory runs, as plain data: the storage keys and the rule. The
 * popup edits these through wxt/storage items (lib/settings.ts); the content
 * script reads the same keys with the bare storage API, which keeps it small.
 */

/** Keys in the extension's local storage area (wxt/storage's "local:" prefix removed). */
export const SETTINGS_KEYS = {
  paused: 'backstory.paused',
  /** Hostnames (lower case, no "www.") where the user turned Backstory off. */
  disabledSites: 'backstory.disabledSites',
  /** Test-only: the content script records its work as performance measures (see the content benchmark). */
  timings: 'backstory.debugTimings',
  /** A search the card asked for, waiting for the popup to pick it up. */
  popupQuery: 'backstory.popupQuery',
} as const;

/** Test-only: the benchmark build's banner (wxt.config.ts) marks where a script starts evaluating; the content script's timings start there. */
export const SCRIPT_START_MARK = 'backstory:script-start';

export interface RunSettings {
  paused: boolean;
  disabledSites: string[];
}

/** The key a site is stored under: "www.bbc.co.uk" and "bbc.co.uk" are one site. */
export function siteKey(hostname: string): string {
  // String operations, not regular expressions: this runs on every page load, where each expression would be compiled afresh.
  let key = hostname.trim().toLowerCase();
  if (key.startsWith('www.')) key = key.slice(4);
  return key.endsWith('.') ? key.slice(0, -1) : key;
}

export function isActiveOn(hostname: string, settings: RunSettings): boolean {
  return !settings.paused && !settings.disabledSites.includes(siteKey(hostname));
}

/** Settings from raw storage values, ignoring anything malformed. */
export function parseRunSettings(raw: Record<string, unknown>): RunSettings {
  const sites = raw[SETTINGS_KEYS.disabledSites];
  return {
    paused: raw[SETTINGS_KEYS.paused] === true,
    disabledSites: Array.isArray(sites) ? sites.filter((s): s is string => typeof s === 'string') : [],
  };
}
