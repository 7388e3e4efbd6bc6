/**
 * The answer fields' contract (data-field / data-value), by hand: a header the app did not receive and a request that
 * never reached the app must not share a value, and a not-delivered state says what the client got: nginx's answers
 * (src/http/ngx_http_parse.c ngx_http_parse_request_line: a PROXY line read as a request line gets 400;
 * src/core/ngx_proxy_protocol.c ngx_proxy_protocol_read: "broken header", closed without a response) and kube-proxy's
 * drops (k8s.io/kubernetes v1.37.2 pkg/proxy/iptables/proxier.go syncProxyRules: DROP, "has no local endpoints";
 * pkg/proxy/ipvs/proxier.go syncEndpoint: the reply has the pod's address and is discarded, kubernetes PR 97081).
 */
import { describe, expect, it } from 'vitest';
import { fieldNamesOf, fieldValues, hopRows } from '../../src/views/fields.ts';
import { traced } from '../model/helpers.ts';

describe('"header not sent" and "request not delivered" are distinct values', () => {
  it('delivered without headers: X-Forwarded-For and X-Real-IP have the empty value ("not sent")', () => {
    const f = fieldValues(traced('nodeport'));
    expect(f.xForwardedFor).toEqual({ value: '', text: 'not sent' });
    expect(f.xRealIp).toEqual({ value: '', text: 'not sent' });
    expect(f.proxyProtocol).toEqual({ value: '', text: 'none' });
  });
  it('not delivered: every field of what the app sees is "not-delivered", and the text says what happened', () => {
    const f = fieldValues(traced('nodeport', { externalTrafficPolicy: 'Local' }));
    for (const field of ['remoteAddr', 'xForwardedFor', 'xRealIp', 'proxyProtocol'] as const) {
      expect(f[field], field).toEqual({ value: 'not-delivered', text: 'nothing: not delivered' });
    }
    for (const field of ['remoteAddr.role', 'xForwardedFor.roles', 'xRealIp.role', 'proxyProtocol.role'] as const) {
      expect(f[field].value, field).toBe('not-delivered');
    }
  });
});

describe('the delivered field says what the client gets, by drop code', () => {
  it('kube-proxy drops on a node without a local endpoint: the client times out', () => {
    expect(fieldValues(traced('nodeport', { externalTrafficPolicy: 'Local' })).delivered).toEqual({
      value: 'false',
      text: 'No: the packet is dropped (the client times out)',
    });
  });
  it('PROXY protocol sent to ingress-nginx that does not expect it: nginx answers HTTP 400', () => {
    const f = fieldValues(traced('ingress', { lb: 'l4-proxy-protocol' }));
    expect(f.delivered).toEqual({ value: 'false', text: 'No: nginx in the ingress controller pod answers HTTP 400 Bad Request' });
    expect(f.dropReason.value).toBe('proxy-protocol-unexpected');
    expect(f.remoteAddr.text).not.toContain('dropped');
  });
  it('ingress-nginx expecting PROXY protocol gets plain HTTP: the connection closes without a response', () => {
    // nginx src/core/ngx_proxy_protocol.c: "broken header", closed without a response. Behind an L4 load balancer the client gets the empty reply;
    // behind HAProxy in mode http the load balancer answers 502 itself (HAProxy: a server that closes without a response).
    expect(fieldValues(traced('ingress', { lb: 'l4-proxy', useProxyProtocol: 'true' })).delivered.text).toBe(
      'No: the connection closes without a response (the client gets an empty reply from the load balancer)',
    );
    expect(fieldValues(traced('ingress', { lb: 'l7-http', useProxyProtocol: 'true' })).delivered.text).toBe(
      'No: the connection closes without a response (the load balancer answers the client HTTP 502)',
    );
  });
  it('a pod calling a PROXY protocol load balancer’s address skips it: the app closes, the pod gets an empty reply', () => {
    expect(fieldValues(traced('loadbalancer', { lb: 'l4-proxy-protocol', source: 'pod' })).delivered.text).toBe(
      'No: the connection closes without a response (the client gets an empty reply)',
    );
  });
  it('IPVS without SNAT: the reply cannot return', () => {
    expect(fieldValues(traced('nodeport', { externalTrafficPolicy: 'Local', proxyMode: 'ipvs' })).delivered.text).toBe(
      'No: the reply cannot return (the client times out)',
    );
  });
  it('behind an HTTP load balancer, kube-proxy’s drop becomes the load balancer’s own 503 (HAProxy cannot connect)', () => {
    expect(fieldValues(traced('loadbalancer', { externalTrafficPolicy: 'Local' })).delivered.text).toBe(
      'No: the packet is dropped (the load balancer answers the client HTTP 503)',
    );
  });
});

