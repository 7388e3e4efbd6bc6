/** The scenario widgets: permalinks both ways, bad URLs, diagrams that always match the answer, and the page without JavaScript. */
import { expect, test } from '@playwright/test';
import { diagramsOf } from '../src/diagrams/diagrams-of.ts';
import { fieldValues } from '../src/widgets/fields.ts';
import { scenarios, trace } from '../src/model/index.ts';

test.describe('permalinks', () => {
  test('opening a link with parameters shows that state', async ({ page }) => {
    await page.goto('/scenarios/nodeport/?externalTrafficPolicy=Local&entry=node-with-endpoint');
    const widget = page.locator('[data-scenario="nodeport"]');
    await expect(widget.getByLabel('externalTrafficPolicy')).toHaveValue('Local');
    await expect(widget.locator('[data-field="remoteAddr"]')).toHaveAttribute('data-value', '203.0.113.7');
    await expect(widget.locator('[data-field="remoteAddr.role"]')).toHaveAttribute('data-value', 'client');
  });

  test('changing a control writes the state into the URL, and that URL reproduces it', async ({ page, context }) => {
    await page.goto('/scenarios/ingress/');
    const widget = page.locator('[data-scenario="ingress"][data-ready]');
    await widget.getByLabel('use-forwarded-headers').selectOption('true');
    await widget.getByLabel('Client-sent X-Forwarded-For').selectOption('present');
    await expect(page).toHaveURL(/useForwardedHeaders=true/);
    await expect(page).toHaveURL(/spoofedHeader=present/);
    const url = page.url();
    const second = await context.newPage();
    await second.goto(url);
    await expect(second.locator('[data-scenario="ingress"] [data-field="xRealIp.role"]')).toHaveAttribute('data-value', 'spoofed');
    await expect(second.locator('[data-scenario="ingress"]').getByLabel('use-forwarded-headers')).toHaveValue('true');
  });

  test('copy link copies the URL of the state shown', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/scenarios/loadbalancer/');
    const widget = page.locator('[data-scenario="loadbalancer"][data-ready]');
    await widget.getByLabel('Load balancer listener').selectOption('l4-proxy-protocol');
    await widget.getByRole('button', { name: 'Copy link to this state' }).click();
    await expect(widget.locator('[data-copy-status]')).toHaveText('Link copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());
    expect(new URL(copied).searchParams.get('lb')).toBe('l4-proxy-protocol');
  });

  test('an invalid value in the URL falls back to the default with a visible notice', async ({ page }) => {
    await page.goto('/scenarios/nodeport/?externalTrafficPolicy=local&%3Cscript%3E=1');
    const widget = page.locator('[data-scenario="nodeport"]');
    const notice = widget.locator('[data-notices]');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('externalTrafficPolicy');
    await expect(notice).toContainText('<script>');
    await expect(widget.getByLabel('externalTrafficPolicy')).toHaveValue('Cluster');
    await expect(page.locator('scenario-widget script')).toHaveCount(0);
  });

  test('a huge query string does not break the page', async ({ page }) => {
    await page.goto(`/scenarios/nodeport/?entry=${'x'.repeat(8_000)}`);
    const widget = page.locator('[data-scenario="nodeport"]');
    await expect(widget.locator('[data-notices]')).toBeVisible();
    await expect(widget.getByLabel('The node the traffic enters')).toHaveValue('node-without-endpoint');
  });
});

test.describe('diagrams', () => {
  test('after every change both diagrams are the ones of the state shown', async ({ page }) => {
    await page.goto('/scenarios/loadbalancer/');
    const widget = page.locator('[data-scenario="loadbalancer"][data-ready]');
    const steps: Record<string, string>[] = [
      { lb: 'l4-passthrough' },
      { externalTrafficPolicy: 'Local' },
      { entry: 'node-with-endpoint' },
      { lb: 'l7-http' },
    ];
    const params: Record<string, string> = {};
    for (const step of steps) {
      for (const [name, value] of Object.entries(step)) {
        params[name] = value;
        await widget.locator(`select[name="${name}"]`).selectOption(value);
      }
      const expected = diagramsOf(trace('loadbalancer', params));
      for (const kind of ['flowchart', 'sequence'] as const) {
        const figure = widget.locator(`[data-diagram="${kind}"]`);
        await expect(figure).toHaveAttribute('data-hash', expected[kind].hash);
        await expect(figure).not.toHaveAttribute('aria-busy', 'true');
        await expect(figure.locator(`svg#d-${expected[kind].hash}`)).toHaveCount(1);
      }
    }
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  for (const scenario of scenarios) {
    test(`${scenario.id}: the default answer, both diagrams and the hop table are in the page`, async ({ page }) => {
      await page.goto(`/scenarios/${scenario.id}/`);
      const widget = page.locator(`[data-scenario="${scenario.id}"]`);
      const expected = fieldValues(trace(scenario.id));
      for (const field of ['delivered', 'remoteAddr', 'remoteAddr.role', 'xForwardedFor', 'xRealIp'] as const) {
        await expect(widget.locator(`[data-field="${field}"]`)).toHaveAttribute('data-value', expected[field].value);
      }
      const diagrams = diagramsOf(trace(scenario.id));
      await expect(widget.locator(`svg#d-${diagrams.flowchart.hash}`)).toBeVisible();
      await expect(widget.locator(`svg#d-${diagrams.sequence.hash}`)).toBeVisible();
      await expect(widget.locator('table.hop-table tbody tr')).toHaveCount(trace(scenario.id).hops.length);
    });
  }
});

test.describe('themes', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`${theme}: diagram text uses the theme's text colour`, async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      await page.goto('/scenarios/nodeport/');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const colours = await page.evaluate(() => {
        const text = document.querySelector('.diagram-svg svg text, .diagram-svg svg .nodeLabel');
        const heading = document.querySelector('h1');
        return { diagram: text ? getComputedStyle(text).fill : '', page: heading ? getComputedStyle(heading).color : '' };
      });
      expect(colours.diagram).toBe(colours.page);
    });
  }
});
