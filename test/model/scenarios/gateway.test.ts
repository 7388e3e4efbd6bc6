/**
 * The gateway scenario (src/model/scenarios/gateway.ts): a load balancer, the entry node and a Gateway API
 * implementation's data plane in front of the app. Every expectation is written by hand from the implementations'
 * documentation, never read from the model:
 * - Envoy: docs/root/configuration/http/http_conn_man/headers.rst (x-forwarded-for, x-envoy-external-address; "Envoy
 *   will append the downstream remote address" with use_remote_address; no X-Real-IP anywhere in Envoy's headers).
 * - Envoy Gateway v1.9: "Client Traffic Policy" task, "Client IP Detection" (the default takes the connection's source;
 *   xForwardedFor.numTrustedHops), api/v1alpha1/clienttrafficpolicy_types.go; the generated Service's
 *   externalTrafficPolicy: Local (EnvoyProxy envoyService defaults).
 * - Istio 1.30: "Configuring Gateway Network Topology" (numTrustedProxies; no trusted-CIDR setting).
 * - Cilium v1.20: ingress-reference.rst ("the source IP is kept": TPROXY to the node's Envoy, either policy).
 * - NGINX Gateway Fabric v2.6: "Client settings" docs (rewriteClientIP, mode XForwardedFor, trustedAddresses), and
 *   nginx's ngx_http_realip_module and ngx_http_proxy_module docs ($proxy_add_x_forwarded_for appends $remote_addr).
 * - Traefik v3.6: "EntryPoints" docs, forwardedHeaders ("trust only forwarded headers from selected IPs"; untrusted
 *   sources' X-Forwarded-* headers are removed).
 * - haproxy-ingress v0.16: docs/content/en/docs/configuration/keys.md, forwardfor (`add`, the default, replaces
 *   X-Forwarded-For with the peer and keeps the received one as X-Original-Forwarded-For).
 * The address plan: client 203.0.113.7, forged 203.0.113.66, load balancer 192.0.2.2, nodes 192.0.2.11 (A) and
 * 192.0.2.12 (B), the gateway pod 198.18.1.30.
 */
import { describe, expect, it } from 'vitest';
import { trace } from '../../../src/model/index.ts';
import { ipRole, seen, traced } from '../helpers.ts';

/** The HTTP load balancer in front, entering the node that runs the gateway pod (where Local keeps the source). */
const behindHttpLb = { lb: 'l7-http', entry: 'node-with-endpoint' };

/** The gateway's own fields: X-Envoy-External-Address and the client it itself sees. */
function atGateway(t: ReturnType<typeof trace>) {
  return { xEnvoyExternalAddress: ipRole(t.observed?.xEnvoyExternalAddress), clientIpAtGateway: ipRole(t.observed?.clientIpAtGateway) };
}

