/**
 * A remark plugin that writes each <Claim>'s source file and line into the
 * element as `line` and `source` attributes, so a claim that disagrees with
 * the model fails the build naming the page and the line.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';

interface JsxElement {
  type: string;
  name?: string | null;
  attributes?: { type: string; name: string; value: unknown }[];
  position?: { start: { line: number } };
  children?: JsxElement[];
}

/** Visits every node of the tree, depth first. */
function visit(node: JsxElement, fn: (node: JsxElement) => void): void {
  fn(node);
  for (const child of node.children ?? []) visit(child, fn);
}

/** The plugin: adds `line` and `source` to every Claim element. */
export function remarkClaimLines() {
  return (tree: Root, file: VFile) => {
    const source = file.path ? file.path.replace(`${process.cwd()}/`, '') : 'unknown file';
    visit(tree as unknown as JsxElement, (node) => {
      if ((node.type === 'mdxJsxTextElement' || node.type === 'mdxJsxFlowElement') && node.name === 'Claim') {
        node.attributes ??= [];
        node.attributes.push(
          { type: 'mdxJsxAttribute', name: 'line', value: String(node.position?.start.line ?? 0) },
          { type: 'mdxJsxAttribute', name: 'source', value: source },
        );
      }
    });
  };
}
