/**
 * kube-proxy's packet-flow unit tests (k8s.io/kubernetes pkg/proxy/iptables/proxier_test.go and
 * pkg/proxy/nftables/proxier_test.go, `runPacketFlowTests`) as data, and the adapter that maps one of their cases
 * onto a state of the model.
 *
 * Upstream, each test syncs a fake proxier for the node "test-node" (node IPs 192.168.0.2 and others, pod CIDR
 * 10.0.0.0/8) with some Services and EndpointSlices, then traces packets through the rules it wrote: a case gives the
 * packet (source, destination, port, protocol) and expects the DNAT targets (every endpoint the rules could pick, as
 * "ip:port, ip:port"), or "DROP", "REJECT", "ACCEPT", or "" (no kube-proxy rule matched), and whether the packet is
 * marked for masquerade.
 *
 * The model has one fixed topology: two nodes, one Service with one ready endpoint (the app pod on node A), one
 * request over TCP. The adapter maps a case only where that topology can say the same thing:
 * - the node under test is the entry node; it is `node-with-endpoint` exactly when the upstream Service has an
 *   endpoint on "test-node", so the model's single endpoint stands for the upstream endpoint on the same side;
 * - the source is a pod (in 10.0.0.0/8), the node itself (one of its node IPs), or an external client (anything else);
 * - the destination is the ClusterIP (`pod-to-pod` via `cluster-ip`), the NodePort on the node's IP (`nodeport`), or
 *   a load balancer IP (`loadbalancer`; an external packet to the load balancer IP is the model's `l4-passthrough`
 *   listener, which keeps the client address);
 * - the expectation: an endpoint list means delivered, and masq=true means the app sees a node-side address after a
 *   masquerade, masq=false the original source; "DROP" means kube-proxy drops it (the model's `no-local-endpoint`).
 * Where the upstream Service has several endpoints, the case is mapped as a projection (named so in its title): the
 * model's endpoint stands for the upstream endpoint on the same side of the node, which must be among the upstream
 * targets, and masquerade does not depend on which endpoint is picked. Everything else (no endpoints, endpoint
 * conditions, externalIPs, loadBalancerSourceRanges that apply, internalTrafficPolicy, UDP/SCTP, IPv6, localhost,
 * other kube-proxy flags, destinations that match no Service) is listed as not expressible, with the reason.
 */
import { trace, type Trace } from '../../../../../../src/model/index.ts';

/** The release whose test files were read (Go module cache, `go mod download k8s.io/kubernetes@v1.37.2`). */
export const KUBERNETES_VERSION = 'v1.37.2';

/** The upstream repository the cases come from. */
export const KUBERNETES_REPOSITORY = 'kubernetes/kubernetes';

// Constants of both proxier_test.go files (same values in iptables and nftables).
/** `testNodeIP`. */
export const testNodeIP = '192.168.0.2';
/** `testNodeIPAlt`. */
export const testNodeIPAlt = '192.168.1.2';
/** `testExternalIP`. */
export const testExternalIP = '192.168.99.11';
/** `testNodeIPv6`. */
export const testNodeIPv6 = '2001:db8::1';
/** `testNodeIPv6Alt`. */
export const testNodeIPv6Alt = '2001:db8:1::2';
/** `testExternalClient`. */
export const testExternalClient = '203.0.113.2';
/** `testExternalClientBlocked`. */
export const testExternalClientBlocked = '203.0.113.130';
/** `testNodeIPs`: every address of the node under test. */
export const testNodeIPs = [testNodeIP, testNodeIPAlt, testExternalIP, testNodeIPv6, testNodeIPv6Alt];
/** The fake proxier's pod CIDR (`NewDetectLocalByCIDR("10.0.0.0/8")`). */
export const podCIDR = '10.0.0.0/8';

/** One `packetFlowTest` literal as upstream writes it; `masq` and `protocol` default as Go's zero values do (false, TCP). */
export interface PacketFlowTest {
  /** Line of the case's `name:` field in the upstream file. */
  line: number;
  name: string;
  sourceIP: string;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  destIP: string;
  destPort: number;
  output: string;
  masq?: boolean;
}

/** An endpoint of an upstream Service: its address and whether its NodeName is the node under test. */
export interface UpstreamEndpoint {
  ip: string;
  local: boolean;
}

/** One port of an upstream Service. */
export interface UpstreamPort {
  port: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  nodePort?: number;
}

/** A Service as the upstream test creates it, reduced to what decides where kube-proxy sends a packet. */
export interface UpstreamService {
  name: string;
  clusterIP: string;
  ports: UpstreamPort[];
  loadBalancerIPs?: string[];
  externalIPs?: string[];
  externalTrafficPolicy?: 'Cluster' | 'Local';
  internalTrafficPolicy?: 'Cluster' | 'Local';
  loadBalancerSourceRanges?: string[];
  endpoints: UpstreamEndpoint[];
}

