/**
 * NGINX Gateway Fabric's client-IP configuration and the nginx realip it generates, with no runtime import of the
 * resolver, so that both `forwardThroughGateway` (nginx-gateway-fabric.ts) and the resolver's `nginx-gateway-fabric`
 * strategy (resolve.ts) read it. Read in nginx/nginx-gateway-fabric at tag v2.6.7 (commit
 * 5e34a17a8f7787e90f41d1af91258a556f0795b4): apis/v1alpha2/nginxproxy_types.go (fields, CEL rule),
 * internal/controller/state/graph/nginxproxy.go (validateRewriteClientIP), internal/controller/state/dataplane/
 * configuration.go (buildRewriteClientIPConfig), internal/controller/nginx/config/servers.go
 * (getRewriteClientIPSettings) and servers_template.go. `disableBaseHeaders` is read at main (commit
 * e55bfe33969f313b210d3497b3ae56b923175d69, PR #5288): no v2.6.x release has it.
 */
import type { HeaderInput } from '../forwarded-list.ts';
import type { Strategy } from '../resolve.ts';
import { isCidrText, readBoolean, readChoice, readObject } from './config.ts';
import { GatewayConfigError, type GatewayRejection } from './types.ts';

/** `rewriteClientIP.mode`: which source realip reads. */
export type RewriteClientIPMode = 'ProxyProtocol' | 'XForwardedFor';

/** The values `disableBaseHeaders` accepts (the CRD's enum at main). */
export const baseHeaderNames = ['*', 'X-Forwarded-For', 'X-Forwarded-Proto', 'X-Forwarded-Host', 'X-Forwarded-Port', 'X-Real-IP'] as const;

/** NGF's client-IP settings after validation, in the form its controller hands to the configuration templates. */
export interface NginxGatewayFabricSettings {
  mode: RewriteClientIPMode | null;
  /** The trusted addresses' values, in order, as they go into `set_real_ip_from`. */
  trustedAddresses: string[];
  setIPRecursively: boolean;
  /** The base headers left out by `disableBaseHeaders` (`*` expanded). */
  disabledBaseHeaders: Set<string>;
}

/** The realip directives and the `listen` parameter NGF writes into each HTTP and HTTPS server block. */
export interface NginxRealipDirectives {
  /** Appended to every `listen` line: `' proxy_protocol'` in ProxyProtocol mode, else empty. */
  listenParameter: '' | ' proxy_protocol';
  setRealIpFrom: string[];
  /** `real_ip_header`'s value, or null when NGF writes none (nginx's default, X-Real-IP, applies). */
  realIpHeader: string | null;
  realIpRecursive: boolean;
}

/** A DNS-1123 subdomain, as Kubernetes' IsDNS1123Subdomain checks it (NGF's test for a Hostname entry). */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Reads one `trustedAddresses` entry as NGF's validateRewriteClientIP checks it, and returns its value. */
function readTrustedAddress(entry: unknown, path: string): string {
  const record = readObject(entry, path, { type: 'read', value: 'read' });
  const type = readChoice(record, path, 'type', ['CIDR', 'IPAddress', 'Hostname'] as const, 'CIDR');
  if (record.type === undefined) throw new GatewayConfigError('invalid-value', `${path}.type`, 'is required: CIDR, IPAddress or Hostname.');
  const value = typeof record.value === 'string' ? record.value : '';
  const valuePath = `${path}.value`;
  if (type === 'Hostname') {
    if (value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
      throw new GatewayConfigError(
        'invalid-value',
        valuePath,
        `must be a lowercase RFC 1123 subdomain, not ${JSON.stringify(record.value)}.`,
      );
    }
    // nginx resolves a host name in set_real_ip_from when it loads the configuration: the answer depends on DNS.
    throw new GatewayConfigError(
      'not-modelled',
      valuePath,
      `a Hostname entry is resolved by nginx when it loads the configuration; the answer depends on what ${value} resolves to, so list its addresses instead.`,
    );
  }
  const ok = type === 'CIDR' ? value.includes('/') && isCidrText(value) : !value.includes('/') && isCidrText(value);
  if (!ok || value !== value.trim()) {
    const what =
      type === 'CIDR' ? 'a valid CIDR value (e.g. 10.9.8.0/24 or 2001:db8::/64)' : 'a valid IP address (e.g. 10.9.8.7 or 2001:db8::ffff)';
    throw new GatewayConfigError('invalid-value', valuePath, `must be ${what}, not ${JSON.stringify(record.value)}.`);
  }
  return value;
}

/**
 * Reads the NginxProxy spec's client-IP fields (`rewriteClientIP`, `disableBaseHeaders`) with NGF's own checks:
 * a mode needs at least one trusted address (the CRD's CEL rule), at most 64 entries, CIDR / IPAddress / Hostname
 * values checked by type. Throws GatewayConfigError.
 */
