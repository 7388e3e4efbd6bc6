/**
 * `kgateway`: kgateway's ListenerPolicy, flattened to its client-IP fields:
 * `{ useRemoteAddress, xffNumTrustedHops, xffTrustedCIDRs, skipXFFAppend, proxyProtocol: { allowRequestsWithoutProxyProtocol } }`
 * (`proxyProtocol` from the listener config, the rest from its `httpSettings`).
 *
 * The Go module proxy does not serve github.com/kgateway-dev/kgateway/v2 (403) and the repository snapshot here
 * predates the ListenerPolicy API, so these were read through the search index at the commits named:
 * - api/v1alpha1/kgateway/listener_policy_types.go (e30e645970933d7d8a2d95d88aab8b1546a3d331): `useRemoteAddress`
 *   "will fallback to the default value of 'true', which we set for all Envoy HCMs"; `xffNumTrustedHops` (int32,
 *   minimum 0); `xffTrustedCIDRs` (MinItems 1); `skipXFFAppend`; the CEL rules "useRemoteAddress must be set to
 *   false if xffTrustedCIDRs is set" and "only one of xffNumTrustedHops and xffTrustedCIDRs may be set";
 *   `proxyProtocol` (presence turns the PROXY filter on) with `allowRequestsWithoutProxyProtocol` (default false).
 * - pkg/kgateway/extensions2/plugins/listenerpolicy/http.go (140ea174bc09a2efa903f5105a3949470b570e31)
 *   NewHttpListenerPolicy: with `useRemoteAddress: false` it configures the XFF original IP detection extension
 *   itself, moving `xffNumTrustedHops` and `xffTrustedCIDRs` into it and `skipXFFAppend` into the extension's
 *   `skip_xff_append` (unset: the extension's default, no append); otherwise the hop count and `skipXFFAppend`
 *   stay on the connection manager.
 * - pkg/kgateway/translator/irtranslator/fc.go (8366c7ac02e68c03fe9c8cd25391152b2b538620) initializeHCM: every
 *   connection manager starts with `use_remote_address: true` and no `internal_address_config`, so no address is
 *   internal (Envoy 1.33 and later); pkg/kgateway/extensions2/plugins/listenerpolicy/listener_plugin.go
 *   (c87155c92c5aec587f802f2f087330227fe5eccd) ApplyHCM copies the policy's fields onto it and
 *   ApplyListenerPlugin adds the PROXY listener filter.
 */
import type { CidrRange, HcmConfig } from '../envoy/index.ts';
import { parseEnvoyAddress } from '../envoy/address.ts';
import { exclusive, readBoolean, readInteger, readObject } from './config.ts';
import { forwardThroughEnvoyListener, type EnvoyListener } from './envoy-listener.ts';
import { GatewayConfigError, type GatewayRequest, type GatewayResult } from './types.ts';

/** Reads one `xffTrustedCIDRs` entry as net.ParseCIDR does (address/prefix). */
function readCidr(entry: unknown, path: string): CidrRange {
  const match = typeof entry === 'string' ? /^([^/]+)\/(\d{1,3})$/.exec(entry) : null;
  const parsed = match ? parseEnvoyAddress(match[1]!) : null;
  const prefixLen = match ? Number(match[2]) : NaN;
  if (!match || !parsed?.ok || prefixLen > (parsed.address.family === 'v4' ? 32 : 128)) {
    throw new GatewayConfigError('invalid-value', path, `is not a CIDR (address/prefix): ${JSON.stringify(entry)}.`);
  }
  return { addressPrefix: parsed.address.text, prefixLen };
}

/** The listener kgateway generates for these settings; throws GatewayConfigError on a bad one. */
export function kgatewayListenerConfig(config: unknown): EnvoyListener {
  const root = readObject(config, '', {
    useRemoteAddress: 'read',
    xffNumTrustedHops: 'read',
    xffTrustedCIDRs: 'read',
    skipXFFAppend: 'read',
    proxyProtocol: 'read',
    // httpSettings.earlyRequestHeaderModifier can rewrite X-Forwarded-For before the connection manager reads it.
    earlyRequestHeaderModifier: 'not-modelled',
  });
  const useRemoteAddress = readBoolean(root, '', 'useRemoteAddress', true);
  exclusive(root, '', ['xffNumTrustedHops', 'xffTrustedCIDRs']);
  const hops = root.xffNumTrustedHops === undefined ? undefined : readInteger(root, '', 'xffNumTrustedHops', 0, 0, 0x7fffffff);
  const skipXffAppend = root.skipXFFAppend === undefined ? undefined : readBoolean(root, '', 'skipXFFAppend', false);
  let cidrs: CidrRange[] | undefined;
  if (root.xffTrustedCIDRs !== undefined) {
    if (root.useRemoteAddress !== false) {
      throw new GatewayConfigError('invalid-value', 'xffTrustedCIDRs', 'requires useRemoteAddress: false (CEL rule).');
    }
    const list = root.xffTrustedCIDRs;
    if (!Array.isArray(list) || list.length === 0)
      throw new GatewayConfigError('invalid-value', 'xffTrustedCIDRs', 'must be a list of at least one CIDR.');
    cidrs = list.map((entry, i) => readCidr(entry, `xffTrustedCIDRs[${i}]`));
  }
  const hcm: HcmConfig = { useRemoteAddress };
  if (useRemoteAddress) {
    if (hops !== undefined) hcm.xffNumTrustedHops = hops;
    if (skipXffAppend !== undefined) hcm.skipXffAppend = skipXffAppend;
  } else {
    hcm.originalIpDetection = {
      xff: {
        ...(cidrs ? { xffTrustedCidrs: { cidrs } } : { xffNumTrustedHops: hops ?? 0 }),
        ...(skipXffAppend === undefined ? {} : { skipXffAppend }),
      },
    };
  }
  let proxyProtocol: EnvoyListener['proxyProtocol'] = null;
  if (root.proxyProtocol !== undefined) {
    const pp = readObject(root.proxyProtocol, 'proxyProtocol', { allowRequestsWithoutProxyProtocol: 'read' });
    proxyProtocol = { allowRequestsWithoutProxyProtocol: readBoolean(pp, 'proxyProtocol', 'allowRequestsWithoutProxyProtocol', false) };
  }
  return { hcm, proxyProtocol };
}

/** `forwardThroughGateway` for kgateway. */
export function forwardThroughKgateway(request: GatewayRequest): GatewayResult {
  return forwardThroughEnvoyListener(request, kgatewayListenerConfig(request.config), 'kgateway');
}
