/**
 * `envoy-gateway`: Envoy Gateway v1.9.0, configured by a ClientTrafficPolicy's
 * spec, mapped onto the Envoy engine as Envoy Gateway's translator builds the
 * listener (github.com/envoyproxy/gateway@v1.9.0, read from the Go module):
 *
 * - internal/gatewayapi/clienttrafficpolicy.go copies `clientIPDetection` into the IR unchanged
 *   (translateClientIPDetection) and turns `proxyProtocol` / the deprecated `enableProxyProtocol` into the IR's
 *   proxy protocol settings, `proxyProtocol` taking precedence.
 * - internal/xds/translator/listener.go: `use_remote_address` is true unless an original IP detection extension
 *   is configured (xForwardedFor or customHeader), then false. No `xff_num_trusted_hops` and no
 *   `internal_address_config` on the connection manager. `xForwardedFor.numTrustedHops` N becomes the XFF
 *   extension's `xff_num_trusted_hops: N-1` (N = 0 stays 0: see envoy#34241), `trustedCIDRs` its
 *   `xff_trusted_cidrs`, `disableXForwardedForAppend` its `skip_xff_append` (default false, so the peer is
 *   appended). `customHeader` becomes the custom-header extension with `allow_extension_to_set_address_as_trusted:
 *   true` and, with `failClosed`, `reject_with_status: 403`. `directSourceIP` keeps `use_remote_address: true`.
 * - internal/xds/translator/proxy_protocol.go: the PROXY listener filter, `allow_requests_without_proxy_protocol`
 *   from `optional`.
 * - api/v1alpha1/clienttrafficpolicy_types.go: the CEL rules (exactly one of xForwardedFor, customHeader,
 *   directSourceIP; exactly one of numTrustedHops and trustedCIDRs), `trustedCIDRs` MinItems 1, the header name pattern.
 */
import type { CidrRange, HcmConfig } from '../envoy/index.ts';
import { parseEnvoyAddress } from '../envoy/address.ts';
import { exclusive, readBoolean, readInteger, readObject, type FieldRule } from './config.ts';
import { forwardThroughEnvoyListener, type EnvoyListener, type ProxyProtocolFilter } from './envoy-listener.ts';
import { GatewayConfigError, type GatewayRequest, type GatewayResult } from './types.ts';

/** The Envoy Gateway release this mapping was read from. */
export const envoyGatewayVersion = 'v1.9.0';

/** ClientTrafficPolicy spec fields: the client-IP ones are read; the rest have no bearing on the client address or headers, except `headers`. */
const specFields: Record<string, FieldRule> = {
  clientIPDetection: 'read',
  proxyProtocol: 'read',
  enableProxyProtocol: 'read',
  // Attachment and settings that do not touch the client address or the client-IP headers.
  targetRef: 'read',
  targetRefs: 'read',
  targetSelectors: 'read',
  tcpKeepalive: 'read',
  tls: 'read',
  path: 'read',
  timeout: 'read',
  connection: 'read',
  http1: 'read',
  http2: 'read',
  http3: 'read',
  grpc: 'read',
  healthCheck: 'read',
  scheme: 'read',
  // headers holds earlyRequestHeaders (which can rewrite X-Forwarded-For before detection) and XFCC settings.
  headers: 'not-modelled',
};

/** Envoy Gateway's CIDR type: an IPv4 or IPv6 address with a prefix length (shared_types.go pattern), as net.ParseCIDR reads it. */
function readEgCidr(entry: unknown, path: string): CidrRange {
  const text = typeof entry === 'string' ? entry : '';
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text);
  const parsed = match ? parseEnvoyAddress(match[1]!) : null;
  const prefixLen = match ? Number(match[2]) : NaN;
  if (!match || !parsed?.ok || prefixLen > (parsed.address.family === 'v4' ? 32 : 128)) {
    throw new GatewayConfigError('invalid-value', path, `is not a CIDR (address/prefix): ${JSON.stringify(entry)}.`);
  }
  // The translator passes net.ParseCIDR's address as written (host bits kept) with the mask's size; Envoy drops host bits.
  return { addressPrefix: parsed.address.text, prefixLen };
}

