/** The scenario widgets: permalinks both ways, bad URLs, diagrams that always match the answer, and the page without JavaScript. */
import { expect, test } from '@playwright/test';
import { readyWidget } from './site.ts';
import { diagramsOf } from '../src/diagrams/diagrams-of.ts';
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
    const widget = await readyWidget(page, '[data-scenario="ingress"]');
    await widget.getByLabel('use-forwarded-headers').selectOption('true');
    await widget.getByLabel('Client-sent X-Forwarded-For').selectOption('present');
    await expect(page).toHaveURL(/useForwardedHeaders=true/);
    await expect(page).toHaveURL(/spoofedHeader=present/);
    const url = page.url();
    const second = await context.newPage();
    await second.goto(url);
    await readyWidget(second, '[data-scenario="ingress"]');
    await expect(second.locator('[data-scenario="ingress"] [data-field="xRealIp.role"]')).toHaveAttribute('data-value', 'spoofed');
    await expect(second.locator('[data-scenario="ingress"]').getByLabel('use-forwarded-headers')).toHaveValue('true');
  });

  test('copy link copies the URL of the state shown', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/scenarios/loadbalancer/');
    const widget = await readyWidget(page, '[data-scenario="loadbalancer"]');
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
    const widget = await readyWidget(page, '[data-scenario="loadbalancer"]');
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
        // Each diagram is an image of the state's file, in the theme's colours (dark through #dark).
        await expect(figure.locator('img.diagram-img:visible')).toHaveAttribute(
          'src',
          new RegExp(`/diagrams/${expected[kind].hash}\\.svg(#dark)?$`),
        );
      }
    }
  });
});

/**
 * Each scenario's default state, written by hand from the upstream sources the model's tests cite (the files under
 * test/model/scenarios, test/model/load-balancer.test.ts, test/model/ingress-nginx.test.ts) and the address plan (client
 * 203.0.113.7, load balancer 192.0.2.2, node B 192.0.2.12, the calling pod on node B 198.18.2.20, the ingress pod
 * 198.18.1.30), with the places its hops pass, in order.
 */
