/**
 * Site-wide quality checks on every page of the sitemap, so a new page is
 * checked the day it is added: axe in both themes, no console errors or
 * warnings, no request to any other origin, a strict CSP that the page works under.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { sitePaths, watch, readyWidget } from './site.ts';

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
  const widget = await readyWidget(page, '[data-scenario="nodeport"]');
  await widget.getByLabel('externalTrafficPolicy').selectOption('Local');
  await widget.getByLabel('The node the traffic enters').selectOption('node-with-endpoint');
  await expect(widget.locator('[data-field="remoteAddr.role"]')).toHaveAttribute('data-value', 'client');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('dialog', { name: 'Search' }).getByRole('textbox').fill('masquerade');
  await expect(page.locator('.pagefind-ui__result').first()).toBeVisible({ timeout: 10_000 });
  expect(watcher.problems).toEqual([]);
});

/** Violations the page reports, recorded from before its first script (an init script is not subject to the page's CSP). */
async function recordViolations(page: import('@playwright/test').Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: { directive: string; blocked: string }[] = [];
    (window as unknown as { cspViolations: typeof seen }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push({ directive: event.effectiveDirective, blocked: event.blockedURI }),
    );
  });
}

test('the CSP comes before every script of every page', async ({ request }) => {
  for (const path of paths) {
    const html = await (await request.get(path)).text();
    const meta = html.search(/<meta http-equiv="content-security-policy"/);
    expect(meta, path).toBeGreaterThan(-1);
    expect(meta, `${path}: the CSP meta tag must precede the first <script>`).toBeLessThan(html.search(/<script\b/));
  }
});

test('an inline script injected through the DOM does not run, and the page reports the violation', async ({ page }) => {
  await recordViolations(page);
  await page.goto('/scenarios/nodeport/');
  const outcome = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.injectedRan = true;';
    document.body.append(script);
    await new Promise((r) => setTimeout(r, 100));
    const w = window as unknown as { injectedRan?: boolean; cspViolations: { directive: string; blocked: string }[] };
    return { ran: w.injectedRan === true, violations: w.cspViolations };
  });
  expect(outcome.ran).toBe(false);
  expect(outcome.violations).toContainEqual({ directive: 'script-src-elem', blocked: 'inline' });
});

test('a built page with an inline script the build did not hash blocks it, even where Starlight writes its first script', async ({
  page,
}) => {
  await recordViolations(page);
  // The page as built, with two scripts added as a tampered page or a forgotten build step would: one right before
  // Starlight's theme script (the first script in <head>), one at the end of <body>.
  await page.route('**/scenarios/nodeport/', async (route) => {
    const html = await (await route.fetch()).text();
    const first = html.indexOf('<script');
    const tampered = `${html.slice(0, first)}<script>window.unhashedHead = true;</script>${html.slice(first)}`.replace(
      '</body>',
      '<script>window.unhashedBody = true;</script></body>',
    );
    await route.fulfill({ body: tampered, contentType: 'text/html; charset=utf-8' });
  });
  await page.goto('/scenarios/nodeport/');
  const outcome = await page.evaluate(() => {
    const w = window as unknown as {
      unhashedHead?: boolean;
      unhashedBody?: boolean;
      StarlightThemeProvider?: unknown;
      cspViolations: { directive: string; blocked: string }[];
    };
    return {
      head: w.unhashedHead === true,
      body: w.unhashedBody === true,
      starlight: w.StarlightThemeProvider !== undefined,
      violations: w.cspViolations,
    };
  });
  expect(outcome).toMatchObject({ head: false, body: false });
  // The page's own hashed scripts still run: the policy blocks what the build did not hash, not everything.
  expect(outcome.starlight).toBe(true);
  expect(outcome.violations.filter((v) => v.directive === 'script-src-elem' && v.blocked === 'inline')).toHaveLength(2);
  await expect(page.locator('scenario-widget')).toBeVisible();
});

/** Anchors once published that are no longer a heading's own id: kept for renamed headings (README, "Renaming a heading"). */
function retiredAnchors(): { path: string; anchor: string }[] {
  const recorded = JSON.parse(readFileSync('permalinks/anchors.json', 'utf8')) as Record<string, string[]>;
  return Object.entries(recorded).flatMap(([path, anchors]) => {
    const file = join('dist', path, 'index.html');
    const headings = existsSync(file)
      ? (readFileSync(file, 'utf8')
          .match(/<h[1-6]\b[^>]*\sid="[^"]+"/g)
          ?.join(' ') ?? '')
      : '';
    return anchors.filter((anchor) => !headings.includes(`id="${anchor}"`)).map((anchor) => ({ path, anchor }));
  });
}

for (const { path, anchor } of retiredAnchors()) {
  test(`${path}#${anchor}, a renamed heading's old anchor, still scrolls to that heading`, async ({ page }) => {
    await page.goto(`${path}#${anchor}`);
    const landed = await page.evaluate((id) => {
      const target = document.getElementById(id);
      if (!target) return null;
      // The heading the old anchor stands for: the one it sits in, else the first one after it.
      const headings = [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')];
      const heading =
        target.closest('h1, h2, h3, h4, h5, h6') ??
        headings.find((h) => target.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING);
      return heading ? { text: heading.textContent?.trim() ?? '', top: heading.getBoundingClientRect().top } : null;
    }, anchor);
    expect(landed, `#${anchor} is on the page before a heading`).not.toBeNull();
    // Scrolled to: the heading sits at the top of the viewport, below Starlight's fixed header.
    expect(landed!.top).toBeGreaterThan(0);
    expect(landed!.top).toBeLessThan(200);
  });
}
