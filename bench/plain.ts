/**
 * The "plain Starlight" twin of the site that `npm run bench` measures every page against: a generated Astro project in
 * .cache/bench-plain/ with the same site origin, Starlight version, title, sidebar, search (and its accessible-name override),
 * favicon and CSP (directives, and the same completion of each page's inline-script hashes), holding each page's prose only. The real build is untouched: nothing here is imported by
 * astro.config.mjs or any page.
 *
 * The rule for the prose (PLAIN_RULE, also written into bench/results.md):
 * - a `<Claim>` becomes the text it wraps (the sentence reads the same, without the check's link);
 * - the components that only write text and tables into the page (TEXT_COMPONENTS: the revision lists, the load share
 *   tables) stay, rendered by the same component: they are the page's prose, written from data;
 * - every other component of this project (`src/components/*.astro`: the widgets with their diagrams, hop and answer
 *   tables and evidence, and the lab evidence blocks) is dropped, with its import;
 * - Starlight's own components (Aside, CardGrid, LinkCard) and all Markdown stay as they are;
 * - the project's page-wide stylesheet (src/styles/guide.css: the claims' marks and the deferred sections) is left out, as
 *   are the build-time remark/rehype plugins that check claims, rename anchors and defer the prose below a widget
 *   (a plain page has none of these; the widgets' own stylesheets go with the widgets).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { siteTarget } from '../scripts/site-config.ts';

/** The rule that turns a page into its plain twin, in words, for the results file. */
export const PLAIN_RULE =
  "Each page's MDX with every `<Claim>` replaced by the text it wraps, the components that only write text and tables (the revision lists, the load share tables) kept as they render, and every other component of this project (the widgets with their diagrams, hop and answer tables and evidence; the lab evidence blocks) dropped; Starlight's own components and all Markdown kept; the same site origin, Starlight version, title, sidebar, search, favicon and CSP (directives and per-page inline-script hashes), without the project's stylesheets (they style only the dropped parts) and its build-time plugins (claim checks, renamed anchors, deferred sections).";

/** The project's components that only write text and tables: the plain twin keeps them. */
export const TEXT_COMPONENTS = ['Revisions', 'LoadShareTable'];

/** The folder the plain twin is generated in. */
export const plainRoot = resolve('.cache', 'bench-plain');

/** The folder the plain twin is built into. */
export const plainDist = join(plainRoot, 'dist');

/** The project's component names that the MDX imports from src/components/, by the import lines. */
function projectComponents(mdx: string): string[] {
  return [...mdx.matchAll(/^import\s+(\w+)\s+from\s+['"][^'"]*src\/components\/[^'"]+['"];?\s*$/gm)].map((m) => m[1]!);
}

/** One page's MDX (from the folder `sourceDir`) turned into its plain prose, by PLAIN_RULE. */
export function plainMdx(mdx: string, sourceDir: string): string {
  let out = mdx;
  for (const name of projectComponents(mdx)) {
    if (TEXT_COMPONENTS.includes(name)) continue;
    if (name === 'Claim') {
      out = out.replace(/<Claim\b[^>]*>([\s\S]*?)<\/Claim>/g, '$1');
    } else {
      out = out.replace(new RegExp(`<${name}\\b[^>]*/>`, 'g'), '');
      out = out.replace(new RegExp(`<${name}\\b[^>]*>[\\s\\S]*?</${name}>`, 'g'), '');
    }
  }
  // The dropped components' imports go; every other relative import (kept components, the model's values a page
  // prints) points at the project's file by its absolute path.
  return out.replace(
    /^(import\s+(?:(\w+)|\{[^}]*\})\s+from\s+)['"](\.{1,2}\/[^'"]+)['"];?[ \t]*$/gm,
    (_line, head: string, name: string | undefined, path: string) =>
      name !== undefined && path.includes('src/components/') && !TEXT_COMPONENTS.includes(name)
        ? ''
        : `${head}${JSON.stringify(resolve(sourceDir, path))};`,
  );
}

/** Every file under a folder, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path).map((f) => join(name, f)) : [name];
  });
}

/** The twin's Astro config: the real one's Starlight options and CSP directives, without the project's own parts. */
function plainConfig(): string {
  const search = JSON.stringify(resolve('src/components/overrides/Search.astro'));
  const real = readFileSync('astro.config.mjs', 'utf8');
  // The sidebar and CSP directives are copied from the real config's text so the two cannot drift apart.
  const sidebar = /sidebar: (\[[\s\S]*?\n {6}\]),/.exec(real)?.[1];
  const directives = /directives: (\[[\s\S]*?\]),/.exec(real)?.[1];
  const scriptDirective = /scriptDirective: (\{[^\n]*\}),/.exec(real)?.[1];
  const styleDirective = /styleDirective: (\{[^\n]*\}),/.exec(real)?.[1];
  const title = /title: ('[^']*'),/.exec(real)?.[1];
  const description = /description:\s*('[^']*'),/.exec(real)?.[1];
  if (!sidebar || !directives || !scriptDirective || !styleDirective || !title || !description) {
    throw new Error('bench/plain.ts: could not read the sidebar, title or CSP from astro.config.mjs');
  }
  const csp = JSON.stringify(resolve('scripts/csp-inline-hashes.ts'));
  return `// Generated by bench/plain.ts: the plain Starlight twin of the site, for the benchmark only.
import mdx from '@astrojs/mdx';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { completeCspInDir } from ${csp};

export default defineConfig({
  // The same origin as the real build, so Starlight writes the same canonical, sitemap and og:url tags.
  site: ${JSON.stringify(siteTarget(process.env).site)},
  trailingSlash: 'always',
  security: { csp: { directives: ${directives}, scriptDirective: ${scriptDirective}, styleDirective: ${styleDirective} } },
  integrations: [
    // The same policy completion as the real build: without it Starlight's own inline scripts would be blocked.
    { name: 'plain-csp', hooks: { 'astro:build:done': ({ dir }) => { completeCspInDir(fileURLToPath(dir)); } } },
    starlight({
      title: ${title},
      description: ${description},
      favicon: '/favicon.svg',
      components: { Search: ${search} },
      sidebar: ${sidebar},
    }),
    mdx(),
  ],
});
`;
}

/** Generates the plain twin in .cache/bench-plain/ and builds it into its dist/; returns the build's wall time in seconds. */
export function buildPlainTwin(): number {
  rmSync(plainRoot, { recursive: true, force: true });
  const docs = join(plainRoot, 'src', 'content', 'docs');
  for (const file of filesUnder('content/docs')) {
    const target = join(docs, file);
    mkdirSync(dirname(target), { recursive: true });
    const text = readFileSync(join('content/docs', file), 'utf8');
    writeFileSync(target, /\.mdx?$/.test(file) ? plainMdx(text, dirname(join('content/docs', file))) : text);
  }
  mkdirSync(join(plainRoot, 'public'), { recursive: true });
  copyFileSync('public/favicon.svg', join(plainRoot, 'public', 'favicon.svg'));
  writeFileSync(
    join(plainRoot, 'src', 'content.config.ts'),
    `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };
`,
  );
  writeFileSync(join(plainRoot, 'astro.config.mjs'), plainConfig());
  const start = performance.now();
  execFileSync('npx', ['astro', 'build', '--root', relative(process.cwd(), plainRoot)], { stdio: 'ignore' });
  return (performance.now() - start) / 1000;
}
