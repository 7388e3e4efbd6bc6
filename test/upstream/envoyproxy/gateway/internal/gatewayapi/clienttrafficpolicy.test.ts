/**
 * Envoy Gateway's own Gateway API translator test data for ClientTrafficPolicy's client-IP and PROXY settings, as data.
 *
 * Source: github.com/envoyproxy/gateway@v1.9.0 (Go module proxy), internal/gatewayapi/testdata/<name>.in.yaml (the
 * policies in) and <name>.out.yaml (the IR listeners out), run by internal/gatewayapi/translator_test.go
 * TestTranslate. The IR's proxyProtocol becomes the PROXY listener filter with allow_requests_without_proxy_protocol
 * = optional (internal/xds/translator/proxy_protocol.go buildProxyProtocolFilter), which is what is compared here.
 */
import { describe, expect, it } from 'vitest';
import { envoyGatewayHcmConfig, envoyGatewayProxyProtocol } from '../../../../../../src/model/gateway/envoy-gateway.ts';

const version = 'v1.9.0';

describe(`Envoy Gateway ${version} clienttrafficpolicy-proxyprotocol`, () => {
  it('target-gateway-1-section-http-1: proxyProtocol { optional: true } → IR proxyProtocol { optional: true }', () => {
    expect(envoyGatewayProxyProtocol({ proxyProtocol: { optional: true } })).toEqual({ allowRequestsWithoutProxyProtocol: true });
  });
});

describe(`Envoy Gateway ${version} clienttrafficpolicy-proxyprotocol-legacy-mixed`, () => {
  it('target-gateway-precedence-test: enableProxyProtocol false with proxyProtocol { optional: true } → optional: true (proxyProtocol wins)', () => {
    expect(envoyGatewayProxyProtocol({ enableProxyProtocol: false, proxyProtocol: { optional: true } })).toEqual({
      allowRequestsWithoutProxyProtocol: true,
    });
  });
  it('target-gateway-legacy-only: enableProxyProtocol true → IR proxyProtocol {} (required)', () => {
    expect(envoyGatewayProxyProtocol({ enableProxyProtocol: true })).toEqual({ allowRequestsWithoutProxyProtocol: false });
  });
  it('target-gateway-new-api-only: proxyProtocol { optional: false } → IR proxyProtocol {} (required)', () => {
    expect(envoyGatewayProxyProtocol({ proxyProtocol: { optional: false } })).toEqual({ allowRequestsWithoutProxyProtocol: false });
  });
});

describe(`Envoy Gateway ${version} clienttrafficpolicy-client-ip-detection`, () => {
  // The out.yaml IR listeners http-1, http-2, http-3 carry the policies' clientIPDetection unchanged; the xDS step
  // then turns them into the connection manager settings (../xds/translator/listener.test.ts has the same shapes).
  it('http-1: xForwardedFor { numTrustedHops: 2, disableXForwardedForAppend: true } → the XFF extension with 1 hop, no append', () => {
    expect(
      envoyGatewayHcmConfig({ clientIPDetection: { xForwardedFor: { numTrustedHops: 2, disableXForwardedForAppend: true } } }),
    ).toEqual({
      useRemoteAddress: false,
      originalIpDetection: { xff: { xffNumTrustedHops: 1, skipXffAppend: true } },
    });
  });
  it('http-2 and http-3: customHeader x-client-ip-address, failClosed false / true', () => {
    const open = envoyGatewayHcmConfig({ clientIPDetection: { customHeader: { name: 'x-client-ip-address', failClosed: false } } });
    const closed = envoyGatewayHcmConfig({ clientIPDetection: { customHeader: { name: 'x-client-ip-address', failClosed: true } } });
    expect(open.originalIpDetection).toEqual({
      customHeader: { headerName: 'x-client-ip-address', allowExtensionToSetAddressAsTrusted: true },
    });
    expect(closed.originalIpDetection).toEqual({
      customHeader: { headerName: 'x-client-ip-address', allowExtensionToSetAddressAsTrusted: true, rejectWithStatus: { code: 403 } },
    });
  });
});
