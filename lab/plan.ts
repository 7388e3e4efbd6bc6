/**
 * The lab's addresses, all in 198.18.0.0/15, and how the model's documentation
 * addresses map onto them. Pods that attach to a bridge and pods that attach by
 * routed veths live side by side on node A, in their own ranges.
 */
import { plan as modelPlan } from '../src/model/addresses.ts';
import type { PodNetwork } from '../src/model/addresses.ts';

export const lab = {
  client: '198.18.10.7',
  spoofed: '198.18.10.66',
  lbVip: '198.18.10.10',
  loadBalancer: '198.18.20.2',
  nodeA: '198.18.20.11',
  nodeB: '198.18.20.12',
  clusterCidr: '198.19.0.0/20',
  bridgeA: { gateway: '198.19.1.1', app: '198.19.1.10', pod: '198.19.1.20', ingress: '198.19.1.30' },
  bridgeB: { gateway: '198.19.2.1', pod: '198.19.2.20' },
  routedA: { app: '198.19.3.10', ingress: '198.19.3.30' },
  /** The next hop routed pods use; nobody holds it, node A answers for it by proxy ARP (Calico style). */
  routedGateway: '198.18.255.1',
  serviceBase: [198, 19, 200, 10] as const,
} as const;

/** The lab address that stands for a model address, in a given pod network. */
export function toLab(modelIp: string, podNetwork: PodNetwork): string {
  const routed = podNetwork === 'routed';
  const table: Record<string, string> = {
    [modelPlan.client]: lab.client,
    [modelPlan.spoofed]: lab.spoofed,
    [modelPlan.lbVip]: lab.lbVip,
    [modelPlan.loadBalancer]: lab.loadBalancer,
    [modelPlan.nodes.A.ip]: lab.nodeA,
    [modelPlan.nodes.B.ip]: lab.nodeB,
    [modelPlan.nodes.A.bridgeGateway]: lab.bridgeA.gateway,
    [modelPlan.nodes.B.bridgeGateway]: lab.bridgeB.gateway,
    [modelPlan.nodes.A.pod]: lab.bridgeA.pod,
    [modelPlan.nodes.B.pod]: lab.bridgeB.pod,
    [modelPlan.appPod]: routed ? lab.routedA.app : lab.bridgeA.app,
    [modelPlan.ingressPod]: routed ? lab.routedA.ingress : lab.bridgeA.ingress,
  };
  const mapped = table[modelIp];
  if (!mapped) throw new Error(`lab: no lab address for model address ${modelIp}`);
  return mapped;
}
