/**
 * The nodeport scenario (src/model/scenarios/nodeport.ts) against kube-proxy's own code and tests, k8s.io/kubernetes
 * v1.37.2 (the pinned Go module): pkg/proxy/iptables/proxier.go, pkg/proxy/nftables/proxier.go, pkg/proxy/ipvs/proxier.go,
 * and the packet-flow cases of TestInternalExternalMasquerade in pkg/proxy/iptables/proxier_test.go (and the same test in
 * pkg/proxy/nftables/proxier_test.go), which say for each source and destination whether kube-proxy masquerades.
 * Which address the pod then sees is what the Kubernetes tutorial "Using Source IP" shows
 * (https://kubernetes.io/docs/tutorials/services/source-ip/, kubernetes/website
 * content/en/docs/tutorials/services/source-ip.md) and what the lab (lab/) observed with the pinned proxier.
 * Every expectation is written by hand, never computed by the model.
 */
import { describe, expect, it } from 'vitest';
import { hopPath, seen, traced } from '../helpers.ts';

describe('kube-proxy runs on every node', () => {
  it('with Cluster, both nodes forward: entering either node delivers', () => {
    expect(traced('nodeport', { entry: 'node-without-endpoint' }).delivered).toBe(true);
    expect(traced('nodeport', { entry: 'node-with-endpoint' }).delivered).toBe(true);
  });
  it('with Local, the node without an endpoint still runs kube-proxy: its own rule drops the packet', () => {
    // iptables/proxier.go lines 906-915: without local endpoints the external filter target is DROP, comment
    // "<service> has no local endpoints", written to the filter chain KUBE-EXTERNAL-SERVICES for the NodePort (lines 1030-1042).
    const t = traced('nodeport', { externalTrafficPolicy: 'Local', entry: 'node-without-endpoint' });
    expect(hopPath(t)).toEqual(['route@client', 'drop@node-B']);
    expect(t.dropReason).toContain('has no local endpoints');
    expect(t.dropReason).toContain('KUBE-EXTERNAL-SERVICES');
    expect(t.dropCode).toBe('no-local-endpoint');
  });
});

describe('externalTrafficPolicy Cluster masquerades all external traffic', () => {
  // iptables/proxier.go lines 1101-1110: "masquerade traffic for <service> external destinations" marks every packet of
  // the external chain; TestInternalExternalMasquerade "external to NodePort": masq true. The address the pod sees:
  // "Using Source IP", NodePort section: client_address=10.180.1.1 (the bridge gateway of the node running the pod)
  // from that node, and node IPs (10.240.0.x) from the others. Routed pod networks: the lab, both releases.
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
    // iptables/proxier.go lines 740-764 (KUBE-POSTROUTING masquerades packets carrying the mark that KUBE-MARK-MASQ
    // sets); the mark is 1 << masqueradeBit, default 14 (pkg/proxy/apis/config/v1alpha1/defaults.go lines 88-91).
    const snatHop = traced('nodeport').hops.find((h) => h.kind === 'snat')!;
    expect(snatHop.what).toContain('KUBE-MARK-MASQ');
    expect(snatHop.what).toContain('0x4000');
    expect(snatHop.what).toContain('KUBE-POSTROUTING');
  });
});

describe('externalTrafficPolicy Local keeps the source, with exceptions in rule order', () => {
  // TestInternalExternalMasquerade: "external to NodePort with eTP:Local" only the local endpoint, masq false;
  // "pod to NodePort with eTP:Local" all endpoints, masq false; "node to NodePort with eTP:Local" all endpoints,
  // masq true. iptables/proxier.go lines 1111-1140: "pod traffic for <service> external destinations" jumps to the
  // cluster-wide chain, "masquerade LOCAL traffic for <service> external destinations" marks the node's own traffic.
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
    // TestInternalExternalMasquerade "pod to NodePort": masq true.
    expect(seen(traced('nodeport', { source: 'pod' })).remoteAddr).toBe('192.0.2.12 entry-node');
  });
});

describe('nftables gives the same answers as iptables; IPVS forwards where iptables drops', () => {
  it('every nodeport combination answers the same in nftables and iptables mode', () => {
    // TestInternalExternalMasquerade in pkg/proxy/nftables/proxier_test.go carries the same packet-flow cases and
    // expectations as the iptables one.
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
    // k8s.io/kubernetes v1.37.2 pkg/proxy/ipvs/proxier.go, syncEndpoint lines 1605-1614: with onlyNodeLocalEndpoints
    // and no local endpoint, the virtual server gets the cluster-wide endpoints; its comment: "Traffic from an external
    // source will be routed but the reply will have the POD address and will be discarded" (kubernetes PR 97081).
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
