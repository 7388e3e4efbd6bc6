/**
 * Makes a rendered diagram an image that colours itself: both diagrams of a state are shown as <img> elements that load
 * only when they come near the viewport, so they cannot take the page's CSS. Each carries the Starlight colours the
 * page would give it, read from Starlight's own palette, for both themes: the light one by default and the dark one
 * when the image's URL ends in #dark (the fragment targets the group wrapping the drawing).
 */

/** The Starlight colours a diagram uses, as CSS colour values. */
export interface Palette {
  /** Text: --sl-color-white, the strongest text colour of the theme. */
  text: string;
  /** Arrows and markers: --sl-color-gray-2. */
  line: string;
  /** Participant borders: --sl-color-gray-3. */
  border: string;
  /** Lifelines: --sl-color-gray-4. */
  lifeline: string;
  /** Participant fill: --sl-color-bg, the page background (--sl-color-black). */
  fill: string;
  /** Notes: --sl-color-accent-low, bordered with --sl-color-accent. */
  noteFill: string;
  noteBorder: string;
  /** The places on the request's path: --sl-color-accent-high. */
  accent: string;
  /** Where a request is dropped: --sl-color-red-low, bordered with --sl-color-red. */
  dropFill: string;
  dropBorder: string;
  /** Behind an edge's label: --sl-color-bg-nav, the widget's background. */
  labelFill: string;
}

/** The custom properties a palette is read from, per field. */
const VARIABLES: Record<keyof Palette, string> = {
  text: '--sl-color-white',
  line: '--sl-color-gray-2',
  border: '--sl-color-gray-3',
  lifeline: '--sl-color-gray-4',
  fill: '--sl-color-black',
  noteFill: '--sl-color-accent-low',
  noteBorder: '--sl-color-accent',
  accent: '--sl-color-accent-high',
  dropFill: '--sl-color-red-low',
  dropBorder: '--sl-color-red',
  labelFill: '--sl-color-bg-nav',
};

/**
 * The value of one custom property in a block of declarations: var(--sl-hue-*) references resolved from the whole text
 * (Starlight sets the hues once), var(--sl-color-*) references from the same block (--sl-color-bg-nav is a grey of the
 * theme).
 */
function declared(block: string, whole: string, name: string, depth = 0): string | undefined {
  const value = new RegExp(`${name}:\\s*([^;]+);`).exec(block)?.[1]?.trim();
  return value
    ?.replace(/var\((--sl-hue-[a-z]+)\)/g, (ref, hue: string) => new RegExp(`${hue}:\\s*([^;]+);`).exec(whole)?.[1]?.trim() ?? ref)
    .replace(/var\((--sl-color-[a-z0-9-]+)\)/g, (ref, color: string) =>
      depth < 3 ? (declared(block, whole, color, depth + 1) ?? ref) : ref,
    );
}

/**
 * Both palettes from Starlight's props.css (@astrojs/starlight/dist/style/props.css): the dark one from `:root`, the
 * light one from `:root[data-theme='light']`, each colour where that block sets it. Throws when one is missing, so a
 * Starlight release that renames them fails the build instead of drawing unthemed diagrams.
 */
export function starlightPalettes(propsCss: string): { light: Palette; dark: Palette } {
  const lightAt = propsCss.indexOf(":root[data-theme='light']");
  if (lightAt < 0) throw new Error("diagram-theme: Starlight's props.css has no :root[data-theme='light'] block");
  const darkBlock = propsCss.slice(0, lightAt);
  const lightBlock = propsCss.slice(lightAt);
  const read = (block: string, theme: string): Palette => {
    const entries = Object.entries(VARIABLES).map(([field, name]) => {
      const value = declared(block, propsCss, name);
      if (!value || value.includes('var(')) throw new Error(`diagram-theme: no ${theme} value for ${name} in Starlight's props.css`);
      return [field, value];
    });
    return Object.fromEntries(entries) as unknown as Palette;
  };
  return { dark: read(darkBlock, 'dark'), light: read(lightBlock, 'light') };
}

/** A palette as custom properties, for one rule of the image's style sheet. */
function properties(palette: Palette): string {
  return (Object.keys(VARIABLES) as (keyof Palette)[]).map((field) => `--${field}:${palette[field]}`).join(';');
}

/** The fonts the page uses for diagrams (Starlight's system stack), for an image that cannot inherit them. */
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue','Noto Sans',Arial,sans-serif";

/** Which drawing a style sheet is for: the path (a mermaid flowchart) or the hops (a sequence diagram). */
export type DiagramKind = 'flowchart' | 'sequence';

/** The rules for each kind's parts, in the palette's properties. */
const RULES: Record<DiagramKind, string[]> = {
  flowchart: [
    'text,.nodeLabel{fill:var(--text);stroke:none}',
    // Mermaid writes node labels as HTML in foreignObject: they take colour, not fill, and a paragraph's default margins.
    'foreignObject div{color:var(--text);font-size:16px}',
    'foreignObject p{margin:0}',
    '.node rect,.node polygon,.node path.basic{fill:var(--fill);stroke:var(--border);stroke-width:1px}',
    '.onpath rect,.onpath path.basic{stroke:var(--accent);stroke-width:2px}',
    '.drop rect,.drop path{fill:var(--dropFill);stroke:var(--dropBorder)}',
    '.flowchart-link{stroke:var(--line);fill:none}',
    '.arrowMarkerPath,marker path{fill:var(--line);stroke:var(--line)}',
    '.edgeLabel,.edgeLabel rect,.labelBkg{background:var(--labelFill);fill:var(--labelFill)}',
  ],
  sequence: [
    'text,.messageText,.noteText,.actor tspan,text.actor{fill:var(--text);stroke:none}',
    'rect.actor{fill:var(--fill);stroke:var(--border);stroke-width:1px}',
    '.messageLine0,.messageLine1{stroke:var(--line);fill:none}',
    '.actor-line{stroke:var(--lifeline)}',
    'marker path{fill:var(--line);stroke:var(--line)}',
    '.note{fill:var(--noteFill);stroke:var(--noteBorder)}',
  ],
};

/** The image's style sheet: the kind's parts in Starlight's colours, with the palette's properties for Starlight's variables. */
export function diagramStyle(palettes: { light: Palette; dark: Palette }, kind: DiagramKind): string {
  return [`svg{${properties(palettes.light)};font-family:${FONT}}`, `#dark:target{${properties(palettes.dark)}}`, ...RULES[kind]].join('');
}

/** A minified diagram as a self-colouring image: the style sheet first, the drawing wrapped in the group #dark targets. */
export function selfThemedSvg(svg: string, palettes: { light: Palette; dark: Palette }, kind: DiagramKind): string {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open || !svg.endsWith('</svg>')) throw new Error('diagram-theme: not a single <svg> element');
  const body = svg.slice(open[0].length, -'</svg>'.length);
  // The title and description stay the root's first children, where assistive technology looks for them.
  const heading = /^(?:<title\b[^>]*>[\s\S]*?<\/title>)?(?:<desc\b[^>]*>[\s\S]*?<\/desc>)?/.exec(body)![0];
  return `${open[0]}${heading}<style>${diagramStyle(palettes, kind)}</style><g id="dark">${body.slice(heading.length)}</g></svg>`;
}
