/**
 * `forwardThroughGateway`: what a Gateway API implementation (or haproxy-ingress)
 * treats as the client and sends upstream, from its own configuration. The
 * Envoy-based ones map their settings onto the one Envoy engine (../envoy);
 * NGINX Gateway Fabric, Traefik and haproxy-ingress are policies of their own.
 */
import { forwardThroughCilium } from './cilium.ts';
import { forwardThroughEnvoyGateway } from './envoy-gateway.ts';
import { forwardThroughEnvoy } from './envoy.ts';
import { forwardThroughHaproxyIngress } from './haproxy-ingress.ts';
import { forwardThroughIstio } from './istio.ts';
import { forwardThroughKgateway } from './kgateway.ts';
import { forwardThroughNginxGatewayFabric } from './nginx-gateway-fabric.ts';
import { forwardThroughTraefik } from './traefik.ts';
import {
  GatewayConfigError,
  gatewayImplementations,
  type GatewayImplementation,
  type GatewayRequest,
  type GatewayResult,
} from './types.ts';

export { GatewayConfigError, gatewayImplementations } from './types.ts';
export type { GatewayConfigProblem, GatewayImplementation, GatewayRejection, GatewayRequest, GatewayResult } from './types.ts';

/** One implementation's forwarding: the request in, its answer out; throws GatewayConfigError on a bad configuration. */
export type GatewayForward = (request: GatewayRequest) => GatewayResult;

/** Each implementation's forwarding function; filled in per implementation as each lands. */
const forwarders: Partial<Record<GatewayImplementation, GatewayForward>> = {
  envoy: forwardThroughEnvoy,
  'envoy-gateway': forwardThroughEnvoyGateway,
  istio: forwardThroughIstio,
  cilium: forwardThroughCilium,
  kgateway: forwardThroughKgateway,
  'nginx-gateway-fabric': forwardThroughNginxGatewayFabric,
  traefik: forwardThroughTraefik,
  'haproxy-ingress': forwardThroughHaproxyIngress,
};

/**
 * What the gateway treats as the client and the client-IP headers it sends upstream.
 * Throws GatewayConfigError for an unknown implementation, an unknown field, a field
 * the model does not cover, an invalid value or two exclusive fields.
 */
export function forwardThroughGateway(request: GatewayRequest): GatewayResult {
  const implementation = request?.implementation;
  if (!(gatewayImplementations as readonly string[]).includes(implementation)) {
    throw new GatewayConfigError(
      'invalid-value',
      'implementation',
      `must be one of ${gatewayImplementations.join(', ')}, not ${JSON.stringify(implementation)}.`,
    );
  }
  const forward = forwarders[implementation];
  if (!forward) throw new GatewayConfigError('not-modelled', 'implementation', `${implementation} is not modelled yet.`);
  return forward(request);
}
