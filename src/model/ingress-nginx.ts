/**
 * ingress-nginx (controller v1.13+) as an L7 policy, following its template
 * rootfs/etc/nginx/template/nginx.tmpl (controller-v1.13.0, PR 12768): when realip is on, which
 * header it reads, which peers it trusts, and what it sends upstream.
 */
import type { CauseId } from './cause-ids.ts';
import { X_FORWARDED_FOR, X_ORIGINAL_FORWARDED_FOR, X_REAL_IP, formatValues, headerValues, setHeader } from './headers.ts';
import type { L7Policy, Packet } from './hops.ts';
import { type IpRange, compileRanges, findRange, parseIp } from './ip.ts';
import type { Address } from './roles.ts';
import { walkForwarded } from './trust-walk.ts';

/**
 * Which template the controller runs. Controller v1.13.0 (PR 12768, commit cf0a44191 "Correctly determine client IP")
 * changed what realip reads when PROXY protocol and forwarded headers are both on; older templates read only the PROXY
 * source there.
 */
export type IngressNginxRelease = 'v1.13-or-later' | 'v1.12-or-earlier';

/** The ConfigMap options that decide the client address (defaults: all false, proxy-real-ip-cidr 0.0.0.0/0), and the template's release. */
export interface IngressNginxConfig {
  release: IngressNginxRelease;
  useForwardedHeaders: boolean;
  computeFullForwardedFor: boolean;
  useProxyProtocol: boolean;
  enableRealIp: boolean;
  proxyRealIpCidr: string[];
  /**
   * forwarded-for-header (default X-Forwarded-For): the header realip reads when PROXY protocol is off
   * (`real_ip_header {{ $cfg.ForwardedForHeader }}`) and the one passed on as X-Original-Forwarded-For
   * (buildForwardedFor). $full_x_forwarded_for always reads X-Forwarded-For.
   */
  forwardedForHeader?: string;
}

/** ingress-nginx's defaults (internal/ingress/controller/config/config.go). */
export const ingressNginxDefaults: IngressNginxConfig = {
  release: 'v1.13-or-later',
  useForwardedHeaders: false,
  computeFullForwardedFor: false,
  useProxyProtocol: false,
  enableRealIp: false,
  proxyRealIpCidr: ['0.0.0.0/0'],
};

/** The ConfigMap options a scenario state sets, spelt as in its URL (`'true'`/`'false'`, one CIDR). */
export type IngressNginxOptionState = Partial<
  Record<'useForwardedHeaders' | 'computeFullForwardedFor' | 'useProxyProtocol' | 'proxyRealIpCidr', string>
>;

/** The configuration for a state's options and a template release; an option the state leaves out keeps its default. */
export function ingressNginxConfigOf(state: IngressNginxOptionState, release: IngressNginxRelease): IngressNginxConfig {
  return {
    ...ingressNginxDefaults,
    release,
    useForwardedHeaders: state.useForwardedHeaders === 'true',
    computeFullForwardedFor: state.computeFullForwardedFor === 'true',
    useProxyProtocol: state.useProxyProtocol === 'true',
    proxyRealIpCidr: state.proxyRealIpCidr === undefined ? ingressNginxDefaults.proxyRealIpCidr : [state.proxyRealIpCidr],
  };
}

/** What nginx derives from one request: `$remote_addr` after realip, where it came from, and why that is the client it sends. */
export interface IngressNginxView {
  realipOn: boolean;
  remoteAddr: Address;
  source: string;
  /** Why, where this hop decides it; none where realip took what an earlier hop of yours wrote, whose own cause stands. */
  cause?: CauseId;
}

/** True when an address lies in the trusted ranges. */
function isTrusted(ranges: readonly IpRange[], address: Address): boolean {
  const parsed = parseIp(address.ip);
  return parsed.ok && findRange(ranges, parsed.value) !== undefined;
}

/**
 * `$remote_addr` as the template configures realip: on only with
 * use-forwarded-headers, use-proxy-protocol or enable-real-ip; recursive; one
 * set_real_ip_from per trusted CIDR; the header read is the PROXY source, the
 * X-Forwarded-For list, or (both options on, v1.13+) the list only when the PROXY
 * source is itself trusted; before v1.13, use-proxy-protocol always reads the PROXY source.
 */
