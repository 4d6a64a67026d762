/**
 * Build step: every assignment of markup to innerHTML or outerHTML that the
 * bundled libraries hold, which addons.mozilla.org's linter (`web-ext lint`)
 * reports as unsafe, either rewritten as the same operation on nodes or, on a
 * path Backstory never takes, replaced by an error, so the shipped code holds
 * no markup sink at all. Each rewrite names the exact text it replaces: a
 * library update that changes it fails the build (and a unit test) rather
 * than letting the sink back in unnoticed.
 */
import type { Plugin } from 'vite';

export interface SinkRewrite {
  /** The end of the library file's path. */
  file: string;
  find: string;
  replace: string;
  why: string;
}

const neverUsed = (what: string) => `(() => { throw new Error(${JSON.stringify(`${what} is left out of Backstory's build`)}); })()`;

export const HTML_SINK_REWRITES: SinkRewrite[] = [
  {
    file: 'preact/dist/preact.module.js',
    find: 'u.innerHTML=h.__html',
    replace: neverUsed('dangerouslySetInnerHTML'),
    why: 'Backstory never renders raw markup: no component passes dangerouslySetInnerHTML',
  },
  {
    file: 'preact/dist/preact.mjs',
    find: 'u.innerHTML=h.__html',
    replace: neverUsed('dangerouslySetInnerHTML'),
    why: 'the same, in the build Node-style resolution picks',
  },
  {
    file: '@mozilla/readability/Readability.js',
    find: 'var pageCacheHtml = page.innerHTML;',
    replace: 'var pageCache = page.cloneNode(true);',
    why: 'Readability keeps the page to retry with other flags: a copy of its nodes rather than its markup',
  },
  {
    file: '@mozilla/readability/Readability.js',
    find: 'page.innerHTML = pageCacheHtml;',
    replace: 'page.replaceChildren(...pageCache.cloneNode(true).childNodes);',
    why: 'and restores the page from that copy',
  },
  {
    file: '@mozilla/readability/Readability.js',
    find: 'tmp.innerHTML = noscript.innerHTML;',
    replace: 'tmp.append(...noscript.cloneNode(true).childNodes);',
    why:
      'an image inside <noscript>: this line runs only when the <noscript> holds one image element (_isSingleImage), which a parse without scripting (linkedom) gives; a page parsed with scripting holds text there and never gets here. Copying its nodes is what parsing its markup again gave',
  },
  // linkedom's self-contained build, the one the import worker loads (lib/import/html.ts).
  {
    file: 'linkedom/worker.js',
    find: 'template.innerHTML = html;',
    replace: neverUsed("linkedom's outerHTML setter"),
    why: 'the import worker and Readability never set outerHTML',
  },
  {
    file: 'linkedom/worker.js',
    find: 'elem.innerHTML = html;',
    replace: neverUsed("linkedom's insertAdjacentHTML and createContextualFragment"),
    why: 'the import worker and Readability never insert markup beside an element or through a range',
  },
];

/** Applies the rewrites to the library files as Vite loads them. */
export function rewriteHtmlSinks(rewrites: SinkRewrite[] = HTML_SINK_REWRITES): Plugin {
  return {
    name: 'backstory:rewrite-html-sinks',
    enforce: 'pre',
    transform(code, id) {
      // The file itself only: CommonJS wrappers and other virtual modules (a query, a \0 prefix) hold none of its code.
      if (id.includes('?') || id.startsWith('\0')) return null;
      const path = id.replaceAll('\\', '/');
      const mine = rewrites.filter((r) => path.endsWith(`/node_modules/${r.file}`));
      if (mine.length === 0) return null;
      let out = code;
      for (const rewrite of mine) {
        if (!out.includes(rewrite.find)) this.error(`${rewrite.file} no longer holds “${rewrite.find}”: check the library's markup sinks again (lib/build/html-sinks.ts)`);
        out = out.replace(rewrite.find, rewrite.replace);
      }
      return { code: out, map: null };
    },
  };
}
