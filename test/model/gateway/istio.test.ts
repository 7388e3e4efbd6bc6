/**
 * src/model/gateway/istio.ts: an Istio ingress gateway's gatewayTopology on the Envoy engine.
 *
 * Expectations from istio/istio.io content/en/docs/ops/configuration/traffic-management/network-topologies/index.md
 * (commit a10ce5e3131c810a0287cc0c542cd8c4b086e9bc, read through the search index), "Example using X-Forwarded-For
 * capability with httpbin": numTrustedProxies 2, `X-Forwarded-For: 56.5.6.7, 72.9.5.6, 98.1.2.3` from a peer
 * 10.244.0.1 → X-Envoy-External-Address 72.9.5.6, X-Forwarded-For "56.5.6.7, 72.9.5.6, 98.1.2.3,10.244.0.1"; the
 * note "If the number of entries in the X-Forwarded-For header is less than the number of trusted hops configured,
 * Envoy falls back to using the immediate downstream address"; and "PROXY Protocol": the client IP from the PROXY
 * header is set in X-Forwarded-For and X-Envoy-External-Address, but with numTrustedProxies the received
 * X-Forwarded-For takes precedence. Field names from istio.io/api mesh/v1alpha1/proxy.proto Topology.
 */
import { describe, expect, it } from 'vitest';
import { forwardThroughGateway, GatewayConfigError } from '../../../src/model/gateway/index.ts';

const istio = (config: object, peer: string, headers?: Record<string, string>, proxyProtocolSource?: string) =>
  forwardThroughGateway({ implementation: 'istio', config, peer, headers, proxyProtocolSource });

const problemOf = (config: object): string | undefined => {
  try {
    istio(config, '198.18.0.1');
    return undefined;
  } catch (error) {
    return error instanceof GatewayConfigError ? `${error.problem} ${error.path}` : 'not a GatewayConfigError';
  }
};

describe('istio: network-topologies examples', () => {
  it('numTrustedProxies 2: x-envoy-external-address is the second entry from the right; the gateway appends its peer', () => {
    const result = istio({ gatewayTopology: { numTrustedProxies: 2 } }, '10.244.0.1', {
      'X-Forwarded-For': '56.5.6.7, 72.9.5.6, 98.1.2.3',
    });
    expect(result.clientIp).toBe('72.9.5.6');
    expect(result.upstreamHeaders).toEqual({
      'x-forwarded-for': '56.5.6.7, 72.9.5.6, 98.1.2.3,10.244.0.1',
      'x-envoy-external-address': '72.9.5.6',
    });
  });
  it('fewer entries than trusted hops: the immediate downstream address is the client', () => {
    const result = istio({ gatewayTopology: { numTrustedProxies: 2 } }, '10.244.0.1', { 'X-Forwarded-For': '98.1.2.3' });
    expect(result.clientIp).toBe('10.244.0.1');
  });
  it('PROXY protocol: the header source is set in X-Forwarded-For and X-Envoy-External-Address', () => {
    const result = istio({ gatewayTopology: { proxyProtocol: {} } }, '10.244.0.1', undefined, '203.0.113.7');
    expect(result.clientIp).toBe('203.0.113.7');
    expect(result.upstreamHeaders).toEqual({ 'x-forwarded-for': '203.0.113.7', 'x-envoy-external-address': '203.0.113.7' });
  });
  it('PROXY protocol with numTrustedProxies: the received X-Forwarded-For takes precedence', () => {
    const result = istio(
      { gatewayTopology: { proxyProtocol: {}, numTrustedProxies: 1 } },
      '10.244.0.1',
      { 'x-forwarded-for': '198.51.100.9' },
      '203.0.113.7',
    );
    expect(result.clientIp).toBe('198.51.100.9');
    expect(result.upstreamHeaders['x-forwarded-for']).toBe('198.51.100.9,203.0.113.7');
  });
  it('no topology: the peer is the client, appended, and every request is external (no x-envoy-internal, no X-Real-IP)', () => {
    const result = istio({}, '10.244.0.1', { 'x-envoy-internal': 'true' });
    expect(result.clientIp).toBe('10.244.0.1');
    expect(result.upstreamHeaders).toEqual({ 'x-forwarded-for': '10.244.0.1', 'x-envoy-external-address': '10.244.0.1' });
  });
});

describe('istio: configuration errors', () => {
  it("refuses the issue text's flat shape, unknown fields and XFCC settings", () => {
    expect(problemOf({ numTrustedProxies: 1 })).toBe('unknown-field numTrustedProxies');
    expect(problemOf({ gatewayTopology: { proxyProtocol: true } })).toBe('invalid-value gatewayTopology.proxyProtocol');
    expect(problemOf({ gatewayTopology: { numTrustedProxies: 1.5 } })).toBe('invalid-value gatewayTopology.numTrustedProxies');
    expect(problemOf({ gatewayTopology: { forwardClientCertDetails: 'SANITIZE' } })).toBe(
      'not-modelled gatewayTopology.forwardClientCertDetails',
    );
    expect(problemOf({ gatewayTopology: { xffTrustedCidrs: ['10.0.0.0/8'] } })).toBe('unknown-field gatewayTopology.xffTrustedCidrs');
  });
});
