/**
 * The lab's cases, one function per group, each taking its states from the model's own parameter definitions
 * (src/model/scenarios/*.ts): pod to pod, NodePort and LoadBalancer (per listener kind) in the run's kube-proxy mode,
 * the health check node port, the ingress-nginx option sets, the nginx realip matrix and the masquerade gotcha. Each
 * case says where its request starts and what it sends; the runner asks the model what should arrive.
 */
import type { ClientFailure, GatewayRequest, ParamSpec, Strategy } from '../src/model/index.ts';
import { combinations } from '../src/model/index.ts';
import type { NodeName } from '../src/model/addresses.ts';
import { plan } from '../src/model/addresses.ts';
import { entryParam, lbParam, spoofedHeaderParam } from '../src/model/common-params.ts';
import type { IngressNginxConfig } from '../src/model/ingress-nginx.ts';
import { ingressNginxConfigOf } from '../src/model/ingress-nginx.ts';
import type { LoadBalancerKind } from '../src/model/load-balancer.ts';
import type { ParamValues } from '../src/model/params.ts';
import type { ScenarioDefinition } from '../src/model/scenario.ts';
import { ingress } from '../src/model/scenarios/ingress.ts';
import { loadbalancer } from '../src/model/scenarios/loadbalancer.ts';
import { nodeport } from '../src/model/scenarios/nodeport.ts';
import { ciliumModes } from '../src/model/cilium.ts';
import { entryNode } from '../src/model/scenarios/external-entry.ts';
import { podToPod } from '../src/model/scenarios/pod-to-pod.ts';
import { modelReleaseOf, rendererVersion } from './ingress-nginx/render.ts';
import type { RealipServer } from './nginx-realip-config.ts';
import { lab } from './plan.ts';
import type { LabService, Registry } from './services.ts';
import type { Namespaces } from './topology.ts';
import type { TraefikServer, TraefikTrust } from './traefik/lab.ts';
import { gateway, gatewayConfigFor } from '../src/model/scenarios/gateway.ts';
import type { HaproxyIngressForwardfor, HaproxyIngressLabConfig, LabGatewayServer, NgfLabConfig } from './gateway-configs.ts';

/** A request the lab sends: from which namespace, to which URL, with which extra header lines. */
export interface Request {
  from: string;
  url: string;
  headers: string[];
  /** Extra curl options, e.g. `--haproxy-protocol` for a client that sends a PROXY header itself. */
  curlArgs?: string[];
}

/** What a case checks against. */
export type Check =
  | { kind: 'trace'; scenario: string; params: Record<string, string> }
  | { kind: 'health'; scenario: string; params: Record<string, string> }
  | { kind: 'realip'; remoteAddr: string; headers: Record<string, string>; strategy: Strategy }
  | { kind: 'gateway'; request: GatewayRequest; path: string; via?: 'l4-proxy' }
  | { kind: 'connection-fails'; failure: ClientFailure; why: string };

/** One lab case. */
export interface LabCase {
  id: string;
  group: string;
  request: Request;
  check: Check;
}

/** A case the lab cannot run, and why. */
export interface SkippedCase {
  id: string;
  why: string;
}

/** One ingress-nginx controller for one set of ConfigMap options: where it listens and the endpoint it proxies to. */
export interface IngressServer {
  id: number;
  listen: string;
  upstream: string;
  config: IngressNginxConfig;
}

/** The ingress-nginx servers and realip servers the cases need, so the nginx configuration can be written. */
export interface NginxNeeds {
  ingress: Map<string, IngressServer[]>; // by ingress pod namespace
  realip: RealipServer[];
}

/** kube-proxy's mode a lab run emulates: its iptables rules or its nftables ruleset. */
export type LabMode = 'iptables' | 'nftables';

/** The cases of one group, and the states of that group the lab records as not run. */
interface CaseGroup {
  cases: LabCase[];
  skipped: SkippedCase[];
}

/** What every group of cases works with: the run's namespaces, the registry of Services and frontends, kube-proxy's mode. */
interface CaseContext {
  ns: Namespaces;
  registry: Registry;
  mode: LabMode;
}

/** The values of the `entry` parameter. */
type Entry = (typeof entryParam.values)[number];

/** A state of one scenario: a value for each of its parameters. */
type StateOf<Definition> = Definition extends ScenarioDefinition<infer Specs> ? ParamValues<Specs> : never;

/** The echo app's (netexec's) plain HTTP port, and the app pod's PROXY protocol listener (nginx) in front of it. */
const APP_PORT = 8080;
const APP_PROXY_PORT = 8081;
/** The app's port for the gotcha's own Service, so its edited masquerade rule touches no other case. */
const GOTCHA_APP_PORT = 8082;
/**
 * The path every request to the app asks for: netexec's `/header` answers every header line it received as JSON
 * (the page's transcript asks for `/clientip` and one header at a time; lab/transcript.ts runs that too).
 */
