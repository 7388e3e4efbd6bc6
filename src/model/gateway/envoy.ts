/**
 * `envoy`: Envoy itself, configured directly. The configuration is the HTTP
 * connection manager's client-IP fields in Envoy's own spelling (JSON names of
 * envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager,
 * Envoy v1.39.0), plus the listener's PROXY protocol filter:
 *
 * `{ useRemoteAddress, xffNumTrustedHops, skipXffAppend, internalAddressConfig: { cidrRanges },
 *    originalIpDetection: { xff: { xffNumTrustedHops | xffTrustedCidrs: { cidrs }, skipXffAppend }
 *                         | customHeader: { headerName, rejectWithStatus: { code }, allowExtensionToSetAddressAsTrusted } },
 *    proxyProtocol: { allowRequestsWithoutProxyProtocol } }`
 *
 * `proxyProtocol` stands for the listener's `envoy.filters.listener.proxy_protocol` filter
 * (envoy.extensions.filters.listener.proxy_protocol.v3.ProxyProtocol): present, even as `{}`, means the
 * listener has the filter. Envoy takes a list of original IP detection extensions; this guide models one, named
 * by its kind. Every setting Envoy refuses at load time is a GatewayConfigError here; CIDRs that Envoy would
 * skip without a word inside `xffTrustedCidrs` are refused too, so no answer rests on a silently dropped range.
 */
import type { HcmConfig } from '../envoy/index.ts';
import type { CidrRange } from '../envoy/index.ts';
import { parseEnvoyAddress } from '../envoy/address.ts';
import { exclusive, readBoolean, readInteger, readObject } from './config.ts';
import { forwardThroughEnvoyListener, type EnvoyListener } from './envoy-listener.ts';
import { GatewayConfigError, type GatewayRequest, type GatewayResult } from './types.ts';

/** Largest value of a proto uint32. */
const UINT32_MAX = 0xffffffff;

/** An HTTP header name as Envoy's validation accepts it (well_known_regex HTTP_HEADER_NAME, token characters). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Reads a list of Envoy CidrRanges (`[{ addressPrefix, prefixLen }]`); an address Envoy cannot read is refused. */
export function readEnvoyCidrRanges(record: Record<string, unknown>, path: string, name: string): CidrRange[] | undefined {
  const value = record[name];
  if (value === undefined) return undefined;
  const here = `${path}.${name}`;
  if (!Array.isArray(value)) throw new GatewayConfigError('invalid-value', here, 'must be a list of { addressPrefix, prefixLen }.');
  return value.map((entry, i) => {
    const at = `${here}[${i}]`;
    const range = readObject(entry, at, { addressPrefix: 'read', prefixLen: 'read' });
    const prefix = range.addressPrefix;
    const parsed = typeof prefix === 'string' ? parseEnvoyAddress(prefix) : null;
    if (!parsed?.ok) {
      throw new GatewayConfigError(
        'invalid-value',
        `${at}.addressPrefix`,
        `is not an IP address Envoy can read: ${JSON.stringify(prefix)}.`,
      );
    }
    const prefixLen = readInteger(range, at, 'prefixLen', 0, 0, 128);
    return { addressPrefix: parsed.address.text, prefixLen };
  });
}

/** Reads the `envoy` configuration into the listener Envoy would run; throws GatewayConfigError where Envoy refuses it. */
export function envoyListenerConfig(config: unknown): EnvoyListener {
  const root = readObject(config, '', {
    useRemoteAddress: 'read',
    xffNumTrustedHops: 'read',
    skipXffAppend: 'read',
    internalAddressConfig: 'read',
    originalIpDetection: 'read',
    proxyProtocol: 'read',
    earlyHeaderMutationExtensions: 'not-modelled',
    forwardClientCertDetails: 'not-modelled',
  });
  const hcm: HcmConfig = {
    useRemoteAddress: readBoolean(root, '', 'useRemoteAddress', false),
    xffNumTrustedHops: readInteger(root, '', 'xffNumTrustedHops', 0, 0, UINT32_MAX),
    skipXffAppend: readBoolean(root, '', 'skipXffAppend', false),
  };
  if (root.internalAddressConfig !== undefined) {
    const internal = readObject(root.internalAddressConfig, 'internalAddressConfig', { cidrRanges: 'read', unixSockets: 'not-modelled' });
    const cidrRanges = readEnvoyCidrRanges(internal, 'internalAddressConfig', 'cidrRanges');
    hcm.internalAddressConfig = cidrRanges ? { cidrRanges } : {};
  }
  if (root.originalIpDetection !== undefined) {
    // Envoy: "Original IP detection extensions and use_remote_address may not be mixed", and the same for xff_num_trusted_hops.
    if (hcm.useRemoteAddress) {
      throw new GatewayConfigError(
        'exclusive-fields',
        'originalIpDetection',
        'cannot be set together with useRemoteAddress: true (Envoy refuses it).',
      );
    }
    if ((hcm.xffNumTrustedHops ?? 0) > 0) {
      throw new GatewayConfigError(
        'exclusive-fields',
        'originalIpDetection',
        'cannot be set together with xffNumTrustedHops (Envoy refuses it).',
      );
    }
    hcm.originalIpDetection = readDetection(root.originalIpDetection);
  }
  let proxyProtocol: EnvoyListener['proxyProtocol'] = null;
  if (root.proxyProtocol !== undefined) {
    const pp = readObject(root.proxyProtocol, 'proxyProtocol', {
      allowRequestsWithoutProxyProtocol: 'read',
      rules: 'not-modelled',
      disallowedVersions: 'not-modelled',
      passThroughTlvs: 'not-modelled',
    });
    proxyProtocol = { allowRequestsWithoutProxyProtocol: readBoolean(pp, 'proxyProtocol', 'allowRequestsWithoutProxyProtocol', false) };
  }
  return { hcm, proxyProtocol };
}

