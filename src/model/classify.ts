/**
 * `classifyAddress`: what an address an app logged probably is, given what the
 * reader knows of the cluster (pod CIDR, node addresses, load balancer
 * addresses or ranges, ingress pod addresses), with the reason.
 */
import { compileRanges, findRange, parseHostEntry } from './ip.ts';
import { quote } from './text.ts';

/** What a logged address can be recognised as. */
export const addressClasses = [
  'client-or-external',
  'pod',
  'pod-network-gateway',
  'node',
  'load-balancer',
  'ingress-pod',
  'unknown',
] as const;

/** One of the address classes. */
export type AddressClass = (typeof addressClasses)[number];

/** What the reader knows of the cluster; every field optional, each a list of addresses or CIDR ranges. */
export interface ClusterInfo {
  podCidr?: string[];
  nodeAddresses?: string[];
  loadBalancers?: string[];
  ingressPods?: string[];
}

/** What classifyAddress says of one text: its class and why; `notAnAddress` marks text that is not an IP address at all. */
export interface AddressClassification {
  role: AddressClass;
  reason: string;
  notAnAddress?: true;
}

/** Ranges that are never a client on the public internet. */
const PRIVATE_RANGES = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  'fc00::/7',
  'fe80::/10',
  '127.0.0.0/8',
  '::1/128',
];

/** Classifies one address, with the reason in a sentence. */
export function classifyAddress(ip: string, cluster: ClusterInfo = {}): AddressClassification {
  const parsed = parseHostEntry(typeof ip === 'string' ? ip.trim() : '');
  if (!parsed.ok) return { role: 'unknown', reason: `${quote(String(ip))} is not an IP address.`, notAnAddress: true };
  const address = parsed.value;
  const match = (list: readonly string[] | undefined) => findRange(compileRanges(list), address);
  const lb = match(cluster.loadBalancers);
  if (lb) return { role: 'load-balancer', reason: `in ${lb.text}, which you gave as a load balancer address.` };
  const node = match(cluster.nodeAddresses);
  if (node) return { role: 'node', reason: `in ${node.text}, which you gave as a node address.` };
  const ingress = match(cluster.ingressPods);
  if (ingress) return { role: 'ingress-pod', reason: `in ${ingress.text}, which you gave as an ingress controller or gateway pod.` };
  const pod = match(cluster.podCidr);
  if (pod) {
    // Bridge CNIs give each node a slice of the pod CIDR and its first address to the bridge (cni0).
    const lastOctet = address.family === 'ipv4' ? Number(address.value & 0xffn) : -1;
    if (lastOctet === 1)
      return {
        role: 'pod-network-gateway',
        reason: `inside the pod CIDR ${pod.text} and ends in .1: likely a node's bridge gateway (cni0).`,
      };
    return { role: 'pod', reason: `inside the pod CIDR ${pod.text}: a pod.` };
  }
  const privateRange = findRange(compileRanges(PRIVATE_RANGES), address);
  if (privateRange) {
    return {
      role: 'unknown',
      reason: `a private address (${privateRange.text}) outside the ranges you gave: a node, a load balancer or a proxy of yours, not a client on the internet. Add your cluster's ranges to tell which.`,
    };
  }
  return {
    role: 'client-or-external',
    reason: 'a public address outside your cluster: a client, or an address a client wrote into a header.',
  };
}
