/**
 * The card's home: a closed shadow root (page scripts cannot reach into it)
 * on an element appended to <html>, outside <body>, created on first open
 * only. A host added at load costs ~15 ms of style and layout per page.
 * Hand-made rather than WXT's createShadowRootUi, which would add ~4 kB gzip
 * to the names script.
 */
export interface CardHost {
  host: HTMLElement;
  container: HTMLElement;
  remove(): void;
}

export function createCardHost(doc: Document, tag: string, css: string): CardHost {
  const host = doc.createElement(tag);
  // Inline !important styles beat any page rule that targets unknown elements.
  host.style.setProperty('all', 'initial', 'important');
  host.style.setProperty('position', 'static', 'important');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = `:host { all: initial; } ${css}`;
  const container = doc.createElement('div');
  shadow.append(style, container);
  doc.documentElement.append(host);
  return { host, container, remove: () => host.remove() };
}
