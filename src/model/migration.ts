/**
 * Moving off ingress-nginx: the reader's ingress-nginx client-IP settings mapped onto one Gateway API
 * implementation's own configuration, setting by setting, with "no equivalent" said plainly; and one sample request
 * through both, so the headers the app received before and receives after stand side by side, with the address an
 * allowlist compares. Pure: ingress-nginx is the model's ingress-nginx policy (ingress-nginx.ts, its template
 * rootfs/etc/nginx/template/nginx.tmpl), each target is `forwardThroughGateway` with the mapped configuration.
 *
 * Where the mapping rests (each implementation's own API and docs, read for the gateway model):
 * - Envoy Gateway v1.9.0: ClientTrafficPolicy `clientIPDetection` (`xForwardedFor.trustedCIDRs`, `customHeader`),
 *   `proxyProtocol`; SecurityPolicy `authorization.rules[].principal.clientCIDRs` matches the detected client
 *   (gateway.envoyproxy.io/v1.9/tasks/security/restrict-ip-access/).
 * - Istio 1.30: `gatewayTopology.numTrustedProxies` and `proxyProtocol` in the gateway pod's `proxy.istio.io/config`
 *   (istio.io network-topologies page, mesh/v1alpha1/proxy.proto Topology): a hop count, no trusted-CIDR option;
 *   AuthorizationPolicy `remoteIpBlocks` matches the client those settings give.
 * - Cilium v1.20.2: Helm `gatewayAPI.xffNumTrustedHops`, `gatewayAPI.enableProxyProtocol` (hops only, no CIDRs).
 * - kgateway: ListenerPolicy `spec.default.httpSettings` (`useRemoteAddress`, `xffTrustedCIDRs`, `skipXFFAppend`)
 *   and `spec.default.proxyProtocol` (api/v1alpha1/kgateway/listener_policy_types.go, commit e30e6459).
 * - NGINX Gateway Fabric v2.6: NginxProxy `spec.rewriteClientIP` (`mode`, `trustedAddresses`, `setIPRecursively`).
 * - Traefik v3.6: entry point `forwardedHeaders.trustedIPs` and `proxyProtocol.trustedIPs` (static configuration);
 *   the `ipAllowList` middleware (`sourceRange`, `ipStrategy.depth`: the depth-th entry of X-Forwarded-For from the right).
 * - haproxy-ingress v0.16: ConfigMap `forwardfor` (add, update), `use-proxy-protocol`; `allowlist-source-range` matches `src`.
 * - Envoy sends no X-Real-IP; only haproxy-ingress sends X-Original-Forwarded-For.
 */
import { plan } from './addresses.ts';
import { forwardThroughGateway, GatewayConfigError } from './gateway/index.ts';
import { gatewayImplementations, type GatewayImplementation, type GatewayResult } from './gateway/index.ts';
import { isCidrText } from './gateway/config.ts';
import { clientIpResources, gatewayTargetRef } from './gateway/resources.ts';
import { formatValues, headerValues, X_FORWARDED_FOR } from './headers.ts';
import type { HeaderLine, Packet } from './hops.ts';
import { ingressNginxDefaults, ingressNginxPolicy, ingressNginxRemoteAddr, type IngressNginxConfig } from './ingress-nginx.ts';
import { compileRanges, findRange, parseIp } from './ip.ts';
import type { Address } from './roles.ts';

/** The Gateway API implementations (and haproxy-ingress) a reader can move to, in the order the page lists them. */
export const migrationTargets = gatewayImplementations.filter(
  (implementation): implementation is Exclude<GatewayImplementation, 'envoy'> => implementation !== 'envoy',
);

/** One migration target. */
export type MigrationTarget = (typeof migrationTargets)[number];

/** What sits in front of the proxy: an L4 passthrough (the client arrives), an HTTP load balancer appending X-Forwarded-For, or an L4 load balancer sending PROXY protocol. */
export const loadBalancerKinds = ['l4-passthrough', 'http-appending', 'proxy-protocol'] as const;

/** One kind of load balancer in front. */
export type LoadBalancerKind = (typeof loadBalancerKinds)[number];

