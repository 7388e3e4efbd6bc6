/**
 * `istio`: an Istio ingress gateway, configured by the mesh's (or the gateway
 * pod's `proxy.istio.io/config`) `gatewayTopology`:
 * `{ gatewayTopology: { numTrustedProxies, proxyProtocol: {} } }`.
 *
 * Read in istio/istio at tag 1.30.3 (a snapshot of the repository; the Go module proxy does not serve
 * istio.io/istio) and istio.io/api v1.30.3-0.20260710004328-2e43f07b30b6 (the version that tag's go.mod pins, from
 * the Go module proxy), mesh/v1alpha1/proxy.proto `Topology`:
 * - pilot/pkg/networking/core/gateway.go: gateway HTTP listeners are built with `useRemoteAddress: true`;
 *   buildGatewayConnectionManager sets `xff_num_trusted_hops` to `numTrustedProxies` (default 0).
 * - The same function and listener_builder.go set `internal_address_config` only from meshNetworks' `fromCidr`
 *   endpoints (util.MeshNetworksToEnvoyInternalAddressConfig returns nil without any): this guide models a mesh
 *   without them, so no address is internal (Envoy 1.33 and later) and every request gets x-envoy-external-address.
 * - gateway.go / listener.go: `gatewayTopology.proxyProtocol` present adds the PROXY listener filter
 *   (pilot/pkg/xds/filters/filters.go `ProxyProtocol`: an empty ProxyProtocol, so the header is required).
 * There is no trusted-CIDR option. `forwardClientCertDetails` is a real Topology field about XFCC, not modelled.
 */
import type { HcmConfig } from '../envoy/index.ts';
import { readInteger, readObject } from './config.ts';
import { forwardThroughEnvoyListener, type EnvoyListener } from './envoy-listener.ts';
import type { GatewayRequest, GatewayResult } from './types.ts';

/** The Istio release this mapping was read from. */
export const istioVersion = '1.30.3';

/** The listener an Istio gateway runs for this configuration; throws GatewayConfigError on a bad one. */
export function istioListenerConfig(config: unknown): EnvoyListener {
  const root = readObject(config, '', { gatewayTopology: 'read' });
  const topology = readObject(root.gatewayTopology, 'gatewayTopology', {
    numTrustedProxies: 'read',
    proxyProtocol: 'read',
    forwardClientCertDetails: 'not-modelled',
  });
  const hcm: HcmConfig = {
    useRemoteAddress: true,
    xffNumTrustedHops: readInteger(topology, 'gatewayTopology', 'numTrustedProxies', 0, 0, 0xffffffff),
  };
  let proxyProtocol: EnvoyListener['proxyProtocol'] = null;
  if (topology.proxyProtocol !== undefined) {
    // ProxyProtocolConfiguration has no fields: its presence turns the filter on.
    readObject(topology.proxyProtocol, 'gatewayTopology.proxyProtocol', {});
    proxyProtocol = { allowRequestsWithoutProxyProtocol: false };
  }
  return { hcm, proxyProtocol };
}

/** `forwardThroughGateway` for an Istio ingress gateway. */
export function forwardThroughIstio(request: GatewayRequest): GatewayResult {
  return forwardThroughEnvoyListener(request, istioListenerConfig(request.config), 'The Istio gateway');
}
