// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { BlockMemo, breakBetween, collectTextNodes, isInsideSkipped, pointAt, skippedSelector, SKIPPED } from '../../lib/in-page/dom-text';

const textNodesOf = (el: Node) => {
  const out: Text[] = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
};
const nodeWith = (data: string) => textNodesOf(document.body).find((n) => n.data === data)!;

describe('text nodes behind the root text', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('maps an offset in the root text back to the text node holding it, across inline tags', async () => {
    document.body.innerHTML = '<p>Joe <b>Bi<i>den</i></b> spoke</p>';
    const text = document.body.textContent!;
    const nodes = (await collectTextNodes(document.body, text.length))!;
    const at = text.indexOf('Biden');
    const start = pointAt(nodes, at);
    const end = pointAt(nodes, at + 5, true);
    expect(start).toMatchObject({ offset: 0 });
    expect(start.node.data).toBe('Bi');
    expect(end).toMatchObject({ offset: 3 });
    expect(end.node.data).toBe('den');
    const range = document.createRange();
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
    expect(range.toString()).toBe('Biden');
  });

  it('an end offset at a node boundary stays in the earlier node', async () => {
    document.body.innerHTML = '<p><span>Tusk</span><span> said</span></p>';
    const nodes = (await collectTextNodes(document.body, 10))!;
    expect(pointAt(nodes, 4, true)).toMatchObject({ offset: 4 });
    expect(pointAt(nodes, 4, true).node.data).toBe('Tusk');
    expect(pointAt(nodes, 4).node.data).toBe(' said');
  });

  it('walks only as far as the offset it is asked for', async () => {
    document.body.innerHTML = '<p>one</p><p>two</p><p>three</p>';
    expect((await collectTextNodes(document.body, 2))!.nodes.map((n) => n.data)).toEqual(['one']);
    expect((await collectTextNodes(document.body, 3))!.nodes.map((n) => n.data)).toEqual(['one', 'two']);
  });

  it('stops when the walk is paused and told not to go on', async () => {
    document.body.innerHTML = Array.from({ length: 2000 }, (_, i) => `<p>${i}</p>`).join('');
    let pauses = 0;
    expect(await collectTextNodes(document.body, Infinity, () => ++pauses < 2)).toBeNull();
    expect(pauses).toBe(2);
  });
});

describe('blocks', () => {
  it('inline tags share a block; blocks, even inside an inline element, start a new one', () => {
    document.body.innerHTML = '<div>Joe <a href="#"><b>Biden</b><p>middle</p></a> said</div><ul><li>Tusk</li></ul>';
    const blocks = new BlockMemo(document.body, skippedSelector());
    const div = document.querySelector('div');
    expect(blocks.of(nodeWith('Joe '))).toBe(div);
    expect(blocks.of(nodeWith('Biden'))).toBe(div);
    expect(blocks.of(nodeWith(' said'))).toBe(div);
    expect(blocks.of(nodeWith('middle'))).toBe(document.querySelector('p'));
    expect(blocks.of(nodeWith('Tusk'))).toBe(document.querySelector('li'));
  });

  it('script, style, noscript, textarea, select, contenteditable, hidden and our own UI hold no block', () => {
    document.body.innerHTML = `
      <p>Visible</p><script>var s = 1</script><style>.s{}</style><noscript>ns</noscript>
      <textarea>ta</textarea><select><option>opt</option></select>
      <div contenteditable="true"><p>edit</p></div><div contenteditable="false">kept</div>
      <div hidden><b>hid</b></div><backstory-card>own</backstory-card>`;
    const skipped = skippedSelector('backstory-card');
    const blocks = new BlockMemo(document.body, skipped);
    const texts = textNodesOf(document.body).filter((n) => n.data.trim());
    expect(texts.filter((n) => blocks.of(n) !== SKIPPED).map((n) => n.data)).toEqual(['Visible', 'kept']);
    expect(texts.filter((n) => !isInsideSkipped(n, skipped)).map((n) => n.data)).toEqual(['Visible', 'kept']);
  });

  it('a <br> between two text nodes ends the line', () => {
    document.body.innerHTML = '<p><b>Joe</b><br> <b>Biden</b></p><p><b>Joe</b> <i>Biden</i></p>';
    const [joe1, , biden1, joe2, , biden2] = textNodesOf(document.body);
    expect(breakBetween(joe1, biden1)).toBe(true);
    expect(breakBetween(joe2, biden2)).toBe(false);
  });
});
