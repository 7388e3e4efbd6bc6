import { describe, expect, it } from 'vitest';
import {
  DEFERRED_CLASS,
  deferSections,
  estimateRem,
  rehypeDeferredSections,
  type HastNode,
} from '../../scripts/rehype-deferred-sections.ts';

const text = (value: string): HastNode => ({ type: 'text', value });
const el = (tagName: string, children: HastNode[] = [], properties: Record<string, unknown> = {}): HastNode => ({
  type: 'element',
  tagName,
  properties,
  children,
});
const h2 = (title: string) => el('h2', [text(title)], { id: title.toLowerCase() });
/** Starlight's wrapper around a heading and its anchor link (rehype-heading-links). */
const wrapped = (title: string) =>
  el('div', [h2(title), el('a', [], { className: ['sl-anchor-link'] })], { className: ['sl-heading-wrapper', 'level-h2'] });
const widget: HastNode = { type: 'mdxJsxFlowElement', name: 'ScenarioWidget', children: [] };
const esm: HastNode = { type: 'mdxjsEsm', value: "import X from './x.astro';" };
const p = (words: string) => el('p', [text(words)]);

/** Each root child, written short: a section with its children's tags, or the node's own tag or type. */
function shape(nodes: HastNode[]): string[] {
  const name = (node: HastNode) => node.tagName ?? node.name ?? node.type;
  return nodes.map((node) => (node.tagName === 'section' ? `section(${node.children!.map(name).join(' ')})` : name(node)));
}

describe('deferSections', () => {
  it('wraps each ## section after the widget, and leaves the widget and what comes before it', () => {
    const out = deferSections([esm, p('intro'), h2('Try it'), widget, h2('Why'), p('a'), p('b'), wrapped('The fix'), p('c')]);
    expect(shape(out)).toEqual(['mdxjsEsm', 'p', 'h2', 'ScenarioWidget', 'section(h2 p p)', 'section(div p)']);
    expect(out[4]!.properties!.className).toEqual([DEFERRED_CLASS]);
  });

  it('finds a widget nested in another element and keeps a section with no heading before it whole', () => {
    const out = deferSections([h2('Try it'), el('div', [widget]), p('between'), h2('Later'), el('table', [el('tr'), el('tr')])]);
    expect(shape(out)).toEqual(['h2', 'div', 'p', 'section(h2 table)']);
  });

  it('keeps imports and exports at the top level, where MDX compiles them', () => {
    const out = deferSections([widget, h2('One'), esm, p('x')]);
    expect(shape(out)).toEqual(['ScenarioWidget', 'section(h2 p)', 'mdxjsEsm']);
  });

  it('leaves a page without a widget as it is', () => {
    const children = [h2('One'), p('x'), h2('Two'), p('y')];
    expect(deferSections(children)).toBe(children);
  });

  it('does not take an h3 or a non-widget component for a section start or a widget', () => {
    const note: HastNode = { type: 'mdxJsxFlowElement', name: 'Aside', children: [] };
    const out = deferSections([note, widget, el('h3', [text('Small')]), p('x'), h2('Big'), note]);
    expect(shape(out)).toEqual(['Aside', 'ScenarioWidget', 'h3', 'p', 'section(h2 Aside)']);
  });

  it("sets each section's estimated height on a phone, for the stylesheet", () => {
    const out = deferSections([widget, h2('One'), p('x'.repeat(400))]);
    expect(out[1]!.properties!.style).toBe(`--deferred-rem: ${estimateRem([h2('One'), p('x'.repeat(400))])}`);
  });
});

describe('estimateRem', () => {
  it('grows with the text, the rows of a table and the lines of a code block', () => {
    expect(estimateRem([p('x'.repeat(400))])).toBeGreaterThan(estimateRem([p('x'.repeat(40))]));
    // 400 characters at about 40 a line: ten lines of 1.75 rem and the gap after the paragraph.
    expect(estimateRem([p('x'.repeat(400))])).toBe(19);
    expect(estimateRem([el('table', [el('tr'), el('tr'), el('tr')])])).toBeGreaterThan(estimateRem([el('table', [el('tr')])]));
    expect(estimateRem([el('pre', [text('a\nb\nc\nd')])])).toBeGreaterThan(estimateRem([el('pre', [text('a')])]));
  });

  it('counts no height for text between blocks', () => {
    expect(estimateRem([text('\n'), text('\n')])).toBe(0);
  });
});

describe('rehypeDeferredSections', () => {
  it('rewrites the root in place', () => {
    const root: HastNode = { type: 'root', children: [widget, h2('One'), p('x')] };
    rehypeDeferredSections()(root);
    expect(shape(root.children!)).toEqual(['ScenarioWidget', 'section(h2 p)']);
  });
});