const defaultStates: Record<string, { fields: Record<string, string>; hopsAt: string[] }> = {
  // Pod to pod, no NAT (kubernetes v1.37.2 TestInternalExternalMasquerade "pod to ClusterIP": masq false): the app sees
  // the calling pod; nothing speaks HTTP, so no header.
  'pod-to-pod': {
    fields: { delivered: 'true', remoteAddr: '198.18.2.20', 'remoteAddr.role': 'source-pod', xForwardedFor: '', xRealIp: '' },
    hopsAt: ['the calling pod', 'node B', 'node A'],
  },
  // Cluster, entering node B: DNAT and masquerade to node B's address (TestInternalExternalMasquerade "external to
  // NodePort": masq true).
  nodeport: {
    fields: {
      delivered: 'true',
      remoteAddr: '192.0.2.12',
      'remoteAddr.role': 'entry-node',
      xForwardedFor: '',
      xRealIp: '',
      healthCheck: 'none-for-service-type',
    },
    hopsAt: ['the client', 'node B', 'node B', 'node A'],
  },
  // An HTTP listener appends the client (AWS ALB's default xff_header_processing.mode append); Cluster masquerades to
  // node B; no health check port with Cluster (kubernetes pkg/api/service/util.go NeedsHealthCheck).
  loadbalancer: {
    fields: {
      delivered: 'true',
      remoteAddr: '192.0.2.12',
      'remoteAddr.role': 'entry-node',
      xForwardedFor: '203.0.113.7',
      xRealIp: '',
      healthCheck: '',
    },
    hopsAt: ['the client', 'the load balancer', 'node B', 'node B', 'node A'],
  },
  // ingress-nginx defaults (controller-v1.13.0 config.go and nginx.tmpl): X-Forwarded-For and X-Real-IP are the
  // ingress's TCP peer (node B after masquerade), and the app's peer is the ingress pod.
  ingress: {
    fields: {
      delivered: 'true',
      remoteAddr: '198.18.1.30',
      'remoteAddr.role': 'ingress-pod',
      xForwardedFor: '192.0.2.12',
      xRealIp: '192.0.2.12',
    },
    hopsAt: ['the client', 'the load balancer', 'node B', 'node B', 'node A', 'the ingress controller pod', 'node A'],
  },
  // Envoy Gateway's generated Service has externalTrafficPolicy: Local (EnvoyProxy envoyService defaults, v1.9.0), so a
  // load balancer sends only to node A, which runs the gateway pod; kube-proxy keeps the source there (kubernetes
  // v1.37.2 TestInternalExternalMasquerade, Local: masq false). Its listeners run with use_remote_address true and no
  // trusted hops (internal/xds/translator/listener.go), so the peer, the load balancer 192.0.2.2, is the client; Envoy
  // appends it to X-Forwarded-For after the load balancer's own entry and, with no internal_address_config, marks the
  // request external: x-envoy-external-address is the client (Envoy headers.rst, x-envoy-external-address). The app's
  // peer is the gateway pod.
  gateway: {
    fields: {
      delivered: 'true',
      remoteAddr: '198.18.1.30',
      'remoteAddr.role': 'gateway-pod',
      xForwardedFor: '203.0.113.7,192.0.2.2',
      xRealIp: '',
      xEnvoyExternalAddress: '192.0.2.2',
      clientIpAtGateway: '192.0.2.2',
      'clientIpAtGateway.role': 'load-balancer',
      healthCheck: '200',
    },
    hopsAt: ['the client', 'the load balancer', 'node A', 'node A', 'the gateway’s data-plane pod', 'node A'],
  },
};

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('every scenario has a hand-written default state here', () => {
    expect(Object.keys(defaultStates).sort()).toEqual(scenarios.map((s) => s.id).sort());
  });
  for (const [id, expected] of Object.entries(defaultStates)) {
    test(`${id}: the default answer, both diagrams and the hop table are in the page`, async ({ page }) => {
      await page.goto(`/scenarios/${id}/`);
      const widget = page.locator(`[data-scenario="${id}"]`);
      for (const [field, value] of Object.entries(expected.fields)) {
        await expect(widget.locator(`[data-field="${field}"]`), field).toHaveAttribute('data-value', value);
      }
      const diagrams = diagramsOf(trace(id));
      // Both diagrams are images, shown in the page's theme (dark without JavaScript), and they load.
      for (const kind of ['flowchart', 'sequence'] as const) {
        const image = widget.locator(`[data-diagram="${kind}"] img.diagram-img:visible`);
        await expect(image).toHaveAttribute('src', new RegExp(`/diagrams/${diagrams[kind].hash}\\.svg#dark$`));
        await image.scrollIntoViewIfNeeded();
        await expect(image).toHaveJSProperty('complete', true);
        expect(await image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      }
      await expect(widget.locator('table.hop-table tbody tr td:nth-child(2)')).toHaveText(expected.hopsAt);
    });
  }
});

test.describe('themes', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`${theme}: diagram text uses the theme's text colour`, async ({ page, context }) => {
      await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      await page.goto('/scenarios/nodeport/');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const headingColour = await page.locator('h1').evaluate((heading) => getComputedStyle(heading).color);
      // Each diagram is an image that draws itself in this theme: the light file, or the same file at #dark.
      for (const kind of ['flowchart', 'sequence'] as const) {
        const image = page.locator(`[data-diagram="${kind}"] img.diagram-img:visible`);
        await expect(image).toHaveCount(1);
        const src = await image.evaluate((element) => (element as HTMLImageElement).src);
        expect(src).toMatch(theme === 'dark' ? /\.svg#dark$/ : /\.svg$/);
        await image.scrollIntoViewIfNeeded();
        await expect(image).toHaveJSProperty('complete', true);
        expect(await image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
        // The file, opened at the URL the image shows: its text is drawn in the page's text colour.
        const file = await context.newPage();
        await file.goto(src);
        expect(
          await file
            .locator('svg text')
            .first()
            .evaluate((text) => getComputedStyle(text).fill),
          kind,
        ).toBe(headingColour);
        // The path's node labels are HTML inside the SVG (mermaid's foreignObject): their colour, not fill, draws them.
        if (kind === 'flowchart')
          expect(
            await file
              .locator('.nodeLabel')
              .first()
              .evaluate((label) => getComputedStyle(label).color),
          ).toBe(headingColour);
        await file.close();
      }
    });
  }
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  for (const path of ['/scenarios/nodeport/?externalTrafficPolicy=Local&proxyMode=ipvs', '/scenarios/ingress/?lb=l4-proxy-protocol']) {
    test(`${path}: the page does not scroll sideways (tables wrap; only diagrams scroll in their own region)`, async ({ page }) => {
      await page.goto(path);
      await page.locator('scenario-widget').scrollIntoViewIfNeeded();
      await expect(page.locator('scenario-widget[data-ready]')).toHaveCount(1);
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    });
  }
});
