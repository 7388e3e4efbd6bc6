/**
 * The cloud load balancer in front of the cluster (src/model/load-balancer.ts), through the loadbalancer scenario. The
 * lab plays each kind with HAProxy (lab/haproxy-config.ts): an HTTP listener with `option forwardfor`, `mode tcp`, and
 * `mode tcp` with `send-proxy`; the cloud behaviours each kind stands for are documented by the providers: AWS
 * Application Load Balancer, routing.http.xff_header_processing.mode "append" by default
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html); a Network Load
 * Balancer with client IP preservation keeps the source address
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-target-groups.html#client-ip-preservation);
 * PROXY protocol is HAProxy's specification (haproxy/haproxy doc/proxy-protocol.txt). Expectations written by hand.
 */
import { describe, expect, it } from 'vitest';
import { seen, traced } from './helpers.ts';

const local = { externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' };

describe('an L7 (HTTP) listener terminates and appends the client to X-Forwarded-For', () => {
  it('with Local, the pod sees the load balancer 192.0.2.2 as peer and the client in X-Forwarded-For', () => {
    expect(seen(traced('loadbalancer', { lb: 'l7-http', ...local }))).toEqual({
      delivered: true,
      remoteAddr: '192.0.2.2 load-balancer',
      xForwardedFor: ['203.0.113.7 client'],
      xRealIp: null,
      proxyProtocol: null,
    });
  });
  it('the appended address is a header line of its own, after the line the client sent', () => {
    // HAProxy `option forwardfor` adds an X-Forwarded-For header (haproxy/haproxy doc/configuration.txt, "option
    // forwardfor") and leaves the client's own line in place; the lab's l7-http cases show both lines.
    const t = traced('loadbalancer', { lb: 'l7-http', ...local, spoofedHeader: 'present' });
    const last = t.hops.at(-1)!;
    expect(last.headers.map((h) => `${h.name}: ${h.values.map((v) => v.ip).join(', ')}`)).toEqual([
      'X-Forwarded-For: 203.0.113.66',
      'X-Forwarded-For: 203.0.113.7',
    ]);
    expect(seen(t).xForwardedFor).toEqual(['203.0.113.66 spoofed', '203.0.113.7 client']);
  });
});

describe('an L4 passthrough listener keeps the client address at L3', () => {
  it('with Local, the pod sees the client 203.0.113.7', () => {
    expect(seen(traced('loadbalancer', { lb: 'l4-passthrough', ...local })).remoteAddr).toBe('203.0.113.7 client');
  });
  it('with Cluster, the pod sees the entry node 192.0.2.12', () => {
    expect(seen(traced('loadbalancer', { lb: 'l4-passthrough' })).remoteAddr).toBe('192.0.2.12 entry-node');
  });
});

describe('an L4 proxy opens a new connection and loses the client', () => {
  it('with Local, the pod sees the load balancer 192.0.2.2 and nothing else', () => {
    expect(seen(traced('loadbalancer', { lb: 'l4-proxy', ...local }))).toEqual({
      delivered: true,
      remoteAddr: '192.0.2.2 load-balancer',
      xForwardedFor: null,
      xRealIp: null,
      proxyProtocol: null,
    });
  });
});

describe('PROXY protocol carries the client and survives kube-proxy SNAT', () => {
  // The PROXY line travels inside the TCP stream (doc/proxy-protocol.txt), which kube-proxy's DNAT and masquerade do
  // not touch: the lab's loadbalancer cases with lb=l4-proxy-protocol and Cluster show it.
  it('with Cluster through node B, the peer is node B but the PROXY source is the client', () => {
    expect(seen(traced('loadbalancer', { lb: 'l4-proxy-protocol' }))).toEqual({
      delivered: true,
      remoteAddr: '192.0.2.12 entry-node',
      xForwardedFor: null,
      xRealIp: null,
      proxyProtocol: '203.0.113.7 client',
    });
  });
  it('with Local, the peer is the load balancer and the PROXY source the client', () => {
    expect(seen(traced('loadbalancer', { lb: 'l4-proxy-protocol', ...local })).proxyProtocol).toBe('203.0.113.7 client');
  });
});