/** One `runPacketFlowTests` call: the Go test it belongs to, the proxier's state, and the cases. */
export interface PacketFlowGroup {
  /** The Go test's full name up to the case (`TestX` or `TestX/subtest`). */
  test: string;
  services: UpstreamService[];
  /** Why no case of this group can be mapped (a kube-proxy flag or object field the model does not have), if so. */
  unmodelled?: string;
  /** Cases mapped although the group is unmodelled, each with the reason the unmodelled part cannot matter to it. */
  mappedDespite?: Record<string, string>;
  cases: PacketFlowTest[];
}

/** What the app ends up with: delivered or not, masqueraded or not, and whose address it sees. */
export interface Verdict {
  delivered: boolean;
  dropCode?: string;
  masquerade?: boolean;
  appSeesNodeAddress?: boolean;
  appSeesOriginalSource?: boolean;
}

/** A case mapped onto a model state, with the verdict upstream expects there. */
export interface MappedCase {
  kind: 'mapped';
  scenario: 'pod-to-pod' | 'nodeport' | 'loadbalancer';
  params: Record<string, string>;
  expected: Verdict;
  /** Set when the upstream Service has several endpoints: which one the model's endpoint stands for. */
  projection?: string;
  /** Why the case is mapped although its group is otherwise beyond the model. */
  despite?: string;
}

/** A case the model cannot express, and why. */
export interface UnmappedCase {
  kind: 'not-expressible';
  reason: string;
}

/** The podNetwork values a mapped case is checked under: kube-proxy's verdict does not depend on the CNI. */
export const podNetworks = ['bridge', 'routed'] as const;

/** Parses dotted IPv4 text to a number, or null. */
function ipv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

/** True when an IPv4 address lies in an IPv4 CIDR. */
function inCidr(address: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const a = ipv4(address);
  const b = ipv4(base ?? '');
  const n = Number(bits);
  if (a === null || b === null) return false;
  const size = 2 ** (32 - n);
  return Math.floor(a / size) === Math.floor(b / size);
}

/** What the destination of a packet is, for the Service that owns it. */
type Destination =
  | { kind: 'cluster-ip'; service: UpstreamService }
  | { kind: 'node-port'; service: UpstreamService }
  | { kind: 'lb-ip'; service: UpstreamService }
  | { kind: 'external-ip'; service: UpstreamService };

/** Finds the Service port a packet is addressed to, as kube-proxy's maps would. */
function findDestination(group: PacketFlowGroup, c: PacketFlowTest): Destination | null {
  const protocol = c.protocol ?? 'TCP';
  for (const service of group.services) {
    const ports = service.ports.filter((p) => (p.protocol ?? 'TCP') === protocol);
    if (c.destIP === service.clusterIP && ports.some((p) => p.port === c.destPort)) return { kind: 'cluster-ip', service };
    if (c.destIP === testNodeIP && ports.some((p) => p.nodePort === c.destPort)) return { kind: 'node-port', service };
    if (service.loadBalancerIPs?.includes(c.destIP) && ports.some((p) => p.port === c.destPort)) return { kind: 'lb-ip', service };
    if (service.externalIPs?.includes(c.destIP) && ports.some((p) => p.port === c.destPort)) return { kind: 'external-ip', service };
  }
  return null;
}

/** The upstream DNAT targets of an output, without ports. */
function targets(output: string): string[] {
  return output
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t) => t.replace(/:\d+$/, ''));
}

