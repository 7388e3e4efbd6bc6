/** A client reaches the app through a cloud load balancer and a LoadBalancer Service. */
import { cloudLoadBalancer } from '../load-balancer.ts';
import {
  entryParam,
  externalTrafficPolicyParam,
  lbParam,
  podNetworkParam,
  proxyModeParam,
  sourceParam,
  spoofedHeaderParam,
} from '../common-params.ts';
import { pipe } from '../hops.ts';
import { proxyProtocolListener } from '../proxy-protocol.ts';
import { defineScenario } from '../scenario.ts';
import { fromClient } from '../senders.ts';
import { appPodEndpoint, externalEntryOf, fromInside, lbVip, throughKubeProxy, serviceTypeOf } from './external-entry.ts';

/** LoadBalancer: the listener kind decides what reaches the node; kube-proxy does the rest. Callers inside the cluster skip the load balancer. */
export const loadbalancer = defineScenario({
  id: 'loadbalancer',
  title: 'LoadBalancer',
  summary: 'A cloud load balancer sends the client to a node, and kube-proxy forwards it to the pod.',
  params: [lbParam, externalTrafficPolicyParam, entryParam, podNetworkParam, sourceParam, proxyModeParam, spoofedHeaderParam] as const,
  run(p) {
    const entry = externalEntryOf(p, serviceTypeOf.loadbalancer, appPodEndpoint);
    // In-cluster callers to the load balancer IP are caught by kube-proxy on their own node and never reach the load balancer (kubernetes issue 66607).
    const start =
      p.source === 'external'
        ? cloudLoadBalancer(fromClient(lbVip, p.spoofedHeader), p.lb, entry.entryNode)
        : fromInside(p.source, entry.entryNode, lbVip, p.spoofedHeader);
    const { flow, healthCheck } = throughKubeProxy(start, entry);
    // The app behind a PROXY protocol load balancer must itself expect the PROXY header.
    const delivered = pipe(flow, (f) => proxyProtocolListener(f, 'app-pod', p.lb === 'l4-proxy-protocol'));
    return { flow: delivered, ...(healthCheck ? { healthCheck } : {}) };
  },
});