/** The ingress-nginx ConfigMap keys that decide the client address, plus the whitelist-source-range annotation. */
export interface IngressNginxClientIpSettings {
  useForwardedHeaders: boolean;
  proxyRealIpCidr: string[];
  computeFullForwardedFor: boolean;
  useProxyProtocol: boolean;
  enableRealIp: boolean;
  forwardedForHeader: string;
  /** The whitelist-source-range annotation's ranges; empty when not set. */
  whitelistSourceRange: string[];
}

/** ingress-nginx's defaults (internal/ingress/controller/config/config.go) and no allowlist. */
export const ingressNginxClientIpDefaults: IngressNginxClientIpSettings = {
  useForwardedHeaders: false,
  proxyRealIpCidr: ['0.0.0.0/0'],
  computeFullForwardedFor: false,
  useProxyProtocol: false,
  enableRealIp: false,
  forwardedForHeader: 'X-Forwarded-For',
  whitelistSourceRange: [],
};

/** What the migration is asked: the reader's settings, the target, and the load balancer in front (derived from the settings when omitted). */
export interface MigrationInput {
  settings: IngressNginxClientIpSettings;
  target: MigrationTarget;
  loadBalancer?: LoadBalancerKind;
  /** The sample client also writes a forged entry into the forwarding header. */
  clientForgesHeader?: boolean;
}

/** One ingress-nginx setting and what it becomes on the target: the target's field, or null where none exists. */
export interface SettingMapping {
  setting: string;
  value: string;
  equivalent: string | null;
  note: string;
}

/** One resource to apply on the target, as data (the view renders YAML). */
export interface TargetResource {
  title: string;
  document: Record<string, unknown>;
}

/** What one proxy did with the sample request: its client, or why it refused; the client-IP headers the app receives. */
export interface SampleAnswer {
  clientIp: string | null;
  rejected: string | null;
  /** Lower-case names: x-forwarded-for, x-real-ip, x-original-forwarded-for, x-envoy-external-address, where sent. */
  headers: Record<string, string>;
}

/** What the allowlist (whitelist-source-range or its successor) compares, before and after. */
export interface AllowlistAnswer {
  ranges: string[];
  /** The successor's field on the target, or null where the target has none this guide covers. */
  successor: string | null;
  note: string;
  before: { matches: string | null; allowed: boolean | null };
  after: { matches: string | null; allowed: boolean | null };
}

/** The whole answer for one migration. */
export interface MigrationResult {
  target: MigrationTarget;
  loadBalancer: LoadBalancerKind;
  /** True when the load balancer kind was derived from the settings rather than chosen. */
  loadBalancerDerived: boolean;
  /** The sample request in a sentence. */
  sample: string;
  /** The configuration handed to forwardThroughGateway (the target's own field names). */
  gatewayConfig: Record<string, unknown>;
  resources: TargetResource[];
  mappings: SettingMapping[];
  /** Plain statements of what has no equivalent on the target. */
  noEquivalent: string[];
  before: SampleAnswer;
  after: SampleAnswer;
  allowlist: AllowlistAnswer | null;
}

/** A bad input: the field at fault and what is wrong, never answered with a silent default. */
export class MigrationInputError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'MigrationInputError';
    this.field = field;
  }
}

/** The load balancer the settings imply: use-proxy-protocol → a PROXY sender; use-forwarded-headers or enable-real-ip → an HTTP load balancer; else an L4 passthrough. */
export function derivedLoadBalancer(settings: IngressNginxClientIpSettings): LoadBalancerKind {
  if (settings.useProxyProtocol) return 'proxy-protocol';
  if (settings.useForwardedHeaders || settings.enableRealIp) return 'http-appending';
  return 'l4-passthrough';
}

/** Checks the settings' lists and header name; throws MigrationInputError naming the field. */
function checkSettings(settings: IngressNginxClientIpSettings): void {
  const lists = [
    ['proxy-real-ip-cidr', settings.proxyRealIpCidr],
    ['whitelist-source-range', settings.whitelistSourceRange],
  ] as const;
  for (const [field, list] of lists) {
    for (const entry of list) {
      if (!isCidrText(entry)) throw new MigrationInputError(field, `“${entry}” is not a CIDR range or an IP address.`);
    }
  }
  if (settings.proxyRealIpCidr.length === 0) throw new MigrationInputError('proxy-real-ip-cidr', 'needs at least one range.');
  if (!/^[A-Za-z0-9-]{1,255}$/.test(settings.forwardedForHeader)) {
    throw new MigrationInputError('forwarded-for-header', `“${settings.forwardedForHeader}” is not a header name (letters, digits, -).`);
  }
}

