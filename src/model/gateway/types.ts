/**
 * The request and answer of `forwardThroughGateway`: one request arriving at a
 * gateway's listener, and what the gateway treats as the client and sends on.
 */
import type { HeaderInput } from '../forwarded-list.ts';

/** Every gateway implementation the guide models, in the order the pages list them. */
export const gatewayImplementations = [
  'envoy',
  'envoy-gateway',
  'istio',
  'cilium',
  'kgateway',
  'nginx-gateway-fabric',
  'traefik',
  'haproxy-ingress',
] as const;

/** One of the gateway implementations. */
export type GatewayImplementation = (typeof gatewayImplementations)[number];

/** One request at the gateway's listener, with the implementation's own configuration (omitted fields take its defaults). */
export interface GatewayRequest {
  implementation: GatewayImplementation;
  /** The implementation's own field names and nesting; an unknown field or a real field the model does not cover is an error. */
  config?: object;
  /** The TCP source the gateway's listener sees. */
  peer: string;
  /** The source address in a PROXY protocol header, when one was sent. */
  proxyProtocolSource?: string;
  headers?: HeaderInput;
}

/** Why the gateway refused the request or closed the connection. */
export interface GatewayRejection {
  /** The HTTP status it answers with; absent when it closes the connection without a response. */
  status?: number;
  /** True when the close is a reset (RST): the listener leaves the client's bytes unread, so the kernel resets the connection. */
  reset?: boolean;
  reason: string;
}

/** What the gateway does with one request. */
export interface GatewayResult {
  /** What the gateway itself treats as the client: its access log, allowlists, rate limits. Null when it refused the request. */
  clientIp: string | null;
  rejected?: GatewayRejection;
  /**
   * The client-IP headers sent upstream, names in lower case (x-forwarded-for, x-real-ip, x-envoy-external-address,
   * x-envoy-internal, x-original-forwarded-for, forwarded), where set; several lines of one header joined with ", ".
   */
  upstreamHeaders: Record<string, string>;
  /** The same headers in wire form, one [name, value] per line, when the implementation sends a header as several lines. */
  upstreamHeaderLines?: [string, string][];
  /** What the gateway did, one sentence a step, for the pages and the hop table. */
  steps: string[];
}

/** What is wrong with a configuration: an unknown field, a real field the model does not cover, a bad value, or two fields that exclude each other. */
export type GatewayConfigProblem = 'unknown-field' | 'not-modelled' | 'invalid-value' | 'exclusive-fields';

/** A configuration the implementation would refuse, or one the model cannot answer for: thrown, never replaced by a default. */
export class GatewayConfigError extends Error {
  /** What kind of problem it is. */
  readonly problem: GatewayConfigProblem;
  /** The field's path in the configuration, dotted (`clientIPDetection.xForwardedFor.trustedCIDRs[1]`). */
  readonly path: string;

  constructor(problem: GatewayConfigProblem, path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'GatewayConfigError';
    this.problem = problem;
    this.path = path;
  }
}