export const ECHO_ALL_HEADERS = '/header';
/** The header line of a client that forges its address. */
const FORGED = `X-Forwarded-For: ${lab.spoofed}`;
/** Why the IPVS states are recorded as not run. */
const IPVS_IS_MODEL_ONLY = 'kube-proxy IPVS mode is model-only: the lab machine’s kernel has no ip_vs (no /proc/net/ip_vs)';
/**
 * Why Cilium's states are recorded as not run: the lab links kube-proxy's own proxier, and nothing here loads Cilium's
 * eBPF datapath (it needs the agent, its compiled programs and a kernel that attaches them), so src/model/cilium.ts
 * stands on its citations of cilium v1.20.2 alone.
 */
const CILIUM_IS_MODEL_ONLY =
  'Cilium’s kube-proxy replacement is model-only: the lab runs kube-proxy’s own rules and no Cilium eBPF datapath (cited from cilium v1.20.2)';

/** The states of a NodePort or LoadBalancer group the lab does not run (recorded once, by the iptables run): IPVS, and Cilium's modes. */
function modelOnlyStates<Specs extends readonly ParamSpec[]>(
  definition: ScenarioDefinition<Specs>,
  fixed: Partial<ParamValues<Specs>>,
  mode: LabMode,
): SkippedCase[] {
  if (mode !== 'iptables') return [];
  const held = (proxyMode: string) => statesOf(definition, { ...fixed, proxyMode } as Partial<ParamValues<Specs>>);
  return [
    ...notRun(definition.id, held('ipvs'), IPVS_IS_MODEL_ONLY),
    ...ciliumModes.flatMap((proxyMode) => notRun(definition.id, held(proxyMode), CILIUM_IS_MODEL_ONLY)),
  ];
}

/**
 * Every state of a scenario in the model's order (defaults first): the `fixed` parameters at their given value, the
 * `varied` ones (all by default) through each of their values, any other at its default.
 */
export function statesOf<Specs extends readonly ParamSpec[]>(
  definition: ScenarioDefinition<Specs>,
  fixed: Partial<ParamValues<Specs>> = {},
  varied: readonly Specs[number]['name'][] = definition.params.map((spec) => spec.name),
): ParamValues<Specs>[] {
  const held: Partial<Record<string, string>> = fixed;
  const specs = definition.params.map((spec): ParamSpec => {
    const value = held[spec.name] ?? (varied.includes(spec.name) ? undefined : spec.default);
    if (value === undefined) return spec;
    if (!spec.values.includes(value)) throw new Error(`lab: ${definition.id} has no ${spec.name}=${value}`);
    return { ...spec, values: [value] };
  });
  return [...combinations(specs)] as ParamValues<Specs>[];
}

/** A case's id: the scenario and its parameters as a query, the form src/evidence's stateId gives pages to look up. */
function caseId(scenario: string, params: Record<string, string>): string {
  return `${scenario}?${new URLSearchParams(params)}`;
}

/** The app pod's address in a pod network. */
function appIp(podNetwork: string): string {
  return podNetwork === 'routed' ? lab.routedA.app : lab.bridgeA.app;
}

/** A lab node: its address, its namespace and the namespace of an ordinary pod on it. */
function labNode(ns: Namespaces, node: NodeName): { ip: string; nodeNs: string; podNs: string } {
  return node === 'A' ? { ip: lab.nodeA, nodeNs: ns.nodeA, podNs: ns.podA } : { ip: lab.nodeB, nodeNs: ns.nodeB, podNs: ns.podB };
}

/** The header lines a client sends for the `spoofedHeader` parameter. */
function spoofedHeaders(spoofedHeader: string): string[] {
  return spoofedHeader === 'present' ? [FORGED] : [];
}

/** The lab's proxy-real-ip-cidr for the model's value: the node network stands in for 192.0.2.0/24. */
function labCidr(modelCidr: string): string {
  return modelCidr === '192.0.2.0/24' ? '198.18.20.0/24' : modelCidr;
}

/**
 * Pod to pod: every state of the scenario (placement=self with caller=node runs as the model reads it, the app pod
 * calling itself). The scenario has no kube-proxy mode parameter (its ClusterIP hop is iptables mode's KUBE-SVC and
 * KUBE-SEP rules), so only the iptables run builds these.
 */
