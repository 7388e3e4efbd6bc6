/**
 * The `cloud` parameter (src/model/cloud/load-balancers.ts and the loadbalancer scenario): each provider's default path,
 * with the expectation taken from the provider's own controller code or documentation, cited per test.
 */
import { describe, expect, it } from 'vitest';
import { deriveCloudParams, genericPath, providerPath } from '../../../src/model/cloud/load-balancers.ts';
import { trace } from '../../../src/model/index.ts';

const lb = (params: Record<string, string>) => trace('loadbalancer', params);

describe('providers’ default paths', () => {
  it('AWS NLB with IP targets hides the client: preservation is off by default for IP targets', () => {
    // aws-load-balancer-controller pkg/service/model_build_target_group.go buildPreserveClientIPFlag: false for ip targets.
    const t = lb({ cloud: 'aws-nlb-ip', externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' });
    expect(t.observed!.remoteAddr.role).toBe('load-balancer');
    // IP targets are the pods: no NodePort, so the policy and the entry node do not matter.
    expect(t.inapplicable).toEqual(expect.arrayContaining(['externalTrafficPolicy', 'entry']));
  });
  it('AWS NLB with IP targets and preserve_client_ip.enabled=true shows the client, under either policy', () => {
    // AWS, "Edit target group attributes for your Network Load Balancer": client IP preservation keeps the source address.
    for (const externalTrafficPolicy of ['Cluster', 'Local'])
      expect(lb({ cloud: 'aws-nlb-ip-preserve', externalTrafficPolicy }).observed!.remoteAddr.ip).toBe('203.0.113.7');
  });
  it('AWS NLB with instance targets behaves as a NodePort: Local through the endpoint’s node keeps the client, Cluster masquerades', () => {
    // aws-load-balancer-controller docs/guide/service/nlb.md: instance targets are registered on the NodePort; preservation on.
    expect(lb({ cloud: 'aws-nlb-instance', externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' }).observed!.remoteAddr.role).toBe(
      'client',
    );
    expect(lb({ cloud: 'aws-nlb-instance', externalTrafficPolicy: 'Cluster' }).observed!.remoteAddr.role).toBe('entry-node');
  });
  it('a pod calling an NLB that preserves its address is sent back to its own node and times out', () => {
    // AWS NLB troubleshooting, "Requests from a target to its own load balancer time out" (loopback with client IP preservation).
    expect(lb({ cloud: 'aws-nlb-instance', source: 'pod' }).dropCode).toBe('load-balancer-loopback');
  });
  it('Google’s front ends write the client, then the forwarding rule’s address', () => {
    // cloud.google.com/load-balancing/docs/https, X-Forwarded-For: <immediate client IP>, <global forwarding rule external IP>.
    const t = lb({ cloud: 'gke-l7' });
    expect(t.observed!.xForwardedFor!.map((a) => a.ip)).toEqual(['203.0.113.7', '198.51.100.10']);
  });
  it('Azure Application Gateway writes the client with its port', () => {
    // Microsoft, "Rewrite HTTP headers with Azure Application Gateway": X-Forwarded-For carries IP:port entries.
    const xff = lb({ cloud: 'azure-appgw' }).observed!.xForwardedFor!;
    expect(xff.map((a) => `${a.ip}:${a.port}`)).toEqual(['203.0.113.7:51234']);
  });
  it('Hetzner with PROXY protocol sets ipMode Proxy, so a pod’s call goes out and its node arrives in the PROXY header', () => {
    // hcloud-cloud-controller-manager hcloud/load_balancers.go buildLoadBalancerStatusIngress: Proxy when proxy protocol is on.
    const t = lb({ cloud: 'hetzner', proxyProtocol: 'true', source: 'pod' });
    expect(t.params.ipMode).toBe('Proxy');
    expect(t.observed!.proxyProtocol!.role).toBe('entry-node');
    expect(
      lb({ cloud: 'hetzner', source: 'pod', externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' }).observed!.remoteAddr.role,
    ).toBe('source-pod');
  });
});

describe('deriveCloudParams', () => {
  it('replaces a listener that disagrees with the provider and names it only when the link gave it', () => {
    const asked = { cloud: 'aws-alb', lb: 'l4-proxy', proxyProtocol: 'false', ipMode: 'VIP' };
    const named = deriveCloudParams(asked, new Set(['cloud', 'lb']));
    expect(named.params.lb).toBe('l7-http');
    expect(named.notices).toHaveLength(1);
    expect(named.notices[0]).toContain('lb=');
    expect(deriveCloudParams(asked, new Set(['cloud'])).notices).toEqual([]);
  });
  it('with no provider, PROXY protocol follows the listener', () => {
    expect(deriveCloudParams({ cloud: 'generic', lb: 'l4-proxy-protocol', proxyProtocol: 'false' }, new Set()).params.proxyProtocol).toBe(
      'true',
    );
  });
  it('turns PROXY protocol off on a provider that offers none', () => {
    expect(providerPath('gke-passthrough', true).proxyProtocol).toBe(false);
    expect(providerPath('linode', true).proxyProtocol).toBe(true);
  });
  it('a widget that names only the control the reader changed gets no notice for a stale listener', () => {
    const t = trace('loadbalancer', { cloud: 'hetzner', lb: 'l7-http' }, { given: ['cloud'] });
    expect(t.notices).toEqual([]);
    expect(t.params.lb).toBe('l4-proxy');
  });
});

describe('genericPath', () => {
  it('keeps today’s listeners: to the NodePort, the PROXY header only for l4-proxy-protocol', () => {
    expect(genericPath('l4-proxy-protocol')).toMatchObject({ target: 'node-port', proxyProtocol: true, keepsSource: false });
    expect(genericPath('l4-passthrough')).toMatchObject({ target: 'node-port', proxyProtocol: false, keepsSource: true });
  });
});
