/** A client reaches the app through a NodePort Service. */
import {
  entryParam,
  externalTrafficPolicyParam,
  podNetworkParam,
  proxyModeParam,
  sourceParam,
  spoofedHeaderParam,
} from '../common-params.ts';
import { defineScenario } from '../scenario.ts';
import { appPodEndpoint, externalEntryOf, throughKubeProxy, toNodePort, serviceTypeOf } from './external-entry.ts';

/** NodePort: the entry node's kube-proxy decides between masquerade and a kept source. */
export const nodeport = defineScenario({
  id: 'nodeport',
  title: 'NodePort',
  summary: 'A client connects to a node address and the Service NodePort.',
  params: [externalTrafficPolicyParam, entryParam, podNetworkParam, sourceParam, proxyModeParam, spoofedHeaderParam] as const,
  run(p) {
    const entry = externalEntryOf(p, serviceTypeOf.nodeport, appPodEndpoint);
    return throughKubeProxy(toNodePort(entry, p.spoofedHeader), entry);
  },
});
