/**
 * Where Backstory runs, as plain data: the storage keys and the rule. The
 * popup edits these through wxt/storage items (lib/settings.ts); the
 * background reads pages where the rule says Backstory is on.
 */
import { MAX_TEXT_CHARS } from '../messages';
import { firstChars, packTexts } from './page-text';

/** Keys in the extension's local storage area (wxt/storage's "local:" prefix removed). */
export const SETTINGS_KEYS = {
  paused: 'backstory.paused',
  /** Hostnames (lower case, no "www.") where the user turned Backstory off. */
  disabledSites: 'backstory.disabledSites',
  /** A search the card asked for, waiting for the popup to pick it up. */
  popupQuery: 'backstory.popupQuery',
  /** Mark names known only from the user's own articles too (off: page scripts can read marks). */
  markUserNames: 'backstory.markUserNames',
} as const;

/** V8's compile hint, the first line of each page script (wxt.config.ts says why). */
export const COMPILE_EAGERLY_HINT = '//# allFunctionsCalledOnLoad';

/**
 * The benchmark build's banner (wxt.config.ts) notes when a script starts
 * evaluating, under this key of its world's global object; the page scripts'
 * timings start there. (A performance mark would cost more than the note.)
 */
export const SCRIPT_START_KEY = '__backstoryScriptStart';

/** Benchmark builds: when the running page script started evaluating (see SCRIPT_START_KEY). */
export const scriptStart = (): number => (globalThis as unknown as Record<string, number | undefined>)[SCRIPT_START_KEY] ?? 0;
/** Benchmark builds: the marks whose detail holds the reader's main-thread time, and the names script's once its first scan is done. */
export const READ_MARK = 'backstory:read';
export const SCANNED_MARK = 'backstory:scanned';
/**
 * Non-production builds: where the background records, per document URL, how
 * many names a read found once it is done with it, so the benchmark knows
 * when a page without names is finished.
 */
export const BENCHMARK_READS = '__backstoryReads';

const SCHEMES = ['http', 'https'] as const;

/**
 * What runs on pages: one registered content script (the marks' styles, in
 * place before the page is first styled, and the page-ready note at
 * document_idle) in every http(s) frame except the sites turned off; on that
 * note the background injects the reader, and the names script where the
 * reader's text holds names (entrypoints/background/names-script.ts).
 */
export const NAMES_SCRIPT = {
  id: 'backstory-names',
  /** Tells the background its document is ready to read (entrypoints/page-ready.ts): what webNavigation told before, without its "browsing history" warning. */
  ready: '/page-ready.js',
  /** Reads a page's prose and returns it to the background (page-reader.ts). */
  reader: '/reader.js',
  file: '/names.js',
  /** The marks' styles (highlights.ts), written by the build. */
  css: '/highlights.css',
  schemes: SCHEMES,
  /** The same pages as match patterns (tabs.query, the styles' registration). */
  matches: SCHEMES.map((scheme) => `${scheme}://*/*`),
  /** Where a running instance is kept in the script's isolated world, for the background to start and stop it. */
  instanceKey: '__backstoryNames',
} as const;

/** Most prose one read is looked up in: the first two million characters of a page. */
export const MAX_READ_CHARS = 2_000_000;

/** A reader's result as pieces of prose within the first read's limit, or null when it is not one (a read repeated, a failure). */
export function readerPieces(result: unknown): string[] | null {
  if (!Array.isArray(result) || !result.every((piece) => typeof piece === 'string' && piece.length <= MAX_TEXT_CHARS)) return null;
  return firstChars(result as string[], MAX_READ_CHARS);
}

/** A reader's result (pieces of prose) as the texts to look up, or null when it is not one. */
export function readerTexts(result: unknown): string[] | null {
  const pieces = readerPieces(result);
  return pieces && packTexts(pieces);
}

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

/**
 * The registration of the page scripts for these settings; null while paused
 * (nothing is registered). Its exclusions go by each frame's own URL, so a
 * frame of a site turned off gets nothing whatever its parent.
 */
export function namesStyleRegistration(settings: RunSettings) {
  if (settings.paused) return null;
  const excludeMatches = excludeMatchesFor(settings.disabledSites);
  return {
    id: NAMES_SCRIPT.id,
    // A content script's CSS is injected before the page is first styled, whatever the script's runAt.
    css: [NAMES_SCRIPT.css],
    // At document_idle, as webNavigation's DOMContentLoaded was: the page's own start-up has run.
    js: [NAMES_SCRIPT.ready],
    runAt: 'document_idle' as const,
    matches: [...NAMES_SCRIPT.matches],
    ...(excludeMatches.length ? { excludeMatches } : {}),
    allFrames: true,
    persistAcrossSessions: true,
  };
}
