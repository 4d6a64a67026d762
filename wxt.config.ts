import { defineConfig } from 'wxt';
import type { Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HIGHLIGHT_CSS } from './lib/in-page/highlights';
import { bundledCorpusPackage } from './lib/build/bundled-corpus';
import { unpackedPath } from './lib/store/bundled-packs';
import { installLexiconFile } from './lib/cli/lexicon-file';
import { COMPILE_EAGERLY_HINT, NAMES_SCRIPT } from './lib/page-scripts';
import { SCRIPT_START_KEY } from './lib/bench-marks';
import { rewriteHtmlSinks } from './lib/build/html-sinks';

/** The corpus to bundle; the scale benchmark builds with corpora of its own (BACKSTORY_CORPUS_DIR). */
const corpusDir = resolve(__dirname, process.env.BACKSTORY_CORPUS_DIR ?? 'assets/corpus');

/**
 * The page scripts start with V8's compile hint: compile every function now.
 * V8 otherwise compiles each function on its first call, and a page script
 * calls most of its functions once, at once. Measured over the 130 benchmark
 * pages, on a median page without names, the reader's run fell from 3.5 to
 * 2.6 ms and the browser's script time, compiling included, from 4.0 to
 * 3.4 ms; the names script's first scan from 10.8 to 6.1 ms. Other engines
 * read the hint as a comment. It must be the file's first line.
 */
function compileEagerly(files: string[]): Plugin {
  const names = new Set(files.map((file) => file.replace(/^\//, '')));
  return {
    name: 'backstory:compile-eagerly',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && names.has(chunk.fileName)) chunk.code = `${COMPILE_EAGERLY_HINT}\n${chunk.code}`;
      }
    },
  };
}

/**
 * The oldest Firefox (desktop and Android) Backstory works in, from MDN's
 * compatibility data: the marks are CSS Custom Highlights (Firefox 140) drawn
 * as underlines, and ::highlight() takes text-decoration only from Firefox 146
 * (bug 1845446; before, names would be found but not shown). The rest comes
 * earlier: data_collection_permissions 140 (Android 142), storage.session 115
 * (the side panel's hand-over), scripting.registerContentScripts 102.
 */
const FIREFOX_MIN_VERSION = '146.0';

// https://wxt.dev/api/config.html
export default defineConfig({
  // Copied to the package's root as they are: the icons and the lexicon (lib/analysis/lexicon.ts).
  publicDir: 'assets/public',
  manifest: ({ browser }) => ({
    name: 'Backstory',
    description:
      'See what the news corpus knows about the people and places on any page: their quotes and the articles that mention them. Runs entirely in your browser.',
    // contextMenus: "Look up … in Backstory" on selected text, "Save this page". storage:
    // settings, and session storage for the side panel's target and what each open page
    // matched. scripting and the web hosts: a content script registered where Backstory is on
    // tells the background when a page is ready; the background reads its text and marks the
    // names in it, and starts or stops that in open tabs when the user flips a switch. The
    // host permissions also give the popup the current tab's address (for the per-site switch)
    // and let "Save this page" read the tab: no activeTab, and no webNavigation (which Chrome
    // words "Read your browsing history"). WXT adds sidePanel itself for Chrome's side panel.
    // offscreen (Chrome, no install warning): the document that starts the corpus worker, which
    // parses and analyses, since a service worker cannot start a Worker; Firefox's background
    // page starts it itself.
    permissions: ['contextMenus', 'scripting', 'storage', ...(browser === 'firefox' ? [] : ['offscreen'])],
    host_permissions: ['http://*/*', 'https://*/*'],
    commands: {
      // Key name must match OPEN_COMMAND in entrypoints/background/sidepanel.ts.
      'open-side-panel': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Open the Backstory side panel',
      },
      // Key name must match SAVE_COMMAND in entrypoints/background/save-page.ts.
      'save-page': {
        suggested_key: { default: 'Alt+Shift+B' },
        description: 'Save this page to Backstory',
      },
    },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'backstory@backstory.invalid',
          strict_min_version: FIREFOX_MIN_VERSION,
          // Backstory collects and transmits nothing: everything stays in the browser.
          data_collection_permissions: { required: ['none'] },
        },
        gecko_android: { strict_min_version: FIREFOX_MIN_VERSION },
      },
    }),
  }),
  vite: (env) => {
    // The benchmark build is the production code plus its hooks: in a mode other
    // than "production", JSX would be compiled with development information.
    if (env.mode === 'bench') process.env.NODE_ENV = 'production';
    return {
      // Dexie's package hands bundlers its ES5 build (wrapped so that CommonJS and ES
      // imports share one copy); its "modern" build is the same code as ES2018 modules,
      // which every browser Backstory supports runs: 2.7 kB gzip less in the background's
      // script, the import worker and every page with a database. Tests in Node keep the default.
      resolve: { alias: [{ find: /^dexie$/u, replacement: resolve(__dirname, 'node_modules/dexie/dist/modern/dexie.mjs') }] },
      // No markup sinks ship (lib/build/html-sinks.ts): web-ext lint, as addons.mozilla.org runs it, reports none.
      plugins: [rewriteHtmlSinks(), preact(), compileEagerly([NAMES_SCRIPT.ready, NAMES_SCRIPT.reader, NAMES_SCRIPT.file])],
      // The benchmark build notes when each script starts evaluating, so the content
      // benchmark's start-up counts evaluating the script, not only running it.
      // BACKSTORY_SCALE_PROFILE (test/bench/scale.bench.ts) leaves it unminified, so a CPU profile names its functions.
      build:
        env.mode === 'bench'
          ? { rollupOptions: { output: { banner: `globalThis.${SCRIPT_START_KEY} = performance.now();` } }, ...(process.env.BACKSTORY_SCALE_PROFILE && { minify: false }) }
          : {},
    };
  },
  hooks: {
    // WXT lists assets/public/icon/<size>.png as the extension's icons; the toolbar
    // button and Firefox's side bar take the same ones.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (!manifest.icons) return;
      for (const key of ['action', 'browser_action', 'sidebar_action'] as const) {
        const entry = (manifest as Record<string, unknown>)[key] as { default_icon?: unknown } | undefined;
        if (entry) entry.default_icon = manifest.icons;
      }
    },
    // The bundled corpus ships packed, with an index of its files, and analysed: lib/build/bundled-corpus.ts.
    'build:publicAssets': async (_wxt, files) => {
      const names = readdirSync(corpusDir).filter((name) => name.endsWith('.txt')).sort();
      installLexiconFile();
      const corpus = await bundledCorpusPackage(names, (name) => new Uint8Array(readFileSync(resolve(corpusDir, name))));
      for (const { path, contents } of corpus.generated) files.push({ contents, relativeDest: path });
      for (const name of corpus.unpacked) files.push({ absoluteSrc: resolve(corpusDir, name), relativeDest: unpackedPath(name) });
      // The marks' styles, from their one definition in lib/in-page/highlights.ts.
      files.push({ contents: HIGHLIGHT_CSS, relativeDest: NAMES_SCRIPT.css.slice(1) });
    },
  },
});
