/**
 * The lab's hosts as network namespaces: a client, a load balancer, a switch,
 * two nodes, pods on node A's bridge and on routed veths, a pod on node B.
 * Every name carries the run's tag, so two runs never collide and teardown
 * removes exactly what this run made.
 */
import { lab } from './plan.ts';
import { must } from './shell.ts';

/** The namespaces of one run, by role. */
export interface Namespaces {
  client: string;
  lb: string;
  sw: string;
  nodeA: string;
  nodeB: string;
  appBridge: string;
  appRouted: string;
  ingressBridge: string;
  ingressRouted: string;
  podA: string;
  podB: string;
}

/** Names the namespaces of a run. */
export function namespaces(tag: string): Namespaces {
  const n = (role: string) => `fg${tag}-${role}`;
  return {
    client: n('client'),
    lb: n('lb'),
    sw: n('sw'),
    nodeA: n('node-a'),
    nodeB: n('node-b'),
    appBridge: n('app-br'),
    appRouted: n('app-rt'),
    ingressBridge: n('ing-br'),
    ingressRouted: n('ing-rt'),
    podA: n('pod-a'),
    podB: n('pod-b'),
  };
}

/** Runs `ip` inside a namespace. */
function ipIn(ns: string, ...args: string[]): Promise<string> {
  return must('ip', ['-n', ns, ...args]);
}

/** Sets a sysctl inside a namespace, through /proc/sys (no dependency on procps). */
function sysctl(ns: string, key: string, value: string): Promise<string> {
  const path = `/proc/sys/${key.replaceAll('.', '/')}`;
  return must('ip', ['netns', 'exec', ns, 'sh', '-c', `echo ${value} > ${path}`]);
}

/** Creates a veth pair whose ends are born in their namespaces, never in the root one. */
async function veth(nsA: string, nameA: string, nsB: string, nameB: string): Promise<void> {
  await must('ip', ['link', 'add', nameA, 'netns', nsA, 'type', 'veth', 'peer', 'name', nameB, 'netns', nsB]);
  await ipIn(nsA, 'link', 'set', nameA, 'up');
  await ipIn(nsB, 'link', 'set', nameB, 'up');
}

/** Attaches a pod to a node's bridge: its address, its default route, and hairpin mode on its bridge port (needed for a pod to reach itself through its Service). */
async function bridgedPod(node: string, port: string, pod: string, ip: string, gateway: string): Promise<void> {
  await veth(pod, 'eth0', node, port);
  await ipIn(node, 'link', 'set', port, 'master', 'cni0');
  await must('ip', ['netns', 'exec', node, 'bridge', 'link', 'set', 'dev', port, 'hairpin', 'on']);
  await ipIn(pod, 'addr', 'add', `${ip}/24`, 'dev', 'eth0');
  await ipIn(pod, 'route', 'add', 'default', 'via', gateway);
}

/** Attaches a pod Calico-style: a /32 address, a host-side veth with no address, a /32 route, and proxy ARP answering for the pod's next hop. */
async function routedPod(node: string, port: string, pod: string, ip: string): Promise<void> {
  await veth(pod, 'eth0', node, port);
  await ipIn(pod, 'addr', 'add', `${ip}/32`, 'dev', 'eth0');
  await ipIn(pod, 'route', 'add', `${lab.routedGateway}/32`, 'dev', 'eth0');
  await ipIn(pod, 'route', 'add', 'default', 'via', lab.routedGateway, 'dev', 'eth0');
  await ipIn(node, 'route', 'add', `${ip}/32`, 'dev', port);
  await sysctl(node, `net.ipv4.conf.${port}.proxy_arp`, '1');
  await sysctl(node, `net.ipv4.neigh.${port}.proxy_delay`, '0');
}

