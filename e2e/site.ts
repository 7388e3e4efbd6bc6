/** Helpers for the browser tests: the site's pages from its sitemap, and a page that records console messages and foreign requests. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';

/** Every page path of the built site, from the sitemap Astro wrote, so a new page is tested the day it is added. */
export function sitePaths(): string[] {
  const file = readdirSync('dist').find((name) => /^sitemap-\d+\.xml$/.test(name));
  if (!file) throw new Error('No sitemap in dist/: run the build first.');
  const xml = readFileSync(join('dist', file), 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
}

/** A claim as the page marks it: the widget and state its link opens (full and explicit), the field and the hand-written expectation. */
export interface PageClaim {
  /** The scenario the link opens, or null for a tool's claim. */
  scenario: string | null;
  /** The scenario state the link carries, every parameter (null for a tool's claim). */
  params: string | null;
  /** The resolver input the link carries, for a resolver claim. */
  resolver: string | null;
  field: string;
  expect: string;
  text: string;
}

/** Every claim a built page carries, read from its HTML. */
export function claimsIn(path: string): PageClaim[] {
  const html = readFileSync(join('dist', path, 'index.html'), 'utf8');
  const decode = (s: string | undefined) =>
    s === undefined
      ? null
      : s
          .replace(/&amp;/g, '&')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'");
  return [...html.matchAll(/<span class="claim"([^>]*)>([\s\S]*?)<a class="claim-link" href="([^"]*)"/g)].map((m) => {
    const attr = (name: string) => decode(new RegExp(`${name}="([^"]*)"`).exec(m[1]!)?.[1]);
    // The link names the widget by its page (under any base path) and carries the state.
    const link = new URL(decode(m[3]!)!, 'http://site.invalid');
    const scenario = /\/scenarios\/([^/]+)\/$/.exec(link.pathname)?.[1] ?? null;
    const resolver = link.pathname.endsWith('/tools/resolver/') ? link.searchParams.toString() : null;
    return {
      scenario,
      params: scenario === null ? null : link.searchParams.toString(),
      resolver,
      field: attr('data-claim-field') ?? '',
      expect: attr('data-claim-expect') ?? '',
      text: m[2]!.replace(/<[^>]+>/g, '').trim(),
    };
  });
}

/** Records console errors and warnings, page errors, and requests to any origin other than the site's. */
export function watch(page: Page, baseURL: string): { problems: string[] } {
  const problems: string[] = [];
  const origin = new URL(baseURL).origin;
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin)
      problems.push(`request to another origin: ${request.url()}`);
  });
  return { problems };
}

/**
 * The widget matching `selector` once its script has started. A widget's code starts on a reader's first interaction
 * with it (or, on a page opened with a link's state, when it scrolls into view): scroll it into view, signal that
 * interaction (focus entering it, as a reader's Tab or tap does), then wait for `data-ready`.
 */
export async function readyWidget(page: Page, selector: string): Promise<Locator> {
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  await page.locator(selector).first().dispatchEvent('focusin');
  const ready = page.locator(`${selector}[data-ready]`);
  await ready.first().waitFor();
  return ready;
}
