/**
 * Cilium's kube-proxy replacement (src/model/cilium.ts) against github.com/cilium/cilium v1.20.2 (the Go module, read
 * from GOMODCACHE): its agent's configuration (pkg/loadbalancer/config.go), its Go tests (pkg/loadbalancer/
 * hybrid_dsr_test.go), its eBPF unit tests (bpf/tests/tc_nodeport_*.c: a PKTGEN packet, the program under test, and a
 * CHECK on the packet it left) and Documentation/network/kubernetes/kubeproxy-free.rst. Every expectation is written by
 * hand from those sources, never computed by the model.
 */
import { describe, expect, it } from 'vitest';
import { ciliumModes, forwardsWithDsr, helmLoadBalancerMode, isCiliumMode, nodeSourceTowardsPod } from '../../src/model/cilium.ts';
import { failureAtDrop } from '../../src/model/failure.ts';
import { proxyModeParam } from '../../src/model/common-params.ts';
import { hopPath, seen, traced } from './helpers.ts';

describe('the modes are Helm’s loadBalancer.mode values', () => {
  it('snat, dsr and hybrid, the three values the agent accepts', () => {
    // pkg/loadbalancer/config.go: LBModeSNAT = "snat", LBModeDSR = "dsr", LBModeHybrid = "hybrid"; any other value is
    // refused ("Invalid value for --bpf-lb-mode").
    expect(ciliumModes.map(helmLoadBalancerMode)).toEqual(['snat', 'dsr', 'hybrid']);
  });
  it('are proxyMode values next to kube-proxy’s, kube-proxy’s iptables mode still the default', () => {
    expect(proxyModeParam.values).toEqual(['iptables', 'nftables', 'ipvs', 'cilium-snat', 'cilium-dsr', 'cilium-hybrid']);
    expect(proxyModeParam.default).toBe('iptables');
    expect(isCiliumMode('ipvs')).toBe(false);
    expect(isCiliumMode('cilium-dsr')).toBe(true);
  });
  it('the help names the per-Service annotation', () => {
    // kubeproxy-free.rst, "Annotation-based DSR and SNAT Mode": `service.cilium.io/forwarding-mode: dsr`.
    expect(proxyModeParam.help['cilium-dsr']).toContain('service.cilium.io/forwarding-mode');
  });
});

describe('which requests go with DSR', () => {
  // pkg/loadbalancer/hybrid_dsr_test.go, TestToSVCForwardingMode_Hybrid, cases by name.
  it('"Hybrid mode with TCP should return DSR", "Hybrid mode with UDP should return SNAT"', () => {
    expect(forwardsWithDsr('cilium-hybrid', 'TCP')).toBe(true);
    expect(forwardsWithDsr('cilium-hybrid', 'UDP')).toBe(false);
  });
  it('"DSR mode with TCP/UDP should return DSR", "SNAT mode with TCP/UDP should return SNAT"', () => {
    expect(forwardsWithDsr('cilium-dsr', 'TCP')).toBe(true);
    expect(forwardsWithDsr('cilium-dsr', 'UDP')).toBe(true);
    expect(forwardsWithDsr('cilium-snat', 'TCP')).toBe(false);
    expect(forwardsWithDsr('cilium-snat', 'UDP')).toBe(false);
  });
  it('the model’s requests are HTTP over TCP: hybrid answers as dsr on every state', () => {
    for (const externalTrafficPolicy of ['Cluster', 'Local'])
      for (const entry of ['node-with-endpoint', 'node-without-endpoint'])
        for (const source of ['external', 'pod', 'node']) {
          const params = { externalTrafficPolicy, entry, source };
          const hybrid = traced('nodeport', { ...params, proxyMode: 'cilium-hybrid' });
          const dsr = traced('nodeport', { ...params, proxyMode: 'cilium-dsr' });
          expect(seen(hybrid), JSON.stringify(params)).toEqual(seen(dsr));
        }
  });
});

