import { describe, expect, it } from 'vitest';
import type { Root } from 'mdast';
import { remarkBaseLinks, withBase } from '../../scripts/remark-base-links.ts';

describe('withBase', () => {
  it('puts the base in front of site paths only', () => {
    expect(withBase('/tools/resolver/?x=1#y', '/kb/guide/')).toBe('/kb/guide/tools/resolver/?x=1#y');
    expect(withBase('/', '/kb/guide/')).toBe('/kb/guide/');
    expect(withBase('#anchor', '/kb/guide/')).toBe('#anchor');
    expect(withBase('concepts/', '/kb/guide/')).toBe('concepts/');
    expect(withBase('https://kubernetes.io/', '/kb/guide/')).toBe('https://kubernetes.io/');
    expect(withBase('//cdn.example/x.js', '/kb/guide/')).toBe('//cdn.example/x.js');
    expect(withBase('/tools/resolver/', '/')).toBe('/tools/resolver/');
  });
});

describe('remarkBaseLinks', () => {
  it('rewrites Markdown links, definitions and the literal href of MDX elements', () => {
    const tree = {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'link', url: '/concepts/', children: [] }] },
        { type: 'definition', identifier: 'r', url: '/tools/resolver/' },
        {
          type: 'mdxJsxFlowElement',
          name: 'LinkCard',
          attributes: [
            { type: 'mdxJsxAttribute', name: 'href', value: '/scenarios/nodeport/' },
            { type: 'mdxJsxAttribute', name: 'title', value: '/not/a/link' },
          ],
          children: [],
        },
      ],
    } as unknown as Root;
    remarkBaseLinks({ base: '/kb/' })(tree);
    expect(JSON.stringify(tree)).toContain('"url":"/kb/concepts/"');
    expect(JSON.stringify(tree)).toContain('"url":"/kb/tools/resolver/"');
    expect(JSON.stringify(tree)).toContain('"value":"/kb/scenarios/nodeport/"');
    expect(JSON.stringify(tree)).toContain('"value":"/not/a/link"');
  });
});
