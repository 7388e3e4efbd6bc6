/**
 * The resolution model: the one source of every answer, diagram and widget of
 * the guide. Pure TypeScript: no DOM, no I/O, no globals.
 */
export { scenarios, trace, findScenario, definitions, observe } from './trace.ts';
export type { Scenario, ScenarioId, Trace, TraceOptions, Observed } from './trace.ts';
export { resolveClientIp, strategyKinds, DEFAULT_FORWARDED_HEADER } from './resolve.ts';
export type { Strategy, StrategyKind, ResolveInput, ResolveResult, ResolveInputName } from './resolve.ts';
export type { HeaderInput } from './forwarded-list.ts';
export type { EnvoyGatewayStrategy, NginxGatewayFabricStrategy } from './gateway/resolver-strategies.ts';
export { envoyMutateRequest, envoyVersion } from './envoy/index.ts';
export type { EnvoyInput, EnvoyResult, HcmConfig } from './envoy/index.ts';
export { forwardThroughGateway, GatewayConfigError, gatewayImplementations } from './gateway/index.ts';
export type { GatewayConfigProblem, GatewayImplementation, GatewayRejection, GatewayRequest, GatewayResult } from './gateway/index.ts';
export type { ExpressTrust } from './express.ts';
export { roles, sourceRoles, destinationRoles, isRole, roleNames, roleName } from './roles.ts';
export type { Role, SourceRole, DestinationRole, Address } from './roles.ts';
export { hopKinds, dropCodes, isProxyHop } from './hops.ts';
export type { Hop, HopKind, Place, HeaderLine, Packet, DropCode, ProxyHop, SourceRangesCheck, SourceRangesChecker } from './hops.ts';
export { expectedFailure, failureAtDrop, throughProxy, describeFailure, clientFailureKinds } from './failure.ts';
export type { ClientFailure, ExplainedFailure } from './failure.ts';
export { hopKindNames, placeNames, placeLabels } from './places.ts';
export { plan } from './addresses.ts';
export { formatValues, headerEntryText } from './headers.ts';
export type { HealthCheck } from './kube-proxy.ts';
export { normalizeParams, combinations } from './params.ts';
export { scenarioStates } from './scenario.ts';
export type { ParamSpec, ParamRecord, RawParams } from './params.ts';
export { classifyAddress, addressClasses } from './classify.ts';
export type { AddressClass, AddressClassification, ClusterInfo } from './classify.ts';
export { diagnose, diagnoseCandidates, diagnosableStates, causeOf, rolesOfClass } from './diagnose.ts';
export type { Observation as DiagnoseObservation, CandidateObservation, DiagnoseMatch, DiagnosableState } from './diagnose.ts';
export { causeIds } from './cause-ids.ts';
export type { CauseId } from './cause-ids.ts';
export { causeTexts } from './causes.ts';
export type { CauseText } from './causes.ts';
export {
  migrate,
  migrationTargets,
  loadBalancerKinds,
  derivedLoadBalancer,
  ingressNginxClientIpDefaults,
  MigrationInputError,
} from './migration.ts';
export type {
  MigrationInput,
  MigrationResult,
  MigrationTarget,
  LoadBalancerKind,
  IngressNginxClientIpSettings,
  SettingMapping,
  SampleAnswer,
  AllowlistAnswer,
  TargetResource,
} from './migration.ts';