describe('the entry node’s eBPF program (bpf/lib/nodeport.h nodeport_svc_lb4)', () => {
  it('a local backend keeps the client in SNAT mode: tc_nodeport_local_backend, "src IP has changed" must not fire', () => {
    // bpf/tests/tc_nodeport_lb4_nat_lb.c, CHECK "tc_nodeport_local_backend": a request from CLIENT_IP to a frontend
    // whose backend is local leaves with l3->saddr == CLIENT_IP.
    const t = traced('nodeport', { proxyMode: 'cilium-snat', entry: 'node-with-endpoint' });
    expect(seen(t).remoteAddr).toBe('203.0.113.7 client');
    expect(t.hops.some((h) => h.kind === 'snat')).toBe(false);
  });
  it('a remote backend in SNAT mode sees the entry node: tc_nodeport_nat_fwd, "src IP hasn\'t been NATed to LB IP"', () => {
    // bpf/tests/tc_nodeport_lb4_nat_lb.c, CHECK "tc_nodeport_nat_fwd": l3->saddr == LB_IP, defined as
    // IPV4_DIRECT_ROUTING, the node's own address; l3->daddr == BACKEND_IP_REMOTE.
    const t = traced('nodeport', { proxyMode: 'cilium-snat' });
    expect(seen(t).remoteAddr).toBe('192.0.2.12 entry-node');
    expect(hopPath(t)).toEqual(['route@client', 'dnat@node-B', 'snat@node-B', 'route@node-A']);
  });
  it('the SNAT address does not depend on the pod network: Cilium attaches the pods', () => {
    for (const podNetwork of ['bridge', 'routed'])
      expect(seen(traced('nodeport', { proxyMode: 'cilium-snat', podNetwork })).remoteAddr).toBe('192.0.2.12 entry-node');
  });
  it('DSR keeps the client on the way to a remote backend: tc_nodeport_dsr_fwd4 and tc_nodeport_dsr_backend', () => {
    // bpf/tests/tc_nodeport_lb_dsr_lb.c CHECK "tc_nodeport_dsr_fwd4" (on the load-balancing node) and
    // bpf/tests/tc_nodeport_lb4_dsr_backend.c CHECK "tc_nodeport_dsr_backend" (on the backend's node): "src IP has
    // changed" must not fire, so the pod gets the client's address.
    const t = traced('nodeport', { proxyMode: 'cilium-dsr' });
    expect(seen(t).remoteAddr).toBe('203.0.113.7 client');
    expect(t.hops.some((h) => h.kind === 'snat')).toBe(false);
  });
  it('DSR replies from the backend’s node with the service address: tc_nodeport_dsr_backend_reply', () => {
    // bpf/tests/tc_nodeport_lb4_dsr_backend.c: the reply's "src IP hasn't been RevNATed to frontend IP" must not fire;
    // kubeproxy-free.rst: "backends reply by using the service IP/port as a source".
    const last = traced('nodeport', { proxyMode: 'cilium-dsr' }).hops.at(-1)!;
    expect(last.at).toBe('node-A');
    expect(last.what).toContain('directly to 203.0.113.7');
    expect(last.what).toContain('service address');
  });
  it('DSR dispatch is noted, not modelled: an IPv4 option by default, Geneve as the other choice', () => {
    // pkg/loadbalancer/config.go: DSRDispatch defaults to DSRDispatchOption ("opt"); kubeproxy-free.rst lists
    // opt, geneve (and ipip) dispatch modes.
    const dnatHop = traced('nodeport', { proxyMode: 'cilium-dsr' }).hops.find((h) => h.kind === 'dnat')!;
    expect(dnatHop.what).toContain('IPv4 option');
    expect(dnatHop.what).toContain('geneve');
  });
});

