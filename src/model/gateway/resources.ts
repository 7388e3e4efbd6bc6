/**
 * Where each Gateway API implementation takes its client-IP configuration: the resource (or file, or values) a reader
 * writes, holding the configuration in the implementation's own spelling (`gatewayConfigFor` in the gateway scenario,
 * and the migration's mapping). One place says which resource, kind and field each implementation reads, for every
 * page that writes one:
 * - Envoy Gateway: ClientTrafficPolicy (gateway.envoyproxy.io/v1alpha1), targeting the Gateway.
 * - Istio: the `proxy.istio.io/config` annotation of the gateway's pod (or meshConfig.defaultConfig).
 * - Cilium: Helm values under `gatewayAPI`.
 * - kgateway: ListenerPolicy (gateway.kgateway.dev/v1alpha1): `default.proxyProtocol`, the rest under `default.httpSettings`.
 * - NGINX Gateway Fabric: NginxProxy (gateway.nginx.org/v1alpha2).
 * - Traefik: its static configuration's entry point.
 * - haproxy-ingress: its ConfigMap.
 * - Envoy itself: the HTTP connection manager's fields.
 */
import type { GatewayImplementation } from './types.ts';

/** A resource to write, with a title saying what it is. */
export interface ClientIpResource {
  title: string;
  document: Record<string, unknown>;
}

/** A reference to the Gateway a policy attaches to. */
export function gatewayTargetRef(name: string): { group: string; kind: string; name: string } {
  return { group: 'gateway.networking.k8s.io', kind: 'Gateway', name };
}

/** A custom resource named `client-ip`, of the implementation's own API group. */
function customResource(apiVersion: string, kind: string, spec: Record<string, unknown>): ClientIpResource {
  return { title: kind, document: { apiVersion, kind, metadata: { name: 'client-ip' }, spec } };
}

/** The resources carrying an implementation's client-IP configuration, for the Gateway named `gatewayName`. */
export function clientIpResources(
  implementation: GatewayImplementation,
  config: Record<string, unknown>,
  gatewayName: string,
): ClientIpResource[] {
  switch (implementation) {
    case 'envoy-gateway':
      return [
        customResource('gateway.envoyproxy.io/v1alpha1', 'ClientTrafficPolicy', { targetRefs: [gatewayTargetRef(gatewayName)], ...config }),
      ];
    case 'istio':
      return [
        {
          title: 'Gateway pod annotation (or meshConfig.defaultConfig)',
          document: { metadata: { annotations: { 'proxy.istio.io/config': JSON.stringify(config) } } },
        },
      ];
    case 'cilium':
      return [{ title: 'Helm values', document: { gatewayAPI: { enabled: true, ...config } } }];
    case 'kgateway': {
      const { proxyProtocol, ...http } = config;
      return [
        customResource('gateway.kgateway.dev/v1alpha1', 'ListenerPolicy', {
          targetRefs: [gatewayTargetRef(gatewayName)],
          default: {
            ...(proxyProtocol === undefined ? {} : { proxyProtocol }),
            ...(Object.keys(http).length ? { httpSettings: http } : {}),
          },
        }),
      ];
    }
    case 'nginx-gateway-fabric':
      return [customResource('gateway.nginx.org/v1alpha2', 'NginxProxy', config)];
    case 'traefik':
      return [{ title: 'Static configuration (traefik.yml)', document: { entryPoints: { web: { address: ':80', ...config } } } }];
    case 'haproxy-ingress':
      return [
        { title: 'ConfigMap', document: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'haproxy-ingress' }, data: config } },
      ];
    case 'envoy':
      return [{ title: 'HTTP connection manager (Envoy’s own configuration)', document: config }];
  }
}