export function readNginxGatewayFabricConfig(config: unknown): NginxGatewayFabricSettings {
  const spec = readObject(config, '', { rewriteClientIP: 'read', disableBaseHeaders: 'read' });
  const rewrite = readObject(spec.rewriteClientIP, 'rewriteClientIP', { mode: 'read', trustedAddresses: 'read', setIPRecursively: 'read' });
  const modeValue = readChoice(rewrite, 'rewriteClientIP', 'mode', ['ProxyProtocol', 'XForwardedFor'] as const, 'XForwardedFor');
  const mode = rewrite.mode === undefined ? null : modeValue;
  const list = rewrite.trustedAddresses;
  if (list !== undefined && !Array.isArray(list)) {
    throw new GatewayConfigError('invalid-value', 'rewriteClientIP.trustedAddresses', 'must be a list of { type, value }.');
  }
  const entries = (list ?? []) as unknown[];
  if (entries.length > 64) {
    throw new GatewayConfigError('invalid-value', 'rewriteClientIP.trustedAddresses', `must have at most 64 items, not ${entries.length}.`);
  }
  if (mode !== null && entries.length === 0) {
    throw new GatewayConfigError(
      'invalid-value',
      'rewriteClientIP.trustedAddresses',
      'is required when mode is set (NGF: "if mode is set, trustedAddresses is a required field").',
    );
  }
  const trustedAddresses = entries.map((entry, i) => readTrustedAddress(entry, `rewriteClientIP.trustedAddresses[${i}]`));
  const setIPRecursively = readBoolean(rewrite, 'rewriteClientIP', 'setIPRecursively', false);
  const disabled = spec.disableBaseHeaders;
  if (disabled !== undefined && !Array.isArray(disabled)) {
    throw new GatewayConfigError('invalid-value', 'disableBaseHeaders', `must be a list of ${baseHeaderNames.join(', ')}.`);
  }
  const disabledBaseHeaders = new Set<string>();
  for (const [i, name] of ((disabled ?? []) as unknown[]).entries()) {
    if (typeof name !== 'string' || !(baseHeaderNames as readonly string[]).includes(name)) {
      throw new GatewayConfigError(
        'invalid-value',
        `disableBaseHeaders[${i}]`,
        `must be one of ${baseHeaderNames.join(', ')}, not ${JSON.stringify(name)}.`,
      );
    }
    for (const header of name === '*' ? baseHeaderNames.slice(1) : [name]) disabledBaseHeaders.add(header);
  }
  return { mode, trustedAddresses, setIPRecursively, disabledBaseHeaders };
}

/**
 * The directives NGF generates from the settings (getRewriteClientIPSettings and servers_template.go): one
 * `set_real_ip_from` per trusted address, `real_ip_header` only when a mode is set (`proxy_protocol` or
 * `X-Forwarded-For`), `real_ip_recursive on` only when setIPRecursively, and `proxy_protocol` on every listen in
 * ProxyProtocol mode.
 */
export function nginxGatewayFabricRealip(settings: NginxGatewayFabricSettings): NginxRealipDirectives {
  return {
    listenParameter: settings.mode === 'ProxyProtocol' ? ' proxy_protocol' : '',
    setRealIpFrom: [...settings.trustedAddresses],
    realIpHeader: settings.mode === 'ProxyProtocol' ? 'proxy_protocol' : settings.mode === 'XForwardedFor' ? 'X-Forwarded-For' : null,
    realIpRecursive: settings.setIPRecursively,
  };
}

/** The listener's refusal of a connection, when its PROXY expectation and the connection disagree, with the step that says so; null when it accepts it. */
export function nginxGatewayFabricListenerRejection(
  realip: NginxRealipDirectives,
  proxySource: string | undefined,
): { rejection: GatewayRejection; step: string } | null {
  if (realip.listenParameter !== '' && proxySource === undefined) {
    return {
      rejection: {
        reason:
          'mode ProxyProtocol puts proxy_protocol on every listen: nginx requires a PROXY header and closes a connection without one, with no response.',
      },
      step: 'The listener expects a PROXY header; this connection sent none, so nginx closes it.',
    };
  }
  if (realip.listenParameter === '' && proxySource !== undefined) {
    return {
      rejection: {
        status: 400,
        reason: 'the listener does not expect PROXY protocol: nginx reads the PROXY line as a malformed request line and answers 400.',
      },
      step: 'A PROXY header reached a listener without proxy_protocol: 400 Bad Request.',
    };
  }
  return null;
}

/**
 * The resolver's `nginx-realip` input for NGF's realip: the header nginx reads (its default X-Real-IP when NGF writes
 * no real_ip_header), and, in ProxyProtocol mode, the PROXY source as a one-entry `proxy_protocol` list, so the same
 * trust check applies. Null when there are no trusted addresses: realip then changes nothing.
 */
export function nginxGatewayFabricRealipInput(
  realip: NginxRealipDirectives,
  headers: HeaderInput | undefined,
  proxySource: string | undefined,
): { strategy: Extract<Strategy, { kind: 'nginx-realip' }>; headers: HeaderInput; steps: string[] } | null {
  if (realip.setRealIpFrom.length === 0) return null;
  const steps: string[] = [];
  // nginx's own default for real_ip_header is X-Real-IP: NGF writes none when trustedAddresses come without a mode.
  const header = realip.realIpHeader ?? 'X-Real-IP';
  if (realip.realIpHeader === null)
    steps.push('No mode, so NGF writes no real_ip_header and nginx reads its default, X-Real-IP, from trusted peers.');
  // real_ip_header proxy_protocol reads the PROXY source as a one-entry list: the same trust check as a header.
  const input: HeaderInput = header === 'proxy_protocol' ? { proxy_protocol: proxySource ?? [] } : (headers ?? {});
  return {
    strategy: { kind: 'nginx-realip', trusted: realip.setRealIpFrom, header, recursive: realip.realIpRecursive },
    headers: input,
    steps,
  };
}