function podToPodCases({ ns, registry }: CaseContext): CaseGroup {
  const cases = statesOf(podToPod).map((params): LabCase => {
    const app = appIp(params.podNetwork);
    const service = params.via === 'cluster-ip' ? registry.service('Cluster', app, APP_PORT) : null;
    const target = service ? `${service.clusterIp}:${service.port}` : `${app}:${APP_PORT}`;
    const callerNode = labNode(ns, params.placement === 'other-node' ? 'B' : 'A');
    const from =
      params.placement === 'self'
        ? params.podNetwork === 'routed'
          ? ns.appRouted
          : ns.appBridge
        : params.caller === 'node'
          ? callerNode.nodeNs
          : callerNode.podNs;
    return {
      id: caseId(podToPod.id, params),
      group: 'pod-to-pod',
      request: { from, url: `http://${target}${ECHO_ALL_HEADERS}`, headers: [] },
      check: { kind: 'trace', scenario: podToPod.id, params },
    };
  });
  return { cases, skipped: [] };
}

/** States recorded as not run, each with the reason. */
function notRun(scenario: string, states: readonly Record<string, string>[], why: string): SkippedCase[] {
  return states.map((params) => ({ id: caseId(scenario, params), why }));
}

/** NodePort: every state in this run's kube-proxy mode; the IPVS and Cilium states are model-only (recorded, once, by the iptables run). */
function nodePortCases({ ns, registry, mode }: CaseContext): CaseGroup {
  const cases = statesOf(nodeport, { proxyMode: mode }).map((params): LabCase => {
    const service = registry.service(params.externalTrafficPolicy, appIp(params.podNetwork), APP_PORT, 'NodePort');
    const node = labNode(ns, entryNode(params.entry));
    const from = params.source === 'external' ? ns.client : params.source === 'pod' ? node.podNs : node.nodeNs;
    return {
      id: caseId(nodeport.id, params),
      group: 'nodeport',
      request: { from, url: `http://${node.ip}:${service.nodePort}${ECHO_ALL_HEADERS}`, headers: spoofedHeaders(params.spoofedHeader) },
      check: { kind: 'trace', scenario: nodeport.id, params },
    };
  });
  return { cases, skipped: modelOnlyStates(nodeport, {}, mode) };
}

/**
 * LoadBalancer behind one listener kind: every state in this run's kube-proxy mode (external clients through that
 * frontend, pods and nodes to the load balancer IP, which kube-proxy answers itself); IPVS and Cilium states as for NodePort.
 */
function loadBalancerCases({ ns, registry, mode }: CaseContext, lb: LoadBalancerKind): CaseGroup {
  const generic = genericLoadBalancer(lb);
  const cases = statesOf(loadbalancer, { ...generic, proxyMode: mode }).map((params): LabCase => {
    const appPort = lb === 'l4-proxy-protocol' ? APP_PROXY_PORT : APP_PORT;
    const service = registry.service(params.externalTrafficPolicy, appIp(params.podNetwork), appPort);
    const node = labNode(ns, entryNode(params.entry));
    const headers = spoofedHeaders(params.spoofedHeader);
    const request: Request =
      params.source === 'external'
        ? { from: ns.client, url: `http://${lab.lbVip}:${frontendPort(registry, lb, service, params.entry)}${ECHO_ALL_HEADERS}`, headers }
        : {
            from: params.source === 'pod' ? node.podNs : node.nodeNs,
            url: `http://${lab.lbVip}:${service.port}${ECHO_ALL_HEADERS}`,
            headers,
          };
    return {
      id: caseId(loadbalancer.id, params),
      group: 'loadbalancer',
      request,
      check: { kind: 'trace', scenario: loadbalancer.id, params },
    };
  });
  return { cases, skipped: modelOnlyStates(loadbalancer, generic, mode) };
}

/**
 * The generic listener's own state: no provider, PROXY protocol as the listener says, and ipMode VIP, the one the
 * lab's kube-proxy is given (it reads no Service status).
 */
function genericLoadBalancer(lb: LoadBalancerKind) {
  return { lb, cloud: 'generic', proxyProtocol: lb === 'l4-proxy-protocol' ? 'true' : 'false', ipMode: 'VIP' } as const;
}

/** Why ipMode Proxy is recorded as not run: the lab gives kube-proxy no Service status, so it always short-circuits. */
const IPMODE_PROXY_IS_MODEL_ONLY =
  'ipMode: Proxy is not run: the lab feeds kube-proxy Services without a load balancer status, so its load balancer IP rules always catch in-cluster callers';

/**
 * The generic LoadBalancer states no run covers (recorded once, by the iptables run): ipMode Proxy. A provider's states
 * are not recorded one by one here: no provider runs at all, and the pages say so by rule (evidenceForState).
 */
function ipModeProxyNotRun(mode: LabMode): CaseGroup {
  if (mode !== 'iptables') return { cases: [], skipped: [] };
  const proxyMode = lbParam.values.flatMap((lb) =>
    statesOf(loadbalancer, { ...genericLoadBalancer(lb), ipMode: 'Proxy' }).map((params) => ({
      id: caseId(loadbalancer.id, params),
      why: IPMODE_PROXY_IS_MODEL_ONLY,
    })),
  );
  return { cases: [], skipped: proxyMode };
}

