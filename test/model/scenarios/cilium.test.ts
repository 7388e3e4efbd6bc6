/**
 * The nodeport and loadbalancer scenarios with Cilium in place of kube-proxy (proxyMode cilium-snat, cilium-dsr,
 * cilium-hybrid), against github.com/cilium/cilium v1.20.2: Documentation/network/kubernetes/kubeproxy-free.rst
 * ("Client Source IP Preservation", "Direct Server Return (DSR)", "Hybrid DSR and SNAT Mode"), bpf/lib/nodeport.h
 * (nodeport_svc_lb4: a local backend is only DNATed; a remote one goes to CILIUM_CALL_IPV4_NODEPORT_DSR or
 * CILIUM_CALL_IPV4_NODEPORT_NAT_EGRESS) and bpf/bpf_sock.c (the socket load balancer). Where Cilium differs from
 * kube-proxy, the kube-proxy expectation is written beside it, from test/model/scenarios/nodeport.test.ts's sources.
 * Every expectation is written by hand, never computed by the model.
 */
import { describe, expect, it } from 'vitest';
import { expectedFailure } from '../../../src/model/failure.ts';
import { seen, traced } from '../helpers.ts';

describe('NodePort, a client outside, externalTrafficPolicy: Cluster', () => {
  // kubeproxy-free.rst, "Direct Server Return (DSR)": "By default, Cilium's eBPF NodePort implementation operates in
  // SNAT mode. That is, when node-external traffic arrives and the node determines that the backend … is at a remote
  // node, then the node is redirecting the request to the remote backend on its behalf by performing SNAT"; "Another
  // advantage in DSR mode is that the client's source IP is preserved".
  const remote = [
    ['cilium-snat', '192.0.2.12 entry-node'],
    ['cilium-dsr', '203.0.113.7 client'],
    ['cilium-hybrid', '203.0.113.7 client'],
  ] as const;
  for (const [proxyMode, expected] of remote)
    it(`entering node B (backend on node A), ${proxyMode}: the pod sees ${expected}`, () => {
      expect(seen(traced('nodeport', { proxyMode })).remoteAddr).toBe(expected);
    });
  it('entering node A, the backend’s own node: every Cilium mode keeps the client, where kube-proxy masquerades', () => {
    // values.yaml: loadBalancer.mode is "the operation mode of load balancing for remote backends"; nodeport.h:
    // `if (backend_local) { … return CTX_ACT_OK; }` before any SNAT. kube-proxy: TestInternalExternalMasquerade
    // "external to NodePort": masq true, whichever node the endpoint is on.
    for (const proxyMode of ['cilium-snat', 'cilium-dsr', 'cilium-hybrid'])
      expect(seen(traced('nodeport', { proxyMode, entry: 'node-with-endpoint' })).remoteAddr, proxyMode).toBe('203.0.113.7 client');
    expect(seen(traced('nodeport', { proxyMode: 'iptables', entry: 'node-with-endpoint' })).remoteAddr).toBe(
      '198.18.1.1 entry-node-bridge',
    );
  });
  it('the SNAT case is diagnosed as Cilium’s SNAT, not kube-proxy’s masquerade', () => {
    const snatHop = traced('nodeport', { proxyMode: 'cilium-snat' }).hops.find((h) => h.kind === 'snat')!;
    expect(snatHop.cause).toBe('cilium-snat-remote-backend');
    expect(snatHop.what).not.toContain('KUBE-');
  });
});