/** An entry of a CIDR list as a prefix (`192.0.2.7` → `192.0.2.7/32`): Envoy Gateway and kgateway take CIDRs only. */
function asPrefix(entry: string): string {
  const text = entry.trim();
  if (text.includes('/')) return text;
  const parsed = parseIp(text);
  return `${text}/${parsed.ok && parsed.value.family === 'ipv6' ? 128 : 32}`;
}

/** True when the address lies in one of the ranges. */
function inRanges(ranges: readonly string[], address: string | null): boolean | null {
  if (address === null) return null;
  const parsed = parseIp(address);
  return parsed.ok && findRange(compileRanges(ranges), parsed.value) !== undefined;
}

/** The sample request at the proxy: the TCP peer, the PROXY source if any, and the header lines with roles. */
interface Sample {
  peer: Address;
  proxySource: Address | null;
  lines: HeaderLine[];
  sentence: string;
}

/** Builds the sample: client 203.0.113.7 (and a forged 203.0.113.66) behind the chosen load balancer 192.0.2.2. */
function sampleRequest(kind: LoadBalancerKind, header: string, forges: boolean): Sample {
  const client: Address = { ip: plan.client, role: 'client' };
  const lb: Address = { ip: plan.loadBalancer, role: 'load-balancer' };
  const forged: HeaderLine[] = forges ? [{ name: header, values: [{ ip: plan.spoofed, role: 'spoofed' }] }] : [];
  const wrote = forges ? `, which writes ${header}: ${plan.spoofed} itself` : '';
  switch (kind) {
    case 'l4-passthrough':
      return {
        peer: client,
        proxySource: null,
        lines: forged,
        sentence: `The client ${plan.client}${wrote} connects through an L4 passthrough load balancer: the proxy's peer is the client.`,
      };
    case 'http-appending':
      return {
        peer: lb,
        proxySource: null,
        lines: forges ? [{ name: header, values: [...forged[0]!.values, client] }] : [{ name: header, values: [client] }],
        sentence: `The client ${plan.client}${wrote} goes through an HTTP load balancer ${plan.loadBalancer} that appends the client to ${header}.`,
      };
    case 'proxy-protocol':
      return {
        peer: lb,
        proxySource: client,
        lines: forged,
        sentence: `The client ${plan.client}${wrote} goes through an L4 load balancer ${plan.loadBalancer} that sends a PROXY header with the client's address.`,
      };
  }
}

/** The client-IP headers among header lines, lower-case names, each header's lines joined with ", ". */
function clientIpHeaders(lines: readonly HeaderLine[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['x-forwarded-for', 'x-real-ip', 'x-original-forwarded-for']) {
    const values = headerValues(lines as HeaderLine[], name);
    if (values && values.length > 0) out[name] = formatValues(values);
  }
  return out;
}

/** ingress-nginx's answer for the sample: realip's $remote_addr and the headers proxy_set_header sends; a PROXY mismatch refuses the request. */
function beforeAnswer(settings: IngressNginxClientIpSettings, sample: Sample): SampleAnswer {
  if (settings.useProxyProtocol && sample.proxySource === null) {
    return { clientIp: null, rejected: 'listen … proxy_protocol: nginx closes a connection that sends no PROXY header.', headers: {} };
  }
  if (!settings.useProxyProtocol && sample.proxySource !== null) {
    return { clientIp: null, rejected: 'The listener does not expect PROXY protocol: nginx answers 400 to the PROXY line.', headers: {} };
  }
  const config: IngressNginxConfig = {
    ...ingressNginxDefaults,
    useForwardedHeaders: settings.useForwardedHeaders,
    computeFullForwardedFor: settings.computeFullForwardedFor,
    useProxyProtocol: settings.useProxyProtocol,
    enableRealIp: settings.enableRealIp,
    proxyRealIpCidr: settings.proxyRealIpCidr,
    forwardedForHeader: settings.forwardedForHeader,
  };
  const packet: Packet = {
    src: sample.peer,
    dst: { ip: plan.ingressPod, role: 'ingress-pod' },
    headers: sample.lines,
    proxyProtocol: sample.proxySource,
  };
  const view = ingressNginxRemoteAddr(packet, config);
  const { headers } = ingressNginxPolicy(config).forward(packet);
  return { clientIp: view.remoteAddr.ip, rejected: null, headers: clientIpHeaders(headers) };
}

