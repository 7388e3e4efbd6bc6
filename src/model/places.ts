/** Names of places, for hops and for sentences. */
import type { NodeName } from './addresses.ts';
import type { HopKind, Place } from './hops.ts';

/** The place of a node. */
export function nodePlace(node: NodeName): Place {
  return node === 'A' ? 'node-A' : 'node-B';
}

/** Each place's name in a sentence and its label in a diagram, side by side in one table so they cannot drift apart. */
const placeTexts: Record<Place, { name: string; label: string }> = {
  client: { name: 'the client', label: 'Client' },
  'source-pod': { name: 'the calling pod', label: 'Calling pod' },
  'load-balancer': { name: 'the load balancer', label: 'Load balancer' },
  'node-A': { name: 'node A', label: 'Node A (endpoint)' },
  'node-B': { name: 'node B', label: 'Node B' },
  'ingress-pod': { name: 'the ingress controller pod', label: 'ingress-nginx pod' },
  'gateway-pod': { name: 'the gateway’s data-plane pod', label: 'Gateway data plane' },
  'app-pod': { name: 'the app pod', label: 'App pod' },
};

/** The places, in the order of the table above. */
const places = Object.keys(placeTexts) as Place[];

/** How a place is named in a sentence. */
export const placeNames = Object.fromEntries(places.map((p) => [p, placeTexts[p].name])) as Record<Place, string>;

/** How a place is labelled in a diagram. */
export const placeLabels = Object.fromEntries(places.map((p) => [p, placeTexts[p].label])) as Record<Place, string>;

/** How a hop kind is named in tables and diagram labels. */
export const hopKindNames: Record<HopKind, string> = {
  route: 'route',
  dnat: 'DNAT',
  snat: 'SNAT',
  'l4-proxy': 'L4 proxy',
  'l7-proxy': 'L7 proxy',
  drop: 'drop',
};
