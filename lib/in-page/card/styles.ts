/**
 * The card's styles, inside its shadow root: nothing leaks in or out. Pixel
 * units, not rem, so the page's root font size cannot resize the card. Light
 * and dark follow the reader's system setting.
 */
export const CARD_CSS = `
.card {
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #2563eb; --quote: #f6f8fa;
  position: fixed; z-index: 2147483647; box-sizing: border-box;
  width: 360px; max-width: calc(100vw - 16px); max-height: min(480px, calc(100vh - 16px)); overflow: auto;
  padding: 12px 14px; border: 1px solid var(--line); border-radius: 8px;
  background: var(--bg); color: var(--fg); box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: start;
}
@media (prefers-color-scheme: dark) {
  .card { --bg: #1c2128; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --accent: #6ea8fe; --quote: #262c36; box-shadow: 0 8px 24px rgb(0 0 0 / 0.5); }
}
.card:focus { outline: 2px solid var(--accent); outline-offset: 2px; }
.head { display: flex; align-items: baseline; gap: 8px; }
.name { margin: 0; font-size: 16px; font-weight: 600; }
.type { font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
.close { margin-left: auto; border: 0; background: none; color: var(--muted); font-size: 18px; line-height: 1; cursor: pointer; padding: 2px 6px; border-radius: 4px; }
.role { margin: 2px 0 8px; color: var(--muted); }
.counts { margin: 0 0 8px; font-size: 12px; color: var(--muted); }
.private { margin: 8px 0 0; font-size: 12px; color: var(--muted); }
h3 { margin: 10px 0 4px; font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
ul { list-style: none; margin: 0; padding: 0; }
li { margin: 0 0 6px; }
blockquote { margin: 0; padding: 6px 8px; border-inline-start: 3px solid var(--accent); background: var(--quote); border-radius: 4px; }
.source { display: block; font-size: 12px; color: var(--muted); }
.actions { display: flex; gap: 8px; margin-top: 10px; flex-wrap: wrap; }
.actions button { font: inherit; font-size: 13px; padding: 4px 10px; border-radius: 6px; border: 1px solid var(--line); background: var(--quote); color: var(--fg); cursor: pointer; }
button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.note { font-size: 12px; color: var(--muted); margin: 6px 0 0; }
`;
