/**
 * Renders every diagram any page or widget state can show, with the real
 * mermaid package in headless Chromium, once per distinct text: a persistent
 * cache keyed by mermaid's version and the text's hash, then copied to
 * public/diagrams/<hash>.svg, minified, as images that colour themselves
 * (diagram-theme.ts), which pages load only near the viewport.
 */
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { allDiagramTexts } from '../src/diagrams/states.ts';
import { chromiumArgs, systemChromium } from './chromium.ts';
import { selfThemedSvg, starlightPalettes } from './diagram-theme.ts';

const require = createRequire(import.meta.url);
const mermaidVersion: string = require('mermaid/package.json').version;
const mermaidScript = require.resolve('mermaid/dist/mermaid.min.js');
/** Starlight's colour variables, beside the one style sheet its package exports by name. */
const starlightProps = join(dirname(require.resolve('@astrojs/starlight/style/markdown.css')), 'props.css');

/** Where rendered SVGs persist between builds, and where the site serves them from. */
/** Bump when the post-processing of rendered SVGs changes, so cached renders are redone. */
const POST_PROCESSING = 5;

/**
 * Every diagram is shown at this share of its natural size, never shrunk to the column: the smallest label (14 px in
 * sequence diagrams) renders at 11.2 px, flowchart labels (16 px) at 12.8 px; a diagram wider than the column scrolls.
 */
const DIAGRAM_SCALE = 0.8;
export const cacheDir = join('.cache', 'diagrams', `mermaid-${mermaidVersion}-p${POST_PROCESSING}`);
export const publicDir = join('public', 'diagrams');

/** Mermaid's settings: SVG text labels (no HTML in foreignObject), the neutral theme, whose colours diagram-theme.ts replaces. */
const mermaidConfig = {
  startOnLoad: false,
  theme: 'neutral',
  securityLevel: 'strict',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  flowchart: { htmlLabels: false, useMaxWidth: true },
  sequence: { useMaxWidth: true, wrap: false, mirrorActors: false, messageFontSize: 14, actorFontSize: 14, noteFontSize: 14 },
};

/**
 * Makes one SVG serve both themes: mermaid's embedded <style> (fixed colours)
 * is removed, so the site's diagram CSS, written with Starlight's colour
 * variables, styles it instead.
 */
export function themeNeutral(svg: string): string {
  const themed = svg.replace(/<style>[\s\S]*?<\/style>/, '');
  // Every diagram keeps a fixed share of its natural width (its page scrolls it sideways where needed) so labels stay readable.
  const natural = /max-width:\s*([\d.]+)px;?/.exec(themed)?.[1];
  if (!natural) return themed;
  return themed.replace(/ width="100%"/, ` width="${Math.ceil(Number(natural) * DIAGRAM_SCALE)}"`).replace(/max-width:\s*[\d.]+px;?/, '');
}

/** The attributes whose values are only numbers and coordinates: the ones whose decimals can be shortened. */
const GEOMETRY_ATTRIBUTES = /( (?:d|x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|dx|dy|points|transform|width|height|viewBox|refX|refY)=")([^"]*)"/g;

/**
 * Makes a rendered SVG smaller without changing what it shows: drops the marker definitions and ids nothing points at,
 * the filters and gradients nothing can point at (they have no id), mermaid's bookkeeping attributes, repeated class
 * names, default dash offsets, empty rectangles and groups, the font family and default weights (the site's CSS sets
 * the font), decimals past a tenth of a pixel in geometry, and whitespace between tags. Text, titles and descriptions
 * are untouched.
 */
export function minifySvg(svg: string): string {
  const referenced = new Set<string>();
  for (const m of svg.matchAll(/url\(#([^)"']+)\)|href="#([^"]+)"|aria-(?:labelledby|describedby)="([^"]+)"/g)) {
    for (const id of (m[1] ?? m[2] ?? m[3]!).split(/\s+/)) referenced.add(id);
  }
  return (
    svg
      // mermaid defines every arrow kind (and, in sequence diagrams, actor icons) in every diagram; each uses one or two.
      .replace(/<(marker|symbol) id="([^"]+)"[\s\S]*?<\/\1>/g, (whole, _tag: string, id: string) => (referenced.has(id) ? whole : ''))
      .replace(/<defs><\/defs>/g, '')
      // The diagram keeps its own id (d-<hash>: tests and the widget find a state's diagram by it), the arrowhead its own,
      // which the site's CSS names.
      .replace(/ id="([^"]+)"/g, (whole, id: string) =>
        referenced.has(id) || /^d-[0-9a-f]+$/.test(id) || id.includes('arrowhead') ? whole : '',
      )
      // Once the ids nothing references are gone, a filter or gradient without an id cannot be used.
      .replace(/<defs><filter (?![^>]*\bid=)[^>]*>[\s\S]*?<\/filter><\/defs>/g, '')
      .replace(/<linearGradient (?![^>]*\bid=)[^>]*>[\s\S]*?<\/linearGradient>/g, '')
      .replace(/ (?:data-(?:look|et|id|type|node|edge|points|from|to)|name)="[^"]*"/g, '')
      .replace(/ class="([^"]*)"/g, (_whole, names: string) => ` class="${[...new Set(names.trim().split(/\s+/))].join(' ')}"`)
      .replace(/\s*stroke-dashoffset:\s*0(?![\d.])(?:px)?;?/g, '')
      .replace(/;;+/g, ';')
      .replace(/<rect><\/rect>|<g><\/g>/g, '')
      .replace(/ font-(?:style|weight)="normal"/g, '')
      .replace(/\s*font-family:(?:[^;"&]|&[a-z]+;)*(?:;|(?="))/g, '')
      .replace(/\s*font-weight:\s*(?:400|normal);?/g, '')
      .replace(/ style="\s*"/g, '')
      .replace(GEOMETRY_ATTRIBUTES, (_whole, name: string, value: string) => `${name}${value.replace(/(\d\.\d)\d+/g, '$1')}"`)
      .replace(/>\s+</g, '><')
  );
}

