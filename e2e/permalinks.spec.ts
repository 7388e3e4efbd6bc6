/** Permalinks that last: the address bar and every copied link carry the full, explicit state and v=1; old spellings still open; revised states say so. */
import { expect, test } from '@playwright/test';
import { readyWidget } from './site.ts';
import { scenarios } from '../src/model/index.ts';

/** The parameter names of a scenario, in its order, then v. */
function fullKeys(id: string): string[] {
  return [...scenarios.find((s) => s.id === id)!.params.map((p) => p.name), 'v'];
}

test.describe('scenario permalinks', () => {
  test('a page opened without a state shows the full default state in the address bar', async ({ page }) => {
    await page.goto('/scenarios/nodeport/');
    await expect(page).toHaveURL(/v=1/);
    expect([...new URL(page.url()).searchParams.keys()]).toEqual(fullKeys('nodeport'));
    expect(new URL(page.url()).searchParams.get('externalTrafficPolicy')).toBe('Cluster');
  });

  test('copy link on the default state copies every parameter and v=1, and the link reopens the same answer', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/scenarios/loadbalancer/');
    const widget = await readyWidget(page, '[data-scenario="loadbalancer"]');
    await widget.getByRole('button', { name: 'Copy link to this state' }).click();
    await expect(widget.locator('[data-copy-status]')).toHaveText('Link copied.');
    const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
    expect([...copied.searchParams.keys()]).toEqual(fullKeys('loadbalancer'));
    expect(copied.searchParams.get('lb')).toBe('l7-http');
    expect(copied.searchParams.get('v')).toBe('1');
    const remoteAddr = await widget.locator('[data-field="remoteAddr"]').getAttribute('data-value');
    const second = await context.newPage();
    await second.goto(copied.href);
    await expect(second.locator('[data-scenario="loadbalancer"][data-ready] [data-field="remoteAddr"]')).toHaveAttribute(
      'data-value',
      remoteAddr!,
    );
  });

  test('a link with on/off and a partial state opens without a notice and is rewritten in full', async ({ page }) => {
    await page.goto('/scenarios/ingress/?lb=l4-proxy-protocol&useProxyProtocol=on#answer');
    const widget = await readyWidget(page, '[data-scenario="ingress"]');
    await expect(widget.getByLabel('use-proxy-protocol')).toHaveValue('true');
    await expect(widget.locator('[data-notices]')).toBeHidden();
    await expect(page).toHaveURL(/useProxyProtocol=true/);
    const url = new URL(page.url());
    expect([...url.searchParams.keys()]).toEqual(fullKeys('ingress'));
    expect(url.hash).toBe('#answer');
  });

  test('a revised state says so and links its entry on What changed; another state does not', async ({ page }) => {
    await page.goto('/scenarios/nodeport/?externalTrafficPolicy=Local&v=1');
    const widget = await readyWidget(page, '[data-scenario="nodeport"]');
    const notice = widget.locator('[data-revision-notice]');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('This answer was revised on 2026-11-26');
    await notice.getByRole('link', { name: 'A NodePort Service has no health check node port' }).click();
    await expect(page).toHaveURL(/\/what-changed\/#2026-11-26-nodeport-health-check$/);
    await expect(page.locator('[id="2026-11-26-nodeport-health-check"]')).toBeVisible();
    await page.goto('/scenarios/nodeport/?externalTrafficPolicy=Cluster&v=1');
    await expect(page.locator('[data-scenario="nodeport"][data-ready] [data-revision-notice]')).toBeHidden();
    await page.locator('[data-scenario="nodeport"][data-ready]').getByLabel('externalTrafficPolicy').selectOption('Local');
    await expect(page.locator('[data-scenario="nodeport"] [data-revision-notice]')).toBeVisible();
  });

  test('a parameter that cannot matter is greyed out and says so; it comes back when it matters', async ({ page }) => {
    await page.goto('/scenarios/pod-to-pod/?placement=self&v=1');
    const widget = await readyWidget(page, '[data-scenario="pod-to-pod"]');
    const caller = widget.locator('[data-param="caller"]');
    await expect(caller).toHaveAttribute('data-inapplicable', '');
    await expect(caller.getByText('Makes no difference in this state.')).toBeVisible();
    await widget.getByLabel('Where the caller runs').selectOption('same-node');
    await expect(caller).not.toHaveAttribute('data-inapplicable');
    await expect(caller.getByText('Makes no difference in this state.')).toBeHidden();
  });
});

test.describe('tool permalinks', () => {
  test('the resolver’s copied link carries every input and v=1, never a cookie', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/tools/resolver/');
    const widget = await readyWidget(page, '[data-widget="resolver"]');
    await expect(page).toHaveURL(/v=1/);
    await widget.getByLabel('Request headers').fill('X-Forwarded-For: 203.0.113.7\nCookie: session=s3cret');
    await widget.getByRole('button', { name: 'Copy link to this input' }).click();
    const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
    expect(copied.searchParams.get('v')).toBe('1');
    expect(copied.searchParams.get('headers')).toBe('X-Forwarded-For: 203.0.113.7');
    for (const name of ['remoteAddr', 'strategy', 'trusted', 'hops', 'recursive', 'recurse', 'header', 'trust', 'useRemoteAddress'])
      expect(copied.searchParams.has(name), name).toBe(true);
    expect(copied.href).not.toMatch(/s3cret|Cookie/i);
  });

  test('the diagnose page’s copied link carries every field, empty ones too, and v=1', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/diagnose/');
    const widget = await readyWidget(page, '[data-widget="diagnose"]');
    await widget.getByRole('button', { name: 'Copy link to this diagnosis' }).click();
    const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
    expect([...copied.searchParams.keys()]).toEqual([
      'remoteAddr',
      'xForwardedFor',
      'xRealIp',
      'proxyProtocol',
      'podCidr',
      'nodeAddresses',
      'loadBalancers',
      'ingressPods',
      'v',
    ]);
    expect(page.url()).toBe(copied.href);
  });
});
