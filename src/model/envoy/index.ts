/**
 * One Envoy engine (Envoy v1.39.0, the release Envoy Gateway v1.9.0 pins): the
 * HTTP connection manager's choice of client and its client-IP headers, with
 * the XFF and custom-header original IP detection extensions. Used by the
 * resolver's `envoy` strategies and by every Envoy-based gateway.
 */
export { envoyMutateRequest } from './hcm.ts';
export type { EnvoyInput, EnvoyResult, EnvoyUpstreamHeaders, HcmConfig } from './hcm.ts';
export type { XffConfig } from './xff-extension.ts';
export type { CustomHeaderConfig } from './custom-header.ts';
export type { CidrRange } from './cidr.ts';
export { parseEnvoyAddress, formatIpv6 } from './address.ts';
export type { EnvoyAddress } from './address.ts';

/** The Envoy release this engine follows, and the commit its sources and tests were read at. */
export const envoyVersion = {
  version: 'v1.39.0',
  commit: '8eea3285d6bdb89f8ea34632cfe7ce1608a8f374',
  pinnedBy: 'Envoy Gateway v1.9.0',
} as const;
