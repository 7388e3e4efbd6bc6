/** Where a request starts: the client outside, a pod, or a node, with or without a forged header. */
import { type NodeName, addressOf, plan } from './addresses.ts';
import { X_FORWARDED_FOR } from './headers.ts';
import { type Flow, type HeaderLine, type Place, send } from './hops.ts';
import { nodePlace } from './places.ts';
import type { Address } from './roles.ts';

/** Whether the client writes an `X-Forwarded-For` of its own, naming an address it made up. */
export type SpoofedHeader = 'none' | 'present';

/** The headers a sender writes itself. */
export function senderHeaders(spoofed: SpoofedHeader): HeaderLine[] {
  return spoofed === 'present' ? [{ name: X_FORWARDED_FOR, values: [addressOf(plan.spoofed, 'spoofed')] }] : [];
}

/** A request from the client outside the cluster: its own address, and its own X-Forwarded-For if it forges one. */
export function fromClient(dst: Address, spoofed: SpoofedHeader): Flow {
  const headers = senderHeaders(spoofed);
  const forged = spoofed === 'present' ? `, with a forged "X-Forwarded-For: ${plan.spoofed}"` : '';
  return send(
    'client',
    { src: addressOf(plan.client, 'client'), dst, headers, proxyProtocol: null },
    `The client ${plan.client} connects to ${dst.ip}${forged}.`,
    spoofed === 'present' ? 'forged-header-passed-through' : 'client-arrives',
  );
}

/** A request from a pod on the given node (or from the given pod address). */
export function fromPod(node: NodeName, dst: Address, spoofed: SpoofedHeader, podIp: string = plan.nodes[node].pod): Flow {
  const place: Place = 'source-pod';
  return send(
    place,
    { src: addressOf(podIp, 'source-pod'), dst, headers: senderHeaders(spoofed), proxyProtocol: null },
    `A pod ${podIp} on node ${node} connects to ${dst.ip}.`,
    'in-cluster-caller',
  );
}

/** A request from a node itself (or a hostNetwork pod), from the given source address. */
export function fromNode(node: NodeName, src: Address, dst: Address, spoofed: SpoofedHeader): Flow {
  return send(
    nodePlace(node),
    { src, dst, headers: senderHeaders(spoofed), proxyProtocol: null },
    `Node ${node} itself connects to ${dst.ip} from ${src.ip}.`,
    'hairpin-or-host-caller',
  );
}
