/** facts.md §3: load balancers in front of the cluster. Expectations written by hand. */
import { describe, expect, it } from 'vitest';
import { classifyAddress, resolveClientIp } from '../../src/model/index.ts';
import { seen, traced } from './helpers.ts';

const local = { externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' };

describe('facts §3: an L7 (HTTP) listener terminates and appends the client to X-Forwarded-For', () => {
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
    const t = traced('loadbalancer', { lb: 'l7-http', ...local, spoofedHeader: 'present' });
    const last = t.hops.at(-1)!;
    expect(last.headers.map((h) => `${h.name}: ${h.values.map((v) => v.ip).join(', ')}`)).toEqual([
      'X-Forwarded-For: 203.0.113.66',
      'X-Forwarded-For: 203.0.113.7',
    ]);
    expect(seen(t).xForwardedFor).toEqual(['203.0.113.66 spoofed', '203.0.113.7 client']);
  });
});

describe('facts §3: an L4 passthrough listener keeps the client address at L3', () => {
  it('with Local, the pod sees the client 203.0.113.7', () => {
    expect(seen(traced('loadbalancer', { lb: 'l4-passthrough', ...local })).remoteAddr).toBe('203.0.113.7 client');
  });
  it('with Cluster, the pod sees the entry node 192.0.2.12', () => {
    expect(seen(traced('loadbalancer', { lb: 'l4-passthrough' })).remoteAddr).toBe('192.0.2.12 entry-node');
  });
});

describe('facts §3: an L4 proxy opens a new connection and loses the client', () => {
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

describe('facts §3: PROXY protocol carries the client and survives kube-proxy SNAT', () => {
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

describe('facts §3: notes that are not parameters', () => {
  // The model has no gke-l7 load balancer yet (the loadbalancer scenario's l7-http appends the client alone), so this
  // is not a test of a Google load balancer: it checks that the resolver reads the header form facts §3 gives for
  // Google's external HTTP(S) load balancer, "…, <client>, <LB IP>", where the client is second from the right.
  it('resolver, on a header in Google’s "…, <client>, <LB IP>" form: trusted-hops 2 answers the client, rightmost the LB IP, leftmost the forgery', () => {
    const headers = { 'X-Forwarded-For': '203.0.113.66, 203.0.113.7, 198.51.100.10' };
    const remoteAddr = '192.0.2.2';
    expect(resolveClientIp({ remoteAddr, headers, strategy: { kind: 'trusted-hops', hops: 2 } }).clientIp).toBe('203.0.113.7');
    expect(resolveClientIp({ remoteAddr, headers, strategy: { kind: 'rightmost' } }).clientIp).toBe('198.51.100.10');
    expect(resolveClientIp({ remoteAddr, headers, strategy: { kind: 'leftmost' } }).clientIp).toBe('203.0.113.66');
  });
  it('Alibaba’s load balancers and health checks come from 100.64.0.0/10: never taken for a client on the internet', () => {
    const c = classifyAddress('100.64.12.34');
    expect(c.role).toBe('unknown');
    expect(c.reason).toContain('100.64.0.0/10');
  });
});