/** The load balancer frontend's port for a listener kind, a Service and the node it forwards to. */
function frontendPort(registry: Registry, lb: LoadBalancerKind, service: LabService, entry: Entry): number {
  return registry.frontend(lb, service, entryNode(entry)).port;
}

/**
 * The health check node port, answered by kube-proxy's own health check server, on each entry node in this run's mode.
 * Only a LoadBalancer Service with Local has one (the API refuses it elsewhere), so Cluster is left out; IPVS is not run
 * and, the health check being no scenario state, not recorded as skipped.
 */
function healthCheckCases({ ns, registry, mode }: CaseContext): CaseGroup {
  const service = registry.service('Local', lab.bridgeA.app, APP_PORT);
  const cases = entryParam.values.map((entry): LabCase => {
    const params = { externalTrafficPolicy: 'Local', entry, proxyMode: mode };
    return {
      id: caseId('health-check', params),
      group: 'health-check',
      request: { from: ns.client, url: `http://${labNode(ns, entryNode(entry)).ip}:${service.healthCheckNodePort}/healthz`, headers: [] },
      check: { kind: 'health', scenario: loadbalancer.id, params },
    };
  });
  return { cases, skipped: [] };
}

/** The ingress-nginx ConfigMap options and client header a case sets; the rest stay at their defaults. */
type IngressOptions = Partial<
  Pick<
    StateOf<typeof ingress>,
    'useForwardedHeaders' | 'computeFullForwardedFor' | 'useProxyProtocol' | 'spoofedHeader' | 'proxyRealIpCidr'
  >
>;

/**
 * The option sets the lab runs, 11 of the 32 combinations: the defaults; each switch alone (use-forwarded-headers,
 * compute-full-forwarded-for, use-proxy-protocol) and the forged header alone; use-forwarded-headers with
 * use-proxy-protocol; the forged header with use-forwarded-headers (alone, with compute-full-forwarded-for, with
 * use-proxy-protocol), and with the narrow proxy-real-ip-cidr where use-forwarded-headers reads it. The other 21 are
 * left out to keep the run short: each set is its own nginx, run under all 32 listener, policy, entry and network states.
 */
const ingressOptionSets: readonly IngressOptions[] = [
  {},
  { useForwardedHeaders: 'true' },
  { useForwardedHeaders: 'true', spoofedHeader: 'present' },
  { useForwardedHeaders: 'true', spoofedHeader: 'present', proxyRealIpCidr: '192.0.2.0/24' },
  { useForwardedHeaders: 'true', computeFullForwardedFor: 'true', spoofedHeader: 'present' },
  { computeFullForwardedFor: 'true' },
  { useProxyProtocol: 'true' },
  { useProxyProtocol: 'true', useForwardedHeaders: 'true' },
  { useProxyProtocol: 'true', useForwardedHeaders: 'true', spoofedHeader: 'present' },
  { useProxyProtocol: 'true', useForwardedHeaders: 'true', spoofedHeader: 'present', proxyRealIpCidr: '192.0.2.0/24' },
  { spoofedHeader: 'present' },
];

/**
 * ingress-nginx: each option set under every listener kind, policy, entry and pod network, for the one release the
 * renderer builds (controller-v1.11.0, the one the Go module proxy serves: lab/ingress-nginx/README.md), so the model
 * is asked for that release's template; the other release is model-only (pages show this one as its stand-in).
 * Registers one nginx server per distinct configuration and pod network.
 */
