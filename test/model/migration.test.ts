/**
 * The migration off ingress-nginx (src/model/migration.ts). Expectations are written by hand from each project's own
 * documentation and API, cited per test:
 * - ingress-nginx controller template rootfs/etc/nginx/template/nginx.tmpl (realip, proxy_set_header X-Real-IP
 *   $remote_addr, X-Forwarded-For $remote_addr or $full_x_forwarded_for, X-Original-Forwarded-For $http_<forwarded-for-header>).
 * - Envoy Gateway v1.9 ClientTrafficPolicy docs (client IP detection; "Envoy appends the peer to X-Forwarded-For")
 *   and the restrict-ip-access task (SecurityPolicy clientCIDRs).
 * - Istio network-topologies page (numTrustedProxies: a count, no CIDR option).
 * - Cilium Helm values gatewayAPI.xffNumTrustedHops / enableProxyProtocol.
 * - kgateway api/v1alpha1/kgateway/listener_policy_types.go (commit e30e6459): xffTrustedCIDRs, skipXFFAppend.
 * - NGINX Gateway Fabric NginxProxy rewriteClientIP docs; nginx's $proxy_add_x_forwarded_for.
 * - Traefik v3 entry point forwardedHeaders docs ("X-Real-Ip … set to the remote address"), ipAllowList ipStrategy.depth.
 * - haproxy-ingress keys.md (forwardfor add: X-Original-Forwarded-For; src).
 */
import { describe, expect, it } from 'vitest';
import {
  derivedLoadBalancer,
  ingressNginxClientIpDefaults as defaults,
  migrate,
  MigrationInputError,
  migrationTargets,
  type IngressNginxClientIpSettings,
} from '../../src/model/migration.ts';

const behindHttpLb: IngressNginxClientIpSettings = { ...defaults, useForwardedHeaders: true, proxyRealIpCidr: ['192.0.2.0/24'] };
const behindProxyLb: IngressNginxClientIpSettings = { ...defaults, useProxyProtocol: true, proxyRealIpCidr: ['192.0.2.0/24'] };

describe('the load balancer in front', () => {
  it('is derived from the settings: use-proxy-protocol → PROXY, use-forwarded-headers or enable-real-ip → HTTP, else passthrough', () => {
    expect(derivedLoadBalancer(behindProxyLb)).toBe('proxy-protocol');
    expect(derivedLoadBalancer(behindHttpLb)).toBe('http-appending');
    expect(derivedLoadBalancer({ ...defaults, enableRealIp: true })).toBe('http-appending');
    expect(derivedLoadBalancer(defaults)).toBe('l4-passthrough');
  });
});

