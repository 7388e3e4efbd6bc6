/**
 * Readers' input: keyboard use with visible focus, answers announced to screen
 * readers, and bad input in every free-text field and query parameter: a clear
 * message next to the input, no crash, no injected markup, a responsive page.
 */
import { expect, test, type Page } from '@playwright/test';
import { watch, readyWidget } from './site.ts';

/** Fails the test if the page ever opens a dialog (an injected alert would). */
function noDialogs(page: Page): void {
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
}

/** The time a trivial round trip to the page takes: a frozen page would not answer. */
async function roundTrip(page: Page): Promise<number> {
  const start = Date.now();
  await page.evaluate(() => 1);
  return Date.now() - start;
}

test.describe('keyboard', () => {
  test('every control of a scenario widget is reachable by Tab, shows its focus, and works with the arrow keys', async ({ page }) => {
    await page.goto('/scenarios/nodeport/');
    const widget = page.locator('[data-scenario="nodeport"]');
    await readyWidget(page, '[data-scenario="nodeport"]');
    const names = await widget.locator('select').evaluateAll((selects) => selects.map((s) => (s as HTMLSelectElement).name));
    const reached = new Set<string>();
    await page.locator('body').focus();
    for (let i = 0; i < 120 && reached.size < names.length; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLSelectElement | null;
        if (!el || el.tagName !== 'SELECT' || !el.closest('scenario-widget')) return null;
        const style = getComputedStyle(el);
        return { name: el.name, outline: `${style.outlineStyle} ${style.outlineWidth}` };
      });
      if (focused) {
        expect(focused.outline, `focus ring on ${focused.name}`).not.toMatch(/^none|\s0px$/);
        reached.add(focused.name);
      }
    }
    expect([...reached].sort()).toEqual([...names].sort());
    await widget.getByLabel('externalTrafficPolicy').focus();
    await page.keyboard.press('ArrowDown');
    await expect(widget.getByLabel('externalTrafficPolicy')).toHaveValue('Local');
    await expect(widget.locator('[data-field="delivered"]')).toHaveAttribute('data-value', 'false');
    await expect(widget.locator('[data-announce]')).toContainText('Not delivered');
  });

  test('the resolver is operable from the keyboard and announces its answer', async ({ page }) => {
    await page.goto('/tools/resolver/');
    const widget = await readyWidget(page, '[data-widget="resolver"]');
    await widget.getByLabel('Strategy').focus();
    await page.keyboard.press('Home');
    await expect(widget.getByLabel('Strategy')).toHaveValue('leftmost');
    await expect(widget.locator('[data-field="clientIp"]')).toHaveAttribute('data-value', '203.0.113.66');
    await expect(widget.locator('[data-announce]')).toContainText('Client IP: 203.0.113.66');
  });
});

