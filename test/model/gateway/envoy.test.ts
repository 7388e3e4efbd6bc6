/**
 * src/model/gateway/envoy.ts and envoy-listener.ts: Envoy configured directly, with its PROXY listener filter.
 *
 * Expectations from Envoy v1.39.0 (commit 8eea3285d6bdb89f8ea34632cfe7ce1608a8f374, Go module
 * github.com/envoyproxy/envoy@v1.39.0):
 * - test/extensions/filters/listener/proxy_protocol/proxy_protocol_test.cc: V1Basic (the header's source 1.2.3.4
 *   becomes the remote address), AllowLargeNoProxyProtocol (no header, allowed: data passes, the peer stays),
 *   ProxyLineTooLarge (no header, not allowed: proxy protocol error, the connection is closed).
 * - source/common/http/http1/codec_impl.h `error_code_{Http::Code::BadRequest}`: a request line the HTTP/1 codec
 *   cannot parse (a PROXY line at a listener without the filter) is answered 400.
 * - test/common/http/conn_manager_utility_test.cc: UseRemoteAddressWithXFFTrustedHops and
 *   AppendInternalAddressXffNotInternalRequest (inputs and expectations as there), and the config checks in
 *   source/extensions/filters/network/http_connection_manager/config.cc ("Original IP detection extensions and
 *   use_remote_address may not be mixed"), source/extensions/http/original_ip_detection/xff/xff.cc ("Cannot set both
 *   xff_num_trusted_hops and xff_trusted_cidrs").
 */
import { describe, expect, it } from 'vitest';
import { forwardThroughGateway, GatewayConfigError } from '../../../src/model/gateway/index.ts';
import { envoyListenerConfig } from '../../../src/model/gateway/envoy.ts';

const problemOf = (config: object): string | undefined => {
  try {
    envoyListenerConfig(config);
    return undefined;
  } catch (error) {
    return error instanceof GatewayConfigError ? `${error.problem} ${error.path}` : 'not a GatewayConfigError';
  }
};

describe('envoy: the PROXY listener filter', () => {
  it('V1Basic: with the filter, the PROXY header source is the peer', () => {
    const result = forwardThroughGateway({
      implementation: 'envoy',
      config: { useRemoteAddress: true, proxyProtocol: {} },
      peer: '198.18.0.10',
      proxyProtocolSource: '1.2.3.4',
    });
    expect(result.clientIp).toBe('1.2.3.4');
    expect(result.upstreamHeaders['x-forwarded-for']).toBe('1.2.3.4');
    expect(result.upstreamHeaders['x-envoy-external-address']).toBe('1.2.3.4');
  });
  it('ProxyLineTooLarge: with the filter and no header, the connection is closed without a status', () => {
    const result = forwardThroughGateway({
      implementation: 'envoy',
      config: { useRemoteAddress: true, proxyProtocol: {} },
      peer: '1.2.3.4',
    });
    expect(result.clientIp).toBeNull();
    expect(result.rejected?.status).toBeUndefined();
    expect(result.rejected?.reason).toMatch(/PROXY/);
    expect(result.upstreamHeaders).toEqual({});
  });
  it('AllowLargeNoProxyProtocol: allow_requests_without_proxy_protocol lets a connection without a header through, peer unchanged', () => {
    const result = forwardThroughGateway({
      implementation: 'envoy',
      config: { useRemoteAddress: true, proxyProtocol: { allowRequestsWithoutProxyProtocol: true } },
      peer: '1.2.3.4',
    });
    expect(result.clientIp).toBe('1.2.3.4');
    expect(result.rejected).toBeUndefined();
  });
  it('a PROXY header at a listener without the filter is a request line the HTTP/1 codec refuses: 400', () => {
    const result = forwardThroughGateway({
      implementation: 'envoy',
      config: { useRemoteAddress: true },
      peer: '198.18.0.10',
      proxyProtocolSource: '1.2.3.4',
    });
    expect(result.rejected?.status).toBe(400);
    expect(result.clientIp).toBeNull();
  });
});

