import { describe, expect, it } from 'vitest';
import { minifySvg } from '../../scripts/render-diagrams.ts';

/** Parts of a flowchart as mermaid 11 writes it (trimmed): an unreferenced marker, a used one, id-less shadow filters. */
const flowchart = [
  '<svg id="d-00ef6fc420c8f4" aria-labelledby="chart-title-d-00ef6fc420c8f4"><title id="chart-title-d-00ef6fc420c8f4">Path</title>',
  '<marker id="m-unused"><path d="M 0 0 L 1 1"></path></marker><marker id="m-used"><path d="M 0 0 L 2 2"></path></marker>',
  '<path d="M88.123,60L88,96" class="edge-thickness-normal edge-pattern-solid edge-thickness-normal flowchart-link" style="stroke-dasharray: 0 0 32 4; stroke-dashoffset: 0;;" marker-end="url(#m-used)"></path>',
  '<path d="M1,2" style="stroke-dashoffset: 0.5;"></path>',
  '<g class="label"><rect></rect><g></g><text>Node B</text></g>',
  '<defs><filter id="drop-shadow-unused" height="130%"><feDropShadow dx="4"></feDropShadow></filter></defs>',
  '<defs><filter height="150%"><feDropShadow dx="2"></feDropShadow></filter></defs>',
  '<linearGradient x1="0%"><stop offset="0%"></stop></linearGradient></svg>',
].join('\n');

describe('minifySvg', () => {
  const out = minifySvg(flowchart);

  it('keeps the diagram id, its title link, the text and the marker in use', () => {
    expect(out).toContain('<svg id="d-00ef6fc420c8f4" aria-labelledby="chart-title-d-00ef6fc420c8f4">');
    expect(out).toContain('<title id="chart-title-d-00ef6fc420c8f4">Path</title>');
    expect(out).toContain('<marker id="m-used">');
    expect(out).toContain('<text>Node B</text>');
  });

  it('drops what nothing uses: markers and ids nothing references, then the filters and gradients left without an id', () => {
    expect(out).not.toContain('m-unused');
    expect(out).not.toContain('<filter');
    expect(out).not.toContain('linearGradient');
  });

  it('writes each class once, drops a zero dash offset (not another) and empty rectangles and groups', () => {
    expect(out).toContain('class="edge-thickness-normal edge-pattern-solid flowchart-link"');
    expect(out).toContain('style="stroke-dasharray: 0 0 32 4;"');
    expect(out).toContain('style="stroke-dashoffset: 0.5;"');
    expect(out).toContain('<g class="label"><text>Node B</text></g>');
  });

  it('shortens geometry to a tenth of a pixel', () => {
    expect(out).toContain('d="M88.1,60L88,96"');
  });
});
