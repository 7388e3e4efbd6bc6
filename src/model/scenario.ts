/** The shape of a scenario: its parameters and the pipeline of hops it runs. */
import type { Flow } from './hops.ts';
import type { HealthCheck } from './kube-proxy.ts';
import { type ParamRecord, type ParamSpec, type ParamValues, combinations } from './params.ts';
import type { Address } from './roles.ts';

/** What a scenario's pipeline produced: the flow, and the entry node's health check where the policy is Local. */
export interface ScenarioRun {
  flow: Flow;
  healthCheck?: HealthCheck;
  notices?: string[];
  /** The gateway scenario's gateway: the address it treats as the client (null when it refused the request or was never reached). */
  gateway?: { clientIp: Address | null };
}

/** A scenario: an id that URLs use, a title, its parameters, and the composition of hop functions it runs. */
export interface ScenarioDefinition<Specs extends readonly ParamSpec[] = readonly ParamSpec[]> {
  id: string;
  title: string;
  summary: string;
  params: Specs;
  /**
   * Parameters that other parameters fix (with a provider named, `lb` follows `cloud`): the canonical values, and a
   * notice for each one a link gave (`given`) that disagreed. `run` must not rely on it: it reads the deciding parameters.
   */
  derive?(params: ParamRecord, given: ReadonlySet<string>): { params: ParamRecord; notices: string[] };
  run(params: ParamValues<Specs>): ScenarioRun;
}

/** Declares a scenario, keeping the parameter types for its `run`. */
export function defineScenario<const Specs extends readonly ParamSpec[]>(definition: ScenarioDefinition<Specs>): ScenarioDefinition<Specs> {
  return definition;
}

/**
 * Every state of a scenario a link can name, defaults first: each combination of its parameters that `derive` leaves
 * as it is. A combination `derive` changes (a listener given beside a provider that fixes another) is the state it
 * changes to, read with a notice, so the scenario's space is this list, not every combination.
 */
export function* scenarioStates(definition: ScenarioDefinition): Generator<ParamRecord> {
  const derive = definition.derive;
  const names = new Set(definition.params.map((spec) => spec.name));
  for (const params of combinations(definition.params)) if (!derive || derive(params, names).notices.length === 0) yield params;
}
