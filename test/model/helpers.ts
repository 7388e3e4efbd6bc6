/** Small readers for tests: what the app saw, as plain values a hand-written expectation can match. */
import { definitions, scenarioStates, trace } from '../../src/model/index.ts';
import type { Address, ParamRecord, Trace } from '../../src/model/index.ts';

/** Every `step`-th state of each scenario (its first state included), for tests too slow to run over all of them. */
export function* everyNthState(step: number): Generator<{ id: string; params: ParamRecord }> {
  for (const definition of definitions) {
    let n = 0;
    for (const params of scenarioStates(definition)) if (n++ % step === 0) yield { id: definition.id, params };
  }
}

/** Traces a scenario and fails loudly if the model reported a problem with the parameters. */
export function traced(id: string, params: Record<string, string> = {}): Trace {
  const t = trace(id, params);
  if (t.error || t.notices.length > 0) throw new Error(`bad test parameters: ${t.error ?? t.notices.join('; ')}`);
  return t;
}

/** "ip role" for an address, or null. */
export function ipRole(a: Address | null | undefined): string | null {
  return a ? `${a.ip} ${a.role}` : null;
}

/** What the app saw, flattened: remote_addr, X-Forwarded-For, X-Real-IP and PROXY source as "ip role" strings. */
export function seen(t: Trace) {
  if (!t.observed) return { delivered: false as const, dropReason: t.dropReason };
  return {
    delivered: true as const,
    remoteAddr: ipRole(t.observed.remoteAddr),
    xForwardedFor: t.observed.xForwardedFor?.map((a) => ipRole(a)) ?? null,
    xRealIp: ipRole(t.observed.xRealIp),
    proxyProtocol: ipRole(t.observed.proxyProtocol),
  };
}

/** The kinds of the hops, in order, with where they happen. */
export function hopPath(t: Trace): string[] {
  return t.hops.map((h) => `${h.kind}@${h.at}`);
}
