/** Names of places, for hops and for sentences. */
import type { NodeName } from './addresses.ts';
import type { Place } from './hops.ts';

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
