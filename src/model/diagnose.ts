/**
 * `diagnose`: from what an app observes (the role of each address it saw) to
 * every scenario state of the model that produces exactly that, with the cause
 * and the fix. Found by running `trace` over the whole scenario space: there is
 * no second copy of the rules.
 */
import type { Role } from './roles.ts';
import { combinations } from './params.ts';
import type { ParamRecord } from './params.ts';
import { definitions, trace } from './trace.ts';
import type { ScenarioId, Trace } from './trace.ts';
import type { AddressClass } from './classify.ts';
import { sourceRoles } from './roles.ts';
import type { Address } from './roles.ts';
import type { Packet } from './hops.ts';
import { compileRanges, findRange, parseIp } from './ip.ts';

/** What the app observed, as roles. A field left out is not compared; null means the app received none. */
export interface Observation {
  remoteAddr: Role;
  xForwardedFor?: Role[] | null;
  xRealIp?: Role | null;
  proxyProtocol?: Role | null;
}

/** The same, with a set of acceptable roles per address, for addresses that could be one of several things. */
export interface CandidateObservation {
  remoteAddr: readonly Role[];
  xForwardedFor?: readonly (readonly Role[])[] | null;
  xRealIp?: readonly Role[] | null;
  proxyProtocol?: readonly Role[] | null;
}

/** Why the app sees what it sees, as a stable id. */
export type CauseId =
  | 'client-arrives'
  | 'in-cluster-caller'
  | 'cluster-masquerade'
  | 'in-cluster-masquerade'
  | 'hairpin-or-host-caller'
  | 'l7-load-balancer-peer'
  | 'l4-proxy-without-proxy-protocol'
  | 'proxy-protocol-source'
  | 'ingress-sends-its-peer'
  | 'ingress-trust-misses-peer'
  | 'ingress-reads-empty-header'
  | 'ingress-trusts-forged-header'
  | 'ingress-proxy-protocol-without-header'
  | 'forged-header-passed-through';

/** One scenario state that reproduces the observation, with its cause. */
export interface DiagnoseMatch {
  scenario: ScenarioId;
  params: ParamRecord;
  cause: CauseId;
}

/** The packet ingress-nginx received (before its own L7 hop), or undefined when the trace has no ingress-nginx. */
export function ingressReceived(t: Trace): Packet | undefined {
  const i = t.hops.findIndex((hop) => hop.kind === 'l7-proxy' && hop.at === 'ingress-pod');
  return i > 0 ? t.hops[i - 1] : undefined;
}

/** True when an address lies in the scenario's proxy-real-ip-cidr. */
function inProxyRealIpCidr(t: Trace, address: Address | null | undefined): boolean {
  const parsed = address ? parseIp(address.ip) : undefined;
  return parsed?.ok === true && findRange(compileRanges([t.params.proxyRealIpCidr ?? '']), parsed.value) !== undefined;
}

/** The cause in the ingress scenario: what ingress-nginx's realip did with the peer and the header it received. */
function ingressCause(t: Trace): CauseId {
  const p = t.params;
  const real = t.observed?.xRealIp?.role;
  if (real === 'client') return 'client-arrives';
  if (real === 'spoofed') return 'ingress-trusts-forged-header';
  if (p.useForwardedHeaders !== 'true' && p.useProxyProtocol !== 'true') return 'ingress-sends-its-peer';
  const received = ingressReceived(t);
  if (!inProxyRealIpCidr(t, received?.src)) return 'ingress-trust-misses-peer';
  // The peer is trusted, yet realip kept it: the list it read was empty.
  if (p.useProxyProtocol === 'true') return 'ingress-proxy-protocol-without-header';
  return 'ingress-reads-empty-header';
}

