/**
 * src/model/gateway/cilium.ts: Cilium's Gateway API Helm values on the Envoy engine.
 *
 * Expectations from github.com/cilium/cilium@v1.20.2 (Go module proxy):
 * - Documentation/network/servicemesh/ingress-reference.rst "Source IP Visibility" (it applies to Gateway API too):
 *   trusted hops 0 by default, so the connection's address is the client and is appended to X-Forwarded-For;
 *   a higher count uses the nth value from the right; X-Envoy-External-Address is set to the trusted client address;
 *   `useRemoteAddress: false` makes Envoy treat the request as coming from the client in X-Forwarded-For.
 * - install/kubernetes/cilium/values.yaml: `enableProxyProtocol` — "_only_ Proxy protocol traffic will be accepted".
 * - operator/pkg/model/translation/envoy_http_connection_manager.go: every connection manager carries Cilium's
 *   internal ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 127.0.0.1/32). For a peer in them Envoy's own
 *   test decides: envoyproxy/envoy v1.39.0 test/common/http/conn_manager_utility_test.cc
 *   ExternalAddressInternalRequestUseRemote (peer 10.0.0.1, received x-envoy-external-address 60.0.0.1 → internal,
 *   the received address kept, X-Forwarded-For 10.0.0.1). So the docs' "X-Envoy-External-Address" holds only for
 *   clients outside those ranges.
 */
import { describe, expect, it } from 'vitest';
import { forwardThroughGateway, GatewayConfigError } from '../../../src/model/gateway/index.ts';

const cilium = (config: object, peer: string, headers?: Record<string, string>, proxyProtocolSource?: string) =>
  forwardThroughGateway({ implementation: 'cilium', config, peer, headers, proxyProtocolSource });

describe('cilium: Source IP Visibility', () => {
  it('defaults: the source kept by TPROXY is the client, appended, and set as x-envoy-external-address', () => {
    const result = cilium({}, '203.0.113.7');
    expect(result.clientIp).toBe('203.0.113.7');
    expect(result.upstreamHeaders).toEqual({ 'x-forwarded-for': '203.0.113.7', 'x-envoy-external-address': '203.0.113.7' });
  });
  it("a client in Cilium's internal ranges: internal, x-envoy-internal: true, a received x-envoy-external-address kept", () => {
    const result = cilium({}, '10.0.0.1', { 'x-envoy-external-address': '60.0.0.1' });
    expect(result.clientIp).toBe('10.0.0.1');
    expect(result.upstreamHeaders).toEqual({
      'x-forwarded-for': '10.0.0.1',
      'x-envoy-external-address': '60.0.0.1',
      'x-envoy-internal': 'true',
    });
  });
  it('xffNumTrustedHops 1: the first value from the right is the client', () => {
    const result = cilium({ xffNumTrustedHops: 1 }, '10.0.0.5', { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' });
    expect(result.clientIp).toBe('203.0.113.7');
    expect(result.upstreamHeaders['x-forwarded-for']).toBe('198.51.100.1, 203.0.113.7,10.0.0.5');
    expect(result.upstreamHeaders['x-envoy-external-address']).toBe('203.0.113.7');
  });
  it('useRemoteAddress false: the client comes from X-Forwarded-For and nothing is appended', () => {
    const result = cilium({ useRemoteAddress: false }, '10.0.0.5', { 'x-forwarded-for': '203.0.113.7' });
    expect(result.clientIp).toBe('203.0.113.7');
    expect(result.upstreamHeaders).toEqual({ 'x-forwarded-for': '203.0.113.7' });
  });
  it('enableProxyProtocol: only PROXY traffic is accepted', () => {
    expect(cilium({ enableProxyProtocol: true }, '203.0.113.7').rejected).toBeDefined();
    expect(cilium({ enableProxyProtocol: true }, '10.0.0.5', undefined, '203.0.113.7').clientIp).toBe('203.0.113.7');
  });
});

describe('cilium: configuration errors', () => {
  const problemOf = (config: object): string | undefined => {
    try {
      cilium(config, '198.18.0.1');
      return undefined;
    } catch (error) {
      return error instanceof GatewayConfigError ? `${error.problem} ${error.path}` : 'not a GatewayConfigError';
    }
  };
  it("names bad values and unknown fields; accepts the chart's other gatewayAPI values", () => {
    expect(problemOf({ xffNumTrustedHops: -1 })).toBe('invalid-value xffNumTrustedHops');
    expect(problemOf({ useRemoteAddress: null })).toBe('invalid-value useRemoteAddress');
    expect(problemOf({ enableProxyProtocol: 'true' })).toBe('invalid-value enableProxyProtocol');
    expect(problemOf({ xffTrustedCidrs: [] })).toBe('unknown-field xffTrustedCidrs');
    expect(problemOf({ enabled: true, externalTrafficPolicy: 'Local', enableAlpn: false })).toBeUndefined();
  });
});