describe('Envoy Gateway', () => {
  it('by default takes its TCP peer, the HTTP load balancer, as the client; Envoy appends it to X-Forwarded-For and sets X-Envoy-External-Address', () => {
    const t = traced('gateway', { implementation: 'envoy-gateway', ...behindHttpLb });
    expect(seen(t)).toMatchObject({
      remoteAddr: '198.18.1.30 gateway-pod',
      xForwardedFor: ['203.0.113.7 client', '192.0.2.2 load-balancer'],
      xRealIp: null,
    });
    expect(atGateway(t)).toEqual({ xEnvoyExternalAddress: '192.0.2.2 load-balancer', clientIpAtGateway: '192.0.2.2 load-balancer' });
  });
  it('with numTrustedHops: 1 takes the rightmost X-Forwarded-For entry (N-1 hops): the client; no X-Envoy-External-Address', () => {
    const t = traced('gateway', { implementation: 'envoy-gateway', clientIPDetection: 'trust-lb-hops', ...behindHttpLb });
    expect(atGateway(t)).toEqual({ xEnvoyExternalAddress: null, clientIpAtGateway: '203.0.113.7 client' });
    // disableXForwardedForAppend defaults to false: the peer is still appended.
    expect(seen(t)).toMatchObject({ xForwardedFor: ['203.0.113.7 client', '192.0.2.2 load-balancer'] });
  });
  it('behind a passthrough load balancer, one trusted hop believes the entry the client wrote itself', () => {
    const t = traced('gateway', {
      implementation: 'envoy-gateway',
      clientIPDetection: 'trust-lb-hops',
      lb: 'l4-passthrough',
      entry: 'node-with-endpoint',
      spoofedHeader: 'present',
    });
    expect(atGateway(t).clientIpAtGateway).toBe('203.0.113.66 spoofed');
  });
  it('with externalTrafficPolicy: Cluster, kube-proxy masquerades: the gateway sees the entry node', () => {
    const t = traced('gateway', {
      implementation: 'envoy-gateway',
      externalTrafficPolicy: 'Cluster',
      lb: 'l4-passthrough',
      entry: 'node-without-endpoint',
    });
    expect(atGateway(t).clientIpAtGateway).toBe('192.0.2.12 entry-node');
  });
  it('with Local, a request entering the node without the gateway pod is dropped (the health check keeps it out)', () => {
    const t = traced('gateway', { implementation: 'envoy-gateway', lb: 'l4-passthrough', entry: 'node-without-endpoint' });
    expect(t.dropCode).toBe('no-local-endpoint');
    expect(t.healthCheck?.status).toBe(503);
  });
  it('a PROXY header on a listener without proxyProtocol is a malformed request: 400', () => {
    const t = traced('gateway', { implementation: 'envoy-gateway', lb: 'l4-proxy-protocol', entry: 'node-with-endpoint' });
    expect(t.dropCode).toBe('proxy-protocol-unexpected');
  });
  it('with proxyProtocol, plain HTTP from the load balancer is refused (the header is required unless optional)', () => {
    const t = traced('gateway', { implementation: 'envoy-gateway', clientIPDetection: 'proxy-protocol', ...behindHttpLb });
    expect(t.dropCode).toBe('proxy-protocol-missing');
  });
  it('with proxyProtocol behind a PROXY load balancer, the PROXY source is the client', () => {
    const t = traced('gateway', {
      implementation: 'envoy-gateway',
      clientIPDetection: 'proxy-protocol',
      lb: 'l4-proxy-protocol',
      entry: 'node-with-endpoint',
    });
    expect(atGateway(t)).toEqual({ xEnvoyExternalAddress: '203.0.113.7 client', clientIpAtGateway: '203.0.113.7 client' });
  });
});

describe('Istio', () => {
  it('by default takes its TCP peer (numTrustedProxies 0)', () => {
    const t = traced('gateway', { implementation: 'istio', ...behindHttpLb });
    expect(atGateway(t)).toEqual({ xEnvoyExternalAddress: '192.0.2.2 load-balancer', clientIpAtGateway: '192.0.2.2 load-balancer' });
  });
  it('with numTrustedProxies: 1 takes the client the load balancer appended, and says so in X-Envoy-External-Address', () => {
    const t = traced('gateway', { implementation: 'istio', clientIPDetection: 'trust-lb-hops', ...behindHttpLb });
    expect(atGateway(t)).toEqual({ xEnvoyExternalAddress: '203.0.113.7 client', clientIpAtGateway: '203.0.113.7 client' });
  });
  it('has no trusted-CIDR option: the state says so and shows the defaults', () => {
    const t = trace('gateway', { implementation: 'istio', clientIPDetection: 'trust-lb-cidr', ...behindHttpLb });
    expect(t.notices.join(' ')).toContain('No equivalent');
    expect(atGateway(t).clientIpAtGateway).toBe('192.0.2.2 load-balancer');
  });
});

describe('Cilium', () => {
  it('keeps the client’s source under externalTrafficPolicy: Cluster, on either node (TPROXY to the node’s Envoy)', () => {
    for (const entry of ['node-with-endpoint', 'node-without-endpoint']) {
      const t = traced('gateway', { implementation: 'cilium', externalTrafficPolicy: 'Cluster', lb: 'l4-passthrough', entry });
      expect(t.delivered).toBe(true);
      // A public client is external to Cilium's internal ranges: X-Envoy-External-Address is set.
      expect(atGateway(t)).toEqual({ xEnvoyExternalAddress: '203.0.113.7 client', clientIpAtGateway: '203.0.113.7 client' });
    }
  });
});

describe('kgateway', () => {
  it('by default (useRemoteAddress true, no trusted hops) takes its TCP peer', () => {
    const t = traced('gateway', { implementation: 'kgateway', ...behindHttpLb });
    expect(atGateway(t).clientIpAtGateway).toBe('192.0.2.2 load-balancer');
  });
});

