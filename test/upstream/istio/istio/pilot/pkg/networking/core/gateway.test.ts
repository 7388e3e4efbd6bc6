/**
 * Istio's own gateway listener tests for the connection manager's client-IP settings and the PROXY filter, as data.
 *
 * Source: istio/istio at tag 1.30.3 (a repository snapshot; the Go module proxy does not serve istio.io/istio),
 * pilot/pkg/networking/core/gateway_test.go:
 * - TestCreateGatewayHTTPFilterChainOpts, case "Topology HTTP Protocol": gatewayTopology numTrustedProxies 2 →
 *   httpOpts.useRemoteAddress true, connectionManager.XffNumTrustedHops 2 (its forwardClientCertDetails is about
 *   XFCC and left out here); the cases without a topology → useRemoteAddress true, XffNumTrustedHops 0; no
 *   InternalAddressConfig in any expected connection manager (no meshNetworks in the test's push context).
 * - TestBuildGatewayListenersFilters, case "http server with proxy proto": gatewayTopology proxyProtocol {} → the
 *   listener's filters include envoy.filters.listener.proxy_protocol (pilot/pkg/xds/filters/filters.go: an empty
 *   ProxyProtocol, so the header is required).
 */
import { describe, expect, it } from 'vitest';
import { istioListenerConfig } from '../../../../../../../../src/model/gateway/istio.ts';

const tag = '1.30.3';

describe(`Istio ${tag} TestCreateGatewayHTTPFilterChainOpts`, () => {
  it('Topology HTTP Protocol: numTrustedProxies 2 → use_remote_address true, xff_num_trusted_hops 2', () => {
    expect(istioListenerConfig({ gatewayTopology: { numTrustedProxies: 2 } }).hcm).toEqual({
      useRemoteAddress: true,
      xffNumTrustedHops: 2,
    });
  });
  it('no topology → use_remote_address true, xff_num_trusted_hops 0, no internal_address_config', () => {
    expect(istioListenerConfig({}).hcm).toEqual({ useRemoteAddress: true, xffNumTrustedHops: 0 });
  });
});

describe(`Istio ${tag} TestBuildGatewayListenersFilters`, () => {
  it('http server with proxy proto: the PROXY listener filter, header required', () => {
    expect(istioListenerConfig({ gatewayTopology: { proxyProtocol: {} } }).proxyProtocol).toEqual({
      allowRequestsWithoutProxyProtocol: false,
    });
    expect(istioListenerConfig({}).proxyProtocol).toBeNull();
  });
});
