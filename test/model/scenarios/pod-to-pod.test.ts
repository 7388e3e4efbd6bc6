/**
 * The pod-to-pod scenario (src/model/scenarios/pod-to-pod.ts) against kube-proxy's own code and tests, k8s.io/kubernetes
 * v1.37.2 (the pinned Go module): pkg/proxy/iptables/proxier.go, the packet-flow cases of TestClusterIPGeneral and
 * TestInternalExternalMasquerade in pkg/proxy/iptables/proxier_test.go (whether kube-proxy masquerades a flow), and
 * for the address a masqueraded packet carries, the lab's cases on the real network stack (lab/evidence.json, by case
 * id). Every expectation is written by hand, never computed by the model.
 */
import { describe, expect, it } from 'vitest';
import { hopPath, seen, traced } from '../helpers.ts';

describe('pod to pod keeps the source pod address', () => {
  // TestInternalExternalMasquerade "pod to ClusterIP" and TestClusterIPGeneral "simple clusterIP": masq false.
  for (const via of ['pod-ip', 'cluster-ip']) {
    it(`via ${via}, from the other node, the app sees the calling pod 198.18.2.20`, () => {
      const t = traced('pod-to-pod', { via, placement: 'other-node' });
      expect(seen(t).remoteAddr).toBe('198.18.2.20 source-pod');
      expect(t.hops.some((h) => h.kind === 'snat')).toBe(false);
    });
    it(`via ${via}, from the same node, the app sees the calling pod 198.18.1.20`, () => {
      const t = traced('pod-to-pod', { via, placement: 'same-node' });
      expect(seen(t).remoteAddr).toBe('198.18.1.20 source-pod');
      expect(t.hops.some((h) => h.kind === 'snat')).toBe(false);
    });
  }
  it('via the ClusterIP, kube-proxy rewrites only the destination (DNAT on the caller node)', () => {
    const t = traced('pod-to-pod', { via: 'cluster-ip' });
    expect(hopPath(t)).toEqual(['route@source-pod', 'dnat@node-B', 'route@node-A']);
    expect(t.hops[1]!.dst).toEqual({ ip: '198.18.1.10', role: 'app-pod' });
  });
});

describe('a ClusterIP called from outside the cluster CIDR is masqueraded', () => {
  // iptables/proxier.go lines 1069-1092: the cluster IP rule jumps to KUBE-MARK-MASQ for sources the local detector
  // (--detect-local-mode, pkg/proxy/util/localdetector.go) does not call local; TestInternalExternalMasquerade
  // "node to ClusterIP": masq true.
  it('the node B itself calling the ClusterIP: the app sees node B 192.0.2.12, after a masquerade hop', () => {
    const t = traced('pod-to-pod', { via: 'cluster-ip', caller: 'node' });
    expect(hopPath(t)).toEqual(['route@node-B', 'dnat@node-B', 'snat@node-B', 'route@node-A']);
    expect(seen(t).remoteAddr).toBe('192.0.2.12 entry-node');
  });
  it('node A itself calling the ClusterIP with a bridge: the app sees node A’s bridge gateway 198.18.1.1', () => {
    expect(seen(traced('pod-to-pod', { via: 'cluster-ip', caller: 'node', placement: 'same-node' })).remoteAddr).toBe(
      '198.18.1.1 entry-node-bridge',
    );
  });
});

describe('hairpin (a pod reaching itself through its Service) is masqueraded', () => {
  // iptables/proxier.go lines 1229-1235: each endpoint chain starts with "-s <endpoint IP> -j KUBE-MARK-MASQ"
  // ("Handle traffic that loops back to the originator with SNAT"); TestClusterIPGeneral "hairpin to cluster IP":
  // masq true. The address after the masquerade: lab cases pod-to-pod?via=cluster-ip&placement=self&podNetwork=bridge
  // and ...&podNetwork=routed.
  it('with a bridge CNI the pod sees the bridge gateway 198.18.1.1', () => {
    const t = traced('pod-to-pod', { via: 'cluster-ip', placement: 'self' });
    expect(seen(t).remoteAddr).toBe('198.18.1.1 entry-node-bridge');
    expect(t.hops.find((h) => h.kind === 'snat')?.what).toContain('hairpin');
  });
  it('with routed veths the pod sees node A’s own address 192.0.2.11', () => {
    expect(seen(traced('pod-to-pod', { via: 'cluster-ip', placement: 'self', podNetwork: 'routed' })).remoteAddr).toBe(
      '192.0.2.11 entry-node',
    );
  });
  it('by its own pod IP, the packet never leaves the pod and nothing is rewritten', () => {
    const t = traced('pod-to-pod', { via: 'pod-ip', placement: 'self' });
    expect(seen(t).remoteAddr).toBe('198.18.1.10 source-pod');
    expect(hopPath(t)).toEqual(['route@source-pod', 'route@app-pod']);
  });
});