describe('externalTrafficPolicy: Local on a node without a backend', () => {
  it('is rejected with ICMP port unreachable, so the client is refused, not left to time out', () => {
    // bpf/lib/nodeport.h nodeport_svc_lb4: DROP_NO_SERVICE with enable_no_service_endpoints_routable (default true,
    // pkg/svcrouteconfig/cell.go) tail-calls CILIUM_CALL_IPV4_NO_SERVICE, bpf/lib/lb.h tail_no_service_ipv4:
    // generate_icmp4_reply(ctx, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH); compiled in when serviceNoBackendResponse is
    // "reject", the default in install/kubernetes/cilium/values.yaml. bpf/tests/tc_nodeport_lb_no_backend.c:
    // "Test that a SVC without backends returns an ICMP error".
    for (const proxyMode of ciliumModes) {
      const t = traced('nodeport', { proxyMode, externalTrafficPolicy: 'Local' });
      expect(t.delivered, proxyMode).toBe(false);
      expect(t.dropCode, proxyMode).toBe('no-local-endpoint-reject');
      expect(t.dropReason, proxyMode).toContain('ICMP port unreachable');
    }
    expect(failureAtDrop('no-local-endpoint-reject').failure).toEqual({ kind: 'refused' });
  });
  it('the health check node port answers 503 from Cilium’s own server, 200 on the node with the backend', () => {
    // pkg/loadbalancer/healthserver/healthserver.go: "responds with 200 OK if there are local endpoints for the
    // service, or with 503 Service Unavailable if the service does not have any local endpoints", JSON field
    // "localEndpoints"; EnableHealthCheckNodePort defaults to true (pkg/loadbalancer/config.go).
    expect(traced('loadbalancer', { proxyMode: 'cilium-snat', externalTrafficPolicy: 'Local' }).healthCheck).toEqual({
      status: 503,
      localEndpoints: 0,
    });
    expect(
      traced('loadbalancer', { proxyMode: 'cilium-dsr', externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' }).healthCheck,
    ).toEqual({ status: 200, localEndpoints: 1 });
  });
});

describe('callers inside the cluster: the socket load balancer (bpf/bpf_sock.c)', () => {
  it('a pod sees no NAT at all, in every mode and policy, on either node', () => {
    // __sock4_xlate_fwd: `ctx->user_ip4 = backend->address` at connect(); kubeproxy-free.rst, "Socket LoadBalancer
    // Bypass in Pod Namespace": "the corresponding kernel socket is actually connected to the backend address and
    // therefore no additional lower layer NAT is required".
    for (const proxyMode of ciliumModes)
      for (const externalTrafficPolicy of ['Cluster', 'Local'])
        for (const entry of ['node-with-endpoint', 'node-without-endpoint']) {
          const t = traced('nodeport', { proxyMode, externalTrafficPolicy, entry, source: 'pod' });
          const pod = entry === 'node-with-endpoint' ? '198.18.1.20' : '198.18.2.20';
          expect(seen(t).remoteAddr, `${proxyMode} ${externalTrafficPolicy} ${entry}`).toBe(`${pod} source-pod`);
          expect(t.hops[1]!.at).toBe('source-pod');
        }
  });
  it('Local does not stop them: in-cluster callers use every backend', () => {
    // kubeproxy-free.rst, "Client Source IP Preservation": with externalTrafficPolicy=Local "all service endpoints are
    // available for load balancing from in-cluster side"; bpf_sock.c looks the service up with scope_switch true.
    expect(traced('nodeport', { proxyMode: 'cilium-snat', externalTrafficPolicy: 'Local', source: 'node' }).delivered).toBe(true);
  });
  it('a node sees its own address towards a remote pod, and its cilium_host router IP towards its own pod', () => {
    // pkg/datapath/linux/node.go createNodeRouteSpec: "10.10.0.0/24 via 10.10.0.1 dev cilium_host src 10.10.0.1" for
    // the local node's pod CIDR (enable-local-node-route, default true in pkg/defaults/defaults.go).
    expect(seen(traced('nodeport', { proxyMode: 'cilium-snat', source: 'node' })).remoteAddr).toBe('192.0.2.12 entry-node');
    expect(seen(traced('nodeport', { proxyMode: 'cilium-snat', source: 'node', entry: 'node-with-endpoint' })).remoteAddr).toBe(
      '198.18.1.1 entry-node-bridge',
    );
    expect(nodeSourceTowardsPod('A', 'A').ip).toBe('198.18.1.1');
    expect(nodeSourceTowardsPod('B', 'A').ip).toBe('192.0.2.12');
  });
});