describe('before: ingress-nginx (nginx.tmpl)', () => {
  it('behind an HTTP load balancer with use-forwarded-headers sends X-Real-IP and X-Forwarded-For = $remote_addr, the client, and the received list as X-Original-Forwarded-For', () => {
    const r = migrate({ settings: behindHttpLb, target: 'envoy-gateway' });
    expect(r.before).toEqual({
      clientIp: '203.0.113.7',
      rejected: null,
      headers: { 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.7', 'x-original-forwarded-for': '203.0.113.7' },
    });
  });

  it('with compute-full-forwarded-for sends the received list plus the peer ($full_x_forwarded_for)', () => {
    const r = migrate({ settings: { ...behindHttpLb, computeFullForwardedFor: true }, target: 'envoy-gateway' });
    expect(r.before.headers['x-forwarded-for']).toBe('203.0.113.7, 192.0.2.2');
  });

  it('forwarded-for-header names the header realip reads and the one passed on as X-Original-Forwarded-For', () => {
    const r = migrate({ settings: { ...behindHttpLb, forwardedForHeader: 'X-Client-IP' }, target: 'envoy-gateway' });
    expect(r.before.clientIp).toBe('203.0.113.7');
    expect(r.before.headers['x-original-forwarded-for']).toBe('203.0.113.7');
  });

  it('with use-proxy-protocol closes a connection without a PROXY header (listen … proxy_protocol)', () => {
    const r = migrate({ settings: behindProxyLb, target: 'istio', loadBalancer: 'l4-passthrough' });
    expect(r.before.clientIp).toBeNull();
    expect(r.before.rejected).toMatch(/PROXY/);
  });
});

describe('after: each target with the mapped configuration', () => {
  it('Envoy Gateway: trustedCIDRs from proxy-real-ip-cidr; the client as before; Envoy appends its peer to X-Forwarded-For', () => {
    const r = migrate({ settings: behindHttpLb, target: 'envoy-gateway' });
    expect(r.gatewayConfig.clientIPDetection).toEqual({ xForwardedFor: { trustedCIDRs: ['192.0.2.0/24'] } });
    // Envoy joins its own append with "," (conn_manager_utility.cc appendXff).
    expect(r.after).toEqual({ clientIp: '203.0.113.7', rejected: null, headers: { 'x-forwarded-for': '203.0.113.7,192.0.2.2' } });
  });

  it('Envoy Gateway: enable-real-ip alone turns realip on as use-forwarded-headers does (nginx.tmpl), so it maps to trustedCIDRs too', () => {
    const r = migrate({ settings: { ...defaults, enableRealIp: true, proxyRealIpCidr: ['192.0.2.0/24'] }, target: 'envoy-gateway' });
    expect(r.loadBalancer).toBe('http-appending');
    expect(r.gatewayConfig.clientIPDetection).toEqual({ xForwardedFor: { trustedCIDRs: ['192.0.2.0/24'] } });
    expect(r.before.clientIp).toBe('203.0.113.7');
    expect(r.after.clientIp).toBe('203.0.113.7');
  });

  it('Envoy Gateway: use-proxy-protocol with use-forwarded-headers (v1.13 reads X-Forwarded-For from a trusted PROXY source) sets both proxyProtocol and trustedCIDRs', () => {
    const r = migrate({ settings: { ...behindProxyLb, useForwardedHeaders: true }, target: 'envoy-gateway' });
    expect(r.gatewayConfig).toMatchObject({ proxyProtocol: {}, clientIPDetection: { xForwardedFor: { trustedCIDRs: ['192.0.2.0/24'] } } });
  });

  it('Envoy Gateway: a single address in proxy-real-ip-cidr becomes a /32 (trustedCIDRs takes CIDRs only)', () => {
    const r = migrate({ settings: { ...behindHttpLb, proxyRealIpCidr: ['192.0.2.2'] }, target: 'envoy-gateway' });
    expect(r.gatewayConfig.clientIPDetection).toEqual({ xForwardedFor: { trustedCIDRs: ['192.0.2.2/32'] } });
  });

  it('Envoy Gateway: a custom forwarded-for-header becomes clientIPDetection.customHeader', () => {
    const r = migrate({ settings: { ...behindHttpLb, forwardedForHeader: 'X-Client-IP' }, target: 'envoy-gateway' });
    expect(r.gatewayConfig.clientIPDetection).toEqual({ customHeader: { name: 'X-Client-IP' } });
    expect(r.after.clientIp).toBe('203.0.113.7');
  });

  it('Istio: numTrustedProxies 1 for one HTTP load balancer, in the proxy.istio.io/config annotation', () => {
    const r = migrate({ settings: behindHttpLb, target: 'istio' });
    expect(r.gatewayConfig).toEqual({ gatewayTopology: { numTrustedProxies: 1 } });
    expect(r.resources[0]!.document).toEqual({
      metadata: { annotations: { 'proxy.istio.io/config': '{"gatewayTopology":{"numTrustedProxies":1}}' } },
    });
    expect(r.after.clientIp).toBe('203.0.113.7');
    expect(r.after.headers['x-envoy-external-address']).toBe('203.0.113.7');
  });

  it('Cilium: gatewayAPI.enableProxyProtocol for use-proxy-protocol; the PROXY source is the client', () => {
    const r = migrate({ settings: behindProxyLb, target: 'cilium' });
    expect(r.resources[0]!.document).toEqual({ gatewayAPI: { enabled: true, enableProxyProtocol: true } });
    expect(r.after.clientIp).toBe('203.0.113.7');
  });

  it('kgateway: xffTrustedCIDRs with useRemoteAddress false; compute-full-forwarded-for becomes skipXFFAppend: false', () => {
    const r = migrate({ settings: { ...behindHttpLb, computeFullForwardedFor: true }, target: 'kgateway' });
    expect(r.gatewayConfig).toEqual({ useRemoteAddress: false, xffTrustedCIDRs: ['192.0.2.0/24'], skipXFFAppend: false });
    expect(r.after.clientIp).toBe('203.0.113.7');
    expect(r.after.headers['x-forwarded-for']).toBe('203.0.113.7,192.0.2.2');
  });

  it('NGINX Gateway Fabric: rewriteClientIP XForwardedFor with trustedAddresses; X-Forwarded-For repeats the client ($proxy_add_x_forwarded_for after realip)', () => {
    const r = migrate({ settings: behindHttpLb, target: 'nginx-gateway-fabric' });
    expect(r.gatewayConfig).toEqual({
      rewriteClientIP: { mode: 'XForwardedFor', trustedAddresses: [{ type: 'CIDR', value: '192.0.2.0/24' }], setIPRecursively: true },
    });
    expect(r.after.headers).toEqual({ 'x-forwarded-for': '203.0.113.7, 203.0.113.7', 'x-real-ip': '203.0.113.7' });
  });

  it('Traefik behind an HTTP load balancer: its client is the peer (X-Real-Ip set to the remote address), X-Forwarded-For kept from a trusted peer', () => {
    const r = migrate({ settings: behindHttpLb, target: 'traefik' });
    expect(r.gatewayConfig).toEqual({ forwardedHeaders: { trustedIPs: ['192.0.2.0/24'] } });
    expect(r.after).toEqual({
      clientIp: '192.0.2.2',
      rejected: null,
      headers: { 'x-forwarded-for': '203.0.113.7, 192.0.2.2', 'x-real-ip': '192.0.2.2' },
    });
  });

  it('haproxy-ingress: forwardfor add replaces X-Forwarded-For with src and keeps the received one as X-Original-Forwarded-For', () => {
    const r = migrate({ settings: behindHttpLb, target: 'haproxy-ingress' });
    expect(r.gatewayConfig).toEqual({ forwardfor: 'add' });
    expect(r.after.headers).toEqual({
      'x-forwarded-for': '192.0.2.2',
      'x-real-ip': '192.0.2.2',
      'x-original-forwarded-for': '203.0.113.7',
    });
  });
});

describe('no equivalent, stated plainly', () => {
  it('Istio has no trusted-CIDR option', () => {
    expect(migrate({ settings: behindHttpLb, target: 'istio' }).noEquivalent.join(' ')).toMatch(/Istio has no trusted-CIDR option/);
  });

  it('Cilium has no trusted-CIDR option', () => {
    expect(migrate({ settings: behindHttpLb, target: 'cilium' }).noEquivalent.join(' ')).toMatch(/Cilium has no trusted-CIDR option/);
  });

  it.each(['envoy-gateway', 'istio', 'cilium', 'kgateway'] as const)('%s (Envoy) sends no X-Real-IP', (target) => {
    const r = migrate({ settings: behindHttpLb, target });
    expect(r.noEquivalent.join(' ')).toMatch(/No X-Real-IP/);
    expect(r.after.headers['x-real-ip']).toBeUndefined();
  });

  it.each(migrationTargets.filter((t) => t !== 'haproxy-ingress'))('%s sends no X-Original-Forwarded-For', (target) => {
    const r = migrate({ settings: behindHttpLb, target });
    expect(r.noEquivalent.join(' ')).toMatch(/No X-Original-Forwarded-For/);
    expect(r.after.headers['x-original-forwarded-for']).toBeUndefined();
  });

  it('haproxy-ingress has no equivalent of use-forwarded-headers: behind an HTTP load balancer its client is the load balancer', () => {
    const r = migrate({ settings: behindHttpLb, target: 'haproxy-ingress' });
    expect(r.noEquivalent.join(' ')).toMatch(/use-forwarded-headers and proxy-real-ip-cidr have no equivalent/);
    expect(r.after.clientIp).toBe('192.0.2.2');
  });

  it('Envoy Gateway has no equivalent of proxy-real-ip-cidr for PROXY senders', () => {
    expect(migrate({ settings: behindProxyLb, target: 'envoy-gateway' }).noEquivalent.join(' ')).toMatch(/PROXY header/);
  });

  it('a custom forwarded-for-header has no equivalent where only X-Forwarded-For is read (Istio)', () => {
    const r = migrate({ settings: { ...behindHttpLb, forwardedForHeader: 'X-Client-IP' }, target: 'istio' });
    expect(r.mappings.find((m) => m.setting === 'forwarded-for-header')?.equivalent).toBeNull();
    // The load balancer wrote X-Client-IP, which Istio does not read: its client is the load balancer.
    expect(r.after.clientIp).toBe('192.0.2.2');
  });

  it('NGINX Gateway Fabric has no switch for compute-full-forwarded-for', () => {
    expect(migrate({ settings: behindHttpLb, target: 'nginx-gateway-fabric' }).noEquivalent.join(' ')).toMatch(
      /compute-full-forwarded-for has no switch/,
    );
  });
});

describe('whitelist-source-range and what its successor compares', () => {
  const withAllowlist = { ...behindHttpLb, whitelistSourceRange: ['203.0.113.0/24'] };

  it('Envoy Gateway: SecurityPolicy clientCIDRs compare the detected client, as ingress-nginx compared $remote_addr after realip', () => {
    const r = migrate({ settings: withAllowlist, target: 'envoy-gateway' });
    expect(r.allowlist).toMatchObject({
      before: { matches: '203.0.113.7', allowed: true },
      after: { matches: '203.0.113.7', allowed: true },
    });
    expect(r.resources.map((d) => d.document.kind)).toEqual(['ClientTrafficPolicy', 'SecurityPolicy']);
  });

  it('Traefik: ipAllowList with ipStrategy.depth 1 compares the rightmost X-Forwarded-For entry, the client', () => {
    const r = migrate({ settings: withAllowlist, target: 'traefik' });
    expect(r.allowlist?.after).toEqual({ matches: '203.0.113.7', allowed: true });
  });

  it('haproxy-ingress: allowlist-source-range compares src, the load balancer, which the list refuses', () => {
    const r = migrate({ settings: withAllowlist, target: 'haproxy-ingress' });
    expect(r.allowlist?.after).toEqual({ matches: '192.0.2.2', allowed: false });
  });

  it('is absent without whitelist-source-range', () => {
    expect(migrate({ settings: behindHttpLb, target: 'istio' }).allowlist).toBeNull();
  });
});

describe('bad input', () => {
  it('an invalid CIDR in proxy-real-ip-cidr is a MigrationInputError naming the field', () => {
    const call = () => migrate({ settings: { ...behindHttpLb, proxyRealIpCidr: ['192.0.2.0/33'] }, target: 'istio' });
    expect(call).toThrow(MigrationInputError);
    expect(call).toThrow(/proxy-real-ip-cidr/);
  });

  it('an invalid whitelist-source-range entry is an error, never ignored', () => {
    expect(() => migrate({ settings: { ...defaults, whitelistSourceRange: ['not-an-ip'] }, target: 'traefik' })).toThrow(
      /whitelist-source-range/,
    );
  });

  it('every target answers every derived load balancer without a configuration its own reader refuses', () => {
    for (const target of migrationTargets)
      for (const settings of [
        defaults,
        behindHttpLb,
        behindProxyLb,
        { ...behindHttpLb, useProxyProtocol: true, computeFullForwardedFor: true },
      ])
        expect(() => migrate({ settings, target, clientForgesHeader: true })).not.toThrow();
  });
});