export function ingressNginxRemoteAddr(received: Packet, config: IngressNginxConfig): IngressNginxView {
  const peer = received.src;
  if (!(config.useForwardedHeaders || config.useProxyProtocol || config.enableRealIp)) {
    return {
      realipOn: false,
      remoteAddr: peer,
      source: 'realip is off, so $remote_addr is the TCP peer',
      cause: peer.role === 'client' ? 'client-arrives' : 'ingress-sends-its-peer',
    };
  }
  const ranges = compileRanges(config.proxyRealIpCidr);
  const forwarded = headerValues(received.headers, X_FORWARDED_FOR) ?? [];
  const proxySource = received.proxyProtocol;
  let list: Address[];
  let header: string;
  if (config.useProxyProtocol && config.useForwardedHeaders && config.release === 'v1.13-or-later') {
    const proxyTrusted = proxySource !== null && isTrusted(ranges, proxySource);
    list = proxyTrusted ? forwarded : proxySource ? [proxySource] : [];
    header = proxyTrusted
      ? 'X-Forwarded-For (the PROXY source is trusted)'
      : 'the PROXY source (not trusted, so X-Forwarded-For is ignored)';
  } else if (config.useProxyProtocol) {
    list = proxySource ? [proxySource] : [];
    header = 'the PROXY protocol source';
  } else {
    const name = config.forwardedForHeader ?? X_FORWARDED_FOR;
    list = headerValues(received.headers, name) ?? [];
    header = name;
  }
  const walk = walkForwarded(peer, list, {
    recursive: true,
    isAddress: () => true,
    trustedBecause: (address) => (isTrusted(ranges, address) ? 'in proxy-real-ip-cidr' : null),
  });
  const peerUntrusted = walk.end === 'untrusted' && walk.visits.length === 1;
  const source = peerUntrusted
    ? `the peer ${peer.ip} is not in proxy-real-ip-cidr, so realip leaves $remote_addr as the peer`
    : walk.end === 'no-entries'
      ? `realip reads ${header}, which is empty, so $remote_addr stays the peer`
      : `realip reads ${header} from the right and takes ${walk.client.ip}`;
  return {
    realipOn: true,
    remoteAddr: walk.client,
    source,
    cause: realipCause(walk.client, peerUntrusted, walk.end === 'no-entries', config),
  };
}

/**
 * Why realip's `$remote_addr` is the address it is: the client (whichever way it came), an entry the client wrote,
 * or the TCP peer kept because the peer is not trusted or because the list it read was empty (with PROXY protocol
 * and use-forwarded-headers on v1.13+, a trusted PROXY source sends realip to an X-Forwarded-For the client left out).
 * None when realip took what a proxy of yours wrote about someone other than the client (an in-cluster caller's node,
 * sent back by the load balancer): realip did its job, and the hop that wrote that address recorded why.
 */
function realipCause(result: Address, peerUntrusted: boolean, listWasEmpty: boolean, config: IngressNginxConfig): CauseId | undefined {
  if (result.role === 'client') return 'client-arrives';
  if (result.role === 'spoofed') return 'ingress-trusts-forged-header';
  if (peerUntrusted) return 'ingress-trust-misses-peer';
  if (!listWasEmpty && result.role === 'load-balancer') return 'trusts-too-few-hops-behind-google';
  if (!listWasEmpty) return undefined;
  return config.useProxyProtocol ? 'ingress-proxy-protocol-without-header' : 'ingress-reads-empty-header';
}

/** The upstream headers: X-Real-IP and X-Forwarded-For set by proxy_set_header, the received list passed on as X-Original-Forwarded-For. */
function upstreamHeaders(
  received: Packet,
  config: IngressNginxConfig,
  view: IngressNginxView,
): { realIp: Address[]; xff: Address[]; original: Address[] } {
  const forwarded = headerValues(received.headers, X_FORWARDED_FOR) ?? [];
  const original = headerValues(received.headers, config.forwardedForHeader ?? X_FORWARDED_FOR) ?? [];
  const fullForwardedFor = config.useForwardedHeaders && config.computeFullForwardedFor;
  // $full_x_forwarded_for: the received list, then $proxy_protocol_addr or $realip_remote_addr (the TCP peer).
  const lastHop = config.useProxyProtocol ? received.proxyProtocol : received.src;
  const xff = fullForwardedFor ? [...forwarded, ...(lastHop ? [lastHop] : [])] : [view.remoteAddr];
  return { realIp: [view.remoteAddr], xff, original };
}

/** ingress-nginx as an L7 policy for the given options. */
export function ingressNginxPolicy(config: IngressNginxConfig): L7Policy {
  const full = config.useForwardedHeaders && config.computeFullForwardedFor;
  return {
    name: 'ingress-nginx',
    forward(received) {
      const view = ingressNginxRemoteAddr(received, config);
      const { realIp, xff, original } = upstreamHeaders(received, config, view);
      let headers = setHeader(received.headers, X_REAL_IP, realIp);
      headers = setHeader(headers, X_FORWARDED_FOR, xff);
      headers = setHeader(headers, X_ORIGINAL_FORWARDED_FOR, original);
      const what = `proxies to the app from its own pod address: ${view.source}; it sends X-Real-IP: ${view.remoteAddr.ip} and X-Forwarded-For: ${formatValues(xff)} (${
        full ? 'compute-full-forwarded-for: the received list plus the peer' : '$remote_addr alone'
      }).`;
      return { headers, what, cause: view.cause };
    },
  };
}
