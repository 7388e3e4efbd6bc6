import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { oldAnchorsByTarget, pagePathOf, readRenames, rehypeRenamedAnchors } from '../../scripts/rehype-renamed-anchors.ts';

/** A hast heading as rehypeHeadingIds leaves it. */
const heading = (id: string, text: string) => ({
  type: 'element',
  tagName: 'h2',
  properties: { id },
  children: [{ type: 'text', value: text }],
});

describe('pagePathOf', () => {
  it('maps a page source to the path it is published at', () => {
    expect(pagePathOf('/repo/content/docs/index.mdx', '/repo')).toBe('/');
    expect(pagePathOf('/repo/content/docs/troubleshooting.mdx', '/repo')).toBe('/troubleshooting/');
    expect(pagePathOf('/repo/content/docs/scenarios/nodeport.mdx', '/repo')).toBe('/scenarios/nodeport/');
    expect(pagePathOf('/repo/content/docs/tools/index.md', '/repo')).toBe('/tools/');
  });
});

describe('oldAnchorsByTarget', () => {
  it('follows chains of renames to the heading that exists now', () => {
    expect(oldAnchorsByTarget({ a: 'b', b: 'c', x: 'y' })).toEqual(
      new Map([
        ['c', ['a', 'b']],
        ['y', ['x']],
      ]),
    );
  });

  it('refuses a cycle', () => {
    expect(() => oldAnchorsByTarget({ a: 'b', b: 'a' })).toThrow(/circle/);
  });
});

describe('rehypeRenamedAnchors', () => {
  const file = new VFile({ path: `${process.cwd()}/content/docs/troubleshooting.mdx` });

  it('puts each old anchor at the start of the heading that replaced it', () => {
    const tree = { type: 'root', children: [heading('kept', 'Kept'), heading('new-name', 'New name')] };
    rehypeRenamedAnchors({ renames: { '/troubleshooting/': { 'old-name': 'older-name', 'older-name': 'new-name' } } })(tree, file);
    expect(tree.children[0]!.children).toEqual([{ type: 'text', value: 'Kept' }]);
    expect(tree.children[1]!.children).toEqual([
      { type: 'element', tagName: 'span', properties: { id: 'old-name' }, children: [] },
      { type: 'element', tagName: 'span', properties: { id: 'older-name' }, children: [] },
      { type: 'text', value: 'New name' },
    ]);
  });

  it('fails the build when the heading a rename lands on is not on the page', () => {
    const tree = { type: 'root', children: [heading('kept', 'Kept')] };
    expect(() => rehypeRenamedAnchors({ renames: { '/troubleshooting/': { 'old-name': 'gone' } } })(tree, file)).toThrow(
      /\/troubleshooting\/ has no heading #gone/,
    );
  });

  it('leaves other pages alone', () => {
    const tree = { type: 'root', children: [heading('kept', 'Kept')] };
    rehypeRenamedAnchors({ renames: { '/concepts/': { a: 'b' } } })(tree, file);
    expect(tree.children[0]!.children).toHaveLength(1);
  });

  it('reads the committed renames as a map of pages to maps of anchors', () => {
    for (const [page, renames] of Object.entries(readRenames())) {
      expect(page).toMatch(/^\/(?:[a-z0-9-]+\/)*$/);
      for (const [from, to] of Object.entries(renames)) expect([typeof from, typeof to]).toEqual(['string', 'string']);
    }
  });
});
