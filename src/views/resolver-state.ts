/**
 * The resolver widget's state as plain data: read from a form or a URL, written
 * back to a URL, and turned into `resolveClientIp`'s input. Untrusted text in,
 * typed values and notices out; nothing here throws.
 */
import { strategyKinds } from '../model/index.ts';
import type { EnvoyGatewayStrategy, HeaderInput, ResolveInput, ResolveInputName, Strategy, StrategyKind } from '../model/index.ts';
import { quote } from '../model/text.ts';
import { STATE_VERSION, STATE_VERSION_PARAM } from '../model/params.ts';
import { splitTrusted } from './address-lists.ts';
import { parseExpressTrust } from './express-trust.ts';
import {
  cutLinkValue,
  MAX_ADDRESS_CHARS,
  MAX_HEADER_NAME_CHARS,
  MAX_HEADER_TEXT_CHARS,
  MAX_HOPS_CHARS,
  MAX_LIST_CHARS,
  unknownParameterNotice,
  versionNotice,
} from './chrome.ts';

/** What the resolver form holds, as text. */
export interface ResolverState {
  remoteAddr: string;
  headers: string;
  strategy: StrategyKind;
  trusted: string;
  hops: string;
  /** nginx's real_ip_recursive, for nginx-realip. */
  recursive: boolean;
  /** Envoy's walk past trusted entries, for envoy-xff-cidrs (every release walks). */
  recurse: boolean;
  header: string;
  /** Express's trust proxy setting, as typed (see parseExpressTrust). */
  trust: string;
  /** Envoy's use_remote_address, for the envoy strategy. */
  useRemoteAddress: boolean;
  /** Envoy Gateway's clientIPDetection: which one of its settings is set (none: Envoy Gateway's default, the peer). */
  clientIPDetection: ClientIpDetectionChoice;
  /** Envoy Gateway's customHeader.failClosed. */
  failClosed: boolean;
  /** NGINX Gateway Fabric's rewriteClientIP.mode (none: not set, so nginx reads X-Real-IP). */
  mode: RewriteModeChoice;
  /** The PROXY header's source address, for nginx-gateway-fabric; empty: the connection sent no PROXY header. */
  proxyProtocol: string;
}

/** The choices for Envoy Gateway's clientIPDetection, in the order the form lists them. */
export const clientIpDetectionChoices = ['none', 'numTrustedHops', 'trustedCIDRs', 'customHeader'] as const;

/** One of the clientIPDetection choices. */
export type ClientIpDetectionChoice = (typeof clientIpDetectionChoices)[number];

/** The choices for NGINX Gateway Fabric's rewriteClientIP.mode, in the order the form lists them. */
export const rewriteModeChoices = ['XForwardedFor', 'ProxyProtocol', 'none'] as const;

/** One of the rewriteClientIP.mode choices. */
export type RewriteModeChoice = (typeof rewriteModeChoices)[number];

/** The inputs only one strategy reads: a link carries them only for that strategy, so older links keep their exact form. */
const strategyOnlyInputs: Partial<Record<StrategyKind, readonly (keyof ResolverState)[]>> = {
  'envoy-gateway': ['clientIPDetection', 'failClosed'],
  'nginx-gateway-fabric': ['mode', 'proxyProtocol'],
};

/** The state a reader sees first: a client behind one trusted proxy, who also forged an entry. */
export const defaultResolverState: ResolverState = {
  remoteAddr: '192.0.2.2',
  headers: 'X-Forwarded-For: 203.0.113.66, 203.0.113.7',
  strategy: 'trusted-cidrs',
  trusted: '192.0.2.0/24',
  hops: '1',
  // nginx's own default: real_ip_recursive off. The ingress-nginx preset turns it on.
  recursive: false,
  recurse: true,
  header: 'X-Forwarded-For',
  trust: '192.0.2.0/24',
  useRemoteAddress: false,
  clientIPDetection: 'none',
  failClosed: false,
  // NGF's own default is no rewriteClientIP at all; the form starts from the mode that reads X-Forwarded-For.
  mode: 'XForwardedFor',
  proxyProtocol: '',
};

