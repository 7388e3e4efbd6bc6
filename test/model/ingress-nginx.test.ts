/**
 * ingress-nginx (src/model/ingress-nginx.ts) through the ingress scenario, as its template configures nginx. Sources,
 * repository kubernetes/ingress-nginx at tag controller-v1.13.0:
 * - internal/ingress/controller/config/config.go lines 752-821: use-forwarded-headers, compute-full-forwarded-for,
 *   use-proxy-protocol and enable-real-ip false, forwarded-for-header X-Forwarded-For, proxy-real-ip-cidr 0.0.0.0/0;
 * - rootfs/etc/nginx/template/nginx.tmpl lines 77-92 (realip only with use-forwarded-headers, use-proxy-protocol or
 *   enable-real-ip; real_ip_recursive on; one set_real_ip_from per proxy-real-ip-cidr), lines 399-410
 *   ($full_x_forwarded_for), lines 414-446 (with both PROXY protocol and forwarded headers, the forwarded-for header
 *   only when the PROXY source is trusted: commit cf0a44191, PR 12768, first released in controller-v1.13.0), lines
 *   1299-1317 (X-Real-IP $remote_addr; X-Forwarded-For $full_x_forwarded_for or $remote_addr;
 *   X-Original-Forwarded-For);
 * - its e2e tests test/e2e/settings/forwarded_headers.go, enable_real_ip.go and proxy_protocol.go ("should not trust
 *   X-Forwarded headers when the client IP address is not trusted", "should trust X-Forwarded headers when the client IP
 *   address is trusted"), transcribed in test/upstream/kubernetes/ingress-nginx.
 * The lab renders the template of controller-v1.11.0 (lab/ingress-nginx). Expectations written by hand.
 */
import { describe, expect, it } from 'vitest';
import { scenarioStates, findScenario, trace } from '../../src/model/index.ts';
import { seen, traced } from './helpers.ts';

