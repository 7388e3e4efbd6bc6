/**
 * The search button fix of src/components/overrides/NamedByContent.astro.
 * Source of the markup: @astrojs/starlight 0.42.4, dist/components/Search.astro (the
 * installed package, read below), as the site's build renders it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nameSearchButtonByContent } from '../../src/components/overrides/name-by-content.ts';

const starlightSearch =
  '<button data-open-modal disabled aria-label="Search" aria-keyshortcuts="Control+K" class="astro-b5kgnn7o"><svg aria-hidden="true"></svg>' +
  '<span class="sl-hidden md:sl-block astro-b5kgnn7o" aria-hidden="true">Search</span>' +
  '<kbd class="sl-hidden md:sl-flex astro-b5kgnn7o" style="display: none;"><kbd class="astro-b5kgnn7o">Ctrl</kbd><kbd class="astro-b5kgnn7o">K</kbd></kbd></button>' +
  '<dialog style="padding:0" aria-label="Search"><button data-close-modal>Cancel</button></dialog>';

describe('nameSearchButtonByContent', () => {
  it('names the open button by a visually hidden span and hides the shortcut, leaving the dialog alone', () => {
    expect(nameSearchButtonByContent(starlightSearch)).toBe(
      '<button data-open-modal disabled aria-keyshortcuts="Control+K" class="astro-b5kgnn7o"><span class="sr-only">Search</span><svg aria-hidden="true"></svg>' +
        '<span class="sl-hidden md:sl-block astro-b5kgnn7o" aria-hidden="true">Search</span>' +
        '<kbd aria-hidden="true" class="sl-hidden md:sl-flex astro-b5kgnn7o" style="display: none;"><kbd class="astro-b5kgnn7o">Ctrl</kbd><kbd class="astro-b5kgnn7o">K</kbd></kbd></button>' +
        '<dialog style="padding:0" aria-label="Search"><button data-close-modal>Cancel</button></dialog>',
    );
  });

  it('fails loudly when there is no open button', () => {
    expect(() => nameSearchButtonByContent('<button data-close-modal>Cancel</button>')).toThrow(/no <button data-open-modal>/);
  });

  it('fails loudly when the button has no aria-label', () => {
    expect(() =>
      nameSearchButtonByContent(starlightSearch.replace(' aria-label="Search" aria-keyshortcuts', ' aria-keyshortcuts')),
    ).toThrow(/no aria-label/);
  });

  it('fails loudly when the button shows no shortcut', () => {
    expect(() => nameSearchButtonByContent('<button data-open-modal aria-label="Search">Search</button>')).toThrow(/no <kbd> shortcut/);
  });

  it("matches the installed Starlight's search button: data-open-modal, an aria-label and a <kbd> shortcut", () => {
    const source = readFileSync(fileURLToPath(import.meta.resolve('@astrojs/starlight/components/Search.astro')), 'utf8');
    const button = /<button\s+data-open-modal\b[^>]*>[\s\S]*?<\/button>/.exec(source)?.[0];
    expect(button).toBeDefined();
    expect(button).toMatch(/\saria-label=/);
    expect(button).toMatch(/<kbd\b/);
  });
});
