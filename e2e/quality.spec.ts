/**
 * Site-wide quality checks on every page of the sitemap, so a new page is
 * checked the day it is added: axe in both themes, no console errors or
 * warnings, no request to any other origin, a strict CSP that the page works under.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { sitePaths, watch } from './site.ts';

const paths = sitePaths();

for (const path of paths) {
  for (const theme of ['light', 'dark'] as const) {
    test(`${path} (${theme}): no axe violations, no console errors or warnings, no foreign requests`, async ({ page, baseURL }) => {
      const watcher = watch(page, baseURL!);
      await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      // Scroll through the page so that every widget hydrates and every diagram is in view once.
      await page.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += 600) {
          window.scrollTo(0, y);
          await new Promise((r) => setTimeout(r, 30));
        }
        window.scrollTo(0, 0);
      });
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page }).analyze();
      const violations = results.violations.map(
        (v) =>
          `${v.id} (${v.impact}): ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(' | ')}`,
      );
      expect(violations, 'axe violations').toEqual([]);
      expect(watcher.problems, 'console messages and foreign requests').toEqual([]);
    });
  }
}

test('every page has a CSP meta tag allowing only its own origin, with no eval', async ({ request }) => {
  for (const path of paths) {
    const html = await (await request.get(path)).text();
    const csp = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp, path).toContain("default-src 'self'");
    expect(csp, path).toMatch(/script-src 'self'/);
    expect(csp, path).not.toContain("'unsafe-eval'");
    expect(csp, path).not.toMatch(/https?:|\*/);
    expect(csp.match(/script-src[^;]*/)?.[0], path).not.toContain("'unsafe-inline'");
  }
});

test('the widgets and the search work under the CSP', async ({ page, baseURL }) => {
  const watcher = watch(page, baseURL!);
  await page.goto('/scenarios/nodeport/');
  const widget = page.locator('[data-scenario="nodeport"][data-ready]');
  await widget.getByLabel('externalTrafficPolicy').selectOption('Local');
  await widget.getByLabel('The node the traffic enters').selectOption('node-with-endpoint');
  await expect(widget.locator('[data-field="remoteAddr.role"]')).toHaveAttribute('data-value', 'client');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('dialog', { name: 'Search' }).getByRole('textbox').fill('masquerade');
  await expect(page.locator('.pagefind-ui__result').first()).toBeVisible({ timeout: 10_000 });
  expect(watcher.problems).toEqual([]);
});
