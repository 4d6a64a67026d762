/**
 * What the background registers and injects in web pages: the scripts' paths,
 * the compile hint the build puts in front of them, and the registration for
 * the current site rule. The code of those scripts is in lib/in-page/.
 */
import { excludeMatchesFor, type RunSettings } from './sites';

/** V8's compile hint, the first line of each page script (wxt.config.ts says why). */
export const COMPILE_EAGERLY_HINT = '//# allFunctionsCalledOnLoad';

const SCHEMES = ['http', 'https'] as const;

/**
 * What runs on pages: one registered content script (the marks' styles, in
 * place before the page is first styled, and the page-ready note at
 * document_idle, which reads a top document at once and offers a frame's
 * reader to the background) in every http(s) frame except the sites turned
 * off; the background injects the names script where the prose holds names
 * (entrypoints/background/names-script.ts).
 */
export const NAMES_SCRIPT = {
  id: 'backstory-names',
  /** Tells the background its document is ready to read (entrypoints/page-ready.ts): what webNavigation told before, without its "browsing history" warning. */
  ready: '/page-ready.js',
  /** Reads a page's prose and returns it to the background (lib/in-page/page-reader.ts), where page-ready.js did not run: documents open before an install or a switch turned on. */
  reader: '/reader.js',
  file: '/names.js',
  /** The marks' styles (lib/in-page/highlights.ts), written by the build. */
  css: '/highlights.css',
  schemes: SCHEMES,
  /** The same pages as match patterns (tabs.query, the styles' registration). */
  matches: SCHEMES.map((scheme) => `${scheme}://*/*`),
  /** Where a running instance is kept in the script's isolated world, for the background to start and stop it. */
  instanceKey: '__backstoryNames',
  /** Where the background leaves what it found when the names script has not started yet (both are injected at once); the instance takes it as it starts. */
  foundKey: '__backstoryNamesFound',
} as const;

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

type NamesStyleRegistration = NonNullable<ReturnType<typeof namesStyleRegistration>>;
/** A content script registration as the browser reports it back (its lists may leave out a leading "/" or an empty list). */
export interface RegisteredScript {
  js?: string[];
  css?: string[];
  matches?: string[];
  excludeMatches?: string[];
  allFrames?: boolean;
  runAt?: string;
  persistAcrossSessions?: boolean;
}

/**
 * Whether the browser already holds the registration wanted: a worker that
 * wakes (every page opened after a pause) then leaves it alone, where an
 * update makes the browser read the scripts again and send them to every
 * page's process while that page is being read.
 */
export function isRegisteredAs(registered: RegisteredScript, wanted: NamesStyleRegistration): boolean {
  const list = (paths: readonly string[] | undefined) => JSON.stringify((paths ?? []).map((path) => path.replace(/^\//, '')));
  return (
    list(registered.js) === list(wanted.js) &&
    list(registered.css) === list(wanted.css) &&
    list(registered.matches) === list(wanted.matches) &&
    list(registered.excludeMatches) === list('excludeMatches' in wanted ? wanted.excludeMatches : undefined) &&
    registered.allFrames === wanted.allFrames &&
    registered.runAt === wanted.runAt &&
    registered.persistAcrossSessions === wanted.persistAcrossSessions
  );
}