function ingressCases({ ns, registry }: CaseContext, servers: NginxNeeds['ingress']): CaseGroup {
  const release = modelReleaseOf(rendererVersion()?.release ?? 'controller-v1.11.0');
  // Callers inside the cluster too: kube-proxy on their own node answers for the load balancer IP (ipMode VIP, the one
  // the lab's kube-proxy knows), as in the LoadBalancer group.
  // The generic listener's states (no provider: PROXY protocol as the listener says); a provider's are model-only.
  const listenerStates = lbParam.values.flatMap((lb) =>
    statesOf(ingress, { ...genericLoadBalancer(lb), ingressNginxVersion: release }, [
      'externalTrafficPolicy',
      'entry',
      'podNetwork',
      'source',
    ]),
  );
  const cases = listenerStates.flatMap((listener) =>
    ingressOptionSets.map((options): LabCase => {
      const params = { ...listener, ...options };
      const config: IngressNginxConfig = { ...ingressNginxConfigOf(params, release), proxyRealIpCidr: [labCidr(params.proxyRealIpCidr)] };
      const routed = params.podNetwork === 'routed';
      const podNamespace = routed ? ns.ingressRouted : ns.ingressBridge;
      const ingressIp = routed ? lab.routedA.ingress : lab.bridgeA.ingress;
      const podServers = servers.get(podNamespace) ?? [];
      servers.set(podNamespace, podServers);
      let server = podServers.find((existing) => JSON.stringify(existing.config) === JSON.stringify(config));
      if (!server) {
        server = {
          id: podServers.length,
          listen: `${ingressIp}:${10000 + podServers.length}`,
          upstream: `${appIp(params.podNetwork)}:${APP_PORT}`,
          config,
        };
        podServers.push(server);
      }
      const service = registry.service(params.externalTrafficPolicy, ingressIp, 10000 + server.id);
      const node = labNode(ns, entryNode(params.entry));
      const headers = spoofedHeaders(params.spoofedHeader);
      const request: Request =
        params.source === 'external'
          ? {
              from: ns.client,
              url: `http://${lab.lbVip}:${frontendPort(registry, params.lb, service, params.entry)}${ECHO_ALL_HEADERS}`,
              headers,
            }
          : {
              from: params.source === 'pod' ? node.podNs : node.nodeNs,
              url: `http://${lab.lbVip}:${service.port}${ECHO_ALL_HEADERS}`,
              headers,
            };
      return { id: caseId(ingress.id, params), group: 'ingress', request, check: { kind: 'trace', scenario: ingress.id, params } };
    }),
  );
  // ipMode Proxy: the same states with the status kube-proxy is never given here.
  const skipped = cases.map((c) => {
    const params = { ...(c.check as { params: Record<string, string> }).params, ipMode: 'Proxy' };
    return { id: caseId(ingress.id, params), why: IPMODE_PROXY_IS_MODEL_ONLY };
  });
  return { cases, skipped };
}

/** The realip trust sets: the client's single address, a wide range, everything, and a range nothing matches. */
const realipTrustSets: Readonly<Record<string, string[]>> = {
  single: [`${lab.client}/32`],
  wide: ['198.18.0.0/15'],
  everything: ['0.0.0.0/0'],
  unmatched: ['198.18.99.0/24'],
};

/** The X-Forwarded-For chains the realip cases send: honest, forged, and forged behind a trusted hop. */
const realipChains: Readonly<Record<string, string>> = {
  honest: '198.18.40.5',
  forged: `${lab.spoofed}, 198.18.40.5`,
  'forged-trusted-hop': `198.18.40.5, ${lab.spoofed}, 198.18.10.8`,
};

/**
 * nginx realip (the resolver's nginx-realip strategy, no scenario): every trust set, recursive off and on, every chain,
 * each on its own nginx server on the load balancer IP. Registers those servers.
 */
function realipCases({ ns }: CaseContext, servers: NginxNeeds['realip']): CaseGroup {
  const cases: LabCase[] = [];
  for (const [trustName, trusted] of Object.entries(realipTrustSets))
    for (const recursive of [false, true])
      for (const [chainName, chain] of Object.entries(realipChains)) {
        const listen = `${lab.lbVip}:${5000 + servers.length}`;
        servers.push({ listen, trusted, recursive });
        cases.push({
          id: `realip?trusted=${trustName}&recursive=${recursive}&chain=${chainName}`,
          group: 'nginx-realip',
          request: { from: ns.client, url: `http://${listen}/`, headers: [`X-Forwarded-For: ${chain}`] },
          check: {
            kind: 'realip',
            remoteAddr: lab.client,
            headers: { 'X-Forwarded-For': chain },
            strategy: { kind: 'nginx-realip', trusted, recursive },
          },
        });
      }
  return { cases, skipped: [] };
}

/**
 * The gotcha: kube-proxy's own Cluster masquerade rule, deleted from node B's real nat table after the sync (one
 * recorded iptables command): the reply then bypasses the entry node and the connection fails. iptables run only.
 */
function gotchaCases({ ns, registry }: CaseContext): CaseGroup {
  const noMasquerade = registry.service('Cluster', lab.bridgeA.app, GOTCHA_APP_PORT, 'NodePort');
  noMasquerade.removeMasquerade = true;
  const gotcha: LabCase = {
    id: 'gotcha?cluster-without-masquerade',
    group: 'gotcha',
    request: { from: ns.client, url: `http://${lab.nodeB}:${noMasquerade.nodePort}${ECHO_ALL_HEADERS}`, headers: [] },
    check: {
      kind: 'connection-fails',
      failure: { kind: 'timeout' },
      why: 'without SNAT the pod replies straight to the client, bypassing node B, and the client drops the reply',
    },
  };
  return { cases: [gotcha], skipped: [] };
}

