/** A pod calls the app pod, by pod IP or through a ClusterIP. */
import { type NodeName, addressOf, nodeSourceAddress, plan } from '../addresses.ts';
import { podNetworkParam } from '../common-params.ts';
import { type Flow, pipe, route } from '../hops.ts';
import { deliverToPod, kubeProxyClusterIp } from '../kube-proxy.ts';
import { param } from '../params.ts';
import { nodePlace } from '../places.ts';
import { defineScenario } from '../scenario.ts';
import { fromNode, fromPod } from '../senders.ts';
import { appPodEndpoint } from './external-entry.ts';

/** Pod to pod: no SNAT on the way, except hairpin and callers outside the cluster CIDR. */
export const podToPod = defineScenario({
  id: 'pod-to-pod',
  title: 'Pod to pod',
  summary: 'A pod calls the app pod directly or through its ClusterIP.',
  params: [
    param('via', 'How the caller addresses the app', {
      'pod-ip': 'The app pod IP, directly.',
      'cluster-ip': 'The Service ClusterIP, through kube-proxy.',
    }),
    param('placement', 'Where the caller runs', {
      'other-node': 'On node B, the other node.',
      'same-node': 'On node A, beside the app pod.',
      self: 'The app pod calls its own Service (hairpin).',
    }),
    podNetworkParam,
    param('caller', 'What the caller is', {
      pod: 'An ordinary pod, inside the cluster CIDR.',
      node: 'The node itself or a hostNetwork pod, outside the cluster CIDR.',
    }),
  ] as const,
  run(p) {
    const notices: string[] = [];
    let caller = p.caller;
    if (p.placement === 'self' && caller === 'node') {
      notices.push('placement=self means the app pod calls itself, so caller=node does not apply; caller=pod is used.');
      caller = 'pod';
    }
    const node: NodeName = p.placement === 'other-node' ? 'B' : 'A';
    const dst = p.via === 'pod-ip' ? appPodEndpoint.address : addressOf(plan.clusterIp, 'cluster-ip');
    let start: Flow;
    if (caller === 'node') {
      start = fromNode(node, nodeSourceAddress(node, appPodEndpoint.node, p.podNetwork), dst, 'none');
    } else {
      start = fromPod(node, dst, 'none', p.placement === 'self' ? plan.appPod : plan.nodes[node].pod);
    }
    const flow = pipe(
      start,
      (f) =>
        node !== appPodEndpoint.node && p.via === 'pod-ip'
          ? route(f, nodePlace(node), `Node ${node} routes the packet to node A, unchanged.`)
          : f,
      (f) =>
        p.placement === 'self' && p.via === 'pod-ip'
          ? route(
              f,
              'app-pod',
              "The destination is the pod's own address: its kernel delivers the packet locally, and it never leaves the pod.",
            )
          : p.via === 'cluster-ip'
            ? kubeProxyClusterIp(f, { node, podNetwork: p.podNetwork, callerInClusterCidr: caller === 'pod', endpoint: appPodEndpoint })
            : deliverToPod(f, appPodEndpoint),
    );
    return { flow, notices };
  },
});
