/**
 * Where the site is deployed, read at build time from the environment so that a
 * team can host the guide in its own knowledge base: SITE_URL is the origin
 * (canonical URLs, the sitemap), BASE_PATH the folder the site lives in
 * (every link, script, diagram and evidence fetch, the search index).
 */

/** The origin used when SITE_URL is not set: the address `npm start` serves. */
export const DEFAULT_SITE_URL = 'http://localhost:4321';

/** A deployment target: an origin and a base path that starts and ends with "/". */
export interface SiteTarget {
  site: string;
  base: string;
}

/** Reads SITE_URL and BASE_PATH; throws with the variable's name when one cannot be a deployment target. */
export function siteTarget(env: Record<string, string | undefined>): SiteTarget {
  const siteText = env.SITE_URL?.trim() || DEFAULT_SITE_URL;
  let url: URL;
  try {
    url = new URL(siteText);
  } catch {
    throw new Error(`SITE_URL must be an absolute URL such as https://kb.example.com, not ${JSON.stringify(siteText)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`SITE_URL must be an http or https URL, not ${siteText}`);
  // A path in SITE_URL and another in BASE_PATH could disagree silently: the path has one home.
  if (url.pathname !== '/' || url.search || url.hash)
    throw new Error(`SITE_URL is the origin only (${url.origin}); put the path ${url.pathname} in BASE_PATH`);
  return { site: url.origin, base: basePath(env.BASE_PATH) };
}

/** BASE_PATH as "/" or "/a/b/": leading and trailing slash added, empty segments and dot segments refused. */
export function basePath(text: string | undefined): string {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '' || trimmed === '/') return '/';
  const segments = trimmed.replace(/^\/+|\/+$/g, '').split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..' || !/^[A-Za-z0-9._~!$&'()*+,;=:@%-]+$/.test(segment))
      throw new Error(`BASE_PATH must be a path such as /kb/field-guide/, not ${JSON.stringify(text)}`);
  }
  return `/${segments.join('/')}/`;
}