/** Traefik's trust settings the lab runs, for forwardedHeaders and for proxyProtocol: none, the load balancer, everyone. */
const traefikTrusts: readonly TraefikTrust[] = ['none', 'lb', 'insecure'];

/** Who sends the request to Traefik's entry point, and whether a PROXY header comes with it. */
const traefikSenders = {
  /** The client connects itself, without a PROXY header. */
  client: { viaLb: false, proxy: false },
  /** The client connects itself and sends a PROXY header naming its own address (curl --haproxy-protocol). */
  'client-proxy': { viaLb: false, proxy: true },
  /** The load balancer (HAProxy, TCP) opens its own connection, without a PROXY header. */
  lb: { viaLb: true, proxy: false },
  /** The load balancer (HAProxy, TCP, send-proxy) opens its own connection and names the client in a PROXY header. */
  'lb-proxy': { viaLb: true, proxy: true },
} as const;

/** The model's Traefik configuration for one pair of trust settings, in the model's addresses. */
function traefikModelConfig(forwardedHeaders: TraefikTrust, proxyProtocol: TraefikTrust): object {
  const lbAddress = `${plan.loadBalancer}/32`;
  const trust = (t: TraefikTrust) => (t === 'insecure' ? { insecure: true } : t === 'lb' ? { trustedIPs: [lbAddress] } : {});
  return {
    forwardedHeaders: trust(forwardedHeaders),
    ...(proxyProtocol === 'none' ? {} : { proxyProtocol: trust(proxyProtocol) }),
  };
}

/**
 * Traefik (gateway-traefik): Traefik's own entry point, run by lab/traefik in node A's namespace in front of the echo
 * app, for every forwardedHeaders trust (none, the load balancer's address, insecure) × proxyProtocol (off, trusted
 * load balancer, insecure) × sender (the client or the load balancer's TCP proxy, each with and without a PROXY header) ×
 * the model's spoofedHeader values; each compared with forwardThroughGateway({ implementation: 'traefik' }). Registers
 * one entry point per configuration.
 */
function traefikCases(context: CaseContext, servers: TraefikServer[]): CaseGroup {
  const cases: LabCase[] = [];
  const skipped: SkippedCase[] = [];
  for (const forwardedHeaders of traefikTrusts)
    for (const proxyProtocol of traefikTrusts) {
      const i = servers.length;
      const server: TraefikServer = {
        listen: `${lab.nodeA}:${7100 + i}`,
        forwardedHeaders,
        proxyProtocol,
        lbPort: 7200 + 2 * i,
        lbProxyPort: 7201 + 2 * i,
      };
      servers.push(server);
      const group = gatewaySenderCases(
        context,
        'gateway-traefik',
        'traefik',
        server,
        traefikModelConfig(forwardedHeaders, proxyProtocol),
        { forwardedHeaders, proxyProtocol },
        (sender) => (sender === 'client-proxy' && proxyProtocol === 'none' ? TRAEFIK_PROXY_LINE_RACE : undefined),
      );
      cases.push(...group.cases);
      skipped.push(...group.skipped);
    }
  return { cases, skipped };
}

/**
 * Why a client's own PROXY header at an entry point without proxyProtocol is not run: Go's HTTP server answers the
 * malformed PROXY line with 400 and closes at once (net/http server.go, conn.serve: the "400 Bad Request" branch returns
 * without closeWriteAndWait), and curl sends the PROXY line and the request in separate segments, so the request's rest
 * may arrive after the close and draw a reset that can beat the 400 to curl. HAProxy's send-proxy sends both together:
 * the lb-proxy cases check the 400.
 */
const TRAEFIK_PROXY_LINE_RACE =
  'curl sends its PROXY line apart from the request; Go’s HTTP server answers the PROXY line with 400 and closes without draining, so the client sees the 400 or a reset, by timing (the lb-proxy cases, where HAProxy sends both together, check the 400)';

/** The gateway processes (real nginx, real HAProxy) running NGF's and haproxy-ingress's transcribed configuration. */
export interface GatewayNeeds {
  ngf: LabGatewayServer<NgfLabConfig>[];
  haproxyIngress: LabGatewayServer<HaproxyIngressLabConfig>[];
}

/** The gateway scenario's clientIPDetection values, in the model's order. */
const clientIpDetections = gateway.params.find((spec) => spec.name === 'clientIPDetection')!.values;

/** The model's NGF configuration (model addresses) as the lab's: mode, trusted addresses in lab form, recursion. */
function ngfLabConfig(config: {
  rewriteClientIP?: { mode?: string; trustedAddresses?: { value: string }[]; setIPRecursively?: boolean };
}): NgfLabConfig {
  const rewrite = config.rewriteClientIP;
  return {
    mode: rewrite?.mode === 'XForwardedFor' || rewrite?.mode === 'ProxyProtocol' ? rewrite.mode : 'none',
    trusted: (rewrite?.trustedAddresses ?? []).map((entry) => labCidr(entry.value)),
    setIPRecursively: rewrite?.setIPRecursively === true,
  };
}