describe('envoy: the connection manager through forwardThroughGateway', () => {
  it('UseRemoteAddressWithXFFTrustedHops: peer 203.0.113.128, one trusted hop, XFF 198.51.100.1 → client and x-envoy-external-address 198.51.100.1', () => {
    const result = forwardThroughGateway({
      implementation: 'envoy',
      config: { useRemoteAddress: true, xffNumTrustedHops: 1 },
      peer: '203.0.113.128',
      headers: { 'x-forwarded-for': '198.51.100.1' },
    });
    expect(result.clientIp).toBe('198.51.100.1');
    expect(result.upstreamHeaders['x-envoy-external-address']).toBe('198.51.100.1');
    expect(result.upstreamHeaders['x-real-ip']).toBeUndefined();
    expect(result.steps.length).toBeGreaterThan(0);
  });
  it('AppendInternalAddressXffNotInternalRequest: peer 10.0.0.1 appended to XFF 10.0.0.2 with ","', () => {
    const result = forwardThroughGateway({
      implementation: 'envoy',
      config: { useRemoteAddress: true },
      peer: '10.0.0.1',
      headers: { 'x-forwarded-for': '10.0.0.2' },
    });
    expect(result.clientIp).toBe('10.0.0.1');
    expect(result.upstreamHeaders['x-forwarded-for']).toBe('10.0.0.2,10.0.0.1');
    expect(result.upstreamHeaders['x-envoy-internal']).toBeUndefined();
  });
  it('defaults to use_remote_address false: the rightmost X-Forwarded-For entry, nothing appended', () => {
    const result = forwardThroughGateway({ implementation: 'envoy', peer: '203.0.113.3', headers: { 'x-forwarded-for': '192.0.2.9' } });
    expect(result.clientIp).toBe('192.0.2.9');
    expect(result.upstreamHeaders).toEqual({ 'x-forwarded-for': '192.0.2.9' });
  });
  it('the custom-header extension with reject_with_status refuses a request without the header', () => {
    const result = forwardThroughGateway({
      implementation: 'envoy',
      config: { originalIpDetection: { customHeader: { headerName: 'x-real-ip', rejectWithStatus: { code: 403 } } } },
      peer: '203.0.113.3',
    });
    expect(result.rejected?.status).toBe(403);
    expect(result.clientIp).toBeNull();
  });
});

describe('envoy: configuration Envoy refuses, and fields the guide does not model', () => {
  it('refuses what Envoy refuses at load time', () => {
    expect(problemOf({ useRemoteAddress: true, originalIpDetection: { xff: {} } })).toBe('exclusive-fields originalIpDetection');
    expect(problemOf({ xffNumTrustedHops: 1, originalIpDetection: { xff: {} } })).toBe('exclusive-fields originalIpDetection');
    expect(
      problemOf({
        originalIpDetection: { xff: { xffNumTrustedHops: 1, xffTrustedCidrs: { cidrs: [{ addressPrefix: '10.0.0.0', prefixLen: 8 }] } } },
      }),
    ).toBe('exclusive-fields originalIpDetection.xff.xffTrustedCidrs');
    expect(problemOf({ originalIpDetection: { xff: {}, customHeader: { headerName: 'x' } } })).toBe(
      'exclusive-fields originalIpDetection.customHeader',
    );
  });
  it('a proto3 zero hop count is unset, so hops 0 with trusted CIDRs is accepted', () => {
    expect(
      problemOf({
        originalIpDetection: { xff: { xffNumTrustedHops: 0, xffTrustedCidrs: { cidrs: [{ addressPrefix: '10.0.0.0', prefixLen: 8 }] } } },
      }),
    ).toBeUndefined();
  });
  it('refuses invalid values by path', () => {
    expect(problemOf({ xffNumTrustedHops: -1 })).toBe('invalid-value xffNumTrustedHops');
    expect(problemOf({ useRemoteAddress: 'yes' })).toBe('invalid-value useRemoteAddress');
    expect(problemOf({ internalAddressConfig: { cidrRanges: [{ addressPrefix: '10.0.0.0/8' }] } })).toBe(
      'invalid-value internalAddressConfig.cidrRanges[0].addressPrefix',
    );
    expect(problemOf({ internalAddressConfig: { cidrRanges: [{ addressPrefix: '10.0.0.0', prefixLen: 129 }] } })).toBe(
      'invalid-value internalAddressConfig.cidrRanges[0].prefixLen',
    );
    expect(problemOf({ originalIpDetection: { customHeader: { headerName: 'bad header' } } })).toBe(
      'invalid-value originalIpDetection.customHeader.headerName',
    );
    expect(problemOf({ originalIpDetection: {} })).toBe('invalid-value originalIpDetection');
  });
  it('names unknown and not-modelled fields', () => {
    expect(problemOf({ useRemoteAdress: true })).toBe('unknown-field useRemoteAdress');
    expect(problemOf({ internalAddressConfig: { unixSockets: true } })).toBe('not-modelled internalAddressConfig.unixSockets');
    expect(problemOf({ proxyProtocol: { rules: [] } })).toBe('not-modelled proxyProtocol.rules');
  });
  it('refuses a peer or PROXY source that is not an address', () => {
    expect(() => forwardThroughGateway({ implementation: 'envoy', peer: '198.18.0.1:80' })).toThrow(GatewayConfigError);
    expect(() =>
      forwardThroughGateway({ implementation: 'envoy', config: { proxyProtocol: {} }, peer: '198.18.0.1', proxyProtocolSource: 'x' }),
    ).toThrow(/proxyProtocolSource/);
  });
});
