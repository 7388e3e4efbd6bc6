/**
 * Starlight route middleware: puts the site's base path in front of the hero's
 * action links, which a page writes in its frontmatter as site paths
 * (`link: /diagnose/`) and which Starlight renders as they are. Links in the
 * page body get the base from scripts/remark-base-links.ts.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { withBase } from '../../scripts/remark-base-links.ts';
import { siteBase } from '../widgets/site-base.ts';

/** The middleware Starlight runs for every page before rendering it. */
export const onRequest = defineRouteMiddleware((context) => {
  const hero = context.locals.starlightRoute.entry.data.hero;
  for (const action of hero?.actions ?? []) action.link = withBase(action.link, siteBase);
});
