/**
 * src/model/gateway/kgateway.ts: kgateway's ListenerPolicy client-IP settings on the Envoy engine.
 *
 * Expectations from kgateway-dev/kgateway, read through the search index (the Go module proxy refuses the module):
 * api/v1alpha1/kgateway/listener_policy_types.go at e30e645970933d7d8a2d95d88aab8b1546a3d331 — `useRemoteAddress`
 * omitted falls back to true ("Envoy will use the remote address of the connection as the client address"); false:
 * "Envoy will use the X-Forwarded-For header to determine the client address. Furthermore, SkipXffAppend will
 * implicitly be set to true unless explicitly configured"; `xffNumTrustedHops` "additional ingress proxy hops from the
 * right side"; the CEL rules on `xffTrustedCIDRs`; `proxyProtocol` requires the header unless
 * `allowRequestsWithoutProxyProtocol`. pkg/kgateway/extensions2/plugins/listenerpolicy/http.go at
 * 140ea174bc09a2efa903f5105a3949470b570e31: with useRemoteAddress false, skipXFFAppend goes to the XFF extension.
 */
import { describe, expect, it } from 'vitest';
import { forwardThroughGateway, GatewayConfigError } from '../../../src/model/gateway/index.ts';

const kg = (config: object, peer: string, headers?: Record<string, string>, proxyProtocolSource?: string) =>
  forwardThroughGateway({ implementation: 'kgateway', config, peer, headers, proxyProtocolSource });

describe('kgateway: ListenerPolicy client-IP settings', () => {
  it("default useRemoteAddress true: the connection's address is the client, appended", () => {
    const result = kg({}, '203.0.113.7', { 'x-forwarded-for': '192.0.2.1' });
    expect(result.clientIp).toBe('203.0.113.7');
    expect(result.upstreamHeaders['x-forwarded-for']).toBe('192.0.2.1,203.0.113.7');
  });
  it('xffNumTrustedHops 1 with useRemoteAddress: one trusted hop from the right', () => {
    const result = kg({ xffNumTrustedHops: 1 }, '10.0.0.5', { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' });
    expect(result.clientIp).toBe('203.0.113.7');
  });
  it('useRemoteAddress false: the client from X-Forwarded-For, and no append unless skipXFFAppend is set false', () => {
    const plain = kg({ useRemoteAddress: false }, '10.0.0.5', { 'x-forwarded-for': '203.0.113.7' });
    expect(plain.clientIp).toBe('203.0.113.7');
    expect(plain.upstreamHeaders['x-forwarded-for']).toBe('203.0.113.7');
    const appending = kg({ useRemoteAddress: false, skipXFFAppend: false }, '10.0.0.5', { 'x-forwarded-for': '203.0.113.7' });
    expect(appending.upstreamHeaders['x-forwarded-for']).toBe('203.0.113.7,10.0.0.5');
  });
  it('useRemoteAddress false with xffTrustedCIDRs: trusted entries are skipped from the right', () => {
    const result = kg({ useRemoteAddress: false, xffTrustedCIDRs: ['10.0.0.0/8'] }, '10.0.0.5', {
      'x-forwarded-for': '203.0.113.7, 10.1.2.3',
    });
    expect(result.clientIp).toBe('203.0.113.7');
  });
  it('proxyProtocol requires the header unless allowRequestsWithoutProxyProtocol', () => {
    expect(kg({ proxyProtocol: {} }, '203.0.113.7').rejected).toBeDefined();
    expect(kg({ proxyProtocol: {} }, '10.0.0.5', undefined, '203.0.113.7').clientIp).toBe('203.0.113.7');
    expect(kg({ proxyProtocol: { allowRequestsWithoutProxyProtocol: true } }, '203.0.113.7').clientIp).toBe('203.0.113.7');
  });
});

describe('kgateway: configuration errors (CEL rules)', () => {
  const problemOf = (config: object): string | undefined => {
    try {
      kg(config, '198.18.0.1');
      return undefined;
    } catch (error) {
      return error instanceof GatewayConfigError ? `${error.problem} ${error.path}` : 'not a GatewayConfigError';
    }
  };
  it('names each problem', () => {
    expect(problemOf({ useRemoteAddress: false, xffNumTrustedHops: 1, xffTrustedCIDRs: ['10.0.0.0/8'] })).toBe(
      'exclusive-fields xffTrustedCIDRs',
    );
    expect(problemOf({ xffTrustedCIDRs: ['10.0.0.0/8'] })).toBe('invalid-value xffTrustedCIDRs');
    expect(problemOf({ useRemoteAddress: false, xffTrustedCIDRs: ['10.0.0.0'] })).toBe('invalid-value xffTrustedCIDRs[0]');
    expect(problemOf({ xffNumTrustedHops: -1 })).toBe('invalid-value xffNumTrustedHops');
    expect(problemOf({ earlyRequestHeaderModifier: {} })).toBe('not-modelled earlyRequestHeaderModifier');
    expect(problemOf({ proxyProtocol: { version: 'V2' } })).toBe('unknown-field proxyProtocol.version');
  });
});
