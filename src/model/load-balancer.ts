/**
 * The cloud load balancer in front of the cluster, one hop function for every listener: passthrough (the client's
 * address kept, as GKE's and AKS's TCP load balancers and AWS NLB instance targets do), a TCP proxy (HAProxy
 * `mode tcp`), a TCP proxy sending a PROXY header (`send-proxy`), an HTTP proxy appending to X-Forwarded-For (HAProxy
 * `mode http`, `option forwardfor`). The generic listener sends to the entry node's NodePort; a provider's load balancer
 * sends where its catalogue record says (a NodePort, the node with the load balancer IP kept, or the pod itself).
 */
import { type NodeName, addressOf, nodeAddress, plan } from './addresses.ts';
import type { CauseId } from './cause-ids.ts';
import type { ForwardedForStyle, LoadBalancerPath } from './cloud/load-balancers.ts';
import { X_FORWARDED_FOR, appendLine, formatValues } from './headers.ts';
import { type Flow, type L7Policy, checkedStage, drop, l4Proxy, l7Proxy, passThrough, snat } from './hops.ts';
import type { Endpoint } from './kube-proxy.ts';
import { nodePlace, placeNames } from './places.ts';
import type { Address } from './roles.ts';

/** The load balancer's listener: HTTP that appends to X-Forwarded-For, L4 that keeps the client address, L4 that proxies, L4 that proxies with a PROXY header. */
export type LoadBalancerKind = 'l7-http' | 'l4-passthrough' | 'l4-proxy' | 'l4-proxy-protocol';

/** The port the client connects from, where a load balancer writes it into X-Forwarded-For (Azure Application Gateway). */
const clientPort = 51234;

/** The entries an HTTP listener appends for its peer, in its own style. */
function appendedEntries(peer: Address, style: ForwardedForStyle): Address[] {
  switch (style) {
    case 'peer':
      return [peer];
    case 'peer-then-lb-ip':
      // Google's front ends add the client they saw, then the forwarding rule's own (public) address.
      return [peer, addressOf(plan.lbVip, 'load-balancer')];
    case 'peer-with-port':
      return [{ ...peer, port: clientPort }];
  }
}

/** How a sentence describes the entries appended in each style. */
const appendedWords: Record<ForwardedForStyle, (peer: string) => string> = {
  peer: (peer) => `the peer ${peer}`,
  'peer-then-lb-ip': (peer) => `the peer ${peer}, then its own forwarding-rule address ${plan.lbVip},`,
  'peer-with-port': (peer) => `the peer with its port, ${peer}:${clientPort},`,
};

/**
 * An HTTP listener's policy: trust nothing, pass the client's headers on, and append the peer (in the listener's own
 * style) as an X-Forwarded-For line of its own (HAProxy `option forwardfor`; AWS ALB and Alibaba CLB layer 7 append
 * the same address). `cause` is what the hop records: for an in-cluster caller, that it went out at all.
 */