describe('NGINX Gateway Fabric', () => {
  it('by default sends its peer as X-Real-IP and appends it to X-Forwarded-For', () => {
    const t = traced('gateway', { implementation: 'nginx-gateway-fabric', ...behindHttpLb });
    expect(seen(t)).toMatchObject({ xForwardedFor: ['203.0.113.7 client', '192.0.2.2 load-balancer'], xRealIp: '192.0.2.2 load-balancer' });
  });
  it('with realip from X-Forwarded-For, $remote_addr becomes the client, so the appended entry repeats it', () => {
    const t = traced('gateway', { implementation: 'nginx-gateway-fabric', clientIPDetection: 'trust-lb-cidr', ...behindHttpLb });
    expect(seen(t)).toMatchObject({ xForwardedFor: ['203.0.113.7 client', '203.0.113.7 client'], xRealIp: '203.0.113.7 client' });
    expect(atGateway(t)).toEqual({ xEnvoyExternalAddress: null, clientIpAtGateway: '203.0.113.7 client' });
  });
  it('trusts addresses, not a number of hops: no equivalent', () => {
    expect(trace('gateway', { implementation: 'nginx-gateway-fabric', clientIPDetection: 'trust-lb-hops' }).notices).toHaveLength(1);
  });
});

describe('Traefik', () => {
  it('removes X-Forwarded-For from an untrusted peer (its default) and sends the peer as X-Real-Ip', () => {
    const t = traced('gateway', { implementation: 'traefik', spoofedHeader: 'present', ...behindHttpLb });
    expect(seen(t)).toMatchObject({ xForwardedFor: ['192.0.2.2 load-balancer'], xRealIp: '192.0.2.2 load-balancer' });
  });
  it('keeps a trusted peer’s X-Forwarded-For and appends the peer; its own client stays the peer', () => {
    const t = traced('gateway', {
      implementation: 'traefik',
      clientIPDetection: 'trust-lb-cidr',
      spoofedHeader: 'present',
      ...behindHttpLb,
    });
    expect(seen(t)).toMatchObject({
      xForwardedFor: ['203.0.113.66 spoofed', '203.0.113.7 client', '192.0.2.2 load-balancer'],
      xRealIp: '192.0.2.2 load-balancer',
    });
    expect(atGateway(t).clientIpAtGateway).toBe('192.0.2.2 load-balancer');
  });
});

describe('haproxy-ingress', () => {
  it('forwardfor add (the default) replaces X-Forwarded-For with the peer', () => {
    const t = traced('gateway', { implementation: 'haproxy-ingress', spoofedHeader: 'present', ...behindHttpLb });
    expect(seen(t)).toMatchObject({ xForwardedFor: ['192.0.2.2 load-balancer'], xRealIp: '192.0.2.2 load-balancer' });
  });
  it('use-proxy-protocol reads the PROXY source as the client', () => {
    const t = traced('gateway', {
      implementation: 'haproxy-ingress',
      clientIPDetection: 'proxy-protocol',
      lb: 'l4-proxy-protocol',
      entry: 'node-with-endpoint',
    });
    expect(seen(t)).toMatchObject({ xForwardedFor: ['203.0.113.7 client'], xRealIp: '203.0.113.7 client' });
  });
});

describe('Envoy configured directly', () => {
  it('with its own defaults (use_remote_address false) believes the rightmost X-Forwarded-For entry, even one the client wrote', () => {
    const t = traced('gateway', { implementation: 'envoy', lb: 'l4-passthrough', entry: 'node-with-endpoint', spoofedHeader: 'present' });
    expect(atGateway(t)).toEqual({ xEnvoyExternalAddress: null, clientIpAtGateway: '203.0.113.66 spoofed' });
    // use_remote_address false: Envoy does not append.
    expect(seen(t)).toMatchObject({ xForwardedFor: ['203.0.113.66 spoofed'] });
  });
});

describe('other scenarios keep their answers', () => {
  it('adds no gateway field to another scenario’s observation', () => {
    const o = traced('ingress').observed ?? traced('ingress', { entry: 'node-with-endpoint' }).observed;
    expect(o).not.toHaveProperty('xEnvoyExternalAddress');
    expect(o).not.toHaveProperty('clientIpAtGateway');
  });
});