/**
 * The cases of one gateway configuration: every sender (the client or the load balancer's TCP proxy, each with and
 * without a PROXY header) × the model's spoofedHeader values, compared with forwardThroughGateway. A sender for which
 * `notRunWhy` gives a reason is recorded as not run, with that reason.
 */
function gatewaySenderCases(
  { ns }: CaseContext,
  group: string,
  implementation: 'traefik' | 'nginx-gateway-fabric' | 'haproxy-ingress',
  server: { listen: string; lbPort: number; lbProxyPort: number },
  modelConfig: object,
  state: Record<string, string>,
  notRunWhy: (sender: string) => string | undefined = () => undefined,
): CaseGroup {
  const cases: LabCase[] = [];
  const skipped: SkippedCase[] = [];
  for (const [sender, how] of Object.entries(traefikSenders))
    for (const spoofedHeader of spoofedHeaderParam.values) {
      const params = { ...state, sender, spoofedHeader };
      const why = notRunWhy(sender);
      if (why !== undefined) {
        skipped.push({ id: caseId(group, params), why });
        continue;
      }
      // netexec answers every header on /header; the query names the case in Traefik's client log.
      const path = `${ECHO_ALL_HEADERS}?case=${group}-${server.lbPort}-${sender}-${spoofedHeader}`;
      const target = how.viaLb ? `${lab.lbVip}:${how.proxy ? server.lbProxyPort : server.lbPort}` : server.listen;
      cases.push({
        id: caseId(group, params),
        group,
        request: {
          from: ns.client,
          url: `http://${target}${path}`,
          headers: spoofedHeaders(spoofedHeader),
          ...(how.proxy && !how.viaLb ? { curlArgs: ['--haproxy-protocol'] } : {}),
        },
        check: {
          kind: 'gateway',
          path,
          ...(how.viaLb ? { via: 'l4-proxy' as const } : {}),
          request: {
            implementation,
            config: modelConfig,
            peer: how.viaLb ? plan.loadBalancer : plan.client,
            ...(how.proxy ? { proxyProtocolSource: plan.client } : {}),
            headers: spoofedHeader === 'present' ? { 'x-forwarded-for': plan.spoofed } : {},
          },
        },
      });
    }
  return { cases, skipped };
}

/** States of a gateway group recorded as not run: every sender and spoofedHeader value of one configuration state. */
function gatewayStatesNotRun(group: string, state: Record<string, string>, why: string): SkippedCase[] {
  return Object.keys(traefikSenders).flatMap((sender) =>
    spoofedHeaderParam.values.map((spoofedHeader) => ({ id: caseId(group, { ...state, sender, spoofedHeader }), why })),
  );
}

/**
 * NGINX Gateway Fabric (gateway-nginx-gateway-fabric): Debian's nginx in node A's namespace running the server lines
 * NGF v2.6.7's own tests expect (lab/gateway-configs.ts), for each clientIPDetection value the model maps to an
 * NginxProxy (its gatewayConfigFor), plus trust-lb-cidr with setIPRecursively (the XForwardedFor test's own setting).
 * Registers one server per configuration.
 */
function ngfCases(context: CaseContext, servers: GatewayNeeds['ngf']): CaseGroup {
  const group = 'gateway-nginx-gateway-fabric';
  const cases: LabCase[] = [];
  const skipped: SkippedCase[] = [];
  const states: { state: Record<string, string>; config: object }[] = [];
  for (const clientIPDetection of clientIpDetections) {
    const mapped = gatewayConfigFor['nginx-gateway-fabric'](clientIPDetection);
    if ('none' in mapped) {
      skipped.push(...gatewayStatesNotRun(group, { clientIPDetection }, `no equivalent: ${mapped.none}`));
      continue;
    }
    states.push({ state: { clientIPDetection }, config: mapped.config });
    if (clientIPDetection === 'trust-lb-cidr') {
      const recursive = mapped.config as { rewriteClientIP: object };
      states.push({
        state: { clientIPDetection, setIPRecursively: 'true' },
        config: { rewriteClientIP: { ...recursive.rewriteClientIP, setIPRecursively: true } },
      });
    }
  }
  for (const { state, config } of states) {
    const i = servers.length;
    const server = { listen: `${lab.nodeA}:${7400 + i}`, config: ngfLabConfig(config), lbPort: 7500 + 2 * i, lbProxyPort: 7501 + 2 * i };
    servers.push(server);
    cases.push(...gatewaySenderCases(context, group, 'nginx-gateway-fabric', server, config, state).cases);
  }
  return { cases, skipped };
}

