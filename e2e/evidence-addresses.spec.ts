/**
 * Raw lab output comes with the mapping of its lab addresses to the page's address plan: the table beside it lists the
 * addresses that output shows, and follows the widget to another state.
 */
import { expect, test } from '@playwright/test';
import { readyWidget } from './site.ts';

test('the NodePort default: the node the request entered, as the lab and as the page name it; another state, other rows', async ({
  page,
}) => {
  await page.goto('/scenarios/nodeport/');
  const widget = await readyWidget(page, 'scenario-widget');
  await widget.locator('[data-evidence-details] summary').click();
  const row = (lab: string) => widget.locator(`tr[data-lab-address="${lab}"]`);
  // Cluster through node B: kube-proxy masquerades to node B, 198.18.20.12 in the lab, 192.0.2.12 on the page.
  await expect(row('198.18.20.12')).toBeVisible();
  await expect(row('198.18.20.12')).toContainText('192.0.2.12');
  await expect(row('198.19.1.1')).toBeHidden();
  // Through node A on a bridge: the peer is node A's pod-network gateway.
  await widget.getByLabel('The node the traffic enters', { exact: true }).selectOption('node-with-endpoint');
  await expect(widget.locator('[data-evidence-raw]')).toContainText('clientip: 198.19.1.1:');
  await expect(row('198.19.1.1')).toBeVisible();
  await expect(row('198.19.1.1')).toContainText('198.18.1.1');
});
