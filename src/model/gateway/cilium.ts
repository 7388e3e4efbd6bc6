/**
 * `cilium`: Cilium's Gateway API support, configured by the Helm chart's
 * `gatewayAPI` values: `{ xffNumTrustedHops, enableProxyProtocol, useRemoteAddress }`.
 *
 * Read in github.com/cilium/cilium@v1.20.2 (Go module proxy):
 * - install/kubernetes/cilium/values.yaml: `gatewayAPI.useRemoteAddress: true`, `xffNumTrustedHops: 0`,
 *   `enableProxyProtocol: false`; templates/cilium-configmap.yaml passes them as `gateway-api-use-remote-address`,
 *   `gateway-api-xff-num-trusted-hops`, `enable-gateway-api-proxy-protocol` (operator/pkg/gateway-api/cell.go).
 * - operator/pkg/model/translation/envoy_listener.go listenerMutatorsForPorts: `withUseRemoteAddress` is applied on
 *   every listener whatever the hop count, `withXffNumTrustedHops` when the count is above 0, `withProxyProtocol`
 *   adds an empty ProxyProtocol filter (the header is required: "only Proxy protocol traffic will be accepted").
 * - operator/pkg/model/translation/envoy_http_connection_manager.go: every connection manager gets
 *   `internal_address_config` with pkg/envoy/model.go GetInternalListenerCIDRs: 10.0.0.0/8, 172.16.0.0/12,
 *   192.168.0.0/16 and 127.0.0.1/32 with IPv4 on, ::1/128 with IPv6 on. The chart's defaults (`ipv4.enabled: true`,
 *   `ipv6.enabled: false`) are modelled, so a private client is internal: `x-envoy-internal: true`, no
 *   x-envoy-external-address.
 * Cilium's Envoy (cilium-envoy v1.37.6 in that chart) postdates Envoy 1.33, like the engine's v1.39.0.
 * TPROXY hands the connection to Envoy with its source kept: the `peer` is that source.
 */
import type { CidrRange, HcmConfig } from '../envoy/index.ts';
import { readBoolean, readInteger, readObject } from './config.ts';
import { forwardThroughEnvoyListener, type EnvoyListener } from './envoy-listener.ts';
import type { GatewayRequest, GatewayResult } from './types.ts';

/** The Cilium release this mapping was read from. */
export const ciliumVersion = 'v1.20.2';

/** The IP families Cilium runs with (Helm `ipv4.enabled`, `ipv6.enabled`); they decide its internal ranges. */
export interface CiliumIpFamilies {
  ipv4: boolean;
  ipv6: boolean;
}

/** The chart's default IP families: IPv4 only. */
export const ciliumDefaultIpFamilies: CiliumIpFamilies = { ipv4: true, ipv6: false };

/** The internal ranges Cilium's operator writes into every connection manager (pkg/envoy/model.go GetInternalListenerCIDRs). */
export function ciliumInternalCidrs(families: CiliumIpFamilies): CidrRange[] {
  return [
    ...(families.ipv4
      ? [
          { addressPrefix: '10.0.0.0', prefixLen: 8 },
          { addressPrefix: '172.16.0.0', prefixLen: 12 },
          { addressPrefix: '192.168.0.0', prefixLen: 16 },
          { addressPrefix: '127.0.0.1', prefixLen: 32 },
        ]
      : []),
    ...(families.ipv6 ? [{ addressPrefix: '::1', prefixLen: 128 }] : []),
  ];
}

/** The listener Cilium's operator generates from these Helm `gatewayAPI` values; throws GatewayConfigError on a bad one. */
export function ciliumListenerConfig(config: unknown, families: CiliumIpFamilies = ciliumDefaultIpFamilies): EnvoyListener {
  const values = readObject(config, '', {
    xffNumTrustedHops: 'read',
    enableProxyProtocol: 'read',
    useRemoteAddress: 'read',
    // Values that decide whether and where the gateway runs, not what it does with a request's addresses:
    // the caller gives the peer the listener sees (externalTrafficPolicy and hostNetwork shape that upstream).
    enabled: 'read',
    enableAppProtocol: 'read',
    enableAlpn: 'read',
    externalTrafficPolicy: 'read',
    gatewayClass: 'read',
    secretsNamespace: 'read',
    hostNetwork: 'read',
  });
  const hcm: HcmConfig = {
    useRemoteAddress: readBoolean(values, '', 'useRemoteAddress', true),
    internalAddressConfig: { cidrRanges: ciliumInternalCidrs(families) },
  };
  // withXffNumTrustedHops leaves the field unset when the count is 0.
  const hops = readInteger(values, '', 'xffNumTrustedHops', 0, 0, 0xffffffff);
  if (hops > 0) hcm.xffNumTrustedHops = hops;
  const proxyProtocol = readBoolean(values, '', 'enableProxyProtocol', false) ? { allowRequestsWithoutProxyProtocol: false } : null;
  return { hcm, proxyProtocol };
}

/** `forwardThroughGateway` for Cilium's Gateway API. */
export function forwardThroughCilium(request: GatewayRequest): GatewayResult {
  return forwardThroughEnvoyListener(request, ciliumListenerConfig(request.config), "Cilium's Envoy");
}
