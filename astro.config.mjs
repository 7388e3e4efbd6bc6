// @ts-check
import { unified } from '@astrojs/markdown-remark';
import mdx from '@astrojs/mdx';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { renderDiagrams } from './scripts/render-diagrams.ts';
import { remarkClaimLines } from './scripts/remark-claim-lines.ts';
import { writeEvidenceFiles } from './scripts/write-evidence.ts';

/** Renders every diagram and writes the lab's evidence files before any page is rendered, so pages can inline the default state's. */
const diagrams = {
  name: 'field-guide-diagrams',
  hooks: {
    /** @param {{ logger: { info(line: string): void } }} options */
    'astro:config:setup': async ({ logger }) => {
      await renderDiagrams((line) => logger.info(line));
      const evidence = writeEvidenceFiles();
      logger.info(`evidence: ${evidence.files} states written to public/evidence/, ${evidence.withEvidence} of them with lab evidence`);
    },
  },
};

export default defineConfig({
  site: 'https://client-ip.guide',
  trailingSlash: 'always',
  markdown: { processor: unified({ remarkPlugins: [remarkClaimLines] }) },
  integrations: [
    diagrams,
    starlight({
      title: 'Client IPs in Kubernetes',
      description: 'Which address your app sees, hop by hop: pod to pod, NodePort, LoadBalancer and Ingress, with the fix for each.',
      favicon: '/favicon.svg',
      customCss: ['./src/styles/guide.css'],
      sidebar: [
        { label: 'Start here', items: ['concepts', 'diagnose'] },
        { label: 'Scenarios', items: [{ autogenerate: { directory: 'scenarios' } }] },
        { label: 'Tools', items: [{ autogenerate: { directory: 'tools' } }] },
        { label: 'Operating it', items: ['health-checks', 'troubleshooting', 'corrections'] },
      ],
    }),
    mdx(),
  ],
});