/** The cause of a delivered trace, read from its parameters and what it observed. */
export function causeOf(t: Trace): CauseId {
  const o = t.observed!;
  const p = t.params;
  if (t.id === 'ingress') return ingressCause(t);
  if (o.xForwardedFor?.some((a) => a.role === 'spoofed') && o.remoteAddr.role === 'client') return 'forged-header-passed-through';
  switch (o.remoteAddr.role) {
    case 'client':
      return 'client-arrives';
    case 'source-pod':
      return 'in-cluster-caller';
    case 'load-balancer':
      return p.lb === 'l7-http'
        ? 'l7-load-balancer-peer'
        : p.lb === 'l4-proxy-protocol'
          ? 'proxy-protocol-source'
          : 'l4-proxy-without-proxy-protocol';
    default:
      if (t.id === 'pod-to-pod' || p.source === 'node') return 'hairpin-or-host-caller';
      if (p.source === 'pod') return 'in-cluster-masquerade';
      if (p.lb === 'l7-http') return 'l7-load-balancer-peer';
      if (p.lb === 'l4-proxy-protocol') return 'proxy-protocol-source';
      return 'cluster-masquerade';
  }
}

/** True when the roles, in order, each lie in their candidate set. */
function listMatches(seen: readonly { role: Role }[] | null, wanted: readonly (readonly Role[])[] | null | undefined): boolean {
  if (wanted === undefined) return true;
  if (wanted === null || seen === null) return wanted === seen;
  return seen.length === wanted.length && seen.every((a, i) => wanted[i]!.includes(a.role));
}

/** True when one address (or its absence) matches a candidate set. */
function oneMatches(seen: { role: Role } | null, wanted: readonly Role[] | null | undefined): boolean {
  if (wanted === undefined) return true;
  if (wanted === null || seen === null) return wanted === seen;
  return wanted.includes(seen.role);
}

/** Every delivered state of every scenario whose observation fits the candidates. */
export function diagnoseCandidates(observation: CandidateObservation): { matches: DiagnoseMatch[] } {
  const matches: DiagnoseMatch[] = [];
  for (const definition of definitions) {
    for (const params of combinations(definition.params)) {
      const t = trace(definition.id, params);
      const o = t.observed;
      // A state with notices is another state under a parameter that does not apply: it is listed once, as that state.
      if (!o || t.notices.length > 0) continue;
      if (!observation.remoteAddr.includes(o.remoteAddr.role)) continue;
      if (!listMatches(o.xForwardedFor, observation.xForwardedFor)) continue;
      if (!oneMatches(o.xRealIp, observation.xRealIp)) continue;
      if (!oneMatches(o.proxyProtocol, observation.proxyProtocol)) continue;
      matches.push({ scenario: definition.id, params: t.params, cause: causeOf(t) });
    }
  }
  return { matches };
}

/** Every delivered state of every scenario that produces exactly this observation. */
export function diagnose(observation: Observation): { matches: DiagnoseMatch[] } {
  const one = (role: Role | null | undefined) => (role === undefined ? undefined : role === null ? null : [role]);
  return diagnoseCandidates({
    remoteAddr: [observation.remoteAddr],
    xForwardedFor:
      observation.xForwardedFor === undefined
        ? undefined
        : observation.xForwardedFor === null
          ? null
          : observation.xForwardedFor.map((r) => [r]),
    xRealIp: one(observation.xRealIp),
    proxyProtocol: one(observation.proxyProtocol),
  });
}

/** The model roles an address of a class can play. A public address can be the client or an address a client forged; an unknown one, anything. */
export function rolesOfClass(c: AddressClass): Role[] {
  switch (c) {
    case 'client-or-external':
      return ['client', 'spoofed'];
    case 'pod':
      return ['source-pod', 'ingress-pod'];
    case 'pod-network-gateway':
      return ['entry-node-bridge'];
    case 'node':
      return ['entry-node', 'endpoint-node'];
    case 'load-balancer':
      return ['load-balancer'];
    case 'ingress-pod':
      return ['ingress-pod'];
    case 'unknown':
      return [...sourceRoles];
  }
}
