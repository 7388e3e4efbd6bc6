/**
 * facts.md §2: kube-proxy. Every expectation below is written by hand from the
 * facts and their sources (proxier.go, service_health.go), never computed by the model.
 */
import { describe, expect, it } from 'vitest';
import { hasHealthCheckNodePort } from '../../src/model/kube-proxy.ts';
import { distributeLoad } from '../../src/model/load-distribution.ts';
import { trace } from '../../src/model/index.ts';
import { hopPath, seen, traced } from './helpers.ts';

describe('facts §2: kube-proxy runs on every node', () => {
  it('with Cluster, both nodes forward: entering either node delivers', () => {
    expect(traced('nodeport', { entry: 'node-without-endpoint' }).delivered).toBe(true);
    expect(traced('nodeport', { entry: 'node-with-endpoint' }).delivered).toBe(true);
  });
  it('with Local, the node without an endpoint still runs kube-proxy: its own rule drops the packet', () => {
    const t = traced('nodeport', { externalTrafficPolicy: 'Local', entry: 'node-without-endpoint' });
    expect(hopPath(t)).toEqual(['route@client', 'drop@node-B']);
    expect(t.dropReason).toContain('has no local endpoints');
    expect(t.dropReason).toContain('KUBE-EXTERNAL-SERVICES');
    expect(t.dropCode).toBe('no-local-endpoint');
  });
});