/** Reads `originalIpDetection`: exactly one of `xff` and `customHeader`. */
function readDetection(value: unknown): NonNullable<HcmConfig['originalIpDetection']> {
  const path = 'originalIpDetection';
  const detection = readObject(value, path, { xff: 'read', customHeader: 'read' });
  exclusive(detection, path, ['xff', 'customHeader']);
  if (detection.xff !== undefined) {
    const at = `${path}.xff`;
    const xff = readObject(detection.xff, at, { xffNumTrustedHops: 'read', xffTrustedCidrs: 'read', skipXffAppend: 'read' });
    const hops = readInteger(xff, at, 'xffNumTrustedHops', 0, 0, UINT32_MAX);
    // A proto3 uint32 of 0 is the same as unset, so Envoy refuses the pair only with hops above 0.
    if (hops > 0) exclusive(xff, at, ['xffNumTrustedHops', 'xffTrustedCidrs']);
    const skipXffAppend = xff.skipXffAppend === undefined ? undefined : readBoolean(xff, at, 'skipXffAppend', true);
    if (xff.xffTrustedCidrs !== undefined) {
      const trusted = readObject(xff.xffTrustedCidrs, `${at}.xffTrustedCidrs`, { cidrs: 'read' });
      const cidrs = readEnvoyCidrRanges(trusted, `${at}.xffTrustedCidrs`, 'cidrs') ?? [];
      return { xff: { xffTrustedCidrs: { cidrs }, ...(skipXffAppend === undefined ? {} : { skipXffAppend }) } };
    }
    return { xff: { xffNumTrustedHops: hops, ...(skipXffAppend === undefined ? {} : { skipXffAppend }) } };
  }
  if (detection.customHeader !== undefined) {
    const at = `${path}.customHeader`;
    const custom = readObject(detection.customHeader, at, {
      headerName: 'read',
      rejectWithStatus: 'read',
      allowExtensionToSetAddressAsTrusted: 'read',
    });
    const headerName = custom.headerName;
    if (typeof headerName !== 'string' || !HEADER_NAME.test(headerName)) {
      throw new GatewayConfigError('invalid-value', `${at}.headerName`, `must be an HTTP header name, not ${JSON.stringify(headerName)}.`);
    }
    let rejectWithStatus: { code: number } | undefined;
    if (custom.rejectWithStatus !== undefined) {
      const status = readObject(custom.rejectWithStatus, `${at}.rejectWithStatus`, { code: 'read' });
      if (status.code === undefined) throw new GatewayConfigError('invalid-value', `${at}.rejectWithStatus.code`, 'is required.');
      rejectWithStatus = { code: readInteger(status, `${at}.rejectWithStatus`, 'code', 0, 100, 599) };
    }
    return {
      customHeader: {
        headerName,
        allowExtensionToSetAddressAsTrusted: readBoolean(custom, at, 'allowExtensionToSetAddressAsTrusted', false),
        ...(rejectWithStatus ? { rejectWithStatus } : {}),
      },
    };
  }
  throw new GatewayConfigError('invalid-value', path, 'must hold xff or customHeader.');
}

/** `forwardThroughGateway` for Envoy configured directly. */
export function forwardThroughEnvoy(request: GatewayRequest): GatewayResult {
  return forwardThroughEnvoyListener(request, envoyListenerConfig(request.config), 'Envoy');
}
