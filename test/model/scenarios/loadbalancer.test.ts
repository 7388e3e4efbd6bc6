/**
 * The loadbalancer scenario (src/model/scenarios/loadbalancer.ts) for callers inside the cluster: kube-proxy catches a
 * connection to a load balancer IP on the caller's own node, so it never reaches the load balancer. Sources:
 * k8s.io/kubernetes v1.37.2 (the pinned Go module) pkg/proxy/iptables/proxier_test.go, TestInternalExternalMasquerade
 * ("pod to LB with eTP:Local": all endpoints, no masquerade, the short-circuit "supposed to make this behave the same way
 * it would if the packet actually went out to the LB"), and TestLoadBalancerIngressRouteTypeProxy (with
 * status.loadBalancer.ingress[].ipMode Proxy kube-proxy writes no rule for the load balancer IP); kubernetes issue 66607.
 * What the load balancer itself does is in test/model/load-balancer.test.ts. Every expectation is written by hand.
 */
import { describe, expect, it } from 'vitest';
import { trace } from '../../../src/model/index.ts';
import { seen, traced } from '../helpers.ts';

describe('in-cluster calls to a LoadBalancer IP never reach the load balancer', () => {
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
