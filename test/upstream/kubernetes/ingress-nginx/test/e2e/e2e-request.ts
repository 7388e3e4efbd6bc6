/**
 * ingress-nginx's e2e tests about the client address (kubernetes/ingress-nginx, tag controller-v1.15.1) as data, and
 * the adapter that runs one of their requests through the model's ingress-nginx policy.
 *
 * Upstream, an e2e test sets ConfigMap options, sends one request to the controller (through its Service's ClusterIP,
 * from the e2e runner pod, optionally with a PROXY protocol line), and asserts on the body of the echo app behind it,
 * which prints every request header it received as a line `\t<lowercase name>=<value>`; or it asserts an HTTP status.
 * The adapter builds the received request (peer, X-Forwarded-For lines, PROXY source), runs
 * `ingressNginxPolicy(config).forward` (src/model/ingress-nginx.ts), renders the headers it sends upstream the way the
 * echo app prints them, and applies the upstream assertion to that text as testify does (Contains, NotContains,
 * Regexp, NotRegexp). The model follows the client-address headers only (X-Forwarded-For, X-Real-IP,
 * X-Original-Forwarded-For); an assertion about any other header (Host, X-Forwarded-Host, -Proto, -Port, -Scheme,
 * X-Scheme) is listed as not expressible.
 */
import { expect } from 'vitest';
import type { HeaderLine, Packet } from '../../../../../../src/model/hops.ts';
import {
  type IngressNginxConfig,
  ingressNginxDefaults,
  ingressNginxPolicy,
  ingressNginxRemoteAddr,
} from '../../../../../../src/model/ingress-nginx.ts';

/** The tag whose e2e files were read. */
export const INGRESS_NGINX_TAG = 'controller-v1.15.1';

/** The commit that tag names (read from the repository; the Go module proxy does not serve this module version). */
export const INGRESS_NGINX_COMMIT = '0a5901f3c64f11e92e487799b8da3f00cca37515';

/** The upstream repository. */
export const INGRESS_NGINX_REPOSITORY = 'kubernetes/ingress-nginx';

/**
 * The e2e runner pod's address, the TCP peer the controller sees. The tests never name it: they run in a pod of a kind
 * cluster (pod CIDR 10.244.0.0/16) and reach the controller through its Service's ClusterIP (framework.GetNginxIP),
 * which kube-proxy forwards without SNAT. Nothing asserted depends on its value beyond lying in 10.0.0.0/8, which one
 * test's proxy-real-ip-cidr trusts.
 */
export const E2E_RUNNER_POD = '10.244.0.5';

/** What reaches the controller: the TCP peer, the X-Forwarded-For lines, and the PROXY protocol source address. */
export interface E2eRequest {
  peer: string;
  xForwardedFor?: string[];
  proxyProtocolSource?: string;
}

/** One testify assertion on the echo body, with its line in the upstream file. */
export type BodyAssertion =
  | { line: number; contains: string }
  | { line: number; notContains: string }
  | { line: number; regexp: string }
  | { line: number; notRegexp: string };

/** One `Expect().Status(...)` check, with its line, against nginx `allow`/`deny` rules evaluated on `$remote_addr`. */
export interface StatusAssertion {
  line: number;
  status: 200 | 403;
}

/** One request of an upstream `It` (or of one `By` step in it), with the options it runs under and what it asserts. */
export interface E2eCase {
  /** The ginkgo path: Describe text, Context, It text, and the By step when an It sends several requests. */
  spec: string;
  /** Line of the `It` (or `By`) in the upstream file. */
  line: number;
  config: Partial<IngressNginxConfig>;
  request: E2eRequest;
  body?: BodyAssertion[];
  status?: StatusAssertion;
  /** nginx access rules of the location, in the template's order (deny lines, allow lines, then `deny all` when there are allow lines). */
  access?: { rule: 'allow' | 'deny'; range: string }[];
  /** Why the whole case is beyond the model, if it is. */
  notExpressible?: string;
  /** Why the model's answer may be compared although something of the setup is not modelled. */
  note?: string;
}

