// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { pointAt, textRuns } from '../../lib/match/text-runs';
import { extractCandidates } from '../../lib/match/candidates';

const runsOf = (html: string, isOwn?: (el: Element) => boolean) => {
  document.body.innerHTML = html;
  return [...textRuns(document.body, { isOwn })];
};

describe('text runs', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('joins text split by inline tags into one run and maps offsets back to the nodes', () => {
    const [run] = runsOf('<p>Joe <b>Bi<i>den</i></b> spoke</p>');
    expect(run.text).toBe('Joe Biden spoke');
    const start = pointAt(run, 4);
    const end = pointAt(run, 9, true);
    expect(start.node.data).toBe('Bi');
    expect(start.offset).toBe(0);
    expect(end.node.data).toBe('den');
    expect(end.offset).toBe(3);
    const range = document.createRange();
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
    expect(range.toString()).toBe('Biden');
  });

  it('an end offset at a node boundary stays in the earlier node', () => {
    const [run] = runsOf('<p><span>Tusk</span><span> said</span></p>');
    expect(pointAt(run, 4, true)).toMatchObject({ offset: 4 });
    expect(pointAt(run, 4, true).node.data).toBe('Tusk');
    expect(pointAt(run, 4).node.data).toBe(' said');
  });

  it('splits runs at blocks and <br>, also when a block sits inside an inline element', () => {
    const runs = runsOf('<div>Joe <p>middle</p> Biden<br>Donald</div><ul><li>Tusk</li></ul>');
    expect(runs.map((r) => r.text.trim())).toEqual(['Joe', 'middle', 'Biden', 'Donald', 'Tusk']);
  });

  it('joins blank nodes between inline tags, but not blank nodes of another block or after a <br>', () => {
    expect(runsOf('<p><b>Joe</b> <i>Biden</i></p>').map((r) => r.text)).toEqual(['Joe Biden']);
    expect(runsOf('<div><b>Joe</b>\n  <p> </p>\n  <b>Biden</b></div>').map((r) => r.text.trim())).toEqual(['Joe', 'Biden']);
    expect(runsOf('<p><b>Joe</b><br> <b>Biden</b></p>').map((r) => r.text.trim())).toEqual(['Joe', 'Biden']);
    expect(runsOf('<ul>\n <li>Tusk</li>\n <li> </li>\n</ul>').map((r) => r.text)).toEqual(['Tusk']);
  });

  it('cuts a block of thousands of nodes into runs at commas, losing no name', () => {
    const links = Array.from({ length: 2500 }, (_, i) => `<a href="#">Name${i} Person</a>`).join(', ');
    const runs = runsOf(`<p>Kudos: ${links}</p>`);
    expect(runs.length).toBeGreaterThan(1);
    const names: string[] = [];
    for (const run of runs) extractCandidates(run.text, (s) => names.push(s.text));
    expect(names.filter((n) => n.endsWith(' Person'))).toHaveLength(2500);
  });

  it('skips script, style, noscript, textarea, inputs, select, contenteditable, hidden and our own UI', () => {
    const runs = runsOf(`
      <p>Visible Tusk</p>
      <script>var Tusk = 1</script><style>.Tusk{}</style><noscript>Tusk</noscript>
      <textarea>Tusk</textarea><input value="Tusk"><select><option>Tusk</option></select>
      <div contenteditable="true"><p>Tusk edit</p></div><div contenteditable="false">Kept Tusk</div>
      <div hidden>Hidden Tusk</div><backstory-card>Own Tusk</backstory-card>`,
      (el) => el.localName === 'backstory-card');
    expect(runs.map((r) => r.text.trim())).toEqual(['Visible Tusk', 'Kept Tusk']);
  });

  it('candidate offsets in a run land on the right DOM text', () => {
    const [run] = runsOf('<p>Ukraine’s <a href="#">President <b>Volodymyr</b> Zelensky</a>’s visit</p>');
    const spans: Array<{ start: number; end: number }> = [];
    extractCandidates(run.text, (s) => spans.push(s));
    const last = spans[spans.length - 1];
    const range = document.createRange();
    const a = pointAt(run, last.start);
    const b = pointAt(run, last.end, true);
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    expect(range.toString()).toBe('President Volodymyr Zelensky');
  });
});
