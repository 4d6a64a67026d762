import type { ComponentChildren } from 'preact';

/** Text with its [start, end) ranges in <mark>: search snippets in the popup and the side panel. */
export function Marked({ text, marks }: { text: string; marks: Array<[number, number]> }) {
  const parts: ComponentChildren[] = [];
  let at = 0;
  for (const [start, end] of marks) {
    if (start < at) continue;
    parts.push(text.slice(at, start), <mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
