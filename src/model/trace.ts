/** `trace`: follows one request through a scenario and reports what the app observes. */
import { X_FORWARDED_FOR, X_REAL_IP, headerValues } from './headers.ts';
import type { DropCode, Hop, Packet } from './hops.ts';
import type { HealthCheck } from './kube-proxy.ts';
import { type ParamRecord, type RawParams, givenNames, normalizeParams } from './params.ts';
import type { Address } from './roles.ts';
import type { ScenarioDefinition, ScenarioRun } from './scenario.ts';
import { gateway, X_ENVOY_EXTERNAL_ADDRESS } from './scenarios/gateway.ts';
import { ingress } from './scenarios/ingress.ts';
import { loadbalancer } from './scenarios/loadbalancer.ts';
import { nodeport } from './scenarios/nodeport.ts';
import { podToPod } from './scenarios/pod-to-pod.ts';
import { quote } from './text.ts';

/** Every scenario's definition, in reading order. */
export const definitions = [podToPod, nodeport, loadbalancer, ingress, gateway] as const;

/** A scenario id, as used in URLs: /scenarios/<id>/. */
export type ScenarioId = (typeof definitions)[number]['id'];

/** A scenario as pages and widgets list it: id, title, summary and parameters. */
export type Scenario = Pick<ScenarioDefinition, 'id' | 'title' | 'summary' | 'params'>;

/** Every scenario, in reading order. */
export const scenarios: Scenario[] = definitions.map(({ id, title, summary, params }) => ({ id, title, summary, params }));

/** What the app receives: its TCP peer, the forwarding headers as one list each, and the PROXY protocol source. */
export interface Observed {
  remoteAddr: Address;
  xForwardedFor: Address[] | null;
  xRealIp: Address | null;
  proxyProtocol: Address | null;
  /** The gateway scenario only: the X-Envoy-External-Address the app received (null when not sent). */
  xEnvoyExternalAddress?: Address | null;
  /** The gateway scenario only: what the gateway itself treats as the client (its access log, allowlists, rate limits). */
  clientIpAtGateway?: Address | null;
}

/** One request followed through a scenario. `trace` never throws: problems are in `error` and `notices`. */
export interface Trace {
  id: string;
  params: ParamRecord;
  notices: string[];
  error?: string;
  delivered: boolean;
  /** Why the request never reached the app, in a sentence. */
  dropReason?: string;
  /** The same reason as a stable code. */
  dropCode?: DropCode;
  hops: Hop[];
  observed: Observed | null;
  healthCheck?: HealthCheck;
  /**
   * The parameters that cannot matter in this state, in the scenario's order: changing any one of them alone leaves
   * the path (every hop's kind, place, addresses and headers), the drop and what the app observes unchanged. Derived
   * by running the scenario with each other value, never from a table; computed when first read.
   */
  readonly inapplicable: string[];
}

/** The definition of a scenario id, or undefined. */
export function findScenario(id: string): ScenarioDefinition | undefined {
  return (definitions as readonly ScenarioDefinition[]).find((definition) => definition.id === id);
}

/** What the app sees of the packet that reached it. */
export function observe(packet: Packet): Observed {
  return {
    remoteAddr: packet.src,
    xForwardedFor: headerValues(packet.headers, X_FORWARDED_FOR),
    xRealIp: headerValues(packet.headers, X_REAL_IP)?.[0] ?? null,
    proxyProtocol: packet.proxyProtocol,
  };
}

/** What the app sees at the end of a run; the gateway scenario adds X-Envoy-External-Address and the gateway's own client. */
function observeRun(run: ScenarioRun): Observed {
  const observed = observe(run.flow.packet);
  if (!run.gateway) return observed;
  return {
    ...observed,
    xEnvoyExternalAddress: headerValues(run.flow.packet.headers, X_ENVOY_EXTERNAL_ADDRESS)?.[0] ?? null,
    clientIpAtGateway: run.gateway.clientIp,
  };
}

/** How `trace` reads its parameters. */
export interface TraceOptions {
  /**
   * The parameters the caller itself set, where not all of `params` were (a widget passes the control the reader just
   * changed): a parameter another one fixes is named in a notice only when it is among them. Default: every name in `params`.
   */
  given?: Iterable<string>;
}

/**
 * Follows one request through scenario `id` with `params` (missing ones take
 * their defaults; unknown names and invalid values become notices).
 */
export function trace(id: ScenarioId | (string & {}), params?: RawParams, options: TraceOptions = {}): Trace {
  const definition = typeof id === 'string' ? findScenario(id) : undefined;
  if (!definition) {
    return {
      id: String(id),
      params: {},
      notices: [],
      error: `Unknown scenario ${quote(String(id))}: choose one of ${definitions.map((d) => d.id).join(', ')}.`,
      delivered: false,
      hops: [],
      observed: null,
      inapplicable: [],
    };
  }
  const normalized = normalizeParams(definition.params, params);
  const given = options.given ? new Set(options.given) : givenNames(definition.params, params);
  const derived = definition.derive?.(normalized.params, given);
  const complete = derived?.params ?? normalized.params;
  const notices = [...normalized.notices, ...(derived?.notices ?? [])];
  const run = definition.run(complete as never);
  const { flow } = run;
  let inapplicable: string[] | undefined;
  return {
    id: definition.id,
    params: complete,
    notices: [...notices, ...(run.notices ?? [])],
    delivered: flow.drop === null,
    ...(flow.drop ? { dropReason: flow.drop.reason, dropCode: flow.drop.code } : {}),
    hops: flow.hops,
    observed: flow.drop ? null : observeRun(run),
    ...(run.healthCheck ? { healthCheck: run.healthCheck } : {}),
    // A getter, so that callers that scan every state (diagnose, the diagram renderer) do not pay for the extra runs.
    get inapplicable(): string[] {
      return (inapplicable ??= inapplicableParams(definition, complete, outcomeSignature(run)));
    },
  };
}

/**
 * What a run decides, without its prose: the hops' kinds, places, addresses and headers, the drop code, the health
 * check. Without the recorded causes too: a parameter that changes only why (not what) the app sees stays inapplicable.
 */
function outcomeSignature(run: ScenarioRun): string {
  const { flow } = run;
  return JSON.stringify({
    hops: flow.hops.map(({ what: _prose, cause: _why, ...hop }) => hop),
    drop: flow.drop?.code ?? null,
    observed: flow.drop ? null : observeRun(run),
    healthCheck: run.healthCheck ?? null,
  });
}

/** The parameters whose every other value, alone, gives the same outcome as `params`. */
function inapplicableParams(definition: ScenarioDefinition, params: ParamRecord, signature: string): string[] {
  return definition.params
    .filter((spec) =>
      spec.values.every(
        (value) =>
          value === params[spec.name] || outcomeSignature(definition.run({ ...params, [spec.name]: value } as never)) === signature,
      ),
    )
    .map((spec) => spec.name);
}