/** A one-click setting of several inputs: what it is called, what it stands for, and the inputs it sets. */
export interface ResolverPreset {
  label: string;
  description: string;
  set: Partial<ResolverState>;
}

/** The nginx-realip presets: nginx's own defaults, and the realip settings ingress-nginx writes. */
export const nginxRealipPresets = {
  nginx: {
    label: 'nginx defaults',
    description: 'real_ip_recursive off, real_ip_header X-Real-IP (ngx_http_realip_module)',
    set: { strategy: 'nginx-realip', recursive: false, header: 'X-Real-IP' },
  },
  'ingress-nginx': {
    label: 'ingress-nginx',
    description:
      'use-forwarded-headers: real_ip_recursive on, real_ip_header X-Forwarded-For, set_real_ip_from proxy-real-ip-cidr (default 0.0.0.0/0)',
    set: { strategy: 'nginx-realip', recursive: true, header: 'X-Forwarded-For', trusted: '0.0.0.0/0' },
  },
} as const satisfies Record<string, ResolverPreset>;

/** The gateway presets: Envoy Gateway's default and its two X-Forwarded-For settings, and NGINX Gateway Fabric trusting the load balancer. */
export const gatewayPresets = {
  'envoy-gateway': {
    label: 'Envoy Gateway defaults',
    description: 'no clientIPDetection: use_remote_address true, the TCP peer',
    set: { strategy: 'envoy-gateway', clientIPDetection: 'none' },
  },
  'envoy-gateway-hops': {
    label: 'Envoy Gateway numTrustedHops: 1',
    description: 'the rightmost X-Forwarded-For entry, whoever connected',
    set: { strategy: 'envoy-gateway', clientIPDetection: 'numTrustedHops', hops: '1' },
  },
  'envoy-gateway-cidrs': {
    label: 'Envoy Gateway trustedCIDRs: the load balancer',
    description: '192.0.2.0/24: walk right to left past trusted addresses',
    set: { strategy: 'envoy-gateway', clientIPDetection: 'trustedCIDRs', trusted: '192.0.2.0/24' },
  },
  'nginx-gateway-fabric': {
    label: 'NGINX Gateway Fabric XForwardedFor: the load balancer',
    description: 'trustedAddresses 192.0.2.0/24, setIPRecursively false',
    set: { strategy: 'nginx-gateway-fabric', mode: 'XForwardedFor', trusted: '192.0.2.0/24', recursive: false },
  },
} as const satisfies Record<string, ResolverPreset>;

/**
 * The cloud presets: what a provider's load balancer sends, and a strategy that reads it. Each sets the peer and the
 * header too, as the provider writes them (the client forged 203.0.113.66 and is 203.0.113.7), since the point is the
 * shape of the header. Sources:
 * - Google: https://cloud.google.com/load-balancing/docs/https ("X-Forwarded-For header": `<unverified IP(s)>,
 *   <immediate client IP>, <global forwarding rule external IP>, <proxies running in Google Cloud>`; only the client
 *   and forwarding-rule entries come from the load balancer; Google front ends connect from 35.191.0.0/16 and
 *   130.211.0.0/22).
 * - AWS: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html
 *   (`routing.http.xff_header_processing.mode`: append, the default, appends the client's address, or creates the
 *   header with it; the ALB connects from its own addresses in the VPC).
 * - Azure: https://azure.microsoft.com/en-us/blog/rewrite-http-headers-with-azure-application-gateway/ (Application
 *   Gateway inserts X-Forwarded-For as "a comma-separated list of IP:Port"; the server variable
 *   add_x_forwarded_for_proxy holds it without ports); the gateway connects from its own subnet.
 */
