/**
 * Checks a built site as a whole: every internal link and anchor resolves and
 * stays inside the site's base path, every page has a title and a meta
 * description, no page refers to another origin for a script, style, image or
 * font, each page's CSP comes before its first script and hashes every inline
 * script, and every heading anchor ever published (permalinks/anchors.json) is
 * still on its page. Prints each problem and "N passed, N failed".
 *
 * Usage: node scripts/check-site.ts [--dir dist] [--base /kb/field-guide/] [--record-anchors]
 * --record-anchors adds the anchors of this build to permalinks/anchors.json
 * (never removes one: an anchor once published stays a promise).
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { cspPrecedesScripts, inlineScriptHashes } from './csp-inline-hashes.ts';
import { RENAMES_FILE, readRenames } from './rehype-renamed-anchors.ts';
import { basePath } from './site-config.ts';

/** Heading anchors published so far, per page path relative to the base ("/troubleshooting/"). */
const ANCHORS_FILE = 'permalinks/anchors.json';

const args = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    base: { type: 'string', default: '/' },
    'record-anchors': { type: 'boolean', default: false },
  },
});
const DIST = args.values.dir;
const BASE = basePath(args.values.base);

/** Every HTML file of the build. */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return name === '_astro' || name === 'pagefind' || name === 'diagrams' || name === 'evidence' ? [] : htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

/** Decodes the character references an attribute value may hold. */
function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The ids a page defines, for anchor checks. */
function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => decodeEntities(m[1]!)));
}

/** The anchors of a page's headings that a reader can link to (not Starlight's own `_top` and `starlight__*`). */
function headingAnchorsOf(html: string): string[] {
  return [...html.matchAll(/<h[1-6]\b[^>]*\sid="([^"]+)"/g)]
    .map((m) => decodeEntities(m[1]!))
    .filter((id) => id !== '_top' && !id.startsWith('starlight__'));
}

/** The file a URL path of the site is served from, or null (also for a path outside the base). */
function fileFor(pathname: string): string | null {
  if (!pathname.startsWith(BASE)) return null;
  const clean = decodeURIComponent(pathname.slice(BASE.length - 1));
  const candidates = [join(DIST, clean), join(DIST, clean, 'index.html')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

/** The anchors recorded so far. */
function readAnchors(): Record<string, string[]> {
  return existsSync(ANCHORS_FILE) ? (JSON.parse(readFileSync(ANCHORS_FILE, 'utf8')) as Record<string, string[]>) : {};
}

const problems: string[] = [];
let checks = 0;
const files = htmlFiles(DIST);
const idCache = new Map<string, Set<string>>();
const currentAnchors: Record<string, string[]> = {};
for (const file of files) {
  const html = readFileSync(file, 'utf8');
  // The page as the site lists it, relative to the base: "/scenarios/nodeport/".
  const page = `/${file.slice(DIST.length + 1).replace(/index\.html$/, '')}`;
  const url = `${BASE}${page.slice(1)}`;
  if (page.endsWith('/')) currentAnchors[page] = headingAnchorsOf(html);
  // An old anchor kept for a renamed heading must not collide with an id the page uses again.
  const allIds = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  checks++;
  const repeated = [...new Set(allIds.filter((id, i) => allIds.indexOf(id) !== i))];
  if (repeated.length > 0) problems.push(`${page}: ids used more than once: ${repeated.join(', ')}`);
  checks++;
  if (!/<title>[^<]+<\/title>/.test(html)) problems.push(`${page}: no <title>`);
  checks++;
  if (!/<meta name="description" content="[^"]{20,}"/.test(html) && !page.startsWith('/404')) problems.push(`${page}: no meta description`);
  checks++;
  if (!cspPrecedesScripts(html))
    problems.push(`${page}: a script comes before the CSP meta tag (or there is none), so the policy does not govern it`);
  const scriptSrc = /<meta http-equiv="content-security-policy" content="[^"]*script-src ([^;"]*)/.exec(html)?.[1]?.split(/\s+/) ?? [];
  for (const hash of new Set(inlineScriptHashes(html))) {
    checks++;
    if (!scriptSrc.includes(hash)) problems.push(`${page}: an inline script is not in the CSP (${hash}), so it would be blocked`);
  }
  for (const m of html.matchAll(/<(?:script|link|img|source|iframe)\b[^>]*\s(?:src|href)="(https?:)?\/\/([^"]+)"/g)) {
    if (m[0].startsWith('<link') && /rel="(?:canonical|alternate|sitemap)"/.test(m[0])) continue;
    checks++;
    problems.push(`${page}: loads from another origin: //${m[2]}`);
  }
  // Anything the page loads or links by a site path must live under the base, or the site only works at the root.
  for (const m of html.matchAll(/\s(?:src|href|action|srcset|data-[a-z-]+)="(\/(?!\/)[^"]*)"/g)) {
    checks++;
    if (!decodeEntities(m[1]!).startsWith(BASE)) problems.push(`${page}: ${m[0].trim()} is outside the base ${BASE}`);
  }
  for (const m of html.matchAll(/<link rel="canonical" href="([^"]+)"/g)) {
    checks++;
    // Starlight names the 404 page's canonical URL /404/; every other page's is its own URL.
    if (new URL(m[1]!).pathname !== url.replace(/404\.html$/, '404/')) problems.push(`${page}: canonical URL ${m[1]} is not ${url}`);
  }
  for (const m of html.matchAll(/<a\b[^>]*\shref="([^"]+)"/g)) {
    const href = decodeEntities(m[1]!);
    if (/^(?:[a-z]+:|\/\/)/i.test(href)) continue;
    checks++;
    const target = new URL(href, `http://site${url}`);
    const targetFile = fileFor(target.pathname);
    if (!targetFile) {
      problems.push(`${page}: broken link ${href}`);
      continue;
    }
    if (target.hash && targetFile.endsWith('.html')) {
      const ids = idCache.get(targetFile) ?? idsOf(readFileSync(targetFile, 'utf8'));
      idCache.set(targetFile, ids);
      if (!ids.has(decodeURIComponent(target.hash.slice(1)))) problems.push(`${page}: broken anchor ${href}`);
    }
  }
}

