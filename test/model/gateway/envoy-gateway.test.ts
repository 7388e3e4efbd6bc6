/**
 * src/model/gateway/envoy-gateway.ts: Envoy Gateway v1.9.0's ClientTrafficPolicy on the Envoy engine.
 *
 * Expectations from envoyproxy/gateway at tag v1.9.0 (commit 3cfc0df171ec89945cefdebc939e5cabcab55b7d):
 * - site/content/en/v1.9/tasks/traffic/client-traffic-policy.md ("Configure Client IP Detection", "Enable Proxy
 *   Protocol", the default request). Its captured outputs predate the v1.9.0 translator and Envoy 1.33: they show
 *   `X-Envoy-Internal: true` for private clients and `X-Envoy-External-Address` with xForwardedFor. Only the client
 *   and X-Forwarded-For are taken from them; x-envoy-external-address / x-envoy-internal follow the v1.9.0 code
 *   (internal/xds/translator/listener.go: use_remote_address false with xForwardedFor, no internal_address_config)
 *   and Envoy v1.39.0 (conn_manager_utility.cc sets x-envoy-external-address only with use_remote_address).
 * - test/e2e/tests/disable_xff_append.go DisableXFFAppend (testdata/disable-xff-append.yaml).
 * - test/e2e/tests/authorization_client_ip.go AuthzWithClientIP and AuthzWithClientIPTrustedCIDRs
 *   (testdata/authorization-client-ip*.yaml): the SecurityPolicy's clientCIDRs match the detected client, so
 *   403 means the client is in the denied range. The e2e client reaches the gateway from kind's network
 *   (172.18.0.0/16, the addresses in the docs page), inside the trusted 172.0.0.0/8.
 * - api/v1alpha1/clienttrafficpolicy_types.go: CEL rules, CIDR pattern, header name pattern, FailClosed → 403.
 */
import { describe, expect, it } from 'vitest';
import { forwardThroughGateway, GatewayConfigError } from '../../../src/model/gateway/index.ts';

const eg = (config: object, peer: string, headers?: Record<string, string>, proxyProtocolSource?: string) =>
  forwardThroughGateway({ implementation: 'envoy-gateway', config, peer, headers, proxyProtocolSource });

const problemOf = (config: object): string | undefined => {
  try {
    eg(config, '198.18.0.1');
    return undefined;
  } catch (error) {
    return error instanceof GatewayConfigError ? `${error.problem} ${error.path}` : 'not a GatewayConfigError';
  }
};

describe('envoy-gateway: documented examples (v1.9 client-traffic-policy task)', () => {
  it('no policy: the peer is the client and is appended to X-Forwarded-For (docs: X-Forwarded-For 172.18.0.2)', () => {
    const result = eg({}, '172.18.0.2');
    expect(result.clientIp).toBe('172.18.0.2');
    expect(result.upstreamHeaders['x-forwarded-for']).toBe('172.18.0.2');
    // Envoy 1.33+ without internal_address_config: not internal, so an edge request (the docs' output shows the old internal answer).
    expect(result.upstreamHeaders['x-envoy-internal']).toBeUndefined();
    expect(result.upstreamHeaders['x-envoy-external-address']).toBe('172.18.0.2');
    expect(result.upstreamHeaders['x-real-ip']).toBeUndefined();
  });
  it('numTrustedHops 2 with X-Forwarded-For 1.1.1.1,2.2.2.2: client 1.1.1.1, the peer appended', () => {
    const result = eg({ clientIPDetection: { xForwardedFor: { numTrustedHops: 2 } } }, '10.244.0.9', {
      'X-Forwarded-For': '1.1.1.1,2.2.2.2',
    });
    expect(result.clientIp).toBe('1.1.1.1');
    expect(result.upstreamHeaders['x-forwarded-for']).toBe('1.1.1.1,2.2.2.2,10.244.0.9');
    // use_remote_address is false with xForwardedFor: Envoy sets no x-envoy-external-address (the docs' output predates that).
    expect(result.upstreamHeaders['x-envoy-external-address']).toBeUndefined();
  });
  it('enableProxyProtocol: without a PROXY header the connection is reset', () => {
    const result = eg({ enableProxyProtocol: true }, '172.18.0.1');
    expect(result.clientIp).toBeNull();
    expect(result.rejected).toBeDefined();
    expect(result.rejected?.status).toBeUndefined();
  });
  it('enableProxyProtocol: with curl --haproxy-protocol the source is kept in X-Forwarded-For (192.168.255.6)', () => {
    const result = eg({ enableProxyProtocol: true }, '172.18.0.1', undefined, '192.168.255.6');
    expect(result.clientIp).toBe('192.168.255.6');
    expect(result.upstreamHeaders['x-forwarded-for']).toBe('192.168.255.6');
  });
});