test.describe('bad input in the resolver', () => {
  test.beforeEach(async ({ page }) => {
    noDialogs(page);
    await page.goto('/tools/resolver/');
    await readyWidget(page, '[data-widget="resolver"]');
  });

  const cases: { input: string; label: string; value: string; message: RegExp | null; strategy?: string }[] = [
    { input: 'remoteAddr', label: 'Remote address', value: '999.1.1.1', message: /not an IP address/ },
    { input: 'remoteAddr', label: 'Remote address', value: '', message: /empty/ },
    { input: 'remoteAddr', label: 'Remote address', value: '2001:db8::2', message: null },
    { input: 'remoteAddr', label: 'Remote address', value: '<script>alert(1)</script>', message: /<script>alert\(1\)<\/script>/ },
    { input: 'remoteAddr', label: 'Remote address', value: '192.0.2.2\u0007\u0001', message: /\\x07\\x01/ },
    { input: 'headers', label: 'Request headers', value: 'X-Forwarded-For 203.0.113.7', message: /not a header/ },
    {
      input: 'headers',
      label: 'Request headers',
      value: 'X-Forwarded-For: <img src=x onerror=alert(1)>',
      message: /not an address/,
      strategy: 'rightmost',
    },
    { input: 'trusted', label: 'Trusted proxies', value: '192.0.2.0/33', message: /prefix length/ },
    { input: 'trusted', label: 'Trusted proxies', value: '<b>bold</b>', message: /not an address or CIDR range/ },
    { input: 'hops', label: 'Trusted hops', value: '-2', message: /negative/, strategy: 'trusted-hops' },
    { input: 'hops', label: 'Trusted hops', value: 'many', message: /not a number/, strategy: 'trusted-hops' },
    { input: 'trust', label: 'Express trust proxy', value: '0.0.0.0/0', message: /Express refuses/, strategy: 'express' },
    { input: 'trust', label: 'Express trust proxy', value: '', message: /true, false, a number of hops/, strategy: 'express' },
    { input: 'trust', label: 'Express trust proxy', value: 'loopback, <b>x</b>', message: /Express refuses/, strategy: 'express' },
    { input: 'hops', label: 'Trusted hops', value: '1.5', message: /Envoy refuses/, strategy: 'envoy' },
    { input: 'trusted', label: 'Trusted proxies', value: '192.0.2.0/24, <b>x</b>', message: /Envoy skips/, strategy: 'envoy-xff-cidrs' },
  ];
  for (const c of cases) {
    test(`${c.input} = ${JSON.stringify(c.value).slice(0, 40)}`, async ({ page }) => {
      const widget = page.locator('[data-widget="resolver"]');
      if (c.strategy) await widget.getByLabel('Strategy').selectOption(c.strategy);
      await widget.getByLabel(c.label).fill(c.value);
      const message = widget.locator(
        `[data-message-for="${c.strategy === 'rightmost' ? 'strategy' : c.input}"], [data-message-for="${c.input}"]`,
      );
      if (c.message) await expect(message.first()).toContainText(c.message);
      else await expect(widget.locator(`[data-message-for="${c.input}"] li`)).toHaveCount(0);
      await expect(widget.locator('script, img, b')).toHaveCount(0);
      await expect(widget.locator('[data-field="clientIp"]')).toBeVisible();
    });
  }

  test('a 1 MB paste into the headers answers, with warnings, and the page stays responsive', async ({ page }) => {
    const widget = page.locator('[data-widget="resolver"]');
    const entries = Array.from({ length: 70_000 }, (_, i) => `198.18.${(i >> 8) & 255}.${i & 255}`).join(', ');
    await widget.getByLabel('Request headers').fill(`X-Forwarded-For: ${entries}`);
    await widget.getByLabel('Trusted proxies').fill('0.0.0.0/0');
    await expect(widget.locator('[data-field="clientIp"]')).toHaveAttribute('data-value', '198.18.0.0');
    await expect(widget.locator('[data-field="warnings"]')).toContainText('leftmost');
    await expect(widget.locator('[data-steps]')).toContainText('steps skipped');
    expect(await roundTrip(page)).toBeLessThan(1000);
  });

  test('an express setting survives the link, and a link without one opens with the default', async ({ page }) => {
    const widget = page.locator('[data-widget="resolver"][data-ready]');
    await widget.getByLabel('Strategy').selectOption('express');
    await widget.getByLabel('Express trust proxy').fill('true');
    await expect(widget.locator('[data-field="clientIp"]')).toHaveAttribute('data-value', '203.0.113.66');
    await expect(page).toHaveURL(/strategy=express/);
    await expect(page).toHaveURL(/trust=true/);
    await page.goto(page.url());
    const reloaded = page.locator('[data-widget="resolver"][data-ready]');
    await expect(reloaded.getByLabel('Express trust proxy')).toHaveValue('true');
    await expect(reloaded.locator('[data-field="clientIp"]')).toHaveAttribute('data-value', '203.0.113.66');
    await page.goto('/tools/resolver/?strategy=trusted-hops&hops=1&remoteAddr=192.0.2.2');
    await expect(page.locator('[data-widget="resolver"][data-ready] [data-field="clientIp"]')).toHaveAttribute('data-value', '203.0.113.7');
  });

  test('a tampered URL falls back with a notice, and other pasted headers stay out of links', async ({ page }) => {
    await page.goto('/tools/resolver/?strategy=bogus&evil=%3Cscript%3E&remoteAddr=192.0.2.9');
    const widget = page.locator('[data-widget="resolver"][data-ready]');
    await expect(widget.locator('[data-notices]')).toContainText('strategy');
    await expect(widget.locator('[data-notices]')).toContainText('evil');
    await expect(page.locator('resolver-widget script')).toHaveCount(0);
    await expect(widget.getByLabel('Remote address')).toHaveValue('192.0.2.9');
    await widget.getByLabel('Request headers').fill('X-Forwarded-For: 203.0.113.7\nCookie: session=secret\nAuthorization: Bearer token');
    await expect(page).toHaveURL(/X-Forwarded-For/);
    expect(page.url()).not.toMatch(/secret|Bearer|Cookie/);
    await expect(widget.locator('[data-notices]')).toContainText('other pasted headers stay out');
  });
});