/** The headers whose values the model computes. */
const modelledHeaders = new Set(['x-forwarded-for', 'x-real-ip', 'x-original-forwarded-for']);

/** The header an assertion is about: the text before `=`, without the regexp's leading `(\s)`. */
export function assertionHeader(a: BodyAssertion): string {
  const text = 'contains' in a ? a.contains : 'notContains' in a ? a.notContains : 'regexp' in a ? a.regexp : a.notRegexp;
  return text
    .replace(/^\(\\s\)/, '')
    .split('=')[0]!
    .toLowerCase();
}

/** True when the model computes the header an assertion is about. */
export function isModelled(a: BodyAssertion): boolean {
  return modelledHeaders.has(assertionHeader(a));
}

/** The request as the model's ingress hop receives it. Roles do not affect what ingress-nginx sends; they are set for completeness. */
export function receivedPacket(request: E2eRequest): Packet {
  const headers: HeaderLine[] = (request.xForwardedFor ?? []).map((line) => ({
    name: 'X-Forwarded-For',
    values: line.split(',').map((entry) => ({ ip: entry.trim(), role: 'spoofed' as const })),
  }));
  return {
    src: { ip: request.peer, role: 'source-pod' },
    dst: { ip: '198.18.1.30', role: 'ingress-pod' },
    headers,
    proxyProtocol: request.proxyProtocolSource ? { ip: request.proxyProtocolSource, role: 'client' } : null,
  };
}

/** The options a case runs under: ingress-nginx's defaults with the case's ConfigMap values. */
export function configOf(c: E2eCase): IngressNginxConfig {
  return { ...ingressNginxDefaults, ...c.config };
}

/** The echo app's body for what the model's ingress-nginx sends upstream: one `\t<name>=<value>` line per header. */
export function echoBody(c: E2eCase): string {
  const { headers } = ingressNginxPolicy(configOf(c)).forward(receivedPacket(c.request));
  return headers.map((h) => `\t${h.name.toLowerCase()}=${h.values.map((v) => v.ip).join(', ')}`).join('\n') + '\n';
}

/** Applies one testify assertion to a body, as testify does (substring or regular expression). */
export function checkBody(body: string, a: BodyAssertion): void {
  if ('contains' in a) expect(body, `line ${a.line}: Contains ${a.contains}`).toContain(a.contains);
  else if ('notContains' in a) expect(body, `line ${a.line}: NotContains ${a.notContains}`).not.toContain(a.notContains);
  else if ('regexp' in a) expect(body, `line ${a.line}: Regexp ${a.regexp}`).toMatch(new RegExp(a.regexp));
  else expect(body, `line ${a.line}: NotRegexp ${a.notRegexp}`).not.toMatch(new RegExp(a.notRegexp));
}

/** Parses dotted IPv4 text to a number, or null. */
function ipv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((value, p) => value * 256 + Number(p), 0);
}

/** True when an IPv4 address matches an nginx access range (`all`, an address, or a CIDR). */
function matches(address: string, range: string): boolean {
  if (range === 'all') return true;
  const [base, bits = '32'] = range.split('/');
  const a = ipv4(address);
  const b = ipv4(base ?? '');
  if (a === null || b === null) return false;
  const size = 2 ** (32 - Number(bits));
  return Math.floor(a / size) === Math.floor(b / size);
}

/**
 * The status nginx's access module gives `$remote_addr` (the model's answer after realip): the first matching rule
 * decides, 403 for deny; no match allows (ngx_http_access_module).
 */
export function accessStatus(c: E2eCase): 200 | 403 {
  const remoteAddr = ingressNginxRemoteAddr(receivedPacket(c.request), configOf(c)).remoteAddr.ip;
  for (const { rule, range } of c.access ?? []) {
    if (matches(remoteAddr, range)) return rule === 'deny' ? 403 : 200;
  }
  return 200;
}