export const cloudPresets = {
  'gcp-two-hops': {
    label: 'Google Cloud load balancer: trust 2 hops',
    description: 'a Google front end sends <unverified>, <client>, <forwarding rule IP>',
    set: {
      strategy: 'trusted-hops',
      hops: '2',
      remoteAddr: '35.191.0.1',
      headers: 'X-Forwarded-For: 203.0.113.66, 203.0.113.7, 198.51.100.10',
    },
  },
  'aws-alb-append': {
    label: 'AWS ALB append mode',
    description: 'the ALB appends the client and connects from the VPC, 10.0.0.0/16',
    set: {
      strategy: 'trusted-cidrs',
      trusted: '10.0.0.0/16',
      remoteAddr: '10.0.1.23',
      headers: 'X-Forwarded-For: 203.0.113.66, 203.0.113.7',
    },
  },
  'azure-appgw': {
    label: 'Azure Application Gateway (IP:port entries)',
    description: 'it appends IP:port from its subnet, 10.1.0.0/24; nginx reads the port',
    set: {
      strategy: 'nginx-realip',
      trusted: '10.1.0.0/24',
      recursive: true,
      header: 'X-Forwarded-For',
      remoteAddr: '10.1.0.5',
      headers: 'X-Forwarded-For: 203.0.113.66, 203.0.113.7:51234',
    },
  },
} as const satisfies Record<string, ResolverPreset>;

/** Every preset, by id: the nginx-realip ones, the gateway ones, then the cloud ones. */
export const resolverPresets = { ...nginxRealipPresets, ...gatewayPresets, ...cloudPresets } as const;

/** A state with a preset's inputs set; the other inputs stay as they are. */
export function applyPreset(state: ResolverState, preset: ResolverPreset): ResolverState {
  return { ...state, ...preset.set };
}

/** Headers a link may carry: forwarding headers only. Cookies, tokens and anything else pasted stay out of URLs, which end up in postmortems. */
const linkableHeaders = ['x-forwarded-for', 'x-real-ip', 'forwarded'] as const;

/**
 * What ends a pasted header line: CR LF, LF, or a lone CR. The same for reading the headers and for choosing the lines a
 * link may carry, so no line can hide behind a forwarding header's name (a lone CR before `Cookie:`).
 */
const LINE_BREAK = /\r\n|\r|\n/;

/** Reads raw `Name: value` lines into header lines; lines that are not headers become notices. */
function parseHeaderBlock(text: string): { headers: HeaderInput; notices: string[] } {
  const headers: Record<string, string[]> = {};
  const notices: string[] = [];
  const lines = text.split(LINE_BREAK);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
      notices.push(`Line ${i + 1} is not a header (expected "Name: value"): ${quote(line)}.`);
      return;
    }
    (headers[name] ??= []).push(line.slice(colon + 1).trim());
  });
  return { headers, notices };
}

/** The model input for a state; `unreadable` names an input the model cannot be asked about, and why. */
export function toResolveInput(state: ResolverState): {
  input: ResolveInput;
  notices: string[];
  unreadable?: { input: ResolveInputName; message: string };
} {
  const { headers, notices } = parseHeaderBlock(state.headers);
  let strategy: Strategy;
  switch (state.strategy) {
    case 'leftmost':
    case 'rightmost':
      strategy = { kind: state.strategy };
      break;
    case 'nginx-realip':
      strategy = { kind: 'nginx-realip', trusted: splitTrusted(state.trusted), recursive: state.recursive, header: state.header };
      break;
    case 'trusted-hops':
      strategy = { kind: 'trusted-hops', hops: state.hops.trim() === '' ? NaN : Number(state.hops) };
      break;
    case 'trusted-cidrs':
      strategy = { kind: 'trusted-cidrs', trusted: splitTrusted(state.trusted) };
      break;
    case 'express': {
      const trust = parseExpressTrust(state.trust);
      if (!trust.ok) {
        const input = { remoteAddr: state.remoteAddr, headers, strategy: { kind: 'express', trust: false } as const };
        return { input, notices, unreadable: { input: 'trust', message: trust.message } };
      }
      strategy = { kind: 'express', trust: trust.value };
      break;
    }
    case 'envoy':
      strategy = {
        kind: 'envoy',
        useRemoteAddress: state.useRemoteAddress,
        xffNumTrustedHops: state.hops.trim() === '' ? NaN : Number(state.hops),
      };
      break;
    case 'envoy-xff-cidrs':
      // Released Envoy always walks past trusted entries; unticked is the unreleased draft.
      strategy = { kind: 'envoy-xff-cidrs', trusted: splitTrusted(state.trusted), recurse: state.recurse };
      break;
    case 'envoy-gateway':
      strategy = { kind: 'envoy-gateway', clientIPDetection: envoyGatewayDetection(state) };
      break;
    case 'nginx-gateway-fabric': {
      const trustedAddresses = splitTrusted(state.trusted).map(typedAddress);
      const mode = state.mode === 'none' ? undefined : state.mode;
      strategy = {
        kind: 'nginx-gateway-fabric',
        rewriteClientIP:
          mode === undefined && trustedAddresses.length === 0 ? undefined : { mode, trustedAddresses, setIPRecursively: state.recursive },
      };
      const proxyProtocolSource = state.proxyProtocol.trim();
      return {
        input: { remoteAddr: state.remoteAddr, headers, strategy, ...(proxyProtocolSource === '' ? {} : { proxyProtocolSource }) },
        notices,
      };
    }
  }
  return { input: { remoteAddr: state.remoteAddr, headers, strategy }, notices };
}

