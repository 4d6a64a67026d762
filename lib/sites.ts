/**
 * Where Backstory runs, as plain data: a global pause and the sites turned
 * off. The popup edits them through storage items (lib/settings.ts); the
 * background reads pages where this rule says Backstory is on.
 */
import { SETTINGS_KEYS } from './storage-keys';

/** The keys RunSettings are read from. */
export const RUN_SETTINGS_KEYS = [SETTINGS_KEYS.paused, SETTINGS_KEYS.disabledSites];

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

/** Site keys a match pattern can hold: DNS names (punycode) and IPv4. An IPv6 host that is off still gets the styles, which mark nothing there: the background reads no page of a site that is off. */
const DNS_NAME = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/;
const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

/**
 * Match patterns for the sites turned off: "bbc.co.uk" covers bbc.co.uk and
 * www.bbc.co.uk, any scheme and port. One invalid pattern would fail the
 * whole registration, so only forms Chromium accepts are made ("www." before
 * an IPv4 address is not one).
 */
export function excludeMatchesFor(disabledSites: string[]): string[] {
  return disabledSites.flatMap((site) => {
    if (IPV4.test(site)) return [`*://${site}/*`];
    return DNS_NAME.test(site) ? [`*://${site}/*`, `*://www.${site}/*`] : [];
  });
}

/** The hostname of a tab's URL, or null for one without a web host. */
export function hostnameOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? hostname : null;
  } catch {
    return null;
  }
}

export function isActiveOn(hostname: string, settings: RunSettings): boolean {
  return !settings.paused && !settings.disabledSites.includes(siteKey(hostname));
}

/**
 * The settings before and after a storage change (storage.onChanged's
 * `changes`, over the area's current values), or null when the change is to
 * other keys. Both come from the change itself: a service worker woken by the
 * change has nothing remembered to compare with.
 */
export function settingsChange(
  changes: Record<string, { oldValue?: unknown; newValue?: unknown }>,
  current: Record<string, unknown>,
): { before: RunSettings; after: RunSettings } | null {
  const keys = RUN_SETTINGS_KEYS.filter((key) => key in changes);
  if (keys.length === 0) return null;
  const before = { ...current };
  const after = { ...current };
  for (const key of keys) {
    before[key] = changes[key].oldValue;
    after[key] = changes[key].newValue;
  }
  return { before: parseRunSettings(before), after: parseRunSettings(after) };
}

/** Settings from raw storage values, ignoring anything malformed. */
export function parseRunSettings(raw: Record<string, unknown>): RunSettings {
  const sites = raw[SETTINGS_KEYS.disabledSites];
  return {
    paused: raw[SETTINGS_KEYS.paused] === true,
    disabledSites: Array.isArray(sites) ? sites.filter((s): s is string => typeof s === 'string') : [],
  };
}

/**
 * Whether Backstory reads a frame: on for its own site and for its tab's (the
 * site the user sees and switches). A frame of a site turned off is not read
 * whatever its parent, nor any frame of a tab whose site is off.
 */
export function isActiveInFrame(tabUrl: string | undefined, frameUrl: string | undefined, settings: RunSettings): boolean {
  const tab = hostnameOf(tabUrl);
  const frame = hostnameOf(frameUrl);
  return tab !== null && frame !== null && isActiveOn(tab, settings) && isActiveOn(frame, settings);
}
