/**
 * The cloud load balancer in front of the cluster, one hop function per
 * listener kind: passthrough (the client's address kept, as GKE's and AKS's TCP load balancers and
 * AWS NLB instance targets do), a TCP proxy (HAProxy `mode tcp`), a TCP proxy sending a PROXY header
 * (`send-proxy`), an HTTP proxy appending to X-Forwarded-For (HAProxy `mode http`, `option forwardfor`).
 * It sends to the entry node's NodePort.
 */
import { type NodeName, addressOf, nodeAddress, plan } from './addresses.ts';
import { X_FORWARDED_FOR, appendLine, formatValues } from './headers.ts';
import { type Flow, type L7Policy, dnat, l4Proxy, l7Proxy } from './hops.ts';

/** The load balancer's listener: HTTP that appends to X-Forwarded-For, L4 that keeps the client address, L4 that proxies, L4 that proxies with a PROXY header. */
export type LoadBalancerKind = 'l7-http' | 'l4-passthrough' | 'l4-proxy' | 'l4-proxy-protocol';

/**
 * An HTTP listener's policy: trust nothing, pass the client's headers on, and
 * append the peer as an X-Forwarded-For line of its own (HAProxy `option
 * forwardfor`; AWS ALB and Alibaba CLB layer 7 append the same address).
 */
export const appendClientPolicy: L7Policy = {
  name: 'The load balancer',
  forward: (received) => ({
    headers: appendLine(received.headers, X_FORWARDED_FOR, [received.src]),
    what: `terminates HTTP and opens its own connection; it appends the peer ${received.src.ip} to X-Forwarded-For as a line of its own${
      received.headers.length > 0 ? ` (the client's own line "${formatValues(received.headers[0]!.values)}" is kept before it)` : ''
    }.`,
    cause: 'l7-load-balancer-peer',
  }),
};

/** The load balancer forwards the request to the entry node's NodePort, as its listener kind does. */
export function cloudLoadBalancer(flow: Flow, kind: LoadBalancerKind, entry: NodeName): Flow {
  const target = nodeAddress(entry, 'node-port');
  const self = addressOf(plan.loadBalancer, 'load-balancer');
  const toNode = `node ${entry}'s NodePort ${target.ip}:${plan.nodePort}`;
  switch (kind) {
    case 'l7-http':
      return l7Proxy(flow, 'load-balancer', { src: self, dst: target }, appendClientPolicy);
    case 'l4-passthrough':
      // The client's address passes unchanged, so this hop records no cause: the sender's stands.
      return dnat(flow, 'load-balancer', target, `The load balancer passes the packet to ${toNode}, keeping the client's source address.`);
    case 'l4-proxy':
      return l4Proxy(
        flow,
        'load-balancer',
        { src: self, dst: target, proxyProtocol: null },
        `The load balancer opens its own TCP connection from ${self.ip} to ${toNode}; the client's address stays behind.`,
        'l4-proxy-without-proxy-protocol',
      );
    case 'l4-proxy-protocol':
      return l4Proxy(
        flow,
        'load-balancer',
        { src: self, dst: target, proxyProtocol: flow.packet.src },
        `The load balancer opens its own TCP connection from ${self.ip} to ${toNode} and writes a PROXY protocol header naming ${flow.packet.src.ip} in front of the stream.`,
        'proxy-protocol-source',
      );
  }
}
