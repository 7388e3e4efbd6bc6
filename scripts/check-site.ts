/**
 * Checks the built site (dist/) as a whole: every internal link and anchor
 * resolves, every page has a title and a meta description, and no page refers
 * to another origin for a script, style, image or font. Prints each problem and
 * "N passed, N failed". Run after the build: npm run check:site.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DIST = 'dist';

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
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
}

/** The file a site path is served from, or null. */
function fileFor(pathname: string): string | null {
  const clean = decodeURIComponent(pathname);
  const candidates = [join(DIST, clean), join(DIST, clean, 'index.html')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

const problems: string[] = [];
let checks = 0;
const files = htmlFiles(DIST);
const idCache = new Map<string, Set<string>>();
for (const file of files) {
  const html = readFileSync(file, 'utf8');
  const page = `/${file.slice(DIST.length + 1).replace(/index\.html$/, '')}`;
  checks++;
  if (!/<title>[^<]+<\/title>/.test(html)) problems.push(`${page}: no <title>`);
  checks++;
  if (!/<meta name="description" content="[^"]{20,}"/.test(html) && !page.startsWith('/404')) problems.push(`${page}: no meta description`);
  for (const m of html.matchAll(/<(?:script|link|img|source|iframe)\b[^>]*\s(?:src|href)="(https?:)?\/\/([^"]+)"/g)) {
    if (m[0].startsWith('<link') && /rel="(?:canonical|alternate|sitemap)"/.test(m[0])) continue;
    checks++;
    problems.push(`${page}: loads from another origin: //${m[2]}`);
  }
  for (const m of html.matchAll(/<a\b[^>]*\shref="([^"]+)"/g)) {
    const href = decodeEntities(m[1]!);
    if (/^(?:[a-z]+:|\/\/)/i.test(href)) continue;
    checks++;
    const url = new URL(href, `http://site${page}`);
    const target = fileFor(url.pathname);
    if (!target) {
      problems.push(`${page}: broken link ${href}`);
      continue;
    }
    if (url.hash && target.endsWith('.html')) {
      const ids = idCache.get(target) ?? idsOf(readFileSync(target, 'utf8'));
      idCache.set(target, ids);
      if (!ids.has(decodeURIComponent(url.hash.slice(1)))) problems.push(`${page}: broken anchor ${href}`);
    }
  }
}
for (const problem of problems) console.log(`FAIL ${problem}`);
console.log(`site: ${files.length} pages, ${checks} checks (links, anchors, titles, descriptions, origins)`);
console.log(`${checks - problems.length} passed, ${problems.length} failed`);
process.exitCode = problems.length === 0 ? 0 : 1;