/** Envoy Gateway's clientIPDetection for the form's choice, from the inputs it shares with the other strategies. */
function envoyGatewayDetection(state: ResolverState): EnvoyGatewayStrategy['clientIPDetection'] {
  switch (state.clientIPDetection) {
    case 'none':
      return undefined;
    case 'numTrustedHops':
      return { xForwardedFor: { numTrustedHops: state.hops.trim() === '' ? NaN : Number(state.hops) } };
    case 'trustedCIDRs':
      return { xForwardedFor: { trustedCIDRs: splitTrusted(state.trusted) } };
    case 'customHeader':
      return { customHeader: { name: state.header.trim(), failClosed: state.failClosed } };
  }
}

/** A trusted address as NGF types it: a range is a CIDR, an address an IPAddress, anything else a Hostname. */
function typedAddress(value: string): { type: 'CIDR' | 'IPAddress' | 'Hostname'; value: string } {
  if (value.includes('/')) return { type: 'CIDR', value };
  return { type: value.includes(':') || /^[\d.]+$/.test(value) ? 'IPAddress' : 'Hostname', value };
}

/** Keeps only the header lines a link may carry. */
function linkableHeaderText(headers: string): string {
  return headers
    .split(LINE_BREAK)
    .filter((line) =>
      (linkableHeaders as readonly string[]).includes(
        line
          .slice(0, Math.max(0, line.indexOf(':')))
          .trim()
          .toLowerCase(),
      ),
    )
    .join('\n');
}

/** Writes a state as URL query parameters; headers other than forwarding headers are left out, and long header text is cut, with a notice. */
export function stateToQuery(state: ResolverState): { query: URLSearchParams; notices: string[] } {
  const notices: string[] = [];
  let headers = linkableHeaderText(state.headers);
  if (headers.trim() !== state.headers.trim())
    notices.push('The link keeps only X-Forwarded-For, X-Real-IP and Forwarded; other pasted headers stay out of it.');
  if (headers.length > MAX_HEADER_TEXT_CHARS) {
    headers = headers.slice(0, MAX_HEADER_TEXT_CHARS);
    notices.push(`The link keeps only the first ${MAX_HEADER_TEXT_CHARS} characters of the headers.`);
  }
  const query = new URLSearchParams({
    remoteAddr: state.remoteAddr,
    headers,
    strategy: state.strategy,
    trusted: state.trusted,
    hops: state.hops,
    recursive: String(state.recursive),
    recurse: String(state.recurse),
    header: state.header,
    trust: state.trust,
    useRemoteAddress: String(state.useRemoteAddress),
  });
  for (const name of strategyOnlyInputs[state.strategy] ?? []) query.set(name, String(state[name]));
  query.set(STATE_VERSION_PARAM, STATE_VERSION);
  return { query, notices };
}

