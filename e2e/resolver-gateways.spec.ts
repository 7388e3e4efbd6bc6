/**
 * The resolver's gateway strategies in the browser: choose one, see the answer, and follow the copied link back to the
 * same form. Expected answers by hand from Envoy Gateway v1.9.0 (internal/xds/translator/listener.go: numTrustedHops N
 * takes the Nth X-Forwarded-For entry from the right; customHeader with failClosed answers 403) and NGINX Gateway
 * Fabric v2.6.7 (apis/v1alpha2/nginxproxy_types.go: mode ProxyProtocol reads the PROXY header's source from a trusted
 * peer).
 */
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { readyWidget } from './site.ts';

/** The resolver page with its widget started and the clipboard readable, and the widget's answer field. */
async function openResolver(page: Page, context: BrowserContext): Promise<{ widget: Locator; clientIp: Locator }> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/tools/resolver/');
  const widget = await readyWidget(page, '[data-widget="resolver"]');
  return { widget, clientIp: widget.locator('[data-field="clientIp"]') };
}

/** The link the widget's "Copy link" button puts on the clipboard. */
async function copyLink(page: Page, widget: Locator): Promise<URL> {
  await widget.getByRole('button', { name: 'Copy link to this input' }).click();
  return new URL(await page.evaluate(() => navigator.clipboard.readText()));
}

/** Opens a copied link and returns the widget once it has read the link's state. */
async function reopen(page: Page, link: URL): Promise<Locator> {
  await page.goto(link.pathname + link.search);
  return page.locator('[data-widget="resolver"][data-ready]');
}

test('envoy-gateway: the numTrustedHops preset, then customHeader with failClosed; the copied link opens the same form', async ({
  page,
  context,
}) => {
  const { widget, clientIp } = await openResolver(page, context);
  await widget.getByLabel('Strategy').selectOption('envoy-gateway');
  // Envoy Gateway's default: use_remote_address true, the peer.
  await expect(clientIp).toHaveAttribute('data-value', '192.0.2.2');
  await widget.getByRole('button', { name: 'Envoy Gateway numTrustedHops: 1' }).click();
  await expect(widget.getByLabel('Envoy Gateway clientIPDetection')).toHaveValue('numTrustedHops');
  await expect(clientIp).toHaveAttribute('data-value', '203.0.113.7');
  await expect(page).toHaveURL(/clientIPDetection=numTrustedHops/);

  await widget.getByLabel('Envoy Gateway clientIPDetection').selectOption('customHeader');
  await widget.getByLabel('Header to read').fill('X-Real-IP');
  await expect(clientIp).toHaveAttribute('data-value', '192.0.2.2');
  await widget.getByLabel('customHeader.failClosed').check();
  await expect(clientIp).toHaveAttribute('data-value', '');
  await expect(widget.locator('[data-field="warnings"]')).toContainText('403');

  const copied = await copyLink(page, widget);
  expect(copied.searchParams.get('clientIPDetection')).toBe('customHeader');
  expect(copied.searchParams.get('failClosed')).toBe('true');
  expect(copied.searchParams.has('mode'), 'an NGF input in an Envoy Gateway link').toBe(false);
  const reopened = await reopen(page, copied);
  await expect(reopened.getByLabel('Strategy')).toHaveValue('envoy-gateway');
  await expect(reopened.getByLabel('customHeader.failClosed')).toBeChecked();
  await expect(reopened.getByLabel('Header to read')).toHaveValue('X-Real-IP');
  await expect(reopened.locator('[data-field="clientIp"]')).toHaveAttribute('data-value', '');
});

test('nginx-gateway-fabric: ProxyProtocol needs the PROXY source; a bad one is named next to its box; the copied link keeps it', async ({
  page,
  context,
}) => {
  const { widget, clientIp } = await openResolver(page, context);
  await widget.getByLabel('Strategy').selectOption('nginx-gateway-fabric');
  // mode XForwardedFor, the load balancer trusted, setIPRecursively off: the rightmost entry.
  await expect(clientIp).toHaveAttribute('data-value', '203.0.113.7');
  await widget.getByLabel('NGINX Gateway Fabric rewriteClientIP mode').selectOption('ProxyProtocol');
  // No PROXY header on a proxy_protocol listener: nginx closes the connection.
  await expect(clientIp).toHaveAttribute('data-value', '');
  const source = widget.getByLabel('PROXY protocol source');
  await source.fill('not an address');
  await expect(widget.locator('[data-message-for="proxyProtocol"]')).toContainText('not an IP address');
  await source.fill('198.51.100.4');
  await expect(clientIp).toHaveAttribute('data-value', '198.51.100.4');

  const copied = await copyLink(page, widget);
  expect(copied.searchParams.get('mode')).toBe('ProxyProtocol');
  expect(copied.searchParams.get('proxyProtocol')).toBe('198.51.100.4');
  expect(copied.searchParams.has('clientIPDetection'), 'an Envoy Gateway input in an NGF link').toBe(false);
  const reopened = await reopen(page, copied);
  await expect(reopened.getByLabel('NGINX Gateway Fabric rewriteClientIP mode')).toHaveValue('ProxyProtocol');
  await expect(reopened.getByLabel('PROXY protocol source')).toHaveValue('198.51.100.4');
  await expect(reopened.locator('[data-field="clientIp"]')).toHaveAttribute('data-value', '198.51.100.4');
});