/** A node's kernel settings; new namespaces start from kernel defaults, not the host's. */
async function nodeSysctls(ns: string): Promise<void> {
  await sysctl(ns, 'net.ipv4.ip_forward', '1');
  await sysctl(ns, 'net.ipv4.conf.all.rp_filter', '0');
  await sysctl(ns, 'net.ipv4.conf.default.rp_filter', '0');
  await sysctl(ns, 'net.ipv4.conf.all.route_localnet', '1');
  await sysctl(ns, 'net.bridge.bridge-nf-call-iptables', '1');
}

/** Builds every namespace, link, address and route of the topology. */
export async function build(ns: Namespaces): Promise<void> {
  for (const name of Object.values(ns)) {
    await must('ip', ['netns', 'add', name]);
    await ipIn(name, 'link', 'set', 'lo', 'up');
  }
  // Client and load balancer: the client's only way out is the load balancer, which also routes to the nodes.
  await veth(ns.client, 'eth0', ns.lb, 'cl');
  await ipIn(ns.client, 'addr', 'add', `${lab.client}/24`, 'dev', 'eth0');
  await ipIn(ns.client, 'route', 'add', 'default', 'via', lab.lbVip);
  await ipIn(ns.lb, 'addr', 'add', `${lab.lbVip}/24`, 'dev', 'cl');
  await sysctl(ns.lb, 'net.ipv4.ip_forward', '1');
  // The node network: a bridge in the switch namespace joins the load balancer and both nodes.
  await ipIn(ns.sw, 'link', 'add', 'br0', 'type', 'bridge');
  await ipIn(ns.sw, 'link', 'set', 'br0', 'up');
  for (const [host, port, ip] of [
    [ns.lb, 'lb', lab.loadBalancer],
    [ns.nodeA, 'na', lab.nodeA],
    [ns.nodeB, 'nb', lab.nodeB],
  ] as const) {
    await veth(host, 'eth0', ns.sw, port);
    await ipIn(ns.sw, 'link', 'set', port, 'master', 'br0');
    await ipIn(host, 'addr', 'add', `${ip}/24`, 'dev', 'eth0');
  }
  for (const node of [ns.nodeA, ns.nodeB]) {
    await nodeSysctls(node);
    await ipIn(node, 'route', 'add', 'default', 'via', lab.loadBalancer);
    await ipIn(node, 'link', 'add', 'cni0', 'type', 'bridge');
    await ipIn(node, 'link', 'set', 'cni0', 'up');
  }
  await ipIn(ns.nodeA, 'addr', 'add', `${lab.bridgeA.gateway}/24`, 'dev', 'cni0');
  await ipIn(ns.nodeB, 'addr', 'add', `${lab.bridgeB.gateway}/24`, 'dev', 'cni0');
  // Host-gateway routing between the nodes' pod ranges.
  await ipIn(ns.nodeA, 'route', 'add', '198.19.2.0/24', 'via', lab.nodeB);
  await ipIn(ns.nodeB, 'route', 'add', '198.19.1.0/24', 'via', lab.nodeA);
  await ipIn(ns.nodeB, 'route', 'add', '198.19.3.0/24', 'via', lab.nodeA);
  await bridgedPod(ns.nodeA, 'vapp', ns.appBridge, lab.bridgeA.app, lab.bridgeA.gateway);
  await bridgedPod(ns.nodeA, 'ving', ns.ingressBridge, lab.bridgeA.ingress, lab.bridgeA.gateway);
  await bridgedPod(ns.nodeA, 'vpod', ns.podA, lab.bridgeA.pod, lab.bridgeA.gateway);
  await bridgedPod(ns.nodeB, 'vpod', ns.podB, lab.bridgeB.pod, lab.bridgeB.gateway);
  await routedPod(ns.nodeA, 'caliapp', ns.appRouted, lab.routedA.app);
  await routedPod(ns.nodeA, 'caliing', ns.ingressRouted, lab.routedA.ingress);
}

/** Deletes every namespace of the run that still exists; never throws. */
export async function destroy(ns: Namespaces): Promise<void> {
  for (const name of Object.values(ns)) await must('ip', ['netns', 'del', name]).catch(() => undefined);
}