describe('the health check field', () => {
  it('a Service of type LoadBalancer with Local: 503 on node B, 200 on node A', () => {
    expect(fieldValues(traced('loadbalancer', { externalTrafficPolicy: 'Local' })).healthCheck).toEqual({
      value: '503',
      text: '503 (localEndpoints: 0)',
    });
    expect(fieldValues(traced('loadbalancer', { externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' })).healthCheck.value).toBe(
      '200',
    );
  });
  it('type LoadBalancer with Cluster: none, the empty value', () => {
    expect(fieldValues(traced('loadbalancer')).healthCheck.value).toBe('');
  });
  it('a NodePort Service, Local or Cluster: its own value, not the Cluster one, and a text that says why', () => {
    // k8s.io/kubernetes v1.37.2 pkg/apis/core/validation/validation.go lines 7272-7276.
    for (const externalTrafficPolicy of ['Local', 'Cluster']) {
      const f = fieldValues(traced('nodeport', { externalTrafficPolicy }));
      expect(f.healthCheck.value).toBe('none-for-service-type');
      expect(f.healthCheck.text).toContain('a NodePort Service has no health check node port');
    }
  });
});

describe('the hop table', () => {
  it('shows IPVS’s stray reply with the reply’s addresses, pod to client', () => {
    const rows = hopRows(traced('nodeport', { externalTrafficPolicy: 'Local', proxyMode: 'ipvs' }));
    expect(rows.at(-1)).toMatchObject({
      at: 'the client',
      kind: 'drop',
      src: 'reply from 198.18.1.10 (the app pod)',
      dst: '203.0.113.7 (the client)',
    });
  });
});

describe('pod to pod has no entry node', () => {
  it('a node calling the app by ClusterIP: the role text names the caller’s node, the value stays the role id', () => {
    const f = fieldValues(traced('pod-to-pod', { via: 'cluster-ip', placement: 'other-node', caller: 'node' }));
    expect(f['remoteAddr.role']).toEqual({ value: 'entry-node', text: 'the caller’s node' });
  });
  it('the app pod reaching its own Service on a bridge: the gateway of the caller’s node; no text of any pod-to-pod state says "entry node"', () => {
    const f = fieldValues(traced('pod-to-pod', { via: 'cluster-ip', placement: 'self', podNetwork: 'bridge' }));
    expect(f['remoteAddr.role'].text).toBe('the pod-network gateway of the caller’s node');
    for (const via of ['pod-ip', 'cluster-ip'])
      for (const placement of ['other-node', 'same-node', 'self'])
        for (const podNetwork of ['bridge', 'routed'])
          for (const caller of placement === 'self' ? ['pod'] : ['pod', 'node']) {
            const t = traced('pod-to-pod', { via, placement, podNetwork, caller });
            const texts = [...Object.values(fieldValues(t)).map((v) => v.text), ...hopRows(t).flatMap((r) => Object.values(r))];
            expect(texts.join(' | ')).not.toMatch(/entry node/i);
          }
  });
  it('NodePort keeps "the entry node"', () => {
    expect(fieldValues(traced('nodeport'))['remoteAddr.role'].text).toBe('the entry node');
  });
});

/**
 * Which address `spec.loadBalancerSourceRanges` is compared with. kube-proxy checks only packets still addressed to the
 * load balancer IP: k8s.io/kubernetes v1.37.2 pkg/proxy/iptables/proxier.go syncProxyRules ("This only works for
 * VIP-like loadbalancers that preserve source IPs. For loadbalancers which direct traffic to service NodePort, the
 * firewall rules will not apply"; "nodeports are not subect to loadBalancerSourceRanges"), from KUBE-SERVICES, which a
 * pod's and the node's own packets traverse too; nftables/proxier.go the same. Cilium v1.20.2
 * Documentation/network/kubernetes/kubeproxy-free.rst "LoadBalancer Source Ranges Checks": outside traffic only.
 */
describe('the sourceRangesSee fields', () => {
  const field = (id: string, params: Record<string, string>) => {
    const f = fieldValues(traced(id, params));
    // The address field and its role field are both empty, or both set.
    expect(f.sourceRangesSee.value === '').toBe(f['sourceRangesSee.role'].value === '');
    return { value: f['sourceRangesSee.role'].value || 'not-checked', text: f.sourceRangesSee.text };
  };
  it('a load balancer that sends to the NodePort: no node checks, even when it keeps the client', () => {
    expect(field('loadbalancer', { lb: 'l4-passthrough' }).value).toBe('not-checked');
    expect(field('loadbalancer', { lb: 'l4-passthrough' }).text).toContain('depends on its controller');
    expect(field('loadbalancer', { cloud: 'hetzner' }).value).toBe('not-checked');
  });
  it('a passthrough that keeps the load balancer IP (MetalLB): kube-proxy compares the client', () => {
    const f = field('loadbalancer', { cloud: 'metallb' });
    expect(f.value).toBe('client');
    expect(f.text).toContain('kube-proxy');
  });
  it('a pod or a node calling the load balancer IP with ipMode VIP: kube-proxy on its node compares the caller', () => {
    expect(field('loadbalancer', { source: 'pod' }).value).toBe('source-pod');
    expect(field('loadbalancer', { source: 'node' }).value).toBe('entry-node');
    expect(field('ingress', { source: 'pod' }).value).toBe('source-pod');
    expect(field('gateway', { source: 'pod' }).value).toBe('source-pod');
  });
  it('with ipMode Proxy the caller goes out: a generic load balancer is not checked in the cluster', () => {
    expect(field('loadbalancer', { source: 'pod', ipMode: 'Proxy' }).value).toBe('not-checked');
  });
  it('Cilium checks outside traffic to the load balancer IP and ignores callers inside the cluster', () => {
    const outside = field('loadbalancer', { cloud: 'metallb', proxyMode: 'cilium-snat' });
    expect(outside.value).toBe('client');
    expect(outside.text).toContain('Cilium');
    expect(field('loadbalancer', { cloud: 'metallb', proxyMode: 'cilium-snat', source: 'pod' }).value).toBe('not-checked');
  });
  it('a provider whose firewall checks at the load balancer: the client, even where the pod sees the load balancer', () => {
    const nlb = field('loadbalancer', { cloud: 'aws-nlb-ip' });
    expect(nlb.value).toBe('client');
    expect(nlb.text).toContain('security group');
  });
  it('only the paths through a load balancer have the field', () => {
    expect(fieldNamesOf('nodeport')).not.toContain('sourceRangesSee');
    expect(fieldNamesOf('pod-to-pod')).not.toContain('sourceRangesSee');
    expect(fieldNamesOf('gateway').slice(-2)).toEqual(['sourceRangesSee', 'sourceRangesSee.role']);
  });
});