/** The sample's headers as forwardThroughGateway takes them. */
function gatewayHeaders(lines: readonly HeaderLine[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of lines) (out[line.name] ??= []).push(formatValues(line.values));
  return out;
}

/** The answer's client-IP headers (the ones this page compares). */
function afterHeaders(result: GatewayResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['x-forwarded-for', 'x-real-ip', 'x-original-forwarded-for', 'x-envoy-external-address']) {
    const value = result.upstreamHeaders[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The settings in the form the mapping reads them. */
interface Reading {
  /** realip reads the forwarding header (use-forwarded-headers or enable-real-ip, without PROXY protocol). */
  readsHeader: boolean;
  proxy: boolean;
  customHeader: boolean;
  /** Proxies in front that append to X-Forwarded-For, for the targets that count hops. */
  hops: number;
  trusted: string[];
}

/** What each target's mapping returns. */
interface Mapped {
  config: Record<string, unknown>;
  resources: TargetResource[];
  mappings: SettingMapping[];
  noEquivalent: string[];
  allowlist: { successor: string | null; note: string; resource?: TargetResource };
  /** Traefik's ipStrategy depth, when the allowlist reads X-Forwarded-For rather than RemoteAddr. */
  allowlistDepth?: number;
}

const gatewayRef = gatewayTargetRef('my-gateway');

/** A ClientTrafficPolicy spec without its target: clientIpResources writes the target itself. */
function withoutTargetRefs(spec: Record<string, unknown>): Record<string, unknown> {
  const { targetRefs: _targetRefs, ...rest } = spec;
  return rest;
}
const NO_REAL_IP =
  'No X-Real-IP: Envoy sets none, so an app that reads X-Real-IP must read X-Forwarded-For instead (or x-envoy-external-address, where the gateway sends it).';
const NO_ORIGINAL = 'No X-Original-Forwarded-For: only haproxy-ingress sends it.';

/** The row for forwarded-for-header when the target reads only X-Forwarded-For. */
function onlyXff(settings: IngressNginxClientIpSettings, target: string): SettingMapping[] {
  return settings.forwardedForHeader.toLowerCase() === 'x-forwarded-for'
    ? []
    : [
        {
          setting: 'forwarded-for-header',
          value: settings.forwardedForHeader,
          equivalent: null,
          note: `${target} reads only X-Forwarded-For: no equivalent.`,
        },
      ];
}

/** The mapping for each target. */
const mappers: Record<MigrationTarget, (s: IngressNginxClientIpSettings, r: Reading) => Mapped> = {
  'envoy-gateway'(s, r) {
    const spec: Record<string, unknown> = { targetRefs: [gatewayRef] };
    const mappings: SettingMapping[] = [];
    const noEquivalent = [NO_REAL_IP, NO_ORIGINAL];
    if (r.customHeader && (s.useForwardedHeaders || s.enableRealIp)) {
      spec.clientIPDetection = { customHeader: { name: s.forwardedForHeader } };
      mappings.push({
        setting: 'forwarded-for-header',
        value: s.forwardedForHeader,
        equivalent: 'clientIPDetection.customHeader.name',
        note: 'The custom-header extension reads one address from the header, from any peer: proxy-real-ip-cidr has no equivalent there.',
      });
    } else if (r.readsHeader || (s.useForwardedHeaders && r.proxy)) {
      spec.clientIPDetection = { xForwardedFor: { trustedCIDRs: r.trusted.map(asPrefix) } };
      mappings.push({
        setting: 'proxy-real-ip-cidr',
        value: s.proxyRealIpCidr.join(', '),
        equivalent: 'clientIPDetection.xForwardedFor.trustedCIDRs',
        note: 'Envoy walks X-Forwarded-For from the right past trusted addresses, as realip with real_ip_recursive on does.',
      });
      mappings.push(...onlyXff(s, 'xForwardedFor'));
    }
    if (r.proxy) {
      spec.proxyProtocol = {};
      mappings.push({
        setting: 'use-proxy-protocol',
        value: 'true',
        equivalent: 'proxyProtocol: {}',
        note: 'A PROXY header is required (optional: false).',
      });
      noEquivalent.push('proxy-real-ip-cidr does not limit who may send a PROXY header: Envoy takes the PROXY source from any peer.');
    }
    if (s.computeFullForwardedFor && s.useForwardedHeaders) {
      mappings.push({
        setting: 'compute-full-forwarded-for',
        value: 'true',
        equivalent: '(the default)',
        note: 'Envoy appends its peer to the received X-Forwarded-For.',
      });
    } else {
      noEquivalent.push(
        'compute-full-forwarded-for off has no equivalent: Envoy forwards the received X-Forwarded-For plus its peer, never the client alone.',
      );
    }
    const allowlist: TargetResource = {
      title: 'SecurityPolicy (whitelist-source-range)',
      document: {
        apiVersion: 'gateway.envoyproxy.io/v1alpha1',
        kind: 'SecurityPolicy',
        metadata: { name: 'allowlist' },
        spec: {
          targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'my-route' }],
          authorization: {
            defaultAction: 'Deny',
            rules: [{ action: 'Allow', principal: { clientCIDRs: s.whitelistSourceRange.map(asPrefix) } }],
          },
        },
      },
    };
    return {
      config: spec,
      resources: clientIpResources('envoy-gateway', withoutTargetRefs(spec), gatewayRef.name),
      mappings,
      noEquivalent,
      allowlist: {
        successor: 'SecurityPolicy authorization.rules[].principal.clientCIDRs',
        note: 'clientCIDRs match the client clientIPDetection gives.',
        resource: allowlist,
      },
    };
  },
  istio(s, r) {
    const topology: Record<string, unknown> = {};
    const mappings: SettingMapping[] = [];
    const noEquivalent = [
      NO_REAL_IP,
      NO_ORIGINAL,
      'Istio has no trusted-CIDR option: proxy-real-ip-cidr becomes a count of the proxies in front (numTrustedProxies).',
    ];
    if (r.readsHeader) {
      topology.numTrustedProxies = r.hops;
      mappings.push({
        setting: 'use-forwarded-headers / proxy-real-ip-cidr',
        value: s.proxyRealIpCidr.join(', '),
        equivalent: 'gatewayTopology.numTrustedProxies',
        note: `A hop count, not ranges: ${r.hops} for the load balancer in front.`,
      });
      mappings.push(...onlyXff(s, 'Istio'));
    }
    if (r.proxy) {
      topology.proxyProtocol = {};
      mappings.push({
        setting: 'use-proxy-protocol',
        value: 'true',
        equivalent: 'gatewayTopology.proxyProtocol: {}',
        note: 'A PROXY header is required.',
      });
    }
    if (!(s.computeFullForwardedFor && s.useForwardedHeaders))
      noEquivalent.push(
        'compute-full-forwarded-for off has no equivalent: the gateway forwards the received X-Forwarded-For plus its peer.',
      );
    const config = { gatewayTopology: topology };
    return {
      config,
      resources: clientIpResources('istio', config, gatewayRef.name),
      mappings,
      noEquivalent,
      allowlist: {
        successor: 'AuthorizationPolicy rules[].from[].source.remoteIpBlocks',
        note: 'remoteIpBlocks match the client that numTrustedProxies (or the PROXY header) gives; ipBlocks match the TCP peer.',
        resource: {
          title: 'AuthorizationPolicy (whitelist-source-range)',
          document: {
            apiVersion: 'security.istio.io/v1',
            kind: 'AuthorizationPolicy',
            metadata: { name: 'allowlist' },
            spec: {
              selector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'my-gateway' } },
              action: 'ALLOW',
              rules: [{ from: [{ source: { remoteIpBlocks: s.whitelistSourceRange } }] }],
            },
          },
        },
      },
    };
  },
  cilium(s, r) {
    const values: Record<string, unknown> = {};
    const mappings: SettingMapping[] = [];
    const noEquivalent = [
      NO_REAL_IP,
      NO_ORIGINAL,
      'Cilium has no trusted-CIDR option: proxy-real-ip-cidr becomes a count of the proxies in front (xffNumTrustedHops).',
    ];
    if (r.readsHeader) {
      if (r.hops > 0) values.xffNumTrustedHops = r.hops;
      mappings.push({
        setting: 'use-forwarded-headers / proxy-real-ip-cidr',
        value: s.proxyRealIpCidr.join(', '),
        equivalent: 'gatewayAPI.xffNumTrustedHops',
        note: `A hop count for the whole cluster's gateways, not ranges: ${r.hops}.`,
      });
      mappings.push(...onlyXff(s, 'Cilium'));
    }
    if (r.proxy) {
      values.enableProxyProtocol = true;
      mappings.push({
        setting: 'use-proxy-protocol',
        value: 'true',
        equivalent: 'gatewayAPI.enableProxyProtocol',
        note: 'Only PROXY traffic is accepted.',
      });
    }
    if (!(s.computeFullForwardedFor && s.useForwardedHeaders))
      noEquivalent.push(
        "compute-full-forwarded-for off has no equivalent: Cilium's Envoy forwards the received X-Forwarded-For plus its peer.",
      );
    return {
      config: values,
      resources: clientIpResources('cilium', values, gatewayRef.name),
      mappings,
      noEquivalent,
      allowlist: {
        successor: null,
        note: "This guide covers no allowlist of Cilium's Gateway API; a CiliumNetworkPolicy matches the packet's source, never X-Forwarded-For.",
      },
    };
  },
  kgateway(s, r) {
    const http: Record<string, unknown> = {};
    const listener: Record<string, unknown> = {};
    const mappings: SettingMapping[] = [];
    const noEquivalent = [NO_REAL_IP, NO_ORIGINAL];
    if (r.readsHeader) {
      http.useRemoteAddress = false;
      http.xffTrustedCIDRs = r.trusted.map(asPrefix);
      mappings.push({
        setting: 'proxy-real-ip-cidr',
        value: s.proxyRealIpCidr.join(', '),
        equivalent: 'httpSettings.xffTrustedCIDRs (with useRemoteAddress: false)',
        note: 'The XFF extension walks from the right past trusted addresses.',
      });
      mappings.push(...onlyXff(s, 'kgateway'));
      if (s.computeFullForwardedFor && s.useForwardedHeaders) {
        http.skipXFFAppend = false;
        mappings.push({
          setting: 'compute-full-forwarded-for',
          value: 'true',
          equivalent: 'httpSettings.skipXFFAppend: false',
          note: 'Appends the peer to the received list.',
        });
      } else
        noEquivalent.push(
          'compute-full-forwarded-for off has no equivalent: with useRemoteAddress false kgateway passes X-Forwarded-For on as received.',
        );
    } else if (!(s.computeFullForwardedFor && s.useForwardedHeaders)) {
      noEquivalent.push('compute-full-forwarded-for off has no equivalent: kgateway forwards the received X-Forwarded-For plus its peer.');
    }
    if (r.proxy) {
      listener.proxyProtocol = {};
      mappings.push({
        setting: 'use-proxy-protocol',
        value: 'true',
        equivalent: 'default.proxyProtocol: {}',
        note: 'A PROXY header is required.',
      });
      noEquivalent.push('proxy-real-ip-cidr does not limit who may send a PROXY header: Envoy takes the PROXY source from any peer.');
    }
    const config: Record<string, unknown> = { ...http, ...listener };
    return {
      config,
      resources: clientIpResources('kgateway', config, gatewayRef.name),
      mappings,
      noEquivalent,
      allowlist: {
        successor: null,
        note: "This guide covers no allowlist API of kgateway: what it would compare is kgateway's client, shown here.",
      },
    };
  },
  'nginx-gateway-fabric'(s, r) {
    const mappings: SettingMapping[] = [];
    const noEquivalent = [NO_ORIGINAL];
    const trustedAddresses = r.trusted.map((value) => ({ type: value.includes('/') ? 'CIDR' : 'IPAddress', value }));
    const rewrite: Record<string, unknown> = {};
    if (r.proxy || r.readsHeader) {
      Object.assign(rewrite, { mode: r.proxy ? 'ProxyProtocol' : 'XForwardedFor', trustedAddresses, setIPRecursively: true });
      mappings.push({
        setting: r.proxy ? 'use-proxy-protocol' : 'use-forwarded-headers',
        value: 'true',
        equivalent: `rewriteClientIP.mode: ${r.proxy ? 'ProxyProtocol' : 'XForwardedFor'}`,
        note: 'nginx realip, as ingress-nginx uses.',
      });
      mappings.push({
        setting: 'proxy-real-ip-cidr',
        value: s.proxyRealIpCidr.join(', '),
        equivalent: 'rewriteClientIP.trustedAddresses (setIPRecursively: true)',
        note: 'set_real_ip_from and real_ip_recursive on, as ingress-nginx writes them.',
      });
      if (!r.proxy) mappings.push(...onlyXff(s, 'NGINX Gateway Fabric'));
      if (r.proxy && s.useForwardedHeaders)
        noEquivalent.push('PROXY protocol and X-Forwarded-For together have no equivalent: NGF reads one source (mode).');
    }
    noEquivalent.push(
      'compute-full-forwarded-for has no switch: NGF always sends $proxy_add_x_forwarded_for, the received list plus $remote_addr after realip (the client again).',
    );
    const config = Object.keys(rewrite).length ? { rewriteClientIP: rewrite } : {};
    return {
      config,
      resources: clientIpResources('nginx-gateway-fabric', config, gatewayRef.name),
      mappings,
      noEquivalent,
      allowlist: {
        successor: null,
        note: "NGF's own API has no allowlist field; nginx allow/deny (a snippet) would compare $remote_addr after realip, the client shown here.",
      },
    };
  },
  traefik(s, r) {
    const entryPoint: Record<string, unknown> = {};
    const mappings: SettingMapping[] = [];
    const noEquivalent = [NO_ORIGINAL];
    if (r.readsHeader || (s.useForwardedHeaders && r.proxy)) {
      entryPoint.forwardedHeaders = { trustedIPs: r.trusted };
      mappings.push({
        setting: 'proxy-real-ip-cidr',
        value: s.proxyRealIpCidr.join(', '),
        equivalent: 'entryPoints.web.forwardedHeaders.trustedIPs',
        note: 'Traefik keeps X-Forwarded-For from trusted peers and deletes it from others; it never takes the client from it: its client is the TCP (or PROXY) source.',
      });
      mappings.push(...onlyXff(s, 'Traefik'));
    }
    if (r.proxy) {
      entryPoint.proxyProtocol = { trustedIPs: r.trusted };
      mappings.push({
        setting: 'use-proxy-protocol',
        value: 'true',
        equivalent: 'entryPoints.web.proxyProtocol.trustedIPs',
        note: 'PROXY headers from these peers are used; the header stays optional.',
      });
    }
    noEquivalent.push('compute-full-forwarded-for has no switch: Traefik appends its peer to X-Forwarded-For.');
    const depth = r.readsHeader && r.hops > 0 ? r.hops : undefined;
    return {
      config: entryPoint,
      resources: clientIpResources('traefik', entryPoint, gatewayRef.name),
      mappings,
      noEquivalent,
      allowlistDepth: depth,
      allowlist: {
        successor: `Middleware ipAllowList.sourceRange${depth ? ` with ipStrategy.depth: ${depth}` : ''}`,
        note: depth
          ? 'ipStrategy.depth takes the depth-th X-Forwarded-For entry from the right; without it the allowlist compares the TCP (or PROXY) source.'
          : 'The allowlist compares the TCP (or PROXY) source.',
        resource: {
          title: 'Middleware (whitelist-source-range)',
          document: {
            apiVersion: 'traefik.io/v1alpha1',
            kind: 'Middleware',
            metadata: { name: 'allowlist' },
            spec: { ipAllowList: { sourceRange: s.whitelistSourceRange, ...(depth ? { ipStrategy: { depth } } : {}) } },
          },
        },
      },
    };
  },
  'haproxy-ingress'(s, r) {
    const data: Record<string, unknown> = {};
    const mappings: SettingMapping[] = [];
    const noEquivalent: string[] = [];
    const full = s.computeFullForwardedFor && s.useForwardedHeaders;
    data.forwardfor = full ? 'update' : 'add';
    mappings.push({
      setting: 'compute-full-forwarded-for',
      value: String(full),
      equivalent: `forwardfor: ${data.forwardfor}`,
      note: full
        ? 'Appends the client to the received X-Forwarded-For.'
        : 'X-Forwarded-For is the client alone; the received one goes to X-Original-Forwarded-For (its last entry).',
    });
    if (r.proxy) {
      data['use-proxy-protocol'] = 'true';
      mappings.push({
        setting: 'use-proxy-protocol',
        value: 'true',
        equivalent: 'use-proxy-protocol: "true"',
        note: 'accept-proxy on the binds: a PROXY header is required.',
      });
      noEquivalent.push('proxy-real-ip-cidr does not limit who may send a PROXY header.');
    }
    if (r.readsHeader) {
      noEquivalent.push(
        'use-forwarded-headers and proxy-real-ip-cidr have no equivalent: haproxy-ingress takes the client from the connection (src), never from X-Forwarded-For, so behind an HTTP load balancer its client is the load balancer.',
      );
    }
    return {
      config: data,
      resources: clientIpResources('haproxy-ingress', data, gatewayRef.name),
      mappings,
      noEquivalent,
      allowlist: {
        successor: 'annotation haproxy-ingress.github.io/allowlist-source-range',
        note: 'It compares src: the TCP peer, or the PROXY source with use-proxy-protocol.',
      },
    };
  },
};

