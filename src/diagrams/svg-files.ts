/** Build-time access to the rendered diagrams (server only: reads the files the diagram step wrote). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The rendered SVG of a diagram text's hash, for inlining into a page. Fails the build when a diagram was not rendered. */
export function readDiagramSvg(hash: string): string {
  return readFileSync(join(process.cwd(), 'public', 'diagrams', `${hash}.svg`), 'utf8');
}
