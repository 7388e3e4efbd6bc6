/**
 * How requests spread over pods (kubernetes issues 68474 and 97147):
 * with `Local`, a load balancer that weighs nodes equally splits per node, not per pod.
 */
import type { ExternalTrafficPolicy } from './kube-proxy.ts';

/** How the load balancer weighs the nodes that pass its health check: equally, or by their number of pods. */
export type NodeWeighting = 'per-node' | 'per-pod';

/** A cluster's pods per node, the Service's policy and the load balancer's weighting. */
export interface LoadInput {
  podsPerNode: readonly number[];
  policy: ExternalTrafficPolicy;
  weighting: NodeWeighting;
}

/**
 * The share of all requests each pod receives, per node. With `Cluster` every
 * node spreads over every pod; with `Local` a node passes its health check only
 * with a pod, and splits what it gets among its own pods.
 */
export function distributeLoad(input: LoadInput): number[][] {
  const pods = input.podsPerNode.map((n) => (Number.isInteger(n) && n > 0 ? n : 0));
  const total = pods.reduce((a, b) => a + b, 0);
  if (total === 0) return pods.map(() => []);
  if (input.policy === 'Cluster' || input.weighting === 'per-pod') return pods.map((n) => new Array<number>(n).fill(1 / total));
  const healthyNodes = pods.filter((n) => n > 0).length;
  return pods.map((n) => new Array<number>(n).fill(1 / healthyNodes / n));
}

/**
 * The share of all requests the load balancer sends to each node. It sends only to nodes that pass its health check:
 * with `Cluster` every node does (each forwards to any pod), with `Local` only nodes with a pod (the others answer
 * 503 on the health check node port). Equal weighting splits evenly over those nodes; per-pod weighting by their pods.
 */
export function nodeShares(input: LoadInput): number[] {
  const pods = input.podsPerNode.map((n) => (Number.isInteger(n) && n > 0 ? n : 0));
  const total = pods.reduce((a, b) => a + b, 0);
  if (total === 0) return pods.map(() => 0);
  if (input.policy === 'Cluster') return pods.map(() => 1 / pods.length);
  if (input.weighting === 'per-pod') return pods.map((n) => n / total);
  const healthyNodes = pods.filter((n) => n > 0).length;
  return pods.map((n) => (n > 0 ? 1 / healthyNodes : 0));
}
