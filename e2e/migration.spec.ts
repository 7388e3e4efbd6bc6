/**
 * The "Moving off ingress-nginx" page: the default answer without JavaScript, controls that update the YAML and the
 * before/after table, a clear message for a bad CIDR, a copied link that carries the full state, every migration claim
 * set through the widget's labelled controls, and no horizontal page overflow on a phone or a desktop.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator } from '@playwright/test';
import { readyWidget } from './site.ts';

const PAGE = '/migrate-from-ingress-nginx/';
const WIDGET = 'migration-widget';

/** The page's migration claims, read from the built HTML: the widget state, the field and the hand-written expectation. */
function migrationClaims(): { migration: string; field: string; expect: string }[] {
  // The built site e2e serves: dist/, or another build directory named by E2E_DIST.
  const html = readFileSync(join(process.env.E2E_DIST ?? 'dist', PAGE, 'index.html'), 'utf8');
  const decode = (s: string) =>
    s
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
  return [...html.matchAll(/<span class="claim"([^>]*)>/g)].flatMap((m) => {
    const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(m[1]!)?.[1];
    const migration = attr('data-claim-migration');
    return migration === undefined
      ? []
      : [{ migration: decode(migration), field: attr('data-claim-field') ?? '', expect: decode(attr('data-claim-expect') ?? '') }];
  });
}

/** Sets the widget's controls to a claim's state through their labels (parameters the claim leaves out keep the defaults). */
async function setControls(widget: Locator, query: URLSearchParams): Promise<void> {
  const labels: Record<string, string> = {
    proxyRealIpCidr: 'proxy-real-ip-cidr',
    forwardedForHeader: 'forwarded-for-header',
    whitelistSourceRange: 'whitelist-source-range',
    useForwardedHeaders: 'use-forwarded-headers',
    computeFullForwardedFor: 'compute-full-forwarded-for',
    useProxyProtocol: 'use-proxy-protocol',
    enableRealIp: 'enable-real-ip',
    forgedHeader: 'The client forges',
  };
  for (const [name, value] of query) {
    if (name === 'target') await widget.getByLabel('Moving to').selectOption(value);
    else if (name === 'loadBalancer') await widget.getByLabel('Load balancer in front').selectOption(value);
    else if (value === 'true' || value === 'false') await widget.getByLabel(labels[name]!).setChecked(value === 'true');
    else await widget.getByLabel(labels[name]!).fill(value);
  }
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the default answer is in the page', async ({ page }) => {
    await page.goto(PAGE);
    const widget = page.locator(WIDGET);
    await expect(widget.locator('[data-field="beforeClientIp"]')).toHaveAttribute('data-value', '203.0.113.7');
    await expect(widget.locator('[data-field="afterClientIp"]')).toHaveAttribute('data-value', '203.0.113.7');
    await expect(widget.locator('[data-field="afterXForwardedFor"]')).toHaveAttribute('data-value', '203.0.113.7,192.0.2.2');
    await expect(widget.locator('[data-field="afterXRealIp"]')).toHaveAttribute('data-value', '');
    await expect(widget.locator('[data-field="allowlistMatches"]')).toHaveAttribute('data-value', '203.0.113.7');
    await expect(widget.locator('[data-yaml]')).toContainText('kind: ClientTrafficPolicy');
  });
});

test('changing the target updates the YAML and the table', async ({ page }) => {
  await page.goto(PAGE);
  const widget = await readyWidget(page, WIDGET);
  await widget.getByLabel('Moving to').selectOption('traefik');
  await expect(widget.locator('[data-yaml]')).toContainText('forwardedHeaders:');
  await expect(widget.locator('[data-field="afterClientIp"]')).toHaveAttribute('data-value', '192.0.2.2');
  await expect(widget.locator('[data-field="afterXRealIp"]')).toHaveAttribute('data-value', '192.0.2.2');
  await expect(page).toHaveURL(/target=traefik/);
});

test('a bad CIDR shows a clear message next to its input, and the page keeps working', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(PAGE);
  const widget = await readyWidget(page, WIDGET);
  await widget.getByLabel('proxy-real-ip-cidr').fill('192.0.2.0/33');
  await expect(widget.locator('[data-message-for="proxyRealIpCidr"]')).toContainText('is not a CIDR range or an IP address');
  await expect(widget.getByLabel('proxy-real-ip-cidr')).toHaveAttribute('aria-invalid', 'true');
  await widget.getByLabel('proxy-real-ip-cidr').fill('192.0.2.0/24');
  await expect(widget.locator('[data-message-for="proxyRealIpCidr"]')).toBeEmpty();
  await expect(widget.locator('[data-field="afterClientIp"]')).toHaveAttribute('data-value', '203.0.113.7');
  expect(errors).toEqual([]);
});

test('copy link carries the full state, and the link reproduces it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(PAGE);
  const widget = await readyWidget(page, WIDGET);
  await widget.getByLabel('Moving to').selectOption('haproxy-ingress');
  await widget.getByLabel('compute-full-forwarded-for').setChecked(true);
  await widget.getByRole('button', { name: 'Copy link to these settings' }).click();
  await expect(widget.locator('[data-copy-status]')).toHaveText('Link copied.');
  const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  expect(Object.fromEntries(copied.searchParams)).toEqual({
    target: 'haproxy-ingress',
    loadBalancer: 'auto',
    useForwardedHeaders: 'true',
    proxyRealIpCidr: '192.0.2.0/24',
    computeFullForwardedFor: 'true',
    useProxyProtocol: 'false',
    enableRealIp: 'false',
    forwardedForHeader: 'X-Forwarded-For',
    whitelistSourceRange: '203.0.113.0/24',
    forgedHeader: 'false',
    v: '1',
  });
  const second = await context.newPage();
  await second.goto(copied.toString());
  const again = await readyWidget(second, WIDGET);
  await expect(again.getByLabel('Moving to')).toHaveValue('haproxy-ingress');
  await expect(again.locator('[data-yaml]')).toContainText('forwardfor: update');
});

test.describe('claims', () => {
  const claims = migrationClaims();
  test('the page states migration claims', () => {
    expect(claims.length).toBeGreaterThan(5);
  });
  for (const [i, claim] of claims.entries()) {
    test(`claim ${i + 1}: ${claim.migration} ${claim.field}`, async ({ page }) => {
      await page.goto(PAGE);
      const widget = await readyWidget(page, WIDGET);
      await setControls(widget, new URLSearchParams(claim.migration));
      await expect(widget.locator(`[data-field="${claim.field}"]`)).toHaveAttribute('data-value', claim.expect);
    });
  }
});

for (const [name, size] of [
  ['phone', { width: 375, height: 740 }],
  ['desktop', { width: 1280, height: 900 }],
] as const) {
  test(`${name}: no horizontal page overflow`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto(PAGE);
    const widget = await readyWidget(page, WIDGET);
    await widget.getByLabel('Moving to').selectOption('istio');
    await expect(widget.locator('[data-yaml]')).toContainText('proxy.istio.io/config');
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  });
}
