/**
 * The guide's corrections to the post it started from (content/docs/corrections.mdx, sections 1-5), each checked
 * against the model by hand. Each correction rests on an upstream source, cited where the behaviour is tested in full:
 * 1, 2: kube-proxy's masquerade and no-local-endpoint rules (test/model/scenarios/nodeport.test.ts, k8s.io/kubernetes
 * v1.37.2 pkg/proxy/iptables/proxier.go); 2, 3: the health check server's 503 (test/model/kube-proxy.test.ts,
 * pkg/proxy/healthcheck/service_health.go); 4: an L7 listener's X-Forwarded-For (test/model/load-balancer.test.ts);
 * 5: ingress-nginx's template (test/model/ingress-nginx.test.ts, kubernetes/ingress-nginx controller-v1.13.0).
 */
import { describe, expect, it } from 'vitest';
import { seen, traced } from './helpers.ts';

describe('corrections to the original post (content/docs/corrections.mdx)', () => {
  it('1. NodePort with Cluster is not "indeterminate": the pod always sees an address of the entry node', () => {
    const seenBy = ['node-without-endpoint', 'node-with-endpoint'].flatMap((entry) =>
      ['bridge', 'routed'].map((podNetwork) => seen(traced('nodeport', { entry, podNetwork })).remoteAddr),
    );
    expect(seenBy).toEqual(['192.0.2.12 entry-node', '192.0.2.12 entry-node', '198.18.1.1 entry-node-bridge', '192.0.2.11 entry-node']);
  });
  it('2. with Local, kube-proxy also runs on the node without pods: it drops the traffic and fails the health check', () => {
    const t = traced('loadbalancer', { externalTrafficPolicy: 'Local' });
    expect(t.hops.at(-1)).toMatchObject({ kind: 'drop', at: 'node-B' });
    expect(t.healthCheck?.status).toBe(503);
    expect(traced('nodeport', { externalTrafficPolicy: 'Local' }).hops.at(-1)).toMatchObject({ kind: 'drop', at: 'node-B' });
  });
  it('3. the failing health check answers 503, not 500', () => {
    expect(traced('loadbalancer', { externalTrafficPolicy: 'Local' }).healthCheck?.status).toBe(503);
  });
  it('4. "meaningless with Cluster" holds for L4 only: an L7 listener’s X-Forwarded-For still carries the client under Cluster', () => {
    expect(seen(traced('loadbalancer', { lb: 'l7-http', externalTrafficPolicy: 'Cluster' }))).toMatchObject({
      remoteAddr: '192.0.2.12 entry-node',
      xForwardedFor: ['203.0.113.7 client'],
    });
    expect(seen(traced('loadbalancer', { lb: 'l4-passthrough', externalTrafficPolicy: 'Cluster' })).remoteAddr).toBe(
      '192.0.2.12 entry-node',
    );
  });
  describe('5. the ingress Service need not use Local', () => {
    it('PROXY protocol from an L4 load balancer delivers the client under Cluster', () => {
      expect(seen(traced('ingress', { lb: 'l4-proxy-protocol', useProxyProtocol: 'true' })).xRealIp).toBe('203.0.113.7 client');
    });
    it('an L7 load balancer’s header with use-forwarded-headers and a narrow proxy-real-ip-cidr delivers the client, forged header or not', () => {
      const base = { lb: 'l7-http', useForwardedHeaders: 'true', proxyRealIpCidr: '192.0.2.0/24', podNetwork: 'routed' };
      expect(seen(traced('ingress', base)).xRealIp).toBe('203.0.113.7 client');
      expect(seen(traced('ingress', { ...base, spoofedHeader: 'present' })).xRealIp).toBe('203.0.113.7 client');
    });
    it('but the narrow trust must cover the peer: under Cluster on the endpoint node with a bridge, the peer is cni0 198.18.1.1, untrusted', () => {
      const t = traced('ingress', {
        lb: 'l7-http',
        useForwardedHeaders: 'true',
        proxyRealIpCidr: '192.0.2.0/24',
        entry: 'node-with-endpoint',
      });
      expect(seen(t).xRealIp).toBe('198.18.1.1 entry-node-bridge');
    });
    it('with ingress-nginx defaults the app’s X-Forwarded-For is the ingress’s own peer: the client only when the ingress sees it directly', () => {
      expect(
        seen(traced('ingress', { lb: 'l4-passthrough', externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' })).xForwardedFor,
      ).toEqual(['203.0.113.7 client']);
      expect(seen(traced('ingress', { lb: 'l7-http', externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' })).xForwardedFor).toEqual(
        ['192.0.2.2 load-balancer'],
      );
    });
  });
});