/** Reads a ClientTrafficPolicy spec, checking the fields and CEL rules that touch client IP detection. */
function readSpec(spec: unknown): { hcm: HcmConfig; proxyProtocol: ProxyProtocolFilter | null } {
  const root = readObject(spec, '', specFields);
  const hcm: HcmConfig = { useRemoteAddress: true };
  if (root.clientIPDetection !== undefined) {
    const path = 'clientIPDetection';
    const detection = readObject(root.clientIPDetection, path, { xForwardedFor: 'read', customHeader: 'read', directSourceIP: 'read' });
    exclusive(detection, path, ['xForwardedFor', 'customHeader', 'directSourceIP']);
    if (detection.xForwardedFor !== undefined) {
      const at = `${path}.xForwardedFor`;
      const xff = readObject(detection.xForwardedFor, at, {
        numTrustedHops: 'read',
        trustedCIDRs: 'read',
        disableXForwardedForAppend: 'read',
      });
      exclusive(xff, at, ['numTrustedHops', 'trustedCIDRs']);
      const skipXffAppend = readBoolean(xff, at, 'disableXForwardedForAppend', false);
      hcm.useRemoteAddress = false;
      if (xff.trustedCIDRs !== undefined) {
        const list = xff.trustedCIDRs;
        if (!Array.isArray(list) || list.length === 0) {
          throw new GatewayConfigError('invalid-value', `${at}.trustedCIDRs`, 'must be a list of at least one CIDR.');
        }
        const cidrs = list.map((entry, i) => readEgCidr(entry, `${at}.trustedCIDRs[${i}]`));
        hcm.originalIpDetection = { xff: { xffTrustedCidrs: { cidrs }, skipXffAppend } };
      } else if (xff.numTrustedHops !== undefined) {
        const hops = readInteger(xff, at, 'numTrustedHops', 0, 0, 0xffffffff);
        // listener.go xffNumTrustedHops: "decrement ... by 1 for backward compatibility" (envoy#34241).
        hcm.originalIpDetection = { xff: { xffNumTrustedHops: hops > 0 ? hops - 1 : 0, skipXffAppend } };
      } else {
        throw new GatewayConfigError('invalid-value', at, 'must set one of numTrustedHops or trustedCIDRs (CEL rule).');
      }
    } else if (detection.customHeader !== undefined) {
      const at = `${path}.customHeader`;
      const custom = readObject(detection.customHeader, at, { name: 'read', failClosed: 'read' });
      const name = custom.name;
      if (typeof name !== 'string' || !/^[A-Za-z0-9-]{1,255}$/.test(name)) {
        throw new GatewayConfigError(
          'invalid-value',
          `${at}.name`,
          `must match ^[A-Za-z0-9-]+$ (1 to 255 characters), not ${JSON.stringify(name)}.`,
        );
      }
      const failClosed = readBoolean(custom, at, 'failClosed', false);
      hcm.useRemoteAddress = false;
      hcm.originalIpDetection = {
        customHeader: {
          headerName: name,
          allowExtensionToSetAddressAsTrusted: true,
          ...(failClosed ? { rejectWithStatus: { code: 403 } } : {}),
        },
      };
    } else if (detection.directSourceIP !== undefined) {
      readObject(detection.directSourceIP, `${path}.directSourceIP`, {});
    } else {
      throw new GatewayConfigError(
        'invalid-value',
        path,
        'must set exactly one of xForwardedFor, customHeader, directSourceIP (CEL rule).',
      );
    }
  }
  let proxyProtocol: ProxyProtocolFilter | null = null;
  if (root.proxyProtocol !== undefined) {
    const pp = readObject(root.proxyProtocol, 'proxyProtocol', { optional: 'read' });
    proxyProtocol = { allowRequestsWithoutProxyProtocol: readBoolean(pp, 'proxyProtocol', 'optional', false) };
  }
  const legacy = readBoolean(root, '', 'enableProxyProtocol', false);
  if (proxyProtocol === null && legacy) proxyProtocol = { allowRequestsWithoutProxyProtocol: false };
  return { hcm, proxyProtocol };
}

/** The connection manager settings Envoy Gateway generates from a ClientTrafficPolicy spec (throws GatewayConfigError on a bad spec). */
export function envoyGatewayHcmConfig(spec: unknown): HcmConfig {
  return readSpec(spec).hcm;
}

/** The PROXY protocol listener filter Envoy Gateway generates from a ClientTrafficPolicy spec, or null for none. */
export function envoyGatewayProxyProtocol(spec: unknown): ProxyProtocolFilter | null {
  return readSpec(spec).proxyProtocol;
}

/** `forwardThroughGateway` for Envoy Gateway. */
export function forwardThroughEnvoyGateway(request: GatewayRequest): GatewayResult {
  const listener: EnvoyListener = readSpec(request.config);
  return forwardThroughEnvoyListener(request, listener, 'Envoy Gateway');
}
