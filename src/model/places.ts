/** Names of places, for hops and for sentences. */
import type { NodeName } from './addresses.ts';
import type { HopKind, Place } from './hops.ts';

/** The place of a node. */
export function nodePlace(node: NodeName): Place {
  return node === 'A' ? 'node-A' : 'node-B';
}

/** How a place is named in a sentence. */
export const placeNames: Record<Place, string> = {
  client: 'the client',
  'source-pod': 'the calling pod',
  'load-balancer': 'the load balancer',
  'node-A': 'node A',
  'node-B': 'node B',
  'ingress-pod': 'the ingress controller pod',
  'app-pod': 'the app pod',
};

/** How a hop kind is named in tables and diagram labels. */
export const hopKindNames: Record<HopKind, string> = {
  route: 'route',
  dnat: 'DNAT',
  snat: 'SNAT',
  'l4-proxy': 'L4 proxy',
  'l7-proxy': 'L7 proxy',
  drop: 'drop',
};
