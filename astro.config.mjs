// @ts-check
import mdx from '@astrojs/mdx';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { renderDiagrams } from './scripts/render-diagrams.ts';
import { remarkClaimLines } from './scripts/remark-claim-lines.ts';
import { writeEvidenceFiles } from './scripts/write-evidence.ts';
import { writeRevisionMarks } from './scripts/write-revision-marks.ts';
import { completeCspInDir } from './scripts/csp-inline-hashes.ts';
import { remarkBaseLinks } from './scripts/remark-base-links.ts';
import { rehypeRenamedAnchors } from './scripts/rehype-renamed-anchors.ts';
import { rehypeDeferredSections } from './scripts/rehype-deferred-sections.ts';
import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import { siteTarget } from './scripts/site-config.ts';
import { widgetCode } from './scripts/widget-code.ts';
import { fileURLToPath } from 'node:url';

/** Renders every diagram and writes the lab's evidence files and the revision marks before any page is rendered, so pages can inline the default state's. */
const diagrams = {
  name: 'field-guide-diagrams',
  hooks: {
    /** @param {{ logger: { info(line: string): void } }} options */
    'astro:config:setup': async ({ logger }) => {
      await renderDiagrams((line) => logger.info(line));
      const evidence = writeEvidenceFiles(target.base);
      logger.info(`evidence: ${evidence.files} states written to public/evidence/, ${evidence.withEvidence} of them with lab evidence`);
      const marks = writeRevisionMarks();
      logger.info(`revision marks: ${marks.scenarios} scenarios written to public/revision-marks/, ${marks.revised} of them revised`);
    },
    /** @param {{ dir: URL, logger: { info(line: string): void } }} options */
    'astro:build:done': ({ dir, logger }) => {
      const csp = completeCspInDir(fileURLToPath(dir));
      logger.info(`csp: ${csp.added} inline-script hashes added and ${csp.dropped} unmatched ones dropped over ${csp.pages} pages`);
    },
  },
};

// The deployment origin and base path, from SITE_URL and BASE_PATH at build time (README, "Hosting it yourself").
const target = siteTarget(process.env);

export default defineConfig({
  site: target.site,
  base: target.base,
  trailingSlash: 'always',
  // Each widget's code as a module of its own, whose URL the page's inlined start-up script holds (scripts/widget-code.ts).
  vite: { plugins: [widgetCode(new URL('./', import.meta.url))] },
  // The legacy plugin list (not a custom processor), so that integrations' own remark plugins, such as the links validator's, still run.
  // Heading ids are given first (as Starlight does for its own heading links) so that renamed headings can keep their old anchors.
  markdown: {
    remarkPlugins: [remarkClaimLines, [remarkBaseLinks, { base: target.base }]],
    // Last, so that it wraps the finished sections (scripts/rehype-deferred-sections.ts).
    rehypePlugins: [rehypeHeadingIds, rehypeRenamedAnchors, rehypeDeferredSections],
  },
  // Only the site's own origin; hashes for Astro's and Starlight's inline scripts are added by Astro;
  // 'wasm-unsafe-eval' lets Pagefind's search run; never 'unsafe-eval'.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
    },
  },
  integrations: [
    diagrams,
    starlight({
      title: 'Client IPs in Kubernetes',
      description: 'Which address your app sees, hop by hop: pod to pod, NodePort, LoadBalancer and Ingress, with the fix for each.',
      favicon: '/favicon.svg',
      customCss: ['./src/styles/guide.css'],
      // The pages live in content/docs, outside src/content/docs: without this, Starlight's own Markdown plugins (heading
      // anchor links, asides) skip them.
      markdown: { processedDirs: ['./content/docs'] },
      components: { Search: './src/components/overrides/Search.astro' },
      // Hero links written as site paths get the BASE_PATH, as the remark plugin does for the page body.
      routeMiddleware: './src/starlight/base-links.ts',
      sidebar: [
        { label: 'Start here', items: ['concepts', 'diagnose'] },
        // Listed by slug: Starlight's autogenerate reads paths relative to src/content/docs, and the pages live in content/docs.
        {
          label: 'Scenarios',
          items: ['scenarios/pod-to-pod', 'scenarios/nodeport', 'scenarios/loadbalancer', 'scenarios/ingress', 'scenarios/gateway'],
        },
        { label: 'Tools', items: ['tools/resolver'] },
        { label: 'Operating it', items: ['health-checks', 'troubleshooting', 'migrate-from-ingress-nginx', 'corrections', 'what-changed'] },
      ],
    }),
    mdx(),
  ],
});