test.describe('the diagnose page', () => {
  test('shows the example’s single cause and keeps a diagnosis in a permalink', async ({ page, context, baseURL }) => {
    const watcher = watch(page, baseURL!);
    noDialogs(page);
    await page.goto('/diagnose/');
    const widget = await readyWidget(page, '[data-widget="diagnose"]');
    await expect(widget.locator('[data-class="pod-network-gateway"]')).toHaveCount(1);
    // The example narrows to one cause: an HTTP load balancer under Cluster.
    await expect(widget.locator('[data-cause]')).toHaveCount(1);
    await expect(widget.locator('[data-cause="l7-load-balancer-peer"]')).toBeVisible();
    await widget.getByLabel('Remote address the app logs').fill('10.244.3.17');
    await widget.getByLabel('Ingress controller or gateway pod addresses').fill('10.244.3.17');
    await widget.getByLabel('X-Forwarded-For the app receives').fill('203.0.113.50');
    await widget.getByLabel('X-Real-IP the app receives').fill('');
    await expect(widget.locator('[data-cause="ingress-trusts-forged-header"], [data-cause="client-arrives"]').first()).toBeVisible();
    await expect(page).toHaveURL(/ingressPods=10.244.3.17/);
    const matches = await widget.locator('[data-field="matches"]').getAttribute('data-value');
    const second = await context.newPage();
    await second.goto(page.url());
    await expect(second.locator('[data-widget="diagnose"][data-ready] [data-field="matches"]')).toHaveAttribute('data-value', matches!);
    expect(watcher.problems).toEqual([]);
  });

  test('reads every state from the build’s index, once, and answers as the model does in this browser', async ({ page }) => {
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('diagnose-states')) fetched.push(new URL(request.url()).pathname);
    });
    await page.goto('/diagnose/');
    const widget = await readyWidget(page, '[data-widget="diagnose"]');
    // Nothing is read until the reader diagnoses: the example's answer is in the HTML.
    expect(fetched).toEqual([]);
    await widget.getByLabel('X-Real-IP the app receives').fill('');
    await expect(page).toHaveURL(/xRealIp=&/);
    await widget.getByLabel('Remote address the app logs').fill('10.244.3.17');
    await widget.getByLabel('Ingress controller or gateway pod addresses').fill('10.244.3.17');
    await expect(page).toHaveURL(/ingressPods=10.244.3.17/);
    const fromIndex = await widget.locator('[data-field="matches"]').getAttribute('data-value');
    expect(fetched).toEqual(['/diagnose-states.json']);
    // The same diagnosis with the file refused: the widget traces the states itself and finds the same matches.
    const fallback = await page.context().newPage();
    await fallback.route('**/diagnose-states.json', (route) => route.abort());
    await fallback.goto(page.url());
    const other = await readyWidget(fallback, '[data-widget="diagnose"]');
    // Tracing every state takes seconds in a browser: the reason for the index.
    await expect(other.locator('[data-field="matches"]')).toHaveAttribute('data-value', fromIndex!, { timeout: 60_000 });
  });

  test('bad input: not an address, a huge paste, markup, a tampered URL', async ({ page }) => {
    noDialogs(page);
    await page.goto('/diagnose/?remoteAddr=%3Cscript%3Ealert(1)%3C%2Fscript%3E&bogus=1');
    const widget = page.locator('[data-widget="diagnose"][data-ready]');
    await expect(widget.locator('[data-message-for="remoteAddr"]')).toContainText('not an IP address');
    await expect(widget.locator('[data-notices]')).toContainText('bogus');
    await expect(widget.locator('script')).toHaveCount(0);
    await widget.getByLabel('Remote address the app logs').fill('x'.repeat(1_000_000));
    await expect(widget.locator('[data-message-for="remoteAddr"]')).toContainText('characters');
    await widget.getByLabel('Pod CIDR').fill('10.244.0.0/99');
    await expect(widget.locator('[data-message-for="podCidr"]')).toContainText('not an address or CIDR range');
    expect(await roundTrip(page)).toBeLessThan(1000);
  });
});

test.describe('every free-text input of the resolver against every kind of bad input', () => {
  const inputs = [
    { name: 'remoteAddr', label: 'Remote address', strategy: 'trusted-cidrs' },
    { name: 'headers', label: 'Request headers', strategy: 'trusted-cidrs' },
    { name: 'trusted', label: 'Trusted proxies', strategy: 'trusted-cidrs' },
    { name: 'hops', label: 'Trusted hops', strategy: 'trusted-hops' },
    { name: 'trust', label: 'Express trust proxy', strategy: 'express' },
  ];
  const values: Record<string, string> = {
    empty: '',
    ipv6: '2001:db8::7',
    markup: '<script>alert(1)</script><img src=x onerror=alert(2)>',
    'control characters': '\u0000\u0007\u001b[31m\u007f',
    'a 1 MB paste': 'A'.repeat(1_000_000),
  };
  for (const input of inputs) {
    for (const [kind, value] of Object.entries(values)) {
      test(`${input.name}: ${kind}`, async ({ page }) => {
        noDialogs(page);
        await page.goto('/tools/resolver/');
        const widget = await readyWidget(page, '[data-widget="resolver"]');
        await widget.getByLabel('Strategy').selectOption(input.strategy);
        await widget.getByLabel(input.label).fill(value);
        await widget.getByLabel(input.label).press('End');
        await page.waitForTimeout(300);
        // An answer is shown, as a value or as "none", and nothing the reader typed became markup.
        await expect(widget.locator('[data-field="clientIp"]')).not.toBeEmpty();
        await expect(widget.locator('script, img')).toHaveCount(0);
        const messages = await widget.locator('.input-message li').allTextContents();
        for (const message of messages) expect(message.length).toBeLessThan(400);
        expect(await roundTrip(page)).toBeLessThan(1000);
      });
    }
  }
});
