/**
 * The lab's cases: every combination of pod-to-pod, nodeport and loadbalancer
 * (iptables mode), the ingress-nginx options on and off with the forged header
 * and PROXY mismatches, the health check node port, the nginx realip matrix and
 * kube-proxy gotchas. Each case says where its request starts and what it sends;
 * the runner asks the model what should arrive.
 */
import { combinations, findScenario } from '../src/model/index.ts';
import type { ClientFailure, Strategy } from '../src/model/index.ts';
import type { IngressNginxConfig } from '../src/model/ingress-nginx.ts';
import { ingressNginxConfigOf } from '../src/model/ingress-nginx.ts';
import type { RealipServer } from './nginx-realip-config.ts';
import { modelReleaseOf, rendererVersion } from './ingress-nginx/render.ts';
import { lab } from './plan.ts';
import type { Registry } from './services.ts';
import type { Namespaces } from './topology.ts';

/** A request the lab sends: from which namespace, to which URL, with which extra header lines. */
export interface Request {
  from: string;
  url: string;
  headers: string[];
}

/** What a case checks against. */
export type Check =
  | { kind: 'trace'; scenario: string; params: Record<string, string> }
  | { kind: 'health'; scenario: string; params: Record<string, string> }
  | { kind: 'realip'; remoteAddr: string; headers: Record<string, string>; strategy: Strategy }
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

const APP_PORT = 8080;
const APP_PROXY_PORT = 8081;
const FORGED = `X-Forwarded-For: ${lab.spoofed}`;

/** The lab's proxy-real-ip-cidr for the model's value: the node network stands in for 192.0.2.0/24. */
function labCidr(modelCidr: string): string {
  return modelCidr === '192.0.2.0/24' ? '198.18.20.0/24' : modelCidr;
}

/** Builds every case, registering the Services, frontends and nginx servers they need. */
/** kube-proxy's mode a lab run emulates: its iptables rules or its nftables ruleset. */
export type LabMode = 'iptables' | 'nftables';

/**
 * Builds every case of one lab run, registering the Services, frontends and nginx servers they need. The iptables run
 * has every case; the nftables run repeats the NodePort and LoadBalancer states of that mode on an nftables ruleset.
 */
