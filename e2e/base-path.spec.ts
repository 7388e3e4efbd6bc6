/**
 * The site hosted under a sub-path, as a team's knowledge base would host it:
 * the build of `npm run build:base-path` (dist-base/, BASE_PATH=/kb/field-guide/),
 * served by scripts/serve.ts under that path only. Every page of its sitemap
 * must load, and after every widget's knobs are turned (diagram and evidence
 * fetches), with no failed request, no request outside the base, no console
 * error and no link that leaves the base.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { BASE_PATH_DIR, TEST_BASE_PATH } from './base-path.ts';
import { readyWidget } from './site.ts';

/** Every page of the sub-path build, as URL paths from its sitemap; empty when it was not built. */
function basePathPages(): string[] {
  if (!existsSync(BASE_PATH_DIR)) return [];
  const file = readdirSync(BASE_PATH_DIR).find((name) => /^sitemap-\d+\.xml$/.test(name));
  if (!file) return [];
  const xml = readFileSync(join(BASE_PATH_DIR, file), 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
}

/** What a page asked for: every request, the ones that failed or went outside the base, and console errors. */
interface Traffic {
  requests: string[];
  problems: string[];
}

/** Records every request of a page and flags failures, answers of 400 or more, and anything outside origin + base. */
function record(page: Page, site: URL): Traffic {
  const traffic: Traffic = { requests: [], problems: [] };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    traffic.requests.push(url.pathname);
    if (url.origin !== site.origin || !url.pathname.startsWith(site.pathname)) traffic.problems.push(`outside the base: ${request.url()}`);
  });
  page.on('requestfailed', (request) => traffic.problems.push(`failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) traffic.problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') traffic.problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => traffic.problems.push(`page error: ${error.message}`));
  return traffic;
}

/** Scrolls through the page so that every widget hydrates, then waits for the network to settle. */
async function scrollThrough(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 30));
    }
  });
  await page.waitForLoadState('networkidle');
}

/** Sets every select of every scenario widget to another value, one after another, so each widget fetches other diagrams and evidence. */
async function turnScenarioKnobs(page: Page): Promise<number> {
  // A widget's code starts on a reader's first interaction with it: focus entering each, as a Tab or a tap does.
  await page
    .locator('scenario-widget')
    .evaluateAll((widgets) => widgets.forEach((w) => w.dispatchEvent(new FocusEvent('focusin', { bubbles: true }))));
  await expect(page.locator('scenario-widget:not([data-ready])')).toHaveCount(0);
  const selects = page.locator('scenario-widget[data-ready] select');
  const count = await selects.count();
  for (let i = 0; i < count; i++) {
    const select = selects.nth(i);
    const values = await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    const current = await select.inputValue();
    const other = values.find((v) => v !== current);
    if (other !== undefined) await select.selectOption(other);
  }
  await page.waitForLoadState('networkidle');
  return count;
}

const pages = basePathPages();

test.describe('under a base path', () => {
  test.skip(pages.length === 0, `no sub-path build in ${BASE_PATH_DIR}/: run npm run build:base-path first`);

  test('the sitemap lists every page under the base', () => {
    expect(pages.length).toBeGreaterThan(5);
    for (const path of pages) expect(path.startsWith(TEST_BASE_PATH), path).toBe(true);
  });

  for (const path of pages) {
    test(`${path}: loads, and its widgets work, with every request inside the base`, async ({ page, baseURL }) => {
      const base = new URL(baseURL!);
      const traffic = record(page, base);
      const response = await page.goto(new URL(path, base).href);
      expect(response?.status()).toBe(200);
      await scrollThrough(page);
      const selects = await turnScenarioKnobs(page);
      if (selects > 0) {
        // The widgets fetched other states' diagrams and evidence, from the base.
        expect(traffic.requests.filter((p) => p.startsWith(`${base.pathname}diagrams/`) && p.endsWith('.svg')).length).toBeGreaterThan(0);
        expect(traffic.requests.filter((p) => p.startsWith(`${base.pathname}evidence/`)).length).toBeGreaterThan(0);
        await expect(page.getByText('This diagram could not be loaded')).toHaveCount(0);
      }
      // Every link the page holds now, including those the widgets wrote, stays on the site under its base.
      const links = await page.locator('a[href]').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
      const leaving = links.filter((href) => {
        const url = new URL(href);
        return url.origin === base.origin && !url.pathname.startsWith(base.pathname);
      });
      expect(leaving, 'links outside the base').toEqual([]);
      expect(traffic.problems).toEqual([]);
    });
  }

  test('the resolver and the diagnose widget keep their state links under the base', async ({ page, baseURL }) => {
    const base = new URL(baseURL!);
    const traffic = record(page, base);
    await page.goto(new URL('diagnose/', base).href);
    // Widgets start on a reader's first interaction: readyWidget focuses it and waits.
    const diagnose = await readyWidget(page, 'diagnose-widget');
    const stateLinks = diagnose.locator('a[href*="scenarios/"]');
    await expect(stateLinks.first()).toBeVisible();
    for (const href of await stateLinks.evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href)))
      expect(new URL(href).pathname.startsWith(`${base.pathname}scenarios/`), href).toBe(true);
    // Following one of them opens the scenario under the base. Opened by its address rather than a click: in one run
    // of a fresh clone the click's document request was reported aborted (net::ERR_ABORTED) and the page still
    // loaded; the cause was not found, and what this test is about is where the link points.
    await page.goto(await stateLinks.first().evaluate((a) => (a as HTMLAnchorElement).href));
    await expect(page).toHaveURL(new RegExp(`^${base.href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}scenarios/`));
    await page.locator('scenario-widget').first().scrollIntoViewIfNeeded();
    await expect(page.locator('scenario-widget[data-ready]').first()).toBeVisible();
    // Let its diagram and evidence fetches finish: leaving the page would abort them.
    await page.waitForLoadState('networkidle');
    await page.goto(new URL('tools/resolver/', base).href);
    await page.locator('resolver-widget').scrollIntoViewIfNeeded();
    await page.locator('resolver-widget').dispatchEvent('focusin');
    await expect(page.locator('resolver-widget[data-ready]')).toBeVisible();
    expect(traffic.problems).toEqual([]);
  });

  test('search finds pages and links them under the base', async ({ page, baseURL }) => {
    const base = new URL(baseURL!);
    const traffic = record(page, base);
    await page.goto(base.href);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('dialog', { name: 'Search' }).getByRole('textbox').fill('masquerade');
    const result = page.locator('.pagefind-ui__result-link').first();
    await expect(result).toBeVisible({ timeout: 10_000 });
    expect(new URL(await result.evaluate((a) => (a as HTMLAnchorElement).href)).pathname.startsWith(base.pathname)).toBe(true);
    expect(traffic.requests.some((p) => p.startsWith(`${base.pathname}pagefind/`))).toBe(true);
    expect(traffic.problems).toEqual([]);
  });

  test('a missing page under the base shows the site 404 page with its styles', async ({ page, baseURL }) => {
    const base = new URL(baseURL!);
    const traffic = record(page, base);
    const response = await page.goto(new URL('no-such-page/', base).href);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1')).toBeVisible();
    // Only the page itself answers 404 (which the browser also logs); its styles, scripts and favicon load from the base.
    expect(traffic.problems).toEqual([
      `HTTP 404: ${new URL('no-such-page/', base).href}`,
      'console error: Failed to load resource: the server responded with a status of 404 (Not Found)',
    ]);
  });
});