/** The migration's answer; throws MigrationInputError on a bad setting. */
export function migrate(input: MigrationInput): MigrationResult {
  const { settings, target } = input;
  if (!(migrationTargets as readonly string[]).includes(target)) {
    throw new MigrationInputError('target', `must be one of ${migrationTargets.join(', ')}.`);
  }
  checkSettings(settings);
  const loadBalancer = input.loadBalancer ?? derivedLoadBalancer(settings);
  const customHeader = settings.forwardedForHeader.toLowerCase() !== X_FORWARDED_FOR.toLowerCase();
  const sample = sampleRequest(loadBalancer, settings.forwardedForHeader, input.clientForgesHeader ?? false);
  const reading: Reading = {
    readsHeader: !settings.useProxyProtocol && (settings.useForwardedHeaders || settings.enableRealIp),
    proxy: settings.useProxyProtocol,
    customHeader,
    hops: loadBalancer === 'http-appending' ? 1 : 0,
    trusted: settings.proxyRealIpCidr.map((c) => c.trim()),
  };
  const mapped = mappers[target](settings, reading);
  const before = beforeAnswer(settings, sample);
  let after: SampleAnswer;
  try {
    const result = forwardThroughGateway({
      implementation: target,
      config: mapped.config,
      peer: sample.peer.ip,
      ...(sample.proxySource ? { proxyProtocolSource: sample.proxySource.ip } : {}),
      headers: gatewayHeaders(sample.lines),
    });
    after = { clientIp: result.clientIp, rejected: result.rejected?.reason ?? null, headers: afterHeaders(result) };
  } catch (error) {
    // A mapping this module wrote that the target's own reader refuses is a bug here, not the reader's input.
    if (error instanceof GatewayConfigError)
      throw new Error(`migration to ${target} produced a configuration its reader refuses: ${error.message}`);
    throw error;
  }
  let allowlist: AllowlistAnswer | null = null;
  if (settings.whitelistSourceRange.length > 0) {
    let afterMatches = after.clientIp;
    if (mapped.allowlistDepth !== undefined && after.rejected === null) {
      // Traefik's ipStrategy.depth reads X-Forwarded-For as the middleware sees it: before the proxy appends RemoteAddr.
      const entries = (after.headers['x-forwarded-for'] ?? '')
        .split(',')
        .map((e) => e.trim())
        .filter((e) => e !== '');
      const prior = entries.slice(0, -1);
      afterMatches = prior[prior.length - mapped.allowlistDepth] ?? null;
    }
    allowlist = {
      ranges: settings.whitelistSourceRange,
      successor: mapped.allowlist.successor,
      note: mapped.allowlist.note,
      before: { matches: before.clientIp, allowed: inRanges(settings.whitelistSourceRange, before.clientIp) },
      after: { matches: afterMatches, allowed: inRanges(settings.whitelistSourceRange, afterMatches) },
    };
  }
  const resources = [...mapped.resources, ...(allowlist && mapped.allowlist.resource ? [mapped.allowlist.resource] : [])];
  const mappings = [...mapped.mappings];
  if (settings.whitelistSourceRange.length > 0) {
    mappings.push({
      setting: 'whitelist-source-range',
      value: settings.whitelistSourceRange.join(', '),
      equivalent: mapped.allowlist.successor,
      note: mapped.allowlist.note,
    });
  }
  return {
    target,
    loadBalancer,
    loadBalancerDerived: input.loadBalancer === undefined,
    sample: sample.sentence,
    gatewayConfig: mapped.config,
    resources,
    mappings,
    noEquivalent: mapped.noEquivalent,
    before,
    after,
    allowlist,
  };
}
