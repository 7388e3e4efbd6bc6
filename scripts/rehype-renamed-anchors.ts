/**
 * Keeps links to renamed headings working. When a heading is renamed, its
 * anchor (the slug of its text) changes, and every link to the old anchor would
 * land at the top of the page. permalinks/renamed-anchors.json maps, per page,
 * each old anchor to the anchor that replaced it:
 *
 *   { "/troubleshooting/": { "old-heading-slug": "new-heading-slug" } }
 *
 * and this rehype plugin puts an empty <span id="old-heading-slug"> at the start
 * of the renamed heading, so the old link scrolls to the same place. Chains
 * (a → b, later b → c) resolve to the last heading. A mapping whose heading is
 * not on its page fails the build. scripts/check-site.ts fails when an anchor
 * recorded in permalinks/anchors.json disappears without a mapping.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { VFile } from 'vfile';

/** Old anchor → new anchor, per page path ("/troubleshooting/"). */
export type AnchorRenames = Record<string, Record<string, string>>;

/** Where the renames are recorded. */
export const RENAMES_FILE = 'permalinks/renamed-anchors.json';

/** The folder the pages' sources live in. */
const DOCS = 'content/docs';

interface Element {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: Element[];
}

/** The renames as committed. */
export function readRenames(file = RENAMES_FILE): AnchorRenames {
  return JSON.parse(readFileSync(file, 'utf8')) as AnchorRenames;
}

/** Every old anchor of one page grouped under the anchor it now lands on, following chains; throws on a cycle. */
export function oldAnchorsByTarget(renames: Record<string, string>): Map<string, string[]> {
  const byTarget = new Map<string, string[]>();
  for (const old of Object.keys(renames)) {
    let target = old;
    const seen = new Set<string>();
    while (renames[target] !== undefined) {
      if (seen.has(target)) throw new Error(`${RENAMES_FILE}: the renames of ${old} go round in a circle`);
      seen.add(target);
      target = renames[target]!;
    }
    byTarget.set(target, [...(byTarget.get(target) ?? []), old]);
  }
  return byTarget;
}

/** The page path a source file is published at: content/docs/scenarios/nodeport.mdx → /scenarios/nodeport/. */
export function pagePathOf(sourcePath: string, root = process.cwd()): string {
  const inDocs = relative(`${root}/${DOCS}`, sourcePath).replace(/\.mdx?$/, '');
  const path = inDocs === 'index' ? '' : inDocs.replace(/\/index$/, '');
  return path === '' ? '/' : `/${path}/`;
}

/** Visits every element of the tree, depth first. */
function visit(node: Element, fn: (node: Element) => void): void {
  fn(node);
  for (const child of node.children ?? []) visit(child, fn);
}

/** The plugin: run after heading ids exist (after rehypeHeadingIds). */
export function rehypeRenamedAnchors(options: { renames?: AnchorRenames } = {}) {
  const renames = options.renames ?? readRenames();
  return (tree: Element, file: VFile) => {
    if (!file.path) return;
    const page = pagePathOf(file.path);
    const pageRenames = renames[page];
    if (!pageRenames) return;
    const pending = oldAnchorsByTarget(pageRenames);
    visit(tree, (node) => {
      const id = node.properties?.id;
      if (node.type !== 'element' || !/^h[1-6]$/.test(node.tagName ?? '') || typeof id !== 'string') return;
      const olds = pending.get(id);
      if (!olds) return;
      pending.delete(id);
      const targets: Element[] = olds.map((old) => ({ type: 'element', tagName: 'span', properties: { id: old }, children: [] }));
      node.children = [...targets, ...(node.children ?? [])];
    });
    for (const [target, olds] of pending)
      throw new Error(`${RENAMES_FILE}: ${page} has no heading #${target}, which ${olds.map((o) => `#${o}`).join(', ')} should land on`);
  };
}