describe('NodePort, externalTrafficPolicy: Local', () => {
  it('entering the backend’s node keeps the client, as with kube-proxy', () => {
    for (const proxyMode of ['cilium-snat', 'cilium-dsr', 'cilium-hybrid'])
      expect(
        seen(traced('nodeport', { proxyMode, externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' })).remoteAddr,
        proxyMode,
      ).toBe('203.0.113.7 client');
  });
  it('entering node B: refused at once (ICMP port unreachable), where kube-proxy’s DROP leaves the client to time out', () => {
    // bpf/lib/lb.h tail_no_service_ipv4 (serviceNoBackendResponse: reject, the default); kube-proxy:
    // pkg/proxy/iptables/proxier.go "has no local endpoints" DROP.
    expect(expectedFailure(traced('nodeport', { proxyMode: 'cilium-snat', externalTrafficPolicy: 'Local' }))).toEqual({
      kind: 'refused',
    });
    expect(expectedFailure(traced('nodeport', { proxyMode: 'iptables', externalTrafficPolicy: 'Local' }))).toEqual({ kind: 'timeout' });
  });
});

describe('NodePort from inside the cluster: no masquerade at all', () => {
  // bpf/bpf_sock.c __sock4_xlate_fwd rewrites connect() to the backend; kube-proxy, TestInternalExternalMasquerade
  // "pod to NodePort": masq true (Cluster).
  it('a pod on node B calling node B’s NodePort is seen as itself, where kube-proxy shows node B', () => {
    expect(seen(traced('nodeport', { proxyMode: 'cilium-snat', source: 'pod' })).remoteAddr).toBe('198.18.2.20 source-pod');
    expect(seen(traced('nodeport', { proxyMode: 'iptables', source: 'pod' })).remoteAddr).toBe('192.0.2.12 entry-node');
  });
});

describe('LoadBalancer with Cilium', () => {
  it('an L4 passthrough load balancer to node B: SNAT shows node B, DSR the client', () => {
    expect(seen(traced('loadbalancer', { lb: 'l4-passthrough', proxyMode: 'cilium-snat' })).remoteAddr).toBe('192.0.2.12 entry-node');
    expect(seen(traced('loadbalancer', { lb: 'l4-passthrough', proxyMode: 'cilium-dsr' })).remoteAddr).toBe('203.0.113.7 client');
  });
  it('an HTTP load balancer: DSR keeps the load balancer as the peer and the client in X-Forwarded-For', () => {
    const s = seen(traced('loadbalancer', { lb: 'l7-http', proxyMode: 'cilium-dsr' }));
    expect(s.remoteAddr).toBe('192.0.2.2 load-balancer');
    expect(s.xForwardedFor).toEqual(['203.0.113.7 client']);
  });
  it('SNAT behind a TCP proxy replaces the load balancer’s address, so the cause stays the load balancer', () => {
    const t = traced('loadbalancer', { lb: 'l4-proxy', proxyMode: 'cilium-snat' });
    expect(seen(t).remoteAddr).toBe('192.0.2.12 entry-node');
    expect(t.hops.find((h) => h.kind === 'snat')!.cause).toBeUndefined();
  });
  it('PROXY protocol passes through DSR untouched', () => {
    const s = seen(traced('loadbalancer', { lb: 'l4-proxy-protocol', proxyMode: 'cilium-dsr' }));
    expect(s.proxyProtocol).toBe('203.0.113.7 client');
    expect(s.remoteAddr).toBe('192.0.2.2 load-balancer');
  });
  it('a pod calling the load balancer IP is translated at connect() and seen as itself', () => {
    // bpf_sock.c looks every service frontend up, the LoadBalancer IP included (lb4_lookup_service).
    expect(seen(traced('loadbalancer', { proxyMode: 'cilium-dsr', source: 'pod' })).remoteAddr).toBe('198.18.2.20 source-pod');
  });
  it('Local on node B behind an HTTP load balancer: the refusal becomes the load balancer’s 503', () => {
    // src/model/failure.ts throughProxy: an L7 proxy answers 503 for a server it cannot connect to (HAProxy).
    expect(expectedFailure(traced('loadbalancer', { lb: 'l7-http', proxyMode: 'cilium-snat', externalTrafficPolicy: 'Local' }))).toEqual({
      kind: 'http-status',
      status: 503,
    });
  });
});