/** Reads a box from a link: true/false, or on/off (read silently as true/false, as the scenario parameters do). */
function readBox(name: string, value: string | null, current: boolean, notices: string[]): boolean {
  if (value === null) return current;
  if (value === 'true' || value === 'on') return true;
  if (value === 'false' || value === 'off') return false;
  notices.push(`${name}=${quote(value)} is not true or false; ${current} is used.`);
  return current;
}

/** Reads a select from a link: one of its choices, else the current value, with a notice. */
function readChoice<T extends string>(name: string, value: string | null, choices: readonly T[], current: T, notices: string[]): T {
  if (value === null) return current;
  if ((choices as readonly string[]).includes(value)) return value as T;
  notices.push(`${name}=${quote(value)} is not one of ${choices.join(', ')}; ${current} is used.`);
  return current;
}

/**
 * The defaults that links written before the state format had a version (no `v`) were read with: until 2026-11-26
 * the nginx-realip form started with real_ip_recursive on. Such a link keeps the meaning it had when it was written.
 */
const unversionedLinkDefaults: Partial<ResolverState> = { recursive: true };

/** Reads a state from URL query parameters: missing ones take the default, invalid ones too, with a notice. */
export function stateFromQuery(query: URLSearchParams): { state: ResolverState; notices: string[] } {
  const notices: string[] = [];
  const unversionedLink = query.get(STATE_VERSION_PARAM) === null && [...query.keys()].length > 0;
  const state = { ...defaultResolverState, ...(unversionedLink ? unversionedLinkDefaults : {}) };
  const text = (name: keyof ResolverState, max: number): string | undefined => {
    const value = query.get(name);
    return value === null ? undefined : cutLinkValue(name, value, max, notices);
  };
  state.remoteAddr = text('remoteAddr', MAX_ADDRESS_CHARS) ?? state.remoteAddr;
  state.headers = text('headers', MAX_HEADER_TEXT_CHARS) ?? state.headers;
  state.trusted = text('trusted', MAX_LIST_CHARS) ?? state.trusted;
  state.hops = text('hops', MAX_HOPS_CHARS) ?? state.hops;
  state.header = text('header', MAX_HEADER_NAME_CHARS) ?? state.header;
  state.trust = text('trust', MAX_LIST_CHARS) ?? state.trust;
  const strategy = query.get('strategy');
  if (strategy !== null) {
    if ((strategyKinds as readonly string[]).includes(strategy)) state.strategy = strategy as StrategyKind;
    else notices.push(`strategy=${quote(strategy)} is not one of ${strategyKinds.join(', ')}; ${state.strategy} is used.`);
  }
  state.recursive = readBox('recursive', query.get('recursive'), state.recursive, notices);
  // Links written before Envoy's box was its own carry Envoy's walk in `recursive`: read it there when `recurse` is absent.
  const recurse = query.get('recurse') ?? (query.get('strategy') === 'envoy-xff-cidrs' ? query.get('recursive') : null);
  state.recurse = readBox('recurse', recurse, state.recurse, notices);
  state.useRemoteAddress = readBox('useRemoteAddress', query.get('useRemoteAddress'), state.useRemoteAddress, notices);
  state.clientIPDetection = readChoice(
    'clientIPDetection',
    query.get('clientIPDetection'),
    clientIpDetectionChoices,
    state.clientIPDetection,
    notices,
  );
  state.failClosed = readBox('failClosed', query.get('failClosed'), state.failClosed, notices);
  state.mode = readChoice('mode', query.get('mode'), rewriteModeChoices, state.mode, notices);
  state.proxyProtocol = text('proxyProtocol', MAX_ADDRESS_CHARS) ?? state.proxyProtocol;
  const version = query.get(STATE_VERSION_PARAM);
  const versionText = version === null ? null : versionNotice(version);
  if (versionText) notices.push(versionText);
  const known = new Set([...Object.keys(defaultResolverState), STATE_VERSION_PARAM]);
  for (const name of new Set(query.keys())) if (!known.has(name)) notices.push(unknownParameterNotice(name));
  return { state, notices };
}
