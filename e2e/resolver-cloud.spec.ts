/**
 * The resolver's cloud presets in the browser: each sets the peer, the provider's X-Forwarded-For and a strategy that
 * reads it, whatever strategy the form showed; the answer follows, and the copied link opens the same form with the
 * same answer. Expected answers by hand from the providers' documentation of the header they send (Google:
 * cloud.google.com/load-balancing/docs/https, `<unverified>, <client>, <forwarding rule IP>`; AWS:
 * docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html, append mode; Azure Application
 * Gateway: "a comma-separated list of IP:Port", read by nginx's realip without the port).
 */
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { readyWidget } from './site.ts';

/** One preset: its button, what it sets, and the answer. */
interface CloudPreset {
  button: string;
  strategy: string;
  remoteAddr: string;
  headers: string;
  answer: string;
}

const presets: CloudPreset[] = [
  {
    button: 'Google Cloud load balancer: trust 2 hops',
    strategy: 'trusted-hops',
    remoteAddr: '35.191.0.1',
    headers: 'X-Forwarded-For: 203.0.113.66, 203.0.113.7, 198.51.100.10',
    answer: '203.0.113.7',
  },
  {
    button: 'AWS ALB append mode',
    strategy: 'trusted-cidrs',
    remoteAddr: '10.0.1.23',
    headers: 'X-Forwarded-For: 203.0.113.66, 203.0.113.7',
    answer: '203.0.113.7',
  },
  {
    button: 'Azure Application Gateway (IP:port entries)',
    strategy: 'nginx-realip',
    remoteAddr: '10.1.0.5',
    headers: 'X-Forwarded-For: 203.0.113.66, 203.0.113.7:51234',
    answer: '203.0.113.7',
  },
];

/** The resolver page with its widget started and the clipboard readable. */
async function openResolver(page: Page, context: BrowserContext): Promise<Locator> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/tools/resolver/');
  return readyWidget(page, '[data-widget="resolver"]');
}

/** Checks the form holds the preset's inputs and its answer. */
async function expectPreset(widget: Locator, preset: CloudPreset): Promise<void> {
  await expect(widget.getByLabel('Strategy')).toHaveValue(preset.strategy);
  await expect(widget.getByLabel('Remote address')).toHaveValue(preset.remoteAddr);
  await expect(widget.getByLabel('Request headers')).toHaveValue(preset.headers);
  await expect(widget.locator('[data-field="clientIp"]')).toHaveAttribute('data-value', preset.answer);
}

for (const preset of presets) {
  test(`${preset.button}: sets the peer, the header and ${preset.strategy}, answers ${preset.answer}; the copied link opens the same form`, async ({
    page,
    context,
  }) => {
    const widget = await openResolver(page, context);
    // Start from a strategy the preset does not use: the cloud presets show for every strategy.
    await widget.getByLabel('Strategy').selectOption('express');
    await widget.getByRole('button', { name: preset.button }).click();
    await expectPreset(widget, preset);
    await widget.getByRole('button', { name: 'Copy link to this input' }).click();
    const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
    expect(link.searchParams.get('strategy')).toBe(preset.strategy);
    await page.goto(link.pathname + link.search);
    await expectPreset(page.locator('[data-widget="resolver"][data-ready]'), preset);
  });
}

test('behind Azure Application Gateway, Express answers the entry with its port', async ({ page, context }) => {
  const widget = await openResolver(page, context);
  await widget.getByRole('button', { name: 'Azure Application Gateway (IP:port entries)' }).click();
  await widget.getByLabel('Strategy').selectOption('express');
  await widget.getByLabel('Express trust proxy').fill('10.1.0.0/24');
  await expect(widget.locator('[data-field="clientIp"]')).toHaveAttribute('data-value', '203.0.113.7:51234');
});