/** Renders the texts that are not cached yet; returns counts and timings. */
export async function renderDiagrams(
  log: (line: string) => void = console.log,
): Promise<{ total: number; rendered: number; seconds: number }> {
  const started = performance.now();
  const texts = allDiagramTexts();
  mkdirSync(cacheDir, { recursive: true });
  const missing = [...texts].filter(([hash]) => !existsSync(join(cacheDir, `${hash}.svg`)));
  if (missing.length > 0) {
    const executablePath = systemChromium();
    log(
      `diagrams: rendering ${missing.length} of ${texts.size} with mermaid ${mermaidVersion} in ${executablePath ?? "Playwright's Chromium"}`,
    );
    const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: chromiumArgs });
    try {
      // Mermaid's layout is CPU-bound in the page's renderer process: one page per core renders side by side, each
      // taking the next batch when it is done.
      const pages = Math.max(1, Math.min(availableParallelism(), 4));
      const batchSize = 50;
      let next = 0;
      const renderer = async (): Promise<void> => {
        const page = await browser.newPage();
        await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
        await page.addScriptTag({ path: mermaidScript });
        await page.evaluate(
          (config) => (globalThis as unknown as { mermaid: { initialize(c: unknown): void } }).mermaid.initialize(config),
          mermaidConfig,
        );
        for (let i = next; i < missing.length; i = next) {
          next += batchSize;
          const batch = missing.slice(i, i + batchSize).map(([hash, text]) => ({ id: `d-${hash}`, text }));
          const svgs = await page.evaluate(async (items) => {
            const mermaid = (globalThis as unknown as { mermaid: { render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
            const out: string[] = [];
            for (const item of items) out.push((await mermaid.render(item.id, item.text)).svg);
            return out;
          }, batch);
          batch.forEach((item, j) => writeFileSync(join(cacheDir, `${item.id.slice(2)}.svg`), themeNeutral(svgs[j]!)));
        }
      };
      await Promise.all(Array.from({ length: pages }, renderer));
    } finally {
      await browser.close();
    }
  }
  // The site serves exactly the current diagrams: stale files from older texts are removed.
  rmSync(publicDir, { recursive: true, force: true });
  mkdirSync(publicDir, { recursive: true });
  const palettesCss = readFileSync(starlightProps, 'utf8');
  const palettes = starlightPalettes(palettesCss);
  // The finished files are kept too, under a key of everything that shapes them (Starlight's colours and the code
  // that minifies and themes), so a build whose diagrams are cached only copies them.
  const finishing = createHash('sha256')
    .update(palettesCss)
    .update(readFileSync(new URL('./diagram-theme.ts', import.meta.url)))
    .update(readFileSync(new URL(import.meta.url)))
    .digest('hex')
    .slice(0, 12);
  const finishedDir = join(cacheDir, `finished-${finishing}`);
  mkdirSync(finishedDir, { recursive: true });
  for (const [hash, text] of texts) {
    const finished = join(finishedDir, `${hash}.svg`);
    if (!existsSync(finished)) {
      const svg = minifySvg(readFileSync(join(cacheDir, `${hash}.svg`), 'utf8'));
      writeFileSync(finished, selfThemedSvg(svg, palettes, text.startsWith('sequenceDiagram') ? 'sequence' : 'flowchart'));
    }
    copyFileSync(finished, join(publicDir, `${hash}.svg`));
  }
  const seconds = (performance.now() - started) / 1000;
  log(`diagrams: ${texts.size} distinct, ${missing.length} rendered, ${texts.size - missing.length} from cache, ${seconds.toFixed(1)} s`);
  return { total: texts.size, rendered: missing.length, seconds };
}

/** The cached SVG files, for a quick count. */
export function cachedCount(): number {
  return existsSync(cacheDir) ? readdirSync(cacheDir).filter((name) => name.endsWith('.svg')).length : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await renderDiagrams();
}