// The sitemaps list only pages of this build, under the base.
for (const name of readdirSync(DIST).filter((n) => /^sitemap-.*\.xml$/.test(n))) {
  for (const m of readFileSync(join(DIST, name), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)) {
    checks++;
    if (!fileFor(new URL(m[1]!).pathname)) problems.push(`${name}: ${m[1]} is not a file of this build under the base ${BASE}`);
  }
}

// Heading anchors: every one ever published must still be on its page, as a heading or as a renamed heading's old anchor.
const recorded = readAnchors();
const renames = readRenames();
for (const [page, anchors] of Object.entries(recorded)) {
  const file = fileFor(`${BASE}${page.slice(1)}`);
  const ids = file ? idsOf(readFileSync(file, 'utf8')) : new Set<string>();
  for (const anchor of anchors) {
    checks++;
    if (ids.has(anchor)) continue;
    const mapped = renames[page]?.[anchor];
    problems.push(
      mapped
        ? `${page}#${anchor}: renamed to #${mapped} in ${RENAMES_FILE}, but the page has no such id`
        : `${page}#${anchor}: a published anchor is gone; if its heading was renamed, map "${anchor}" to the new anchor under "${page}" in ${RENAMES_FILE}`,
    );
  }
}
if (args.values['record-anchors']) {
  const merged: Record<string, string[]> = {};
  for (const page of [...new Set([...Object.keys(recorded), ...Object.keys(currentAnchors)])].sort())
    merged[page] = [...new Set([...(recorded[page] ?? []), ...(currentAnchors[page] ?? [])])].sort();
  // Written as Prettier writes it, so that the formatter check passes on the recorded file.
  const options = (await prettier.resolveConfig(ANCHORS_FILE)) ?? {};
  writeFileSync(ANCHORS_FILE, await prettier.format(JSON.stringify(merged), { ...options, filepath: ANCHORS_FILE }));
  console.log(`anchors: recorded ${Object.values(merged).flat().length} anchors of ${Object.keys(merged).length} pages in ${ANCHORS_FILE}`);
} else {
  for (const [page, anchors] of Object.entries(currentAnchors)) {
    for (const anchor of anchors) {
      checks++;
      if (!recorded[page]?.includes(anchor))
        problems.push(
          `${page}#${anchor}: a new heading anchor is not recorded; run: node scripts/check-site.ts --record-anchors (and commit ${ANCHORS_FILE})`,
        );
    }
  }
}

for (const problem of problems) console.log(`FAIL ${problem}`);
console.log(
  `site (${DIST}, base ${BASE}): ${files.length} pages, ${checks} checks (links, anchors, base, titles, descriptions, origins, CSP, published anchors)`,
);
console.log(`${checks - problems.length} passed, ${problems.length} failed`);
process.exitCode = problems.length === 0 ? 0 : 1;
