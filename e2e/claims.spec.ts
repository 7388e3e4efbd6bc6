/**
 * Every claim on every page, checked again in the browser: the test opens the
 * claim's widget, sets it to the claim's parameters through its labelled
 * controls, and compares what the widget shows with what the text says.
 */
import { expect, test, type Locator } from '@playwright/test';
import { findScenario } from '../src/model/index.ts';
import { claimsIn, sitePaths, readyWidget } from './site.ts';

// The migration page's claims set the migration widget's controls: e2e/migration.spec.ts checks them.
const claims = sitePaths()
  .filter((path) => path !== '/migrate-from-ingress-nginx/')
  .flatMap((path) => claimsIn(path).map((claim, i) => ({ path, claim, i })));

test('the site states at least one checked claim per scenario page', () => {
  for (const id of ['pod-to-pod', 'nodeport', 'loadbalancer', 'ingress', 'gateway']) {
    expect(claimsIn(`/scenarios/${id}/`).length, id).toBeGreaterThan(0);
  }
});

for (const { path, claim, i } of claims) {
  test(`${path} claim ${i + 1}: “${claim.text.slice(0, 60)}”`, async ({ page }) => {
    if (claim.resolver !== null) {
      // The claim's link carries the resolver's full input; a reader fills the inputs its strategy shows.
      const input = new URLSearchParams(claim.resolver);
      await page.goto('/tools/resolver/');
      const widget = await readyWidget(page, '[data-widget="resolver"]');
      await widget.getByLabel('Strategy').selectOption(input.get('strategy') ?? 'trusted-cidrs');
      // An input counts as shown when its field is one the chosen strategy reads (the widget hides the others once its
      // update runs; Playwright then waits for the input to show).
      const strategy = input.get('strategy') ?? 'trusted-cidrs';
      const shown = (control: Locator) =>
        control.evaluate((element, chosen) => {
          const field = element.closest<HTMLElement>('[data-for-strategies]');
          return !field || (field.dataset.forStrategies ?? '').split(' ').includes(chosen);
        }, strategy);
      const fill = async (name: string, label: string) => {
        const field = widget.getByLabel(label);
        if (input.has(name) && (await shown(field))) await field.fill(input.get(name)!);
      };
      const check = async (name: string, label: string) => {
        const box = widget.getByLabel(label);
        if (input.has(name) && (await shown(box))) await box.setChecked(input.get(name) === 'true');
      };
      const choose = async (name: string, label: string) => {
        const select = widget.getByLabel(label);
        if (input.has(name) && (await shown(select))) await select.selectOption(input.get(name)!);
      };
      await fill('remoteAddr', 'Remote address');
      await fill('headers', 'Request headers');
      await fill('trusted', 'Trusted proxies');
      await fill('hops', 'Trusted hops');
      await fill('trust', 'Express trust proxy');
      await check('recursive', 'real_ip_recursive on');
      await fill('header', 'Header to read');
      await check('recurse', 'Walk past trusted entries');
      await check('useRemoteAddress', 'use_remote_address');
      await choose('clientIPDetection', 'Envoy Gateway clientIPDetection');
      await check('failClosed', 'customHeader.failClosed');
      await choose('mode', 'NGINX Gateway Fabric rewriteClientIP mode');
      await fill('proxyProtocol', 'PROXY protocol source');
      await expect(widget.locator(`[data-field="${claim.field}"]`)).toHaveAttribute('data-value', claim.expect);
      return;
    }
    const definition = findScenario(claim.scenario ?? '');
    expect(definition, `claim names scenario ${claim.scenario}`).toBeDefined();
    await page.goto(`/scenarios/${claim.scenario}/`);
    // A widget's code starts on a reader's first interaction with it (readyWidget scrolls to it and focuses into it).
    const widget = await readyWidget(page, `[data-scenario="${claim.scenario}"]`);
    await expect(widget).toHaveCount(1);
    // Drive the widget through its labelled controls, as a reader would.
    // The claim's link carries every parameter: change the controls that differ, in the scenario's order.
    for (const [name, value] of new URLSearchParams(claim.params ?? '')) {
      const spec = definition!.params.find((p) => p.name === name);
      if (!spec) continue;
      const control = widget.getByLabel(spec.label, { exact: true });
      if ((await control.inputValue()) !== value) await control.selectOption(value);
    }
    await expect(widget.locator(`[data-field="${claim.field}"]`)).toHaveAttribute('data-value', claim.expect);
  });
}