/** Maps one upstream case onto a model state, or says why it cannot be. `proxyMode` is the file's mode. */
export function mapPacketFlowCase(
  group: PacketFlowGroup,
  c: PacketFlowTest,
  proxyMode: 'iptables' | 'nftables',
): MappedCase | UnmappedCase {
  const no = (reason: string): UnmappedCase => ({ kind: 'not-expressible', reason });
  const despite = group.mappedDespite?.[c.name];
  if (group.unmodelled && !despite) return no(group.unmodelled);
  if ((c.protocol ?? 'TCP') !== 'TCP') return no('UDP/SCTP: the model follows one TCP (HTTP) request');
  if (c.sourceIP.includes(':') || c.destIP.includes(':')) return no('IPv6: the model’s address plan is IPv4 only');
  if (inCidr(c.sourceIP, '127.0.0.0/8')) return no('localhost NodePorts (route_localnet): the model has no loopback source');
  const destination = findDestination(group, c);
  if (!destination && c.destIP !== testNodeIP && testNodeIPs.includes(c.destIP)) {
    return no(
      'a NodePort on a secondary node IP (--nodeport-addresses decides whether it takes NodePorts): the model’s nodes have one address each',
    );
  }
  if (!destination) {
    return no(
      'the destination matches no Service port (the case checks what kube-proxy does with a packet that is not for a Service); the model always addresses its one Service',
    );
  }
  const { service } = destination;
  if (service.endpoints.length === 0)
    return no('the Service has no endpoints at all (REJECT); the model’s Service always has its one endpoint');
  if (service.internalTrafficPolicy === 'Local') return no('internalTrafficPolicy: Local is not modelled');
  if (destination.kind === 'external-ip')
    return no('externalIPs are not modelled (the model’s external destinations are the NodePort and a load balancer IP)');
  if (destination.kind === 'lb-ip' && service.loadBalancerSourceRanges) {
    return no('loadBalancerSourceRanges, which apply to a load balancer IP, are not modelled');
  }
  if (['', 'REJECT', 'ACCEPT'].includes(c.output))
    return no(`output "${c.output}" has no counterpart in a model whose Service has a ready endpoint`);

  let source: 'pod' | 'node' | 'external';
  if (inCidr(c.sourceIP, podCIDR)) source = 'pod';
  else if (testNodeIPs.includes(c.sourceIP)) source = 'node';
  else if (service.loadBalancerIPs?.includes(c.sourceIP))
    return no('the source is the load balancer IP itself (a node’s connection SNATed to it): not modelled');
  else source = 'external';

  const hasLocalEndpoint = service.endpoints.some((e) => e.local);
  const policy = service.externalTrafficPolicy ?? 'Cluster';
  const several = service.endpoints.length > 1;
  let scenario: MappedCase['scenario'];
  let params: Record<string, string>;
  let modelEndpointLocal: boolean;
  if (destination.kind === 'cluster-ip') {
    if (source === 'external') return no('an external client sending to a ClusterIP: the model’s ClusterIP callers are pods and nodes');
    const hairpin = !several && service.endpoints[0]!.ip === c.sourceIP;
    scenario = 'pod-to-pod';
    params = {
      via: 'cluster-ip',
      placement: hairpin ? 'self' : hasLocalEndpoint ? 'same-node' : 'other-node',
      caller: source,
    };
    modelEndpointLocal = hasLocalEndpoint;
  } else {
    scenario = destination.kind === 'node-port' ? 'nodeport' : 'loadbalancer';
    params = {
      externalTrafficPolicy: policy,
      entry: hasLocalEndpoint ? 'node-with-endpoint' : 'node-without-endpoint',
      source,
      proxyMode,
      ...(scenario === 'loadbalancer' ? { lb: 'l4-passthrough' } : {}),
    };
    modelEndpointLocal = hasLocalEndpoint;
  }

  let expected: Verdict;
  if (c.output === 'DROP') {
    expected = { delivered: false, dropCode: 'no-local-endpoint' };
  } else {
    const upstreamTargets = targets(c.output);
    const stoodFor = service.endpoints.filter((e) => e.local === modelEndpointLocal && upstreamTargets.includes(e.ip));
    if (stoodFor.length === 0) {
      return no(
        `no upstream target is on the side of the node the model’s endpoint stands for (${modelEndpointLocal ? 'local' : 'remote'})`,
      );
    }
    expected = c.masq
      ? { delivered: true, masquerade: true, appSeesNodeAddress: true }
      : { delivered: true, masquerade: false, appSeesOriginalSource: true };
  }
  const projection = several
    ? `several endpoints: the model’s one endpoint stands for the ${modelEndpointLocal ? 'local' : 'remote'} one`
    : undefined;
  return {
    kind: 'mapped',
    scenario,
    params,
    expected,
    ...(projection ? { projection } : {}),
    ...(despite ? { despite } : {}),
  };
}

/** Roles that mean "an address of a node". */
const nodeRoles = new Set(['entry-node', 'entry-node-bridge', 'endpoint-node']);

/** Roles that mean "the address the packet was sent from": the client, the calling pod, or the calling node itself. */
const originalRoles = new Set(['client', 'source-pod']);

/** The model's verdict for a traced state, in the terms of a packet-flow expectation. */
export function modelVerdict(t: Trace): Verdict {
  if (t.error || t.notices.length > 0) throw new Error(`bad model parameters: ${t.error ?? t.notices.join('; ')}`);
  if (!t.delivered || !t.observed) return { delivered: false, ...(t.dropCode ? { dropCode: t.dropCode } : {}) };
  const remote = t.observed.remoteAddr;
  const sentFrom = t.hops[0]!.src;
  return {
    delivered: true,
    masquerade: t.hops.some((h) => h.kind === 'snat'),
    appSeesNodeAddress: nodeRoles.has(remote.role),
    appSeesOriginalSource: remote.ip === sentFrom.ip && (originalRoles.has(remote.role) || sentFrom.role === remote.role),
  };
}

/** Traces a mapped case in the model under one pod network. */
export function traceMapped(m: MappedCase, podNetwork: (typeof podNetworks)[number]): Trace {
  return trace(m.scenario, { ...m.params, podNetwork });
}

/** The Go test name of a case, as `go test -run` and the upstream failure message name it. */
export function goTestName(group: PacketFlowGroup, c: PacketFlowTest): string {
  return `${group.test}/${c.name}`;
}

/**
 * Applies upstream per-variant overrides (TestInternalExternalMasquerade: "Merge base flowTests with per-test-case
 * overrides") to the base cases, as the Go test does.
 */
export function withOverrides(
  base: readonly PacketFlowTest[],
  overrides: Record<string, { output?: string; masq?: boolean }>,
): PacketFlowTest[] {
  return base.map((c) => {
    const o = overrides[c.name];
    return o ? { ...c, ...(o.output !== undefined ? { output: o.output } : {}), ...(o.masq !== undefined ? { masq: o.masq } : {}) } : c;
  });
}
