/** A client reaches the app through a cloud load balancer and a LoadBalancer Service. */
import { deriveCloudParams, loadBalancerPath } from '../cloud/load-balancers.ts';
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
import { pipe } from '../hops.ts';
import { proxyProtocolListener } from '../proxy-protocol.ts';
import { defineScenario } from '../scenario.ts';
import { appPodEndpoint, throughFront } from './external-entry.ts';

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
    const path = loadBalancerPath({ cloud: p.cloud, lb: p.lb, proxyProtocol: p.proxyProtocol });
    const { flow, healthCheck } = throughFront(p, path, appPodEndpoint);
    // The app behind a PROXY protocol load balancer must itself expect the PROXY header.
    const delivered = pipe(flow, (f) => proxyProtocolListener(f, 'app-pod', path.proxyProtocol));
    return { flow: delivered, ...(healthCheck ? { healthCheck } : {}) };
  },
});
