/**
 * The resolver's nginx-realip form starts from nginx's default (real_ip_recursive off) and its presets set several
 * inputs at once, through the buttons a reader clicks; the link then carries them.
 */
import { expect, test } from '@playwright/test';
import { readyWidget } from './site.ts';

test('nginx-realip starts with real_ip_recursive off; the ingress-nginx preset turns it on, reads X-Forwarded-For and trusts every peer', async ({
  page,
}) => {
  await page.goto('/tools/resolver/');
  const widget = await readyWidget(page, '[data-widget="resolver"]');
  await widget.getByLabel('Strategy').selectOption('nginx-realip');
  await expect(widget.getByLabel('real_ip_recursive on')).not.toBeChecked();
  // Off: the rightmost entry as it is.
  await expect(widget.locator('[data-field="clientIp"]')).toHaveAttribute('data-value', '203.0.113.7');
  await widget.getByRole('button', { name: 'ingress-nginx' }).click();
  await expect(widget.getByLabel('real_ip_recursive on')).toBeChecked();
  await expect(widget.getByLabel('Trusted proxies')).toHaveValue('0.0.0.0/0');
  await expect(widget.getByLabel('Header to read')).toHaveValue('X-Forwarded-For');
  // Every peer trusted and walking: the forged leftmost entry wins.
  await expect(widget.locator('[data-field="clientIp"]')).toHaveAttribute('data-value', '203.0.113.66');
  await expect(page).toHaveURL(/recursive=true/);
  await widget.getByRole('button', { name: 'nginx defaults' }).click();
  await expect(widget.getByLabel('real_ip_recursive on')).not.toBeChecked();
  await expect(widget.getByLabel('Header to read')).toHaveValue('X-Real-IP');
});

test('an old link that set recursive explicitly keeps its meaning', async ({ page }) => {
  await page.goto(
    '/tools/resolver/?strategy=nginx-realip&headers=X-Forwarded-For%3A+203.0.113.66%2C+192.0.2.9&trusted=192.0.2.0%2F24&recursive=true',
  );
  const widget = page.locator('[data-widget="resolver"][data-ready]');
  await expect(widget.getByLabel('real_ip_recursive on')).toBeChecked();
  // Walking past the trusted 192.0.2.9 (off would take it as it is).
  await expect(widget.locator('[data-field="clientIp"]')).toHaveAttribute('data-value', '203.0.113.66');
});
