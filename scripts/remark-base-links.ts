/**
 * A remark plugin that puts the site's base path in front of every root-relative
 * link the pages write by hand (`[the resolver](/tools/resolver/)`,
 * `<LinkCard href="/scenarios/nodeport/" />`), so that the pages can keep
 * writing site paths while the site is hosted under any BASE_PATH. Neither
 * Markdown nor Starlight's cards add the base themselves.
 */
import type { Root } from 'mdast';

interface Node {
  type: string;
  url?: string;
  attributes?: { type: string; name: string; value: unknown }[];
  children?: Node[];
}

/** Attributes of MDX elements that hold a URL. */
const URL_ATTRIBUTES = new Set(['href', 'src']);

/** A site path with the base in front; any other URL (relative, another origin, an anchor) unchanged. Pages write site paths, never the base. */
export function withBase(url: string, base: string): string {
  if (!url.startsWith('/') || url.startsWith('//') || base === '/') return url;
  return `${base}${url.slice(1)}`;
}

/** Visits every node of the tree, depth first. */
function visit(node: Node, fn: (node: Node) => void): void {
  fn(node);
  for (const child of node.children ?? []) visit(child, fn);
}

/** The plugin: rewrites links, images, link definitions and the literal href/src attributes of MDX elements. */
export function remarkBaseLinks(options: { base: string }) {
  const { base } = options;
  return (tree: Root) => {
    visit(tree as unknown as Node, (node) => {
      if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && typeof node.url === 'string') {
        node.url = withBase(node.url, base);
      }
      if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        for (const attribute of node.attributes ?? []) {
          if (attribute.type === 'mdxJsxAttribute' && URL_ATTRIBUTES.has(attribute.name) && typeof attribute.value === 'string') {
            attribute.value = withBase(attribute.value, base);
          }
        }
      }
    });
  };
}