describe('envoy-gateway: e2e tests', () => {
  it('DisableXFFAppend: numTrustedHops 1 and disableXForwardedForAppend leave X-Forwarded-For 1.2.3.4 unchanged', () => {
    const result = eg({ clientIPDetection: { xForwardedFor: { numTrustedHops: 1, disableXForwardedForAppend: true } } }, '172.18.0.1', {
      'X-Forwarded-For': '1.2.3.4',
    });
    expect(result.upstreamHeaders['x-forwarded-for']).toBe('1.2.3.4');
    expect(result.clientIp).toBe('1.2.3.4');
  });
  it('AuthzWithClientIP: numTrustedHops 1 takes the rightmost entry (192.168.1.1 is denied), and Envoy appends', () => {
    const spec = { clientIPDetection: { xForwardedFor: { numTrustedHops: 1 } } };
    expect(eg(spec, '172.18.0.1', { 'X-Forwarded-For': '192.168.1.1' }).clientIp).toBe('192.168.1.1');
    expect(eg(spec, '172.18.0.1', { 'X-Forwarded-For': '10.0.1.1' }).clientIp).toBe('10.0.1.1');
    expect(eg(spec, '172.18.0.1', { 'X-Forwarded-For': '192.168.2.1' }).upstreamHeaders['x-forwarded-for']).toBe('192.168.2.1,172.18.0.1');
  });
  it('AuthzWithClientIPTrustedCIDRs: the first untrusted entry from the right is the client', () => {
    const spec = { clientIPDetection: { xForwardedFor: { trustedCIDRs: ['172.0.0.0/8', '10.0.0.0/8'] } } };
    expect(eg(spec, '172.18.0.1', { 'X-Forwarded-For': '192.168.2.1' }).clientIp).toBe('192.168.2.1');
    expect(eg(spec, '172.18.0.1', { 'X-Forwarded-For': '192.168.2.1,172.16.1.17,10.0.1.12' }).clientIp).toBe('192.168.2.1');
    expect(eg(spec, '172.18.0.1', { 'X-Forwarded-For': '192.168.2.1,192.168.1.1,10.0.1.12' }).clientIp).toBe('192.168.1.1');
  });
});

