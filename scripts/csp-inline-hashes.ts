/**
 * Completes each built page's Content-Security-Policy: Astro hashes the
 * scripts it bundles, but not the `is:inline` scripts that Starlight's own
 * components write (theme, sidebar, search shortcut). This adds the SHA-256 of
 * every inline script a page really contains to that page's script-src, so the
 * policy can stay strict (no 'unsafe-inline', no 'unsafe-eval').
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

/** Adds the missing inline-script hashes to one page's CSP; returns how many it added. */
export function completeCsp(html: string): { html: string; added: number } {
  const hashes = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`,
  );
  let added = 0;
  const out = html.replace(
    /(<meta http-equiv="content-security-policy" content="[^"]*script-src )([^;"]*)/,
    (_, head: string, sources: string) => {
      const present = new Set(sources.split(/\s+/));
      const missing = [...new Set(hashes)].filter((h) => !present.has(h));
      added = missing.length;
      return `${head}${[sources.trim(), ...missing].join(' ')}`;
    },
  );
  return { html: out, added };
}

/** Completes every page of a build. */
export function completeCspInDir(dir: string): { pages: number; added: number } {
  let added = 0;
  const files = htmlFiles(dir);
  for (const file of files) {
    const result = completeCsp(readFileSync(file, 'utf8'));
    if (result.added > 0) writeFileSync(file, result.html);
    added += result.added;
  }
  return { pages: files.length, added };
}