export function appendClientPolicy(style: ForwardedForStyle = 'peer', cause: CauseId = 'l7-load-balancer-peer'): L7Policy {
  return {
    name: 'The load balancer',
    forward: (received) => ({
      headers: appendLine(received.headers, X_FORWARDED_FOR, appendedEntries(received.src, style)),
      what: `terminates HTTP and opens its own connection; it appends ${appendedWords[style](received.src.ip)} to X-Forwarded-For as a line of its own${
        received.headers.length > 0 ? ` (the client's own line "${formatValues(received.headers[0]!.values)}" is kept before it)` : ''
      }.`,
      cause,
    }),
  };
}

/** Where the load balancer sends, and how a sentence names it. */
function targetOf(flow: Flow, path: LoadBalancerPath, entry: NodeName, endpoint: Endpoint): { address: Address; words: string } {
  switch (path.target) {
    case 'node-port': {
      const address = nodeAddress(entry, 'node-port');
      return { address, words: `node ${entry}'s NodePort ${address.ip}:${plan.nodePort}` };
    }
    case 'node-lb-ip':
      return { address: flow.packet.dst, words: `node ${entry}, still addressed to the load balancer IP ${flow.packet.dst.ip}` };
    case 'pod-ip':
      return { address: endpoint.address, words: `the pod ${endpoint.address.ip} itself (no NodePort, no kube-proxy)` };
  }
}

/**
 * The load balancer forwards the request as its path says: to the entry node (its NodePort, or with the load balancer
 * IP kept) or straight to `endpoint`, the Service's pod.
 */
export function loadBalancerHop(
  flow: Flow,
  path: LoadBalancerPath,
  entry: NodeName,
  endpoint: Endpoint,
  caller: 'outside' | 'in-cluster' = 'outside',
): Flow {
  // A provider's firewall at the load balancer compares the peer, before anything else happens there.
  const check = path.checksSourceRanges ? { by: 'load-balancer' as const, compares: flow.packet.src } : null;
  return checkedStage(flow, check, (f) => forward(f, path, entry, endpoint, caller));
}

/** The load balancer's forwarding itself, as loadBalancerHop's path says. */
function forward(flow: Flow, path: LoadBalancerPath, entry: NodeName, endpoint: Endpoint, caller: 'outside' | 'in-cluster'): Flow {
  // For a caller inside the cluster, what decides the app's answer is that its request went out at all.
  const recorded = (cause: CauseId): CauseId => (caller === 'in-cluster' ? 'in-cluster-caller-goes-out' : cause);
  const self = addressOf(plan.loadBalancer, 'load-balancer');
  const target = targetOf(flow, path, entry, endpoint);
  const peer = flow.packet.src;
  if (path.kind === 'l7-http') {
    const policy = appendClientPolicy(path.forwardedFor ?? 'peer', recorded('l7-load-balancer-peer'));
    return l7Proxy(flow, 'load-balancer', { src: self, dst: target.address }, policy);
  }
  const header = path.proxyProtocol ? peer : null;
  const headerWords = header ? ` and writes a PROXY protocol header naming ${peer.ip} in front of the stream` : '';
  const cause: CauseId = recorded(header ? 'proxy-protocol-source' : 'l4-proxy-without-proxy-protocol');
  if (path.keepsSource) {
    // The caller's address passes unchanged, so without a PROXY header this hop records no cause: the sender's stands.
    return passThrough(
      flow,
      'load-balancer',
      { dst: target.address, proxyProtocol: header },
      `The load balancer passes the packet to ${target.words}, keeping the source address ${peer.ip}${headerWords}.`,
      header ? cause : undefined,
    );
  }
  return l4Proxy(
    flow,
    'load-balancer',
    { src: self, dst: target.address, proxyProtocol: header },
    header
      ? `The load balancer opens its own TCP connection from ${self.ip} to ${target.words}${headerWords}.`
      : `The load balancer opens its own TCP connection from ${self.ip} to ${target.words}; the client's address stays behind.`,
    cause,
  );
}

/**
 * An in-cluster caller's request to the load balancer IP goes out to the load balancer and back (ipMode Proxy, or a
 * status with a hostname only): the caller's node sends it from its own address (a pod's packet is masqueraded on its
 * way out of the cluster network), the load balancer forwards it, and one that keeps the caller's address and sends
 * it back to the caller's own node loops: the node drops it.
 */
export function outAndBack(flow: Flow, path: LoadBalancerPath, entry: NodeName, endpoint: Endpoint): Flow {
  const node = nodeAddress(entry, 'entry-node');
  const place = nodePlace(entry);
  const leaving =
    flow.packet.src.ip === node.ip
      ? flow
      : snat(
          flow,
          place,
          node,
          `The packet leaves the cluster network, so ${placeNames[place]} masquerades it to its own address ${node.ip} (the pod network's outgoing NAT).`,
          'in-cluster-caller-goes-out',
        );
  const through = loadBalancerHop(leaving, path, entry, endpoint, 'in-cluster');
  if (path.keepsSource && path.target !== 'pod-ip') {
    return drop(
      through,
      place,
      'load-balancer-loopback',
      `The load balancer kept the caller's address ${node.ip} and sent the connection back to ${placeNames[place]}, the node it came from: the node drops a packet that claims to come from itself, so the connection times out.`,
    );
  }
  return through;
}
