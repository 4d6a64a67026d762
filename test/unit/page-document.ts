/**
 * A saved web page parsed into a Document in Node, the way an extension page
 * parses an imported .html file with DOMParser: no scripts run, nothing loads.
 * linkedom rather than happy-dom: over the 130 pages in ../shared/pages,
 * happy-dom ran out of memory (4 GB) and its selector engine threw inside
 * defuddle, while linkedom parsed them all, with Readability finding the
 * reference title on 128 of 130 (the reference was made with jsdom). It has no
 * layout or computed styles, so neither extractor can drop hidden elements by
 * their style here, as they do in a browser.
 */
import { DOMParser } from 'linkedom';

export function parsePage(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}
