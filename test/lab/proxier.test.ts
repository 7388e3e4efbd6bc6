/** The lab's kube-proxy driver (lab/proxier.ts): the spec each node's kube-proxy reads, and iptables-save lines split into arguments. */
import { describe, expect, it } from 'vitest';
import { proxierSpec, ruleArgs } from '../../lab/proxier.ts';
import { Registry } from '../../lab/services.ts';

describe('proxierSpec', () => {
  const registry = new Registry();
  const nodePort = registry.service('Local', '198.19.1.10', 8080, 'NodePort');
  const loadBalancer = registry.service('Local', '198.19.1.10', 8080, 'LoadBalancer');
  const spec = proxierSpec('B', 'nftables', registry.services) as {
    nodeName: string;
    nodeIP: string;
    services: {
      name: string;
      type: string;
      healthCheckNodePort: number;
      loadBalancerIngressIP: string;
      endpoints: { nodeName: string }[];
    }[];
  };

  it('names the node and puts every endpoint on node A', () => {
    expect(spec.nodeName).toBe('node-b');
    expect(spec.nodeIP).toBe('198.18.20.12');
    expect(spec.services.flatMap((s) => s.endpoints.map((e) => e.nodeName))).toEqual(['node-a', 'node-a']);
  });

  it('gives a health check node port and a load balancer IP only to the LoadBalancer Service (the API refuses healthCheckNodePort elsewhere)', () => {
    const byName = new Map(spec.services.map((s) => [s.name, s]));
    expect(byName.get(nodePort.name)).toMatchObject({ type: 'NodePort', healthCheckNodePort: 0, loadBalancerIngressIP: '' });
    expect(byName.get(loadBalancer.name)).toMatchObject({ type: 'LoadBalancer', loadBalancerIngressIP: '198.18.10.10' });
    expect(byName.get(loadBalancer.name)!.healthCheckNodePort).toBeGreaterThan(0);
  });
});

describe('ruleArgs', () => {
  it('keeps a quoted comment as one argument, as iptables-save writes it', () => {
    // A line as kube-proxy v1.37.2's iptables proxier wrote it in the lab (iptables-save v1.8.9, nf_tables).
    const line =
      '-A KUBE-EXT-ABC -m comment --comment "masquerade traffic for default/np-cluster-198-19-1-10-8082:http external destinations" -j KUBE-MARK-MASQ';
    expect(ruleArgs(line)).toEqual([
      '-A',
      'KUBE-EXT-ABC',
      '-m',
      'comment',
      '--comment',
      'masquerade traffic for default/np-cluster-198-19-1-10-8082:http external destinations',
      '-j',
      'KUBE-MARK-MASQ',
    ]);
  });
});