const l7Local = { lb: 'l7-http', externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' };
const proxyLocal = { lb: 'l4-proxy-protocol', externalTrafficPolicy: 'Local', entry: 'node-with-endpoint', useProxyProtocol: 'true' };

describe('defaults discard the client’s X-Forwarded-For and send the TCP peer', () => {
  it('every default: the app gets node B 192.0.2.12 (the ingress pod’s peer) in both headers', () => {
    expect(seen(traced('ingress'))).toEqual({
      delivered: true,
      remoteAddr: '198.18.1.30 ingress-pod',
      xForwardedFor: ['192.0.2.12 entry-node'],
      xRealIp: '192.0.2.12 entry-node',
      proxyProtocol: null,
    });
  });
  it('behind an L7 load balancer with Local, the client in the load balancer’s header is discarded: the app gets 192.0.2.2', () => {
    expect(seen(traced('ingress', { ...l7Local, spoofedHeader: 'present' }))).toMatchObject({
      xForwardedFor: ['192.0.2.2 load-balancer'],
      xRealIp: '192.0.2.2 load-balancer',
    });
  });
  it('the received header is passed on as X-Original-Forwarded-For', () => {
    const last = traced('ingress', l7Local).hops.at(-1)!;
    expect(last.headers.find((h) => h.name === 'X-Original-Forwarded-For')?.values.map((v) => v.ip)).toEqual(['203.0.113.7']);
  });
});

describe('use-forwarded-headers with the default 0.0.0.0/0 trust', () => {
  it('without a forged header, the client 203.0.113.7 arrives in both headers', () => {
    expect(seen(traced('ingress', { ...l7Local, useForwardedHeaders: 'true' }))).toMatchObject({
      xForwardedFor: ['203.0.113.7 client'],
      xRealIp: '203.0.113.7 client',
    });
  });
  it('a forged header wins: the leftmost, forgeable entry 203.0.113.66 becomes the client', () => {
    expect(seen(traced('ingress', { ...l7Local, useForwardedHeaders: 'true', spoofedHeader: 'present' }))).toMatchObject({
      xForwardedFor: ['203.0.113.66 spoofed'],
      xRealIp: '203.0.113.66 spoofed',
    });
  });
  it('a narrow proxy-real-ip-cidr (the node network) stops the forgery: the client 203.0.113.7', () => {
    expect(
      seen(traced('ingress', { ...l7Local, useForwardedHeaders: 'true', spoofedHeader: 'present', proxyRealIpCidr: '192.0.2.0/24' })),
    ).toMatchObject({ xRealIp: '203.0.113.7 client' });
  });
});

describe('compute-full-forwarded-for', () => {
  it('with use-forwarded-headers, the app gets the received list followed by the TCP peer', () => {
    expect(
      seen(traced('ingress', { ...l7Local, useForwardedHeaders: 'true', computeFullForwardedFor: 'true', spoofedHeader: 'present' })),
    ).toMatchObject({
      xForwardedFor: ['203.0.113.66 spoofed', '203.0.113.7 client', '192.0.2.2 load-balancer'],
      xRealIp: '203.0.113.66 spoofed',
    });
  });
  it('alone it changes nothing: the app still gets only the peer 192.0.2.2', () => {
    expect(seen(traced('ingress', { ...l7Local, computeFullForwardedFor: 'true' })).xForwardedFor).toEqual(['192.0.2.2 load-balancer']);
  });
  it('with PROXY protocol, the list ends with the PROXY source rather than the TCP peer', () => {
    expect(seen(traced('ingress', { ...proxyLocal, useForwardedHeaders: 'true', computeFullForwardedFor: 'true' })).xForwardedFor).toEqual([
      '203.0.113.7 client',
    ]);
  });
});

describe('PROXY protocol', () => {
  it('alone, it sends the PROXY source: the client 203.0.113.7 in both headers, even with Cluster through node B', () => {
    expect(seen(traced('ingress', { lb: 'l4-proxy-protocol', useProxyProtocol: 'true', spoofedHeader: 'present' }))).toMatchObject({
      xForwardedFor: ['203.0.113.7 client'],
      xRealIp: '203.0.113.7 client',
    });
  });
  it('with forwarded headers and a trusted PROXY source (0.0.0.0/0), the received X-Forwarded-For is read: a forged entry wins', () => {
    expect(seen(traced('ingress', { ...proxyLocal, useForwardedHeaders: 'true', spoofedHeader: 'present' })).xRealIp).toBe(
      '203.0.113.66 spoofed',
    );
  });
  it('with forwarded headers and an untrusted PROXY source, the PROXY source is the client (v1.13+, PR 12768)', () => {
    expect(
      seen(traced('ingress', { ...proxyLocal, useForwardedHeaders: 'true', spoofedHeader: 'present', proxyRealIpCidr: '192.0.2.0/24' }))
        .xRealIp,
    ).toBe('203.0.113.7 client');
  });
  it('with forwarded headers, a trusted PROXY source and no X-Forwarded-For at all, realip has nothing to read: the TCP peer stays', () => {
    // The template's map sends $http_x_forwarded_for, empty here, as the realip header; realip then leaves $remote_addr alone.
    expect(seen(traced('ingress', { ...proxyLocal, useForwardedHeaders: 'true' })).xRealIp).toBe('192.0.2.2 load-balancer');
  });
  describe('controller v1.12 or earlier (template before PR 12768): with PROXY protocol on, realip reads only the PROXY source', () => {
    // controller-v1.11.0 (the pinned Go module k8s.io/ingress-nginx@v0.0.0-20240708192948-52c50467d67d, which the lab
    // renders) rootfs/etc/nginx/template/nginx.tmpl lines 137-146: `real_ip_header proxy_protocol` whenever
    // use-proxy-protocol is on.
    const older = { ...proxyLocal, useForwardedHeaders: 'true', ingressNginxVersion: 'v1.12-or-earlier' };
    it('a forged X-Forwarded-For does not win: the client 203.0.113.7 from the PROXY line', () => {
      expect(seen(traced('ingress', { ...older, spoofedHeader: 'present' })).xRealIp).toBe('203.0.113.7 client');
    });
    it('without any X-Forwarded-For, still the PROXY source, where v1.13+ keeps the TCP peer', () => {
      expect(seen(traced('ingress', older))).toMatchObject({ xRealIp: '203.0.113.7 client', xForwardedFor: ['203.0.113.7 client'] });
    });
    it('PROXY protocol alone answers the same in both releases', () => {
      const alone = { lb: 'l4-proxy-protocol', useProxyProtocol: 'true', spoofedHeader: 'present' };
      expect(seen(traced('ingress', { ...alone, ingressNginxVersion: 'v1.12-or-earlier' })).xRealIp).toBe('203.0.113.7 client');
    });
  });
  it('expected but not sent: nginx reads plain HTTP as a broken header and closes without a response', () => {
    // nginx src/core/ngx_proxy_protocol.c logs "broken header" and the connection is closed (the lab: curl exit 52).
    const t = traced('ingress', { ...l7Local, useProxyProtocol: 'true' });
    expect(t.delivered).toBe(false);
    expect(t.dropReason).toContain('broken header');
    expect(t.dropCode).toBe('proxy-protocol-missing');
    expect(t.hops.at(-1)).toMatchObject({ kind: 'drop', at: 'ingress-pod' });
  });
  it('sent but not expected: nginx answers 400', () => {
    // Without `listen ... proxy_protocol` the PROXY line is read as the request line, which is invalid: 400 (the lab).
    const t = traced('ingress', { lb: 'l4-proxy-protocol' });
    expect(t.delivered).toBe(false);
    expect(t.dropReason).toContain('400');
    expect(t.dropCode).toBe('proxy-protocol-unexpected');
  });
});

describe('the app behind the ingress always sees the ingress pod as its peer', () => {
  it('in every delivered combination of the ingress scenario', () => {
    let delivered = 0;
    for (const params of scenarioStates(findScenario('ingress')!)) {
      const t = trace('ingress', params);
      if (!t.observed) continue;
      delivered++;
      expect(t.observed.remoteAddr).toEqual({ ip: '198.18.1.30', role: 'ingress-pod' });
    }
    expect(delivered).toBeGreaterThan(300);
  });
});
