/**
 * Completes each built page's Content-Security-Policy: Astro hashes the
 * scripts it bundles, but not the `is:inline` scripts that Starlight's own
 * components write (theme, sidebar, search shortcut). This adds the SHA-256 of
 * every inline script a page really contains to that page's script-src, so the
 * policy can stay strict (no 'unsafe-inline', no 'unsafe-eval').
 *
 * It also drops the hashes Astro lists that match no inline script of the page
 * (its bundled scripts elsewhere in the site, which 'self' already allows as
 * files): every page carried nine of them, about 0.4 KiB of incompressible text.
 *
 * It also moves the policy's <meta> to the top of <head>: a meta policy governs
 * only what the parser meets after it, and Astro writes it after Starlight's
 * theme script, which would then run unchecked.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every HTML file below a folder. */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? htmlFiles(path) : name.endsWith('.html') ? [path] : [];
  });
}

/** The policy's <meta> element as Astro writes it. */
const CSP_META = /<meta http-equiv="content-security-policy" content="[^"]*"\s*\/?>/;

/** The SHA-256 source expression of every inline script of a page, in document order. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`,
  );
}

/**
 * Makes one page's script-src list exactly the hashes of the inline scripts it contains (adding the missing ones,
 * dropping those that match none), and moves the policy right after <meta charset> (which must stay within the first
 * 1024 bytes), before every script; returns how many hashes it added and dropped. A page without a policy is returned
 * unchanged.
 */
export function completeCsp(html: string): { html: string; added: number; dropped: number } {
  const meta = CSP_META.exec(html)?.[0];
  if (!meta) return { html, added: 0, dropped: 0 };
  const hashes = [...new Set(inlineScriptHashes(html))];
  let added = 0;
  let dropped = 0;
  const completed = meta.replace(/(script-src )([^;"]*)/, (_, head: string, sources: string) => {
    const listed = sources.trim().split(/\s+/);
    const isHash = (source: string) => /^'sha(256|384|512)-/.test(source);
    const kept = listed.filter((source) => !isHash(source) || hashes.includes(source));
    const missing = hashes.filter((h) => !listed.includes(h));
    added = missing.length;
    dropped = listed.length - kept.length;
    return `${head}${[...kept, ...missing].join(' ')}`;
  });
  const without = html.replace(meta, '');
  const anchor = /<meta charset="[^"]*"\s*\/?>/.exec(without) ?? /<head[^>]*>/.exec(without);
  if (!anchor) throw new Error('csp: a page with a policy but no <head>');
  const at = anchor.index + anchor[0].length;
  return { html: `${without.slice(0, at)}${completed}${without.slice(at)}`, added, dropped };
}

/** Whether the page's policy comes before its first <script>, so that it governs every script. */
export function cspPrecedesScripts(html: string): boolean {
  const meta = CSP_META.exec(html);
  const script = /<script\b/.exec(html);
  return meta !== null && (script === null || meta.index < script.index);
}

/** Completes every page of a build. */
export function completeCspInDir(dir: string): { pages: number; added: number; dropped: number } {
  let added = 0;
  let dropped = 0;
  const files = htmlFiles(dir);
  for (const file of files) {
    const html = readFileSync(file, 'utf8');
    const result = completeCsp(html);
    if (result.html !== html) writeFileSync(file, result.html);
    added += result.added;
    dropped += result.dropped;
  }
  return { pages: files.length, added, dropped };
}
