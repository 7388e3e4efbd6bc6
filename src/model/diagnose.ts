/**
 * `diagnose`: from what an app observes (the role of each address it saw) to
 * every scenario state of the model that produces exactly that, with the cause
 * and the fix. Found by running `trace` over the whole scenario space, and the
 * cause read from the hops that decided it: there is no second copy of the rules.
 */
import type { Role } from './roles.ts';
import { scenarioStates } from './scenario.ts';
import type { ParamRecord } from './params.ts';
import { definitions, trace } from './trace.ts';
import type { ScenarioId, Trace } from './trace.ts';
import type { AddressClass } from './classify.ts';
import { sourceRoles } from './roles.ts';
import type { CauseId } from './cause-ids.ts';

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

/** One scenario state that reproduces the observation, with its cause. */
export interface DiagnoseMatch {
  scenario: ScenarioId;
  params: ParamRecord;
  cause: CauseId;
}

/**
 * The cause of a delivered trace, as its hops recorded it: the last hop that decided what became of the client's
 * address (the sender, a masquerade, a load balancer, ingress-nginx's realip). Every sender records one, so a trace
 * with hops always has one.
 */
export function causeOf(t: Trace): CauseId {
  const decided = t.hops.findLast((hop) => hop.cause !== undefined);
  if (!decided?.cause) throw new Error(`No hop of the ${t.id} trace recorded a cause.`);
  return decided.cause;
}

/** True when the roles, in order, each lie in their candidate set. */
function listMatches(seen: readonly Role[] | null, wanted: readonly (readonly Role[])[] | null | undefined): boolean {
  if (wanted === undefined) return true;
  if (wanted === null || seen === null) return wanted === seen;
  return seen.length === wanted.length && seen.every((role, i) => wanted[i]!.includes(role));
}

/** True when one address (or its absence) matches a candidate set. */
function oneMatches(seen: Role | null, wanted: readonly Role[] | null | undefined): boolean {
  if (wanted === undefined) return true;
  if (wanted === null || seen === null) return wanted === seen;
  return wanted.includes(seen);
}

/** What the app observed in a state, as the roles diagnosis compares: the TCP peer, the headers' entries, the PROXY source. */
export interface ObservedRoles {
  remoteAddr: Role;
  xForwardedFor: Role[] | null;
  xRealIp: Role | null;
  proxyProtocol: Role | null;
}

/** The roles of what a trace's app observed. */
export function observedRoles(observed: NonNullable<Trace['observed']>): ObservedRoles {
  return {
    remoteAddr: observed.remoteAddr.role,
    xForwardedFor: observed.xForwardedFor?.map((a) => a.role) ?? null,
    xRealIp: observed.xRealIp?.role ?? null,
    proxyProtocol: observed.proxyProtocol?.role ?? null,
  };
}

/** A delivered state that diagnosis can point to: its scenario, parameters, what the app observed and the cause. */
export interface DiagnosableState extends DiagnoseMatch {
  observed: ObservedRoles;
}

/**
 * Every delivered state of every scenario, traced once, with its cause. Diagnosis filters this list; a caller that
 * diagnoses repeatedly (the diagnose widget, as a reader types) computes it once and passes it in.
 */
export function diagnosableStates(): DiagnosableState[] {
  const states: DiagnosableState[] = [];
  for (const definition of definitions) {
    for (const params of scenarioStates(definition)) {
      const t = trace(definition.id, params);
      // A state with notices is another state under a parameter that does not apply: it is listed once, as that state.
      if (!t.observed || t.notices.length > 0) continue;
      states.push({ scenario: definition.id, params: t.params, cause: causeOf(t), observed: observedRoles(t.observed) });
    }
  }
  return states;
}

/** Every delivered state of every scenario whose observation fits the candidates (from `states`, by default all of them). */
export function diagnoseCandidates(
  observation: CandidateObservation,
  states: readonly DiagnosableState[] = diagnosableStates(),
): { matches: DiagnoseMatch[] } {
  const matches: DiagnoseMatch[] = [];
  for (const { scenario, params, cause, observed: o } of states) {
    if (!observation.remoteAddr.includes(o.remoteAddr)) continue;
    if (!listMatches(o.xForwardedFor, observation.xForwardedFor)) continue;
    if (!oneMatches(o.xRealIp, observation.xRealIp)) continue;
    if (!oneMatches(o.proxyProtocol, observation.proxyProtocol)) continue;
    matches.push({ scenario, params, cause });
  }
  return { matches };
}

/** Every delivered state of every scenario that produces exactly this observation. */
export function diagnose(observation: Observation, states?: readonly DiagnosableState[]): { matches: DiagnoseMatch[] } {
  const one = (role: Role | null | undefined) => (role === undefined ? undefined : role === null ? null : [role]);
  return diagnoseCandidates(
    {
      remoteAddr: [observation.remoteAddr],
      xForwardedFor:
        observation.xForwardedFor === undefined
          ? undefined
          : observation.xForwardedFor === null
            ? null
            : observation.xForwardedFor.map((r) => [r]),
      xRealIp: one(observation.xRealIp),
      proxyProtocol: one(observation.proxyProtocol),
    },
    states,
  );
}

/** The model roles an address of a class can play. A public address can be the client or an address a client forged; an unknown one, anything. */
export function rolesOfClass(c: AddressClass): Role[] {
  switch (c) {
    case 'client-or-external':
      return ['client', 'spoofed'];
    case 'pod':
      return ['source-pod', 'ingress-pod', 'gateway-pod'];
    case 'pod-network-gateway':
      return ['entry-node-bridge'];
    case 'node':
      return ['entry-node', 'endpoint-node'];
    case 'load-balancer':
      return ['load-balancer'];
    case 'ingress-pod':
      return ['ingress-pod', 'gateway-pod'];
    case 'unknown':
      return [...sourceRoles];
  }
}
