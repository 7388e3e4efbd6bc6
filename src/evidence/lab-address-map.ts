/**
 * The lab's addresses beside the page's: the lab runs every case in 198.18.0.0/15 (its own namespaces, nothing sent
 * elsewhere), so its raw output shows addresses that stand for the documentation addresses of the address plan. One
 * table, built from the lab's own mapping (`toLab`), shown next to every raw output.
 */
import { lab, toLab } from '../../lab/plan.ts';
import { plan } from '../model/addresses.ts';
import type { PodNetwork } from '../model/addresses.ts';

/** One row: the lab's address, the page's address it stands for, and whose it is. */
export interface LabAddressRow {
  lab: string;
  page: string;
  role: string;
}

/** The plan's addresses and whose they are, in the order a request meets them; pods in both pod networks. */
const planAddresses: { page: string; role: string; podNetwork?: PodNetwork }[] = [
  { page: plan.client, role: 'the client' },
  { page: plan.spoofed, role: 'the address a client forges in a header' },
  { page: plan.lbVip, role: 'the load balancer IP' },
  { page: plan.loadBalancer, role: 'the load balancer, towards the nodes' },
  { page: plan.nodes.A.ip, role: 'node A (runs the endpoint)' },
  { page: plan.nodes.B.ip, role: 'node B' },
  { page: plan.nodes.A.bridgeGateway, role: 'node A’s pod-network gateway (cni0)' },
  { page: plan.nodes.B.bridgeGateway, role: 'node B’s pod-network gateway (cni0)' },
  { page: plan.nodes.A.pod, role: 'a calling pod on node A' },
  { page: plan.nodes.B.pod, role: 'a calling pod on node B' },
  { page: plan.appPod, role: 'the app pod, bridge pod network', podNetwork: 'bridge' },
  { page: plan.appPod, role: 'the app pod, routed pod network', podNetwork: 'routed' },
  { page: plan.ingressPod, role: 'the ingress controller pod, bridge pod network', podNetwork: 'bridge' },
  { page: plan.ingressPod, role: 'the ingress controller pod, routed pod network', podNetwork: 'routed' },
];

/** Every lab address a raw output can show, with the page's address and its role. */
export function labAddressRows(): LabAddressRow[] {
  const rows = planAddresses.map(({ page, role, podNetwork }) => ({ lab: toLab(page, podNetwork ?? 'bridge'), page, role }));
  // Each variant of a Service gets its own ClusterIP in the lab, so conntrack never mixes them.
  const [a, b, c] = lab.serviceBase;
  rows.push({ lab: `${a}.${b}.${c}.x`, page: plan.clusterIp, role: 'the Service’s ClusterIP (one per variant in the lab)' });
  return rows;
}
