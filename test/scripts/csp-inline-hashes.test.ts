import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { completeCsp, cspPrecedesScripts, inlineScriptHashes } from '../../scripts/csp-inline-hashes.ts';

/** A page laid out as Astro and Starlight write it: theme script first, the policy after it. */
const page = [
  '<!DOCTYPE html><html><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width"/>',
  '<script>window.theme = 1;</script>',
  `<meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self' 'sha256-known='; style-src 'self' 'unsafe-inline' ;">`,
  '<script type="module" src="/_astro/a.js"></script>',
  '</head><body><script>window.sidebar = 2;</script></body></html>',
].join('');

/** The CSP source expression for a script text, computed here the way the CSP specification defines it. */
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('completeCsp', () => {
  it('lists exactly the hashes of the inline scripts: adds the missing ones, none for external scripts, drops those matching no script', () => {
    expect(inlineScriptHashes(page)).toEqual([sha256('window.theme = 1;'), sha256('window.sidebar = 2;')]);
    const { html, added, dropped } = completeCsp(page);
    expect({ added, dropped }).toEqual({ added: 2, dropped: 1 });
    const scriptSrc = /script-src ([^;]*)/.exec(html)?.[1];
    expect(scriptSrc).toBe(`'self' ${sha256('window.theme = 1;')} ${sha256('window.sidebar = 2;')}`);
  });

  it('keeps a listed hash that matches an inline script, once, where it was', () => {
    const listed = page.replace("'sha256-known='", `'wasm-unsafe-eval' ${sha256('window.sidebar = 2;')}`);
    const { html, added, dropped } = completeCsp(listed);
    expect({ added, dropped }).toEqual({ added: 1, dropped: 0 });
    expect(/script-src ([^;]*)/.exec(html)?.[1]).toBe(
      `'self' 'wasm-unsafe-eval' ${sha256('window.sidebar = 2;')} ${sha256('window.theme = 1;')}`,
    );
  });

  it('moves the policy right after <meta charset>, before the first script', () => {
    expect(cspPrecedesScripts(page)).toBe(false);
    const { html } = completeCsp(page);
    expect(cspPrecedesScripts(html)).toBe(true);
    expect(html).toMatch(/^<!DOCTYPE html><html><head><meta charset="utf-8"\/><meta http-equiv="content-security-policy"/);
    expect(html.match(/http-equiv="content-security-policy"/g)).toHaveLength(1);
  });

  it('is idempotent: a second pass adds nothing and changes nothing', () => {
    const once = completeCsp(page).html;
    expect(completeCsp(once)).toEqual({ html: once, added: 0, dropped: 0 });
  });

  it('leaves a page without a policy unchanged', () => {
    const plain = '<html><head><script>x()</script></head></html>';
    expect(completeCsp(plain)).toEqual({ html: plain, added: 0, dropped: 0 });
    expect(cspPrecedesScripts(plain)).toBe(false);
  });
});
