/**
 * Lays out a page's prose below its widget only when the reader scrolls near it. Every `##` section that follows the
 * page's widget is wrapped in `<section class="deferred-section">`, which the stylesheet gives
 * `content-visibility: auto`: the browser parses it at once (find-in-page, screen readers and anchors see it) but
 * styles, lays out and paints it only near the viewport. A widget page's first screen therefore costs less than the
 * same prose on a plain page, which pays for the widget's own form (issue 11 §4, measured by `npm run bench`).
 *
 * Pages without a widget are left as they are: their prose is their first screen.
 */

/** A hast or MDX node, as much of it as this plugin reads. */
export interface HastNode {
  type: string;
  tagName?: string;
  name?: string | null;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/** The class the stylesheet defers (src/styles/guide.css). */
export const DEFERRED_CLASS = 'deferred-section';

/** A project widget in MDX (`<ScenarioWidget …/>`, `<ResolverWidget />`…), at any depth of a node. */
function holdsWidget(node: HastNode): boolean {
  if (node.type === 'mdxJsxFlowElement' && /Widget$/.test(node.name ?? '')) return true;
  return (node.children ?? []).some(holdsWidget);
}

/** Whether a root child starts a `##` section: the h2 itself, or Starlight's wrapper around it with its anchor link. */
function startsSection(node: HastNode): boolean {
  if (node.type !== 'element') return false;
  if (node.tagName === 'h2') return true;
  const className = node.properties?.className;
  const classes = Array.isArray(className) ? className : String(className ?? '').split(' ');
  return node.tagName === 'div' && classes.includes('level-h2') && (node.children ?? []).some((child) => child.tagName === 'h2');
}

/** The text of a node, as a reader sees it. */
function textOf(node: HastNode): string {
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

/** Rows of a table, lines of a code block. */
function countOf(node: HastNode, tagName: string): number {
  return (node.tagName === tagName ? 1 : 0) + (node.children ?? []).reduce((sum, child) => sum + countOf(child, tagName), 0);
}

/**
 * A rough height, in rem, of some blocks on a phone (about 40 characters a line; the stylesheet scales it for wider
 * screens). It only sizes the section before it is first drawn (the scrollbar's length); once drawn, the browser
 * remembers the real height (`auto`).
 */
export function estimateRem(nodes: HastNode[]): number {
  let rem = 0;
  for (const node of nodes) {
    if (node.type !== 'element' && node.type !== 'mdxJsxFlowElement') continue;
    if (startsSection(node) || /^h[3-6]$/.test(node.tagName ?? '')) rem += 3.5;
    else if (countOf(node, 'tr') > 0) rem += countOf(node, 'tr') * 2.75 + 1.5;
    else if (node.tagName === 'pre') rem += Math.max(1, textOf(node).split('\n').length) * 1.4 + 3;
    else rem += Math.ceil(Math.max(1, textOf(node).trim().length) / 40) * 1.75 + 1;
  }
  return Math.round(rem);
}

/** The root's children with each `##` section after the widget wrapped in a deferred section; unchanged without a widget. */
export function deferSections(children: HastNode[]): HastNode[] {
  const widgetAt = children.findIndex(holdsWidget);
  if (widgetAt === -1) return children;
  const out = children.slice(0, widgetAt + 1);
  const sections: HastNode[] = [];
  let section: HastNode | undefined;
  for (const node of children.slice(widgetAt + 1)) {
    if (startsSection(node)) {
      section = { type: 'element', tagName: 'section', properties: { className: [DEFERRED_CLASS] }, children: [] };
      sections.push(section);
      out.push(section);
    }
    // Imports and exports stay at the top level, where MDX compiles them.
    if (section && node.type !== 'mdxjsEsm') section.children!.push(node);
    else out.push(node);
  }
  for (const deferred of sections) {
    deferred.properties!.style = `--deferred-rem: ${estimateRem(deferred.children!)}`;
  }
  return out;
}

/** The rehype plugin: defers the sections after the page's widget (see the module comment). */
export function rehypeDeferredSections() {
  return (tree: HastNode): void => {
    tree.children = deferSections(tree.children ?? []);
  };
}