export function buildCases(
  ns: Namespaces,
  registry: Registry,
  mode: LabMode = 'iptables',
): { cases: LabCase[]; skipped: SkippedCase[]; nginx: NginxNeeds } {
  const cases: LabCase[] = [];
  const skipped: SkippedCase[] = [];
  const nginx: NginxNeeds = { ingress: new Map(), realip: [] };
  const nodeIp = (entry: string) => (entry === 'node-with-endpoint' ? lab.nodeA : lab.nodeB);
  const nodeNs = (entry: string) => (entry === 'node-with-endpoint' ? ns.nodeA : ns.nodeB);
  const podNs = (entry: string) => (entry === 'node-with-endpoint' ? ns.podA : ns.podB);
  const appIp = (podNetwork: string) => (podNetwork === 'routed' ? lab.routedA.app : lab.bridgeA.app);
  const key = (id: string, params: Record<string, string>) => `${id}?${new URLSearchParams(params)}`;
  /** True for states this run covers; IPVS states are recorded as skipped (once, by the iptables run), with the reason. */
  const inThisRun = (id: string, params: Record<string, string>) => {
    if (params.proxyMode === mode) return true;
    if (params.proxyMode === 'ipvs' && mode === 'iptables')
      skipped.push({ id, why: 'kube-proxy IPVS mode is model-only: the lab machine’s kernel has no ip_vs (no /proc/net/ip_vs)' });
    return false;
  };

  for (const params of mode === 'iptables' ? combinations(findScenario('pod-to-pod')!.params) : []) {
    const app = appIp(params.podNetwork!);
    const target =
      params.via === 'pod-ip'
        ? `${app}:${APP_PORT}`
        : (() => {
            const s = registry.service('Cluster', app, APP_PORT);
            return `${s.clusterIp}:${s.port}`;
          })();
    const self = params.placement === 'self';
    const from = self
      ? params.podNetwork === 'routed'
        ? ns.appRouted
        : ns.appBridge
      : params.caller === 'node'
        ? params.placement === 'other-node'
          ? ns.nodeB
          : ns.nodeA
        : params.placement === 'other-node'
          ? ns.podB
          : ns.podA;
    cases.push({
      id: key('pod-to-pod', params),
      group: 'pod-to-pod',
      request: { from, url: `http://${target}/`, headers: [] },
      check: { kind: 'trace', scenario: 'pod-to-pod', params },
    });
  }

  for (const params of combinations(findScenario('nodeport')!.params)) {
    const id = key('nodeport', params);
    if (!inThisRun(id, params)) continue;
    const s = registry.service(params.externalTrafficPolicy as 'Cluster' | 'Local', appIp(params.podNetwork!), APP_PORT, 'NodePort');
    const url = `http://${nodeIp(params.entry!)}:${s.nodePort}/`;
    const from = params.source === 'external' ? ns.client : params.source === 'pod' ? podNs(params.entry!) : nodeNs(params.entry!);
    cases.push({
      id,
      group: 'nodeport',
      request: { from, url, headers: params.spoofedHeader === 'present' ? [FORGED] : [] },
      check: { kind: 'trace', scenario: 'nodeport', params },
    });
  }

  for (const params of combinations(findScenario('loadbalancer')!.params)) {
    const id = key('loadbalancer', params);
    if (!inThisRun(id, params)) continue;
    const port = params.lb === 'l4-proxy-protocol' ? APP_PROXY_PORT : APP_PORT;
    const s = registry.service(params.externalTrafficPolicy as 'Cluster' | 'Local', appIp(params.podNetwork!), port);
    const entry = params.entry === 'node-with-endpoint' ? 'A' : 'B';
    const headers = params.spoofedHeader === 'present' ? [FORGED] : [];
    const request: Request =
      params.source === 'external'
        ? { from: ns.client, url: `http://${lab.lbVip}:${registry.frontend(params.lb as never, s, entry).port}/`, headers }
        : { from: params.source === 'pod' ? podNs(params.entry!) : nodeNs(params.entry!), url: `http://${lab.lbVip}:${s.port}/`, headers };
    cases.push({ id, group: 'loadbalancer', request, check: { kind: 'trace', scenario: 'loadbalancer', params } });
  }

  // The health check node port, answered by kube-proxy's own health check server, on the node with the endpoint and on
  // the one without. Only a LoadBalancer Service with Local has one (the API refuses it elsewhere).
  for (const entry of ['node-with-endpoint', 'node-without-endpoint']) {
    const s = registry.service('Local', lab.bridgeA.app, APP_PORT);
    const params = { externalTrafficPolicy: 'Local', entry, proxyMode: mode };
    cases.push({
      id: key('health-check', params),
      group: 'health-check',
      request: { from: ns.client, url: `http://${nodeIp(entry)}:${s.healthCheckNodePort}/healthz`, headers: [] },
      check: { kind: 'health', scenario: 'loadbalancer', params },
    });
  }

  if (mode === 'nftables') return { cases, skipped, nginx };

  // ingress-nginx: each option on and off, the forged header, PROXY protocol both ways, under every listener, policy and entry.
  const optionSets: Record<string, string>[] = [
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
  const ingressBase = findScenario('ingress')!.params;
  // The renderer builds controller-v1.11.0, the one release the Go module proxy serves (lab/ingress-nginx/README.md),
  // so the cases ask the model for the template of the release actually rendered.
  const release = modelReleaseOf(rendererVersion()?.release ?? 'controller-v1.11.0');
  for (const lb of ['l7-http', 'l4-passthrough', 'l4-proxy', 'l4-proxy-protocol'])
    for (const externalTrafficPolicy of ['Cluster', 'Local'])
      for (const entry of ['node-without-endpoint', 'node-with-endpoint'])
        for (const podNetwork of ['bridge', 'routed'])
          for (const options of optionSets) {
            const params: Record<string, string> = {
              ...Object.fromEntries(ingressBase.map((p) => [p.name, p.default])),
              lb,
              externalTrafficPolicy,
              entry,
              podNetwork,
              ingressNginxVersion: release,
              ...options,
            };
            const config: IngressNginxConfig = {
              ...ingressNginxConfigOf(params, release),
              proxyRealIpCidr: [labCidr(params.proxyRealIpCidr!)],
            };
            const podNamespace = podNetwork === 'routed' ? ns.ingressRouted : ns.ingressBridge;
            const ingressIp = podNetwork === 'routed' ? lab.routedA.ingress : lab.bridgeA.ingress;
            const servers = nginx.ingress.get(podNamespace) ?? [];
            nginx.ingress.set(podNamespace, servers);
            let server = servers.find((s) => JSON.stringify(s.config) === JSON.stringify(config));
            if (!server) {
              server = {
                id: servers.length,
                listen: `${ingressIp}:${10000 + servers.length}`,
                upstream: `${appIp(podNetwork)}:${APP_PORT}`,
                config,
              };
              servers.push(server);
            }
            const s = registry.service(externalTrafficPolicy as 'Cluster' | 'Local', ingressIp, 10000 + server.id);
            const frontend = registry.frontend(lb as never, s, entry === 'node-with-endpoint' ? 'A' : 'B');
            cases.push({
              id: key('ingress', params),
              group: 'ingress',
              request: {
                from: ns.client,
                url: `http://${lab.lbVip}:${frontend.port}/`,
                headers: params.spoofedHeader === 'present' ? [FORGED] : [],
              },
              check: { kind: 'trace', scenario: 'ingress', params },
            });
          }

  // nginx realip: trusted single address, a wide range, everything, nothing that matches; recursive on and off; honest, forged and forged-trusted chains.
  const trustSets: Record<string, string[]> = {
    single: [`${lab.client}/32`],
    wide: ['198.18.0.0/15'],
    everything: ['0.0.0.0/0'],
    unmatched: ['198.18.99.0/24'],
  };
  const chains: Record<string, string | null> = {
    honest: '198.18.40.5',
    forged: `${lab.spoofed}, 198.18.40.5`,
    'forged-trusted-hop': `198.18.40.5, ${lab.spoofed}, 198.18.10.8`,
  };
  for (const [trustName, trusted] of Object.entries(trustSets))
    for (const recursive of [false, true])
      for (const [chainName, chain] of Object.entries(chains)) {
        const listen = `${lab.lbVip}:${5000 + nginx.realip.length}`;
        nginx.realip.push({ listen, trusted, recursive });
        cases.push({
          id: `realip?trusted=${trustName}&recursive=${recursive}&chain=${chainName}`,
          group: 'nginx-realip',
          request: { from: ns.client, url: `http://${listen}/`, headers: chain ? [`X-Forwarded-For: ${chain}`] : [] },
          check: {
            kind: 'realip',
            remoteAddr: lab.client,
            headers: chain ? { 'X-Forwarded-For': chain } : {},
            strategy: { kind: 'nginx-realip', trusted, recursive },
          },
        });
      }

  // Gotcha: kube-proxy's own Cluster masquerade rule, deleted from node B's real nat table after the sync (one recorded
  // iptables command): the reply then bypasses the entry node and the connection fails.
  const noMasquerade = registry.service('Cluster', lab.bridgeA.app, 8082, 'NodePort');
  noMasquerade.removeMasquerade = true;
  cases.push({
    id: 'gotcha?cluster-without-masquerade',
    group: 'gotcha',
    request: { from: ns.client, url: `http://${lab.nodeB}:${noMasquerade.nodePort}/`, headers: [] },
    check: {
      kind: 'connection-fails',
      failure: { kind: 'timeout' },
      why: 'without SNAT the pod replies straight to the client, bypassing node B, and the client drops the reply',
    },
  });
  return { cases, skipped, nginx };
}
