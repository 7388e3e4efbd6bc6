/**
 * Every claim on every page, checked again in the browser: the test opens the
 * claim's widget, sets it to the claim's parameters through its labelled
 * controls, and compares what the widget shows with what the text says.
 */
import { expect, test } from '@playwright/test';
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
      const input = new URLSearchParams(claim.resolver);
      await page.goto('/tools/resolver/');
      const widget = await readyWidget(page, '[data-widget="resolver"]');
      await widget.getByLabel('Strategy').selectOption(input.get('strategy') ?? 'trusted-cidrs');
      if (input.has('remoteAddr')) await widget.getByLabel('Remote address').fill(input.get('remoteAddr')!);
      if (input.has('headers')) await widget.getByLabel('Request headers').fill(input.get('headers')!);
      if (input.has('trusted')) await widget.getByLabel('Trusted proxies').fill(input.get('trusted')!);
      if (input.has('hops')) await widget.getByLabel('Trusted hops').fill(input.get('hops')!);
      if (input.has('trust')) await widget.getByLabel('Express trust proxy').fill(input.get('trust')!);
      if (input.has('recursive')) await widget.getByLabel('real_ip_recursive on').setChecked(input.get('recursive') === 'true');
      if (input.has('header')) await widget.getByLabel('Header to read').fill(input.get('header')!);
      if (input.has('recurse')) await widget.getByLabel('Walk past trusted entries').setChecked(input.get('recurse') === 'true');
      if (input.has('useRemoteAddress')) await widget.getByLabel('use_remote_address').setChecked(input.get('useRemoteAddress') === 'true');
      if (input.has('clientIPDetection'))
        await widget.getByLabel('Envoy Gateway clientIPDetection').selectOption(input.get('clientIPDetection')!);
      if (input.has('failClosed')) await widget.getByLabel('customHeader.failClosed').setChecked(input.get('failClosed') === 'true');
      if (input.has('mode')) await widget.getByLabel('NGINX Gateway Fabric rewriteClientIP mode').selectOption(input.get('mode')!);
      if (input.has('proxyProtocol')) await widget.getByLabel('PROXY protocol source').fill(input.get('proxyProtocol')!);
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
    for (const [name, value] of new URLSearchParams(claim.params ?? '')) {
      const spec = definition!.params.find((p) => p.name === name)!;
      await widget.getByLabel(spec.label, { exact: true }).selectOption(value);
    }
    await expect(widget.locator(`[data-field="${claim.field}"]`)).toHaveAttribute('data-value', claim.expect);
  });
}
