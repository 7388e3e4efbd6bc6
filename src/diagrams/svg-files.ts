/** Build-time access to the rendered diagrams (server only: reads the files the diagram step wrote). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The rendered SVG of a diagram text's hash, for inlining into a page. Fails the build when a diagram was not rendered. */
export function readDiagramSvg(hash: string): string {
  return readFileSync(join(process.cwd(), 'public', 'diagrams', `${hash}.svg`), 'utf8');
}

/** The width a rendered SVG takes on the page, in CSS pixels (fixed at build time); null when it has none. */
export function diagramWidth(svg: string): number | null {
  const width = Number(/^<svg[^>]* width="([\d.]+)"/.exec(svg)?.[1]);
  return width || null;
}

/** The height a rendered SVG takes on the page, in CSS pixels: its fixed width scaled by its viewBox; null when it has neither. */
export function diagramHeight(svg: string): number | null {
  const width = diagramWidth(svg);
  const box = /^<svg[^>]* viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"/.exec(svg);
  if (!width || !box) return null;
  return Math.ceil((width * Number(box[2])) / Number(box[1]));
}