describe('envoy-gateway: translator behaviour (listener.go)', () => {
  it('numTrustedHops 0 and 1 both take the rightmost entry (N becomes N-1, and 0 stays 0)', () => {
    const headers = { 'x-forwarded-for': '203.0.113.7, 198.51.100.2' };
    const zero = eg({ clientIPDetection: { xForwardedFor: { numTrustedHops: 0 } } }, '10.0.0.5', headers);
    const one = eg({ clientIPDetection: { xForwardedFor: { numTrustedHops: 1 } } }, '10.0.0.5', headers);
    expect(zero.clientIp).toBe('198.51.100.2');
    expect(one.clientIp).toBe('198.51.100.2');
  });
  it('customHeader failClosed: a request without the header is refused with 403 Forbidden', () => {
    const result = eg({ clientIPDetection: { customHeader: { name: 'X-Client-IP', failClosed: true } } }, '10.0.0.5');
    expect(result.rejected?.status).toBe(403);
    expect(result.clientIp).toBeNull();
  });
  it('customHeader: the header is the client; X-Forwarded-For is not appended', () => {
    const result = eg({ clientIPDetection: { customHeader: { name: 'X-Client-IP' } } }, '10.0.0.5', {
      'x-client-ip': '203.0.113.7',
      'x-forwarded-for': '198.51.100.2',
    });
    expect(result.clientIp).toBe('203.0.113.7');
    expect(result.upstreamHeaders['x-forwarded-for']).toBe('198.51.100.2');
  });
  it('directSourceIP keeps use_remote_address: the peer is the client', () => {
    const result = eg({ clientIPDetection: { directSourceIP: {} } }, '203.0.113.7', { 'x-forwarded-for': '192.0.2.1' });
    expect(result.clientIp).toBe('203.0.113.7');
    expect(result.upstreamHeaders['x-forwarded-for']).toBe('192.0.2.1,203.0.113.7');
  });
  it('proxyProtocol { optional: true } accepts connections without a header', () => {
    expect(eg({ proxyProtocol: { optional: true } }, '203.0.113.7').clientIp).toBe('203.0.113.7');
  });
});

describe('envoy-gateway: configuration errors (CEL rules and patterns)', () => {
  it('exclusive fields', () => {
    expect(problemOf({ clientIPDetection: { xForwardedFor: { numTrustedHops: 1 }, customHeader: { name: 'x' } } })).toBe(
      'exclusive-fields clientIPDetection.customHeader',
    );
    expect(problemOf({ clientIPDetection: { xForwardedFor: { numTrustedHops: 1, trustedCIDRs: ['10.0.0.0/8'] } } })).toBe(
      'exclusive-fields clientIPDetection.xForwardedFor.trustedCIDRs',
    );
  });
  it('invalid values', () => {
    expect(problemOf({ clientIPDetection: {} })).toBe('invalid-value clientIPDetection');
    expect(problemOf({ clientIPDetection: { xForwardedFor: {} } })).toBe('invalid-value clientIPDetection.xForwardedFor');
    expect(problemOf({ clientIPDetection: { xForwardedFor: { trustedCIDRs: ['10.0.0.0'] } } })).toBe(
      'invalid-value clientIPDetection.xForwardedFor.trustedCIDRs[0]',
    );
    expect(problemOf({ clientIPDetection: { xForwardedFor: { trustedCIDRs: ['10.0.0.0/33'] } } })).toBe(
      'invalid-value clientIPDetection.xForwardedFor.trustedCIDRs[0]',
    );
    expect(problemOf({ clientIPDetection: { xForwardedFor: { trustedCIDRs: [] } } })).toBe(
      'invalid-value clientIPDetection.xForwardedFor.trustedCIDRs',
    );
    expect(problemOf({ clientIPDetection: { xForwardedFor: { numTrustedHops: -1 } } })).toBe(
      'invalid-value clientIPDetection.xForwardedFor.numTrustedHops',
    );
    expect(problemOf({ clientIPDetection: { customHeader: { name: 'x_client_ip' } } })).toBe(
      'invalid-value clientIPDetection.customHeader.name',
    );
    expect(problemOf({ clientIPDetection: { directSourceIP: { enabled: true } } })).toBe(
      'unknown-field clientIPDetection.directSourceIP.enabled',
    );
  });
  it('unknown and not-modelled fields', () => {
    expect(problemOf({ clientIpDetection: {} })).toBe('unknown-field clientIpDetection');
    expect(problemOf({ headers: { earlyRequestHeaders: {} } })).toBe('not-modelled headers');
    expect(problemOf({ targetRefs: [{ kind: 'Gateway', name: 'eg' }], timeout: {} })).toBeUndefined();
  });
});
