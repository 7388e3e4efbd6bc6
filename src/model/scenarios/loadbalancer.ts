/** A client reaches the app through a cloud load balancer and a LoadBalancer Service. */
import { type Cloud, deriveCloudParams, loadBalancerPath } from '../cloud/load-balancers.ts';
import {
  cloudParam,
  entryParam,
  externalTrafficPolicyParam,
  ipModeParam,
  lbParam,
  podNetworkParam,
  proxyModeParam,
  proxyProtocolParam,
  sourceParam,
  spoofedHeaderParam,
} from '../common-params.ts';
import { deliverToPod } from '../kube-proxy.ts';
import { loadBalancerHop, outAndBack } from '../load-balancer.ts';
import { pipe } from '../hops.ts';
import { proxyProtocolListener } from '../proxy-protocol.ts';
import { defineScenario } from '../scenario.ts';
import { fromClient } from '../senders.ts';
import { appPodEndpoint, externalEntryOf, fromInside, lbVip, throughKubeProxy } from './external-entry.ts';

/**
 * LoadBalancer: the provider (or the generic listener) decides what reaches the node or the pod; kube-proxy does the
 * rest where the load balancer sends to a node. Callers inside the cluster skip the load balancer unless its status
 * says otherwise (ipMode Proxy, or a hostname only).
 */
export const loadbalancer = defineScenario({
  id: 'loadbalancer',
  title: 'LoadBalancer',
  summary: 'A cloud load balancer sends the client to a node, and kube-proxy forwards it to the pod.',
  params: [
    cloudParam,
    lbParam,
    proxyProtocolParam,
    externalTrafficPolicyParam,
    entryParam,
    podNetworkParam,
    sourceParam,
    ipModeParam,
    proxyModeParam,
    spoofedHeaderParam,
  ] as const,
  derive: deriveCloudParams,
  run(p) {
    const path = loadBalancerPath({ cloud: p.cloud as Cloud, lb: p.lb, proxyProtocol: p.proxyProtocol });
    const inCluster = p.source !== 'external';
    // In-cluster callers to the load balancer IP are caught by kube-proxy on their own node and never reach the load
    // balancer (kubernetes issue 66607), unless the status says Proxy or carries no IP at all.
    const goesOut = inCluster && ((path.ipMode ?? p.ipMode) === 'Proxy' || !path.statusHasIp);
    const entry = externalEntryOf({ ...p, source: inCluster && !goesOut ? p.source : 'external' }, path.serviceType, appPodEndpoint);
    const caller = inCluster
      ? fromInside(p.source as 'pod' | 'node', entry.entryNode, lbVip, p.spoofedHeader)
      : fromClient(lbVip, p.spoofedHeader);
    const viaLoadBalancer = !inCluster || goesOut;
    const start = !inCluster
      ? loadBalancerHop(caller, path, entry.entryNode, appPodEndpoint)
      : goesOut
        ? outAndBack(caller, path, entry.entryNode, appPodEndpoint)
        : caller;
    // A load balancer that sends to the pod itself leaves kube-proxy out (AWS IP targets, Google's NEGs, Azure's AGIC).
    const reachesNode = !viaLoadBalancer || path.target !== 'pod-ip';
    const { flow, healthCheck } = reachesNode ? throughKubeProxy(start, entry) : { flow: deliverToPod(start, appPodEndpoint) };
    // The app behind a PROXY protocol load balancer must itself expect the PROXY header.
    const delivered = pipe(flow, (f) => proxyProtocolListener(f, 'app-pod', path.proxyProtocol));
    return { flow: delivered, ...(healthCheck ? { healthCheck } : {}) };
  },
});
