/** What the lab saw for a request, what the model says should arrive, and whether they agree. Plain data in and out. */
import { describeFailure, expectedFailure, forwardThroughGateway, resolveClientIp, throughProxy, trace } from '../src/model/index.ts';
import type { ClientFailure } from '../src/model/index.ts';
import type { PodNetwork } from '../src/model/addresses.ts';
import { splitEntries } from '../src/model/forwarded-list.ts';
import type { Check } from './cases.ts';
import { LAB_CLIENT_HEADER } from './gateway-configs.ts';
import { relayHeaders } from './nginx-app-config.ts';
import { toLab } from './plan.ts';

/** What arrived, in lab addresses, or how the request failed. */
export interface Observation {
  delivered: boolean;
  /** How the request failed, as the client saw it. */
  failure?: ClientFailure;
  remoteAddr?: string | null;
  xForwardedFor?: string[] | null;
  xRealIp?: string | null;
  proxyProtocol?: string | null;
  status?: number;
  body?: string;
  /** What the gateway itself took as the client (gateway cases): the address its own log or lab header recorded. */
  clientIp?: string | null;
  /** Every entry of the X-Original-Forwarded-For lines the app received (gateway cases). */
  xOriginalForwardedFor?: string[] | null;
  /** The health check node port's JSON body: kube-proxy's count of the Service's endpoints on this node. */
  localEndpoints?: number | null;
}

/** The failure a curl exit code stands for: 28 timeout, 52 empty reply, 56 and 35 reset, 7 refused. */
export function curlFailure(exitCode: number): ClientFailure | null {
  switch (exitCode) {
    case 28:
      return { kind: 'timeout' };
    case 52:
      return { kind: 'empty-reply' };
    case 56:
    case 35:
      return { kind: 'reset' };
    case 7:
      return { kind: 'refused' };
    default:
      return null;
  }
}

/**
 * Reads curl's output (body, then a status marker line) and exit code into an observation. The app is agnhost's
 * netexec (lab/kube-proxy/netexec): its `/header` answers every header line it received as JSON (Go's `http.Header`:
 * canonical names, each name's lines in order). `peer` is the TCP peer netexec's `/clientip` printed for the same
 * state (lab/transcript.ts); behind the app pod's PROXY listener the peer and PROXY source are the two headers that
 * listener adds (lab/nginx-app-config.ts), left out of the reported lines.
 */
export function observe(stdout: string, exitCode: number, kind: Check['kind'], peer: string | null = null): Observation {
  const marker = stdout.lastIndexOf('\n__STATUS__');
  const body = marker === -1 ? stdout : stdout.slice(0, marker);
  const status = marker === -1 ? 0 : Number(stdout.slice(marker + 11).trim());
  if (exitCode !== 0) {
    const failure = curlFailure(exitCode);
    if (!failure) throw new Error(`curl exit ${exitCode} is none of the failure kinds the lab compares`);
    return { delivered: false, failure, status };
  }
  if (kind === 'realip') return { delivered: status === 200, status, remoteAddr: body.trim() };
  if (kind === 'health') {
    // kube-proxy's health check server answers JSON: { service, localEndpoints, serviceProxyHealthy }.
    let localEndpoints: number | null = null;
    try {
      const parsed = JSON.parse(body) as { localEndpoints?: unknown };
      if (typeof parsed.localEndpoints === 'number') localEndpoints = parsed.localEndpoints;
    } catch {
      // Not JSON: localEndpoints stays null, which no expectation matches.
    }
    return { delivered: true, status, body, localEndpoints };
  }
  if (status !== 200) return { delivered: false, failure: { kind: 'http-status', status }, status, body: body.slice(0, 500) };
  const headers = netexecHeaders(body);
  if (!headers) {
    // Not netexec's answer: a status 200 from something else, which no expectation can match.
    return { delivered: false, failure: { kind: 'http-status', status }, status, body: body.slice(0, 500) };
  }
  const lines = (name: string) => headers.get(name.toLowerCase()) ?? [];
  const relayedPeer = lines(relayHeaders.peer)[0];
  const xff = lines('x-forwarded-for');
  const seen: Observation = {
    delivered: true,
    status,
    remoteAddr: relayedPeer ?? peer,
    xForwardedFor: xff.length ? splitEntries(xff) : null,
    xRealIp: lines('x-real-ip')[0] ?? null,
    proxyProtocol: relayedPeer === undefined ? null : (lines(relayHeaders.proxySource)[0] ?? null),
  };
  if (kind === 'gateway') {
    // The lab's gateways add their own client variable in a lab header (lab/gateway-configs.ts); Traefik's run
    // replaces this with its client log.
    const original = lines('x-original-forwarded-for');
    seen.clientIp = lines(LAB_CLIENT_HEADER)[0] ?? null;
    seen.xOriginalForwardedFor = original.length ? splitEntries(original) : null;
  }
  return seen;
}

/** netexec's `/header` JSON as lower-cased names to their lines, or null where the body is something else. */
export function netexecHeaders(body: string): Map<string, string[]> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const headers = new Map<string, string[]>();
  for (const [name, values] of Object.entries(parsed)) {
    if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) return null;
    headers.set(name.toLowerCase(), values as string[]);
  }
  return headers;
}

