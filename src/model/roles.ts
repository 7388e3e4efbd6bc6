/**
 * Roles: what an address is, so that pages can say "node B's address" and
 * tests can compare meanings rather than literals.
 */

/** Roles of a packet's or a header's source address. */
export const sourceRoles = [
  'client', // the real client outside the cluster
  'source-pod', // the calling pod
  'load-balancer', // the load balancer's own address towards the nodes
  'entry-node', // the node the traffic entered: its node IP (or its tunnel address with an overlay)
  'entry-node-bridge', // the entry node's pod-network gateway (e.g. cni0), when it masquerades towards a local pod on a bridge
  'endpoint-node', // the node running the endpoint, where it differs from the entry node
  'ingress-pod', // the ingress controller pod
  'gateway-pod', // a Gateway API implementation's data-plane pod
  'spoofed', // an address the client wrote into a header itself
] as const;

/** Roles of a packet's destination address. */
export const destinationRoles = ['app-pod', 'cluster-ip', 'node-port', 'lb-vip', 'ingress-pod', 'gateway-pod'] as const;

/** What a source address is. */
export type SourceRole = (typeof sourceRoles)[number];

/** What a destination address is. */
export type DestinationRole = (typeof destinationRoles)[number];

/** Any role an address can play. */
export type Role = SourceRole | DestinationRole;

/** An address together with the role it plays where it is seen. */
export interface Address<R extends Role = Role> {
  ip: string;
  role: R;
  /** The port written beside the address in a header entry, where a proxy writes one (Azure Application Gateway: `203.0.113.7:51234`). */
  port?: number;
}

/** Every role, sources first, without repeats. */
export const roles: readonly Role[] = [...new Set<Role>([...sourceRoles, ...destinationRoles])];

/** How a role is named in answer tables, sentences and diagram descriptions. */
export const roleNames: Record<Role, string> = {
  client: 'the client',
  'source-pod': 'the calling pod',
  'load-balancer': 'the load balancer',
  'entry-node': 'the entry node',
  'entry-node-bridge': 'the entry node’s pod-network gateway',
  'endpoint-node': 'the endpoint’s node',
  'ingress-pod': 'the ingress controller pod',
  'gateway-pod': 'the gateway’s data-plane pod',
  spoofed: 'a forged address',
  'app-pod': 'the app pod',
  'cluster-ip': 'the ClusterIP',
  'node-port': 'a node’s NodePort',
  'lb-vip': 'the load balancer IP',
};

/**
 * Pod to pod has no entry node: the node roles there are the caller's own node (a node calling, or a pod reaching its
 * own Service through kube-proxy on its node).
 */
const podToPodRoleNames: Partial<Record<Role, string>> = {
  'entry-node': 'the caller’s node',
  'entry-node-bridge': 'the pod-network gateway of the caller’s node',
};

/** The name of a role in a scenario's answer: pod to pod names its node roles after the caller. */
export function roleName(role: Role, scenario: string): string {
  return (scenario === 'pod-to-pod' ? podToPodRoleNames[role] : undefined) ?? roleNames[role];
}

/** True when the text names a role. */
export function isRole(text: string): text is Role {
  return (roles as readonly string[]).includes(text);
}