/** The forwardfor values the lab runs (ifmissing has no upstream test expectation: lab/gateway-configs.ts). */
const haproxyIngressForwardfors: readonly HaproxyIngressForwardfor[] = ['add', 'update', 'ignore'];

/**
 * haproxy-ingress (gateway-haproxy-ingress): Debian's HAProxy in node A's namespace running the frontend lines
 * haproxy-ingress v0.16.1's own tests expect (lab/gateway-configs.ts), for each clientIPDetection value the model maps
 * (its gatewayConfigFor: defaults, use-proxy-protocol) × forwardfor add, update, ignore. Registers one frontend per
 * configuration.
 */
function haproxyIngressCases(context: CaseContext, servers: GatewayNeeds['haproxyIngress']): CaseGroup {
  const group = 'gateway-haproxy-ingress';
  const cases: LabCase[] = [];
  const skipped: SkippedCase[] = [];
  for (const clientIPDetection of clientIpDetections) {
    const mapped = gatewayConfigFor['haproxy-ingress'](clientIPDetection);
    if ('none' in mapped) {
      skipped.push(...gatewayStatesNotRun(group, { clientIPDetection }, `no equivalent: ${mapped.none}`));
      continue;
    }
    const useProxyProtocol = (mapped.config as Record<string, string>)['use-proxy-protocol'] === 'true';
    for (const forwardfor of haproxyIngressForwardfors) {
      const i = servers.length;
      const server = {
        listen: `${lab.nodeA}:${7600 + i}`,
        config: { forwardfor, useProxyProtocol },
        lbPort: 7700 + 2 * i,
        lbProxyPort: 7701 + 2 * i,
      };
      servers.push(server);
      const config = { ...mapped.config, forwardfor };
      cases.push(...gatewaySenderCases(context, group, 'haproxy-ingress', server, config, { clientIPDetection, forwardfor }).cases);
    }
    skipped.push(
      ...gatewayStatesNotRun(
        group,
        { clientIPDetection, forwardfor: 'ifmissing' },
        'no haproxy-ingress test renders forwardfor ifmissing (option forwardfor if-none), so the lab has no upstream configuration to run',
      ),
    );
  }
  return { cases, skipped };
}

/**
 * Scenarios whose states the lab does not run as scenario states, each with the reason. Their parameter values are
 * neither run nor recorded as skipped states one by one (the gateway scenario alone has thousands).
 */
export const scenariosNotRun: Readonly<Record<string, string>> = {
  gateway:
    'No Envoy binary exists here (Envoy Gateway, Istio, Cilium and kgateway run Envoy; its engine is checked against Envoy’s own tests). Traefik’s own entry point runs in the gateway-traefik group; NGINX Gateway Fabric and haproxy-ingress, whose generators the Go module proxy refuses, run as the configuration their own unit tests expect (NGF v2.6.7, haproxy-ingress v0.16.1, transcribed in lab/gateway-configs.ts) on Debian’s nginx and HAProxy in the gateway-nginx-gateway-fabric and gateway-haproxy-ingress groups; all three are compared with forwardThroughGateway.',
};

/**
 * Builds every case of one lab run, registering the Services, frontends and nginx servers they need (in this order,
 * which gives each its ports). The iptables run has every group; the nftables run repeats the NodePort, LoadBalancer
 * and health check states of that mode on an nftables ruleset.
 */
export function buildCases(
  ns: Namespaces,
  registry: Registry,
  mode: LabMode = 'iptables',
): { cases: LabCase[]; skipped: SkippedCase[]; nginx: NginxNeeds; traefik: TraefikServer[]; gateways: GatewayNeeds } {
  const context: CaseContext = { ns, registry, mode };
  const nginx: NginxNeeds = { ingress: new Map(), realip: [] };
  const traefik: TraefikServer[] = [];
  const gateways: GatewayNeeds = { ngf: [], haproxyIngress: [] };
  const iptablesOnly = mode === 'iptables';
  const groups: CaseGroup[] = [
    ...(iptablesOnly ? [podToPodCases(context)] : []),
    nodePortCases(context),
    ...lbParam.values.map((lb) => loadBalancerCases(context, lb)),
    ipModeProxyNotRun(mode),
    healthCheckCases(context),
    ...(iptablesOnly ? [ingressCases(context, nginx.ingress), realipCases(context, nginx.realip), gotchaCases(context)] : []),
    ...(iptablesOnly ? [traefikCases(context, traefik)] : []),
    ...(iptablesOnly ? [ngfCases(context, gateways.ngf), haproxyIngressCases(context, gateways.haproxyIngress)] : []),
  ];
  return { cases: groups.flatMap((group) => group.cases), skipped: groups.flatMap((group) => group.skipped), nginx, traefik, gateways };
}