/** What the model expects, in lab addresses. */
export function expectation(check: Check): Observation {
  switch (check.kind) {
    case 'trace': {
      const t = trace(check.scenario, check.params);
      if (!t.observed) {
        const failure = expectedFailure(t);
        if (!failure) throw new Error(`the model neither delivers nor drops ${check.scenario}: ${t.error ?? t.notices.join('; ')}`);
        return { delivered: false, failure };
      }
      const net = (check.params.podNetwork ?? 'bridge') as PodNetwork;
      const map = (ip: string) => toLab(ip, net);
      const o = t.observed;
      return {
        delivered: true,
        remoteAddr: map(o.remoteAddr.ip),
        xForwardedFor: o.xForwardedFor ? o.xForwardedFor.map((a) => map(a.ip)) : null,
        xRealIp: o.xRealIp ? map(o.xRealIp.ip) : null,
        proxyProtocol: o.proxyProtocol ? map(o.proxyProtocol.ip) : null,
      };
    }
    case 'health': {
      const t = trace(check.scenario, check.params);
      return { delivered: true, status: t.healthCheck?.status ?? 0, localEndpoints: t.healthCheck?.localEndpoints ?? null };
    }
    case 'realip':
      return { delivered: true, status: 200, remoteAddr: resolveClientIp(check).clientIp };
    case 'connection-fails':
      return { delivered: false, failure: check.failure };
    case 'gateway':
      return gatewayExpectation(check);
  }
}

/** What forwardThroughGateway says arrives upstream of the gateway, in lab addresses (bridge pod network). */
function gatewayExpectation(check: Extract<Check, { kind: 'gateway' }>): Observation {
  const result = forwardThroughGateway(check.request);
  if (result.rejected) {
    const failure: ClientFailure = result.rejected.status
      ? { kind: 'http-status', status: result.rejected.status }
      : result.rejected.reset
        ? { kind: 'reset' }
        : { kind: 'empty-reply' };
    // A TCP load balancer between the client and the gateway answers the client with its own close (failure.ts).
    return { delivered: false, failure: check.via === 'l4-proxy' ? throughProxy(failure, 'l4-proxy') : failure };
  }
  const map = (ip: string) => toLab(ip, 'bridge');
  const xff = result.upstreamHeaders['x-forwarded-for'];
  const xRealIp = result.upstreamHeaders['x-real-ip'];
  const original = result.upstreamHeaders['x-original-forwarded-for'];
  return {
    delivered: true,
    clientIp: result.clientIp === null ? null : map(result.clientIp),
    xForwardedFor: xff === undefined ? null : splitEntries([xff]).map(map),
    xRealIp: xRealIp === undefined ? null : map(xRealIp),
    xOriginalForwardedFor: original === undefined ? null : splitEntries([original]).map(map),
  };
}

/** Compares what arrived with what the model expects; the reason names the first difference. */
export function verdict(check: Check, seen: Observation, expected: Observation): { pass: boolean; reason: string } {
  const said = (o: Observation) => (o.delivered ? 'delivered' : `not delivered (${o.failure ? describeFailure(o.failure) : 'no failure'})`);
  if (seen.delivered !== expected.delivered) return { pass: false, reason: `model says ${said(expected)}, lab saw ${said(seen)}` };
  if (check.kind === 'health') {
    const pass = seen.status === expected.status && seen.localEndpoints === expected.localEndpoints;
    return {
      pass,
      reason: pass
        ? `health check answered ${seen.status} with localEndpoints ${seen.localEndpoints}`
        : `model says ${expected.status} with localEndpoints ${expected.localEndpoints}, lab saw ${seen.status} with localEndpoints ${seen.localEndpoints}`,
    };
  }
  if (!seen.delivered) {
    // A failure counts only when it is of the kind the model predicts: a 400 is not a timeout, nor a 503 a 502.
    const a = seen.failure ? describeFailure(seen.failure) : 'none';
    const b = expected.failure ? describeFailure(expected.failure) : 'none';
    return a === b
      ? { pass: true, reason: `not delivered: ${a}, as the model says` }
      : { pass: false, reason: `model says not delivered (${b}), lab saw not delivered (${a})` };
  }
  // A gateway case compares the gateway's own client and the headers it sends; the app's peer is the gateway itself.
  const fields =
    check.kind === 'gateway'
      ? (['clientIp', 'xForwardedFor', 'xRealIp', 'xOriginalForwardedFor'] as const)
      : (['remoteAddr', 'xForwardedFor', 'xRealIp', 'proxyProtocol'] as const);
  for (const field of fields) {
    if (check.kind === 'realip' && field !== 'remoteAddr') continue;
    const a = JSON.stringify(seen[field] ?? null);
    const b = JSON.stringify(expected[field] ?? null);
    if (a !== b) return { pass: false, reason: `${field}: model ${b}, lab ${a}` };
  }
  return { pass: true, reason: 'same addresses' };
}
