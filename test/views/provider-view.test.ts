/** The provider panel (src/views/provider-view.ts): the Service a reader writes for a state, and the panel's escaped HTML. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cloudProviders, providers } from '../../src/model/cloud/providers.ts';
import { annotationLines, providerManifest, providerPanelHtml, providerPanelKey } from '../../src/views/provider-view.ts';

describe('providerManifest', () => {
  it('writes the PROXY protocol annotation only when it is on, with the value the controller accepts', () => {
    // aws-load-balancer-controller docs/guide/service/annotations.md#proxy-protocol-v2: the only supported value is "*".
    const on = providerManifest('aws-nlb-instance', true, 'Local');
    const off = providerManifest('aws-nlb-instance', false, 'Local');
    expect(on).toContain('service.beta.kubernetes.io/aws-load-balancer-proxy-protocol: "*"');
    expect(off).not.toContain('aws-load-balancer-proxy-protocol');
    // hcloud-cloud-controller-manager docs/reference/load_balancer_annotations.md: uses-proxyprotocol takes "true".
    expect(providerManifest('hetzner', true, 'Cluster')).toContain('load-balancer.hetzner.cloud/uses-proxyprotocol: "true"');
  });
  it('is YAML a parser reads back into the Service the state describes, for every provider and both PROXY settings', () => {
    for (const provider of cloudProviders)
      for (const proxyProtocol of [false, true]) {
        const manifest = parse(providerManifest(provider, proxyProtocol, 'Local')) as Record<string, any>;
        const annotations: Record<string, string> = manifest.metadata?.annotations ?? {};
        for (const a of providers[provider].annotations.filter((a) => !a.name.startsWith('spec.')))
          expect(annotations[a.name], `${provider} ${a.name}`).toBe(a.value);
        if (providers[provider].statusIngress !== 'none') {
          expect(manifest.kind).toBe('Service');
          expect(manifest.spec.type).toBe('LoadBalancer');
          expect(manifest.spec.externalTrafficPolicy).toBe('Local');
        }
      }
  });
  it('fronts the controller’s Service behind an Ingress, and the Gateway’s infrastructure annotations behind a Gateway', () => {
    for (const provider of cloudProviders) {
      if (providers[provider].statusIngress === 'none') continue;
      const wanted = Object.fromEntries(
        providers[provider].annotations.filter((a) => !a.name.startsWith('spec.')).map((a) => [a.name, a.value]),
      );
      const ingress = parse(providerManifest(provider, false, 'Local', 'ingress-nginx')) as Record<string, any>;
      expect(ingress.metadata).toMatchObject({ name: 'ingress-nginx-controller', namespace: 'ingress-nginx' });
      expect(ingress.metadata.annotations ?? {}).toEqual(wanted);
      // Gateway API's GatewayInfrastructure: "Annotations that SHOULD be applied to any resources created in response
      // to this Gateway" (sigs.k8s.io/gateway-api apis/v1/gateway_types.go).
      const gateway = parse(providerManifest(provider, false, 'Local', 'gateway')) as Record<string, any>;
      expect(gateway.kind).toBe('Gateway');
      expect(gateway.spec.infrastructure?.annotations ?? {}).toEqual(wanted);
    }
  });
  it('puts no PROXY annotation on a provider that offers none', () => {
    expect(annotationLines('gke-passthrough', true).join('\n')).not.toMatch(/proxy-protocol/);
  });
});

describe('providerPanelHtml', () => {
  it('points to the control when no provider is named', () => {
    expect(providerPanelHtml({ cloud: 'generic', proxyProtocol: 'false', externalTrafficPolicy: 'Cluster' })).toContain(
      'Where the cluster runs',
    );
    expect(providerPanelHtml({ cloud: '<script>', proxyProtocol: 'false', externalTrafficPolicy: 'Cluster' })).not.toContain('<script>');
  });
  it('names the provider, its health-check sources and every source read, with no markup from the data', () => {
    for (const provider of cloudProviders) {
      const html = providerPanelHtml({ cloud: provider, proxyProtocol: 'false', externalTrafficPolicy: 'Cluster' });
      const facts = providers[provider];
      for (const source of facts.healthChecks.sources) expect(html).toContain(`<code>${source}</code>`);
      expect(html).toContain('Where this was read');
      // Every tag in the panel is one the view writes itself.
      const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]));
      for (const tag of tags)
        expect(['h3', 'p', 'strong', 'pre', 'code', 'dl', 'dt', 'dd', 'details', 'summary', 'ul', 'li', 'cite']).toContain(tag);
    }
  });
  it('keys the panel by what it shows', () => {
    expect(providerPanelKey({ cloud: 'hetzner', proxyProtocol: 'true', externalTrafficPolicy: 'Local' })).not.toBe(
      providerPanelKey({ cloud: 'hetzner', proxyProtocol: 'false', externalTrafficPolicy: 'Local' }),
    );
  });
});