describe('facts §2: pod to pod keeps the source pod address', () => {
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

describe('facts §2: a ClusterIP called from outside the cluster CIDR is masqueraded', () => {
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

describe('facts §2: hairpin (a pod reaching itself through its Service) is masqueraded', () => {
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

describe('facts §2: externalTrafficPolicy Cluster masquerades all external traffic', () => {
  const cases = [
    ['node-without-endpoint', 'bridge', '192.0.2.12 entry-node'],
    ['node-without-endpoint', 'routed', '192.0.2.12 entry-node'],
    ['node-with-endpoint', 'bridge', '198.18.1.1 entry-node-bridge'],
    ['node-with-endpoint', 'routed', '192.0.2.11 entry-node'],
  ] as const;
  for (const [entry, podNetwork, expected] of cases) {
    it(`entering ${entry} with a ${podNetwork} pod network, the pod sees ${expected}, never the client`, () => {
      const t = traced('nodeport', { externalTrafficPolicy: 'Cluster', entry, podNetwork });
      expect(seen(t).remoteAddr).toBe(expected);
      expect(t.hops.filter((h) => h.kind === 'snat')).toHaveLength(1);
    });
  }
  it('the masquerade goes through KUBE-MARK-MASQ (mark 0x4000) and KUBE-POSTROUTING', () => {
    const snatHop = traced('nodeport').hops.find((h) => h.kind === 'snat')!;
    expect(snatHop.what).toContain('KUBE-MARK-MASQ');
    expect(snatHop.what).toContain('0x4000');
    expect(snatHop.what).toContain('KUBE-POSTROUTING');
  });
});

describe('facts §2: externalTrafficPolicy Local keeps the source, with exceptions in rule order', () => {
  it('a client entering the node with the endpoint: the pod sees the client 203.0.113.7', () => {
    const t = traced('nodeport', { externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' });
    expect(seen(t).remoteAddr).toBe('203.0.113.7 client');
    expect(hopPath(t)).toEqual(['route@client', 'dnat@node-A', 'route@node-A']);
  });
  it('a client entering the node without an endpoint is dropped', () => {
    expect(traced('nodeport', { externalTrafficPolicy: 'Local' }).delivered).toBe(false);
  });
  it('a pod calling a Local NodePort goes cluster-wide without SNAT: the app sees the pod 198.18.2.20', () => {
    const t = traced('nodeport', { externalTrafficPolicy: 'Local', source: 'pod' });
    expect(seen(t).remoteAddr).toBe('198.18.2.20 source-pod');
    expect(t.hops[1]!.what).toContain('pod traffic for');
  });
  it('the node itself calling a Local NodePort is masqueraded and goes cluster-wide: the app sees node B 192.0.2.12', () => {
    const t = traced('nodeport', { externalTrafficPolicy: 'Local', source: 'node' });
    expect(seen(t).remoteAddr).toBe('192.0.2.12 entry-node');
  });
  it('with Cluster, a pod calling the NodePort is masqueraded too: the app sees node B 192.0.2.12', () => {
    expect(seen(traced('nodeport', { source: 'pod' })).remoteAddr).toBe('192.0.2.12 entry-node');
  });
});

describe('facts §2: the health check node port (type LoadBalancer with Local only)', () => {
  it('answers 200 with localEndpoints 1 on the node with the endpoint', () => {
    expect(traced('loadbalancer', { externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' }).healthCheck).toEqual({
      status: 200,
      localEndpoints: 1,
    });
  });
  it('answers 503 (not 500) with localEndpoints 0 on the node without', () => {
    expect(traced('loadbalancer', { externalTrafficPolicy: 'Local' }).healthCheck).toEqual({ status: 503, localEndpoints: 0 });
  });
  it('the ingress controller’s Service is type LoadBalancer: it has one too', () => {
    expect(traced('ingress', { externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' }).healthCheck).toEqual({
      status: 200,
      localEndpoints: 1,
    });
  });
  it('does not exist with Cluster', () => {
    expect(traced('loadbalancer').healthCheck).toBeUndefined();
    expect(traced('nodeport').healthCheck).toBeUndefined();
  });
  it('does not exist on a Service of type NodePort, Local or not: the API refuses healthCheckNodePort there', () => {
    // k8s.io/kubernetes v1.37.2 pkg/apis/core/validation/validation.go lines 7272-7276: "may only be set when `type`
    // is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'" (NeedsHealthCheck, pkg/api/service/util.go lines 88-93).
    for (const entry of ['node-with-endpoint', 'node-without-endpoint'])
      for (const proxyMode of ['iptables', 'nftables', 'ipvs'])
        expect(
          traced('nodeport', { externalTrafficPolicy: 'Local', entry, proxyMode }).healthCheck,
          `${entry} ${proxyMode}`,
        ).toBeUndefined();
  });
  it('hasHealthCheckNodePort: LoadBalancer with Local, nothing else', () => {
    expect(hasHealthCheckNodePort('LoadBalancer', 'Local')).toBe(true);
    expect(hasHealthCheckNodePort('LoadBalancer', 'Cluster')).toBe(false);
    expect(hasHealthCheckNodePort('NodePort', 'Local')).toBe(false);
    expect(hasHealthCheckNodePort('NodePort', 'Cluster')).toBe(false);
  });
  it('the NodePort drop names no health check answer, the LoadBalancer drop says 503', () => {
    expect(traced('nodeport', { externalTrafficPolicy: 'Local' }).dropReason).not.toContain('health check');
    expect(traced('loadbalancer', { externalTrafficPolicy: 'Local' }).dropReason).toContain('answers 503');
  });
});

describe('facts §2: nftables gives the same answers as iptables; IPVS forwards where iptables drops', () => {
  it('every nodeport combination answers the same in nftables and iptables mode', () => {
    for (const externalTrafficPolicy of ['Cluster', 'Local'])
      for (const entry of ['node-without-endpoint', 'node-with-endpoint'])
        for (const source of ['external', 'pod', 'node']) {
          const base = { externalTrafficPolicy, entry, source };
          // Same answer and same drop code; the drop's sentence names each mode's own rule.
          const answer = (t: ReturnType<typeof traced>) => ({ ...seen(t), dropReason: t.dropCode });
          expect(answer(traced('nodeport', { ...base, proxyMode: 'nftables' }))).toEqual(
            answer(traced('nodeport', { ...base, proxyMode: 'iptables' })),
          );
        }
  });
  it('with Local, a node without an endpoint calling its own NodePort or load balancer IP is masqueraded and sent on in nftables mode too', () => {
    // k8s.io/kubernetes v1.37.2 pkg/proxy/nftables/proxier.go lines 1677-1698: the external chain's rules "masquerade
    // local traffic" and "short-circuit local traffic" (fib saddr type local) send the node's own connection to the
    // cluster-wide chain in nat-output; the no-endpoint maps are read from filter chains that run after NAT (lines
    // 397-407), when the destination is already the pod. Observed in the lab with the proxier itself (v1.37.2, v1.36.3):
    // delivered, remote address node B. The guide said "dropped" until 2026-11-26 (src/revisions/revisions.ts).
    for (const proxyMode of ['iptables', 'nftables']) {
      const base = { externalTrafficPolicy: 'Local', entry: 'node-without-endpoint', source: 'node', proxyMode };
      expect(seen(traced('nodeport', base)).remoteAddr).toBe('192.0.2.12 entry-node');
      expect(seen(traced('loadbalancer', { ...base, lb: 'l4-passthrough' })).remoteAddr).toBe('192.0.2.12 entry-node');
    }
    expect(
      traced('nodeport', { externalTrafficPolicy: 'Local', source: 'node', proxyMode: 'nftables' }).hops.find((h) => h.kind === 'dnat')
        ?.what,
    ).toContain('short-circuit local traffic');
  });
  it('the nftables drop names nftables objects, not the iptables chain KUBE-EXTERNAL-SERVICES', () => {
    // k8s.io/kubernetes v1.37.2 pkg/proxy/nftables/proxier.go: for a Local Service without local endpoints the NodePort
    // gets an element "tcp . <nodePort> : drop" in the map no-endpoint-nodeports, read by the chain nodeport-endpoints-check.
    const nft = traced('nodeport', { externalTrafficPolicy: 'Local', proxyMode: 'nftables' }).dropReason!;
    expect(nft).not.toContain('KUBE-EXTERNAL-SERVICES');
    expect(nft).toContain('no-endpoint-nodeports');
    expect(nft).toContain('nodeport-endpoints-check');
    expect(nft).toContain('"tcp . 30080" to drop');
    expect(traced('nodeport', { externalTrafficPolicy: 'Local', proxyMode: 'iptables' }).dropReason).toContain('KUBE-EXTERNAL-SERVICES');
    expect(traced('loadbalancer', { externalTrafficPolicy: 'Local', proxyMode: 'nftables' }).dropReason).toContain('no-endpoint-nodeports');
  });
  it('IPVS with Local and no local endpoint forwards to node A without SNAT, and the reply cannot return', () => {
    const t = traced('nodeport', { externalTrafficPolicy: 'Local', proxyMode: 'ipvs' });
    expect(hopPath(t)).toEqual(['route@client', 'dnat@node-B', 'route@node-A', 'drop@client']);
    expect(t.delivered).toBe(false);
    expect(t.dropCode).toBe('reply-bypasses-entry-node');
    expect(t.healthCheck).toBeUndefined();
    expect(traced('loadbalancer', { externalTrafficPolicy: 'Local', proxyMode: 'ipvs' }).healthCheck).toEqual({
      status: 503,
      localEndpoints: 0,
    });
  });
});

describe('facts §2: uneven load with Local', () => {
  it('a load balancer weighing nodes equally splits per node: one pod on node A gets half, three pods on node B a sixth each', () => {
    expect(distributeLoad({ podsPerNode: [1, 3], policy: 'Local', weighting: 'per-node' })).toEqual([[0.5], [1 / 6, 1 / 6, 1 / 6]]);
  });
  it('weighing nodes by pod count (Alibaba CCM with Local) evens it out: a quarter each', () => {
    expect(distributeLoad({ podsPerNode: [1, 3], policy: 'Local', weighting: 'per-pod' })).toEqual([[0.25], [0.25, 0.25, 0.25]]);
  });
  it('with Cluster every node spreads over every pod: a quarter each', () => {
    expect(distributeLoad({ podsPerNode: [1, 3], policy: 'Cluster', weighting: 'per-node' })).toEqual([[0.25], [0.25, 0.25, 0.25]]);
  });
  it('with Local, a node without pods fails its health check and gets nothing', () => {
    expect(distributeLoad({ podsPerNode: [2, 0], policy: 'Local', weighting: 'per-node' })).toEqual([[0.5, 0.5], []]);
  });
});

describe('facts §2: in-cluster calls to a LoadBalancer IP never reach the load balancer', () => {
  it('a pod calling the load balancer IP is caught by kube-proxy on its own node: no load balancer hop', () => {
    const t = traced('loadbalancer', { source: 'pod', lb: 'l7-http', externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' });
    expect(t.hops.some((h) => h.at === 'load-balancer')).toBe(false);
    expect(seen(t)).toMatchObject({ remoteAddr: '198.18.1.20 source-pod', xForwardedFor: null });
  });
  it('so an app that expects PROXY protocol gets none, and the connection breaks (kubernetes issue 66607)', () => {
    const t = traced('loadbalancer', { source: 'pod', lb: 'l4-proxy-protocol' });
    expect(t.delivered).toBe(false);
    expect(t.dropReason).toContain('broken header');
    expect(t.dropCode).toBe('proxy-protocol-missing');
  });
  it('the trace names no load balancer for the failing case either', () => {
    expect(trace('loadbalancer', { source: 'node', lb: 'l4-proxy-protocol' }).hops.map((h) => h.at)).not.toContain('load-balancer');
  });
});
