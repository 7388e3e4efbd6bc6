/** The site's base path with a trailing slash, for links and fetches that must work under any deployment base. */
export const siteBase = import.meta.env.BASE_URL.replace(/\/?$/, '/');
