/**
 * The one address plan every scenario uses, from documentation and benchmark
 * ranges only, so that every page can name "the client 203.0.113.7".
 *
 * Two nodes, A and B. The service's single endpoint runs on node A.
 */
import type { Address, Role } from './roles.ts';

/** The two nodes: A runs the endpoint, B does not. */
export type NodeName = 'A' | 'B';

/** How pods attach to their node: a Linux bridge with a gateway address (cni0), or routed veths with no address on the host side (Calico style). */
export type PodNetwork = 'bridge' | 'routed';

/** The fixed addresses of the topology. */
export const plan = {
  client: '203.0.113.7',
  spoofed: '203.0.113.66',
  lbVip: '198.51.100.10',
  loadBalancer: '192.0.2.2',
  nodeNetwork: '192.0.2.0/24',
  clusterCidr: '198.18.0.0/16',
  serviceCidr: '198.19.0.0/16',
  clusterIp: '198.19.0.10',
  nodePort: 30080,
  healthCheckNodePort: 32000,
  nodes: {
    A: { ip: '192.0.2.11', podCidr: '198.18.1.0/24', bridgeGateway: '198.18.1.1', pod: '198.18.1.20' },
    B: { ip: '192.0.2.12', podCidr: '198.18.2.0/24', bridgeGateway: '198.18.2.1', pod: '198.18.2.20' },
  },
  appPod: '198.18.1.10',
  ingressPod: '198.18.1.30',
  /** The gateway's data-plane pod runs where the ingress controller would, on node A. */
  gatewayPod: '198.18.1.30',
} as const;

/** Builds an address with its role. */
export function addressOf<R extends Role>(ip: string, role: R): Address<R> {
  return { ip, role };
}

/** A node's own address, in the role it plays for this packet. */
export function nodeAddress(node: NodeName, role: 'entry-node' | 'endpoint-node' | 'node-port'): Address {
  return addressOf(plan.nodes[node].ip, role);
}

/**
 * The source address a node uses towards a pod, for its own connections and
 * when it masquerades: routing picks the address of the outgoing interface.
 * Towards another node that is the node IP; towards a local pod it is the
 * bridge gateway (cni0) with a bridge, and the node IP with routed veths, which
 * carry no address.
 */
export function nodeSourceAddress(node: NodeName, podNode: NodeName, podNetwork: PodNetwork): Address {
  if (node === podNode && podNetwork === 'bridge') return addressOf(plan.nodes[node].bridgeGateway, 'entry-node-bridge');
  return nodeAddress(node, 'entry-node');
}
