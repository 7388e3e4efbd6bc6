import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

/** The guide's pages live in top-level content/docs (Starlight's own loader reads only src/content/docs). */
export const collections = {
  docs: defineCollection({ loader: glob({ pattern: '**/*.{md,mdx}', base: './content/docs' }), schema: docsSchema() }),
};
