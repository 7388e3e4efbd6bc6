import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagramStyle, selfThemedSvg, starlightPalettes } from '../../scripts/diagram-theme.ts';

const require = createRequire(import.meta.url);
/** Starlight's own colour variables (@astrojs/starlight/dist/style/props.css), as the build reads them. */
const props = readFileSync(join(dirname(require.resolve('@astrojs/starlight/style/markdown.css')), 'props.css'), 'utf8');

describe('starlightPalettes', () => {
  // The values Starlight's props.css sets for its default accent: `:root` (dark) and `:root[data-theme='light']`.
  it("reads both themes' colours from Starlight's props.css", () => {
    expect(starlightPalettes(props)).toEqual({
      dark: {
        text: 'hsl(0, 0%, 100%)',
        line: 'hsl(224, 6%, 77%)',
        border: 'hsl(224, 6%, 56%)',
        lifeline: 'hsl(224, 7%, 36%)',
        fill: 'hsl(224, 10%, 10%)',
        noteFill: 'hsl(224, 54%, 20%)',
        noteBorder: 'hsl(224, 100%, 60%)',
        accent: 'hsl(224, 100%, 85%)',
        dropFill: 'hsl(339, 39%, 22%)',
        dropBorder: 'hsl(339, 82%, 63%)',
        // --sl-color-bg-nav is var(--sl-color-gray-6) in the dark theme.
        labelFill: 'hsl(224, 14%, 16%)',
      },
      light: {
        text: 'hsl(224, 10%, 10%)',
        line: 'hsl(224, 10%, 23%)',
        border: 'hsl(224, 7%, 36%)',
        lifeline: 'hsl(224, 6%, 56%)',
        fill: 'hsl(0, 0%, 100%)',
        noteFill: 'hsl(234, 88%, 90%)',
        noteBorder: 'hsl(234, 90%, 60%)',
        accent: 'hsl(234, 80%, 30%)',
        dropFill: 'hsl(339, 80%, 90%)',
        dropBorder: 'hsl(339, 90%, 60%)',
        // --sl-color-bg-nav is var(--sl-color-gray-7) in the light theme.
        labelFill: 'hsl(224, 19%, 97%)',
      },
    });
  });

  it('fails loudly when a colour is missing, rather than drawing an unthemed diagram', () => {
    expect(() => starlightPalettes(props.replace(/--sl-color-accent-low:[^;]*;/g, ''))).toThrow(/--sl-color-accent-low/);
    expect(() => starlightPalettes(props.replace(":root[data-theme='light']", ':root.light'))).toThrow(/light/);
  });
});

describe('selfThemedSvg', () => {
  const palettes = starlightPalettes(props);
  const svg =
    '<svg id="d-1" viewBox="0 0 10 10"><title id="t">Hops</title><desc id="d">From the client to the app.</desc><g><rect class="actor"></rect></g></svg>';

  it('puts the style sheet after the title and description and wraps the drawing in the group #dark targets', () => {
    expect(selfThemedSvg(svg, palettes, 'sequence')).toBe(
      `<svg id="d-1" viewBox="0 0 10 10"><title id="t">Hops</title><desc id="d">From the client to the app.</desc><style>${diagramStyle(palettes, 'sequence')}</style><g id="dark"><g><rect class="actor"></rect></g></g></svg>`,
    );
  });

  it('draws light by default and dark when the URL targets #dark', () => {
    const style = diagramStyle(palettes, 'sequence');
    expect(style).toContain(`svg{--text:${palettes.light.text};`);
    expect(style).toContain(`#dark:target{--text:${palettes.dark.text};`);
    expect(style).toContain('rect.actor{fill:var(--fill);stroke:var(--border)');
  });

  it("colours a path diagram's parts as the page once did: places on the path in the accent, a drop in red", () => {
    const style = diagramStyle(palettes, 'flowchart');
    expect(style).toContain('.onpath rect,.onpath path.basic{stroke:var(--accent);stroke-width:2px}');
    expect(style).toContain('.drop rect,.drop path{fill:var(--dropFill);stroke:var(--dropBorder)}');
    expect(style).not.toContain('rect.actor');
    expect(diagramStyle(palettes, 'sequence')).not.toContain('.onpath');
  });

  it('refuses anything but one <svg> element', () => {
    expect(() => selfThemedSvg('<div></div>', palettes, 'flowchart')).toThrow(/single <svg>/);
  });
});
