/**
 * src/model/cloud/providers.ts: the cloud providers' catalogue.
 *
 * Each expectation below is transcribed from the provider's controller code or documentation named in its `it`, not
 * from our model, so an edit that changes a default without a source fails here. Controllers were read in repository
 * snapshots (the Go module proxy refuses their modules here): the commits are those in `snapshots`, repeated in each
 * test's name. The research note is /work/briefs/cloud-research.md.
 */
import { describe, expect, it } from 'vitest';
import { type CloudProvider, type Citation, cloudProviders, providers, snapshots } from '../../../src/model/cloud/providers.ts';
import { parseRange } from '../../../src/model/ip.ts';

const nlbs: CloudProvider[] = ['aws-nlb-instance', 'aws-nlb-ip', 'aws-nlb-ip-preserve'];
const annotationValue = (provider: CloudProvider, name: string) =>
  providers[provider].annotations.find((annotation) => annotation.name === name)?.value;

describe('AWS Load Balancer Controller (kubernetes-sigs/aws-load-balancer-controller@225f4456, v3.5.0-8)', () => {
  it('default target type is instance on the NodePort, ip sends to the pod (pkg/config/controller_config.go --default-target-type; pkg/service/model_build_target_group.go buildTargetType, buildTargetGroupPort)', () => {
    expect(providers['aws-nlb-instance'].target).toBe('node-port');
    expect(annotationValue('aws-nlb-instance', 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type')).toBe('instance');
    for (const ip of ['aws-nlb-ip', 'aws-nlb-ip-preserve'] as const) {
      expect(providers[ip].target).toBe('pod-ip');
      expect(annotationValue(ip, 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type')).toBe('ip');
    }
  });

  it('client IP preservation defaults to true for instance targets, false for ip targets (model_build_target_group.go buildPreserveClientIPFlag; docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html "Default settings")', () => {
    expect(providers['aws-nlb-instance'].peer.kind).toBe('client');
    expect(providers['aws-nlb-instance'].listener).toBe('l4-passthrough');
    expect(providers['aws-nlb-ip'].peer.kind).toBe('lb-address');
    expect(providers['aws-nlb-ip'].listener).toBe('l4-proxy');
    expect(providers['aws-nlb-ip-preserve'].peer.kind).toBe('client');
    expect(annotationValue('aws-nlb-ip-preserve', 'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes')).toBe(
      'preserve_client_ip.enabled=true',
    );
    expect(annotationValue('aws-nlb-ip', 'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes')).toBeUndefined();
  });

  it('PROXY protocol v2 is aws-load-balancer-proxy-protocol: "*", the only accepted value (model_build_target_group.go buildTargetGroupAttributes; docs/guide/service/annotations.md#proxy-protocol-v2)', () => {
    for (const nlb of nlbs) {
      expect(providers[nlb].proxyProtocol).toMatchObject({
        annotation: 'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol',
        value: '*',
        version: 2,
      });
    }
  });

  it('the default scheme is internal, so a public NLB or ALB names internet-facing (docs/guide/service/annotations.md#lb-scheme; docs/guide/ingress/annotations.md scheme)', () => {
    for (const nlb of nlbs) {
      expect(annotationValue(nlb, 'service.beta.kubernetes.io/aws-load-balancer-scheme')).toBe('internet-facing');
      expect(annotationValue(nlb, 'service.beta.kubernetes.io/aws-load-balancer-type')).toBe('external');
    }
    expect(annotationValue('aws-alb', 'alb.ingress.kubernetes.io/scheme')).toBe('internet-facing');
  });

  it('the status carries the DNS name only, no IP and no ipMode (controllers/service/service_controller.go)', () => {
    for (const aws of [...nlbs, 'aws-alb'] as const) expect(providers[aws].ipMode.default).toBe('unset');
    for (const nlb of nlbs) expect(providers[nlb].statusIngress).toBe('hostname');
  });

  it('source ranges become the NLB frontend security group rules, which see the client (pkg/service/model_build_managed_sg.go; docs/guide/service/nlb.md "Security group")', () => {
    for (const nlb of nlbs) expect(providers[nlb].sourceRanges.compares).toBe('client');
  });

  it('instance targets and preserved IP targets time out when routed back to themselves (AWS NLB troubleshooting, loopback-timeout)', () => {
    expect(providers['aws-nlb-instance'].inCluster?.note).toMatch(/times out/);
    expect(providers['aws-nlb-ip-preserve'].inCluster?.note).toMatch(/times out/);
    expect(providers['aws-nlb-ip'].inCluster).toBeUndefined();
  });

  it('ALB: target-type defaults to instance; X-Forwarded-For modes append (default), preserve, remove (docs/guide/ingress/annotations.md target-type; docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html)', () => {
    const alb = providers['aws-alb'];
    expect(alb.listener).toBe('l7-http');
    expect(alb.target).toBe('node-port');
    expect(alb.xff).toMatchObject({ appends: 'peer', modes: ['append', 'preserve', 'remove'] });
    expect(alb.proxyProtocol).toBeNull();
  });
});

describe('Google Cloud (kubernetes/cloud-provider-gcp@4e245312; kubernetes/ingress-gce@acbcf5d6)', () => {
  it('L4 firewall sources for traffic and health checks: 130.211.0.0/22, 35.191.0.0/16, 209.85.152.0/22, 209.85.204.0/22 (providers/gce/gce_loadbalancer.go l4LbSrcRngsFlag)', () => {
    expect(providers['gke-passthrough'].healthChecks.sources).toEqual([
      '130.211.0.0/22',
      '35.191.0.0/16',
      '209.85.152.0/22',
      '209.85.204.0/22',
    ]);
    expect(providers['gke-passthrough'].listener).toBe('l4-passthrough');
    expect(providers['gke-passthrough'].target).toBe('node-lb-ip');
  });

  it('L7 sources: 130.211.0.0/22, 35.191.0.0/16 (gce_loadbalancer.go l7lbSrcRngsFlag; ingress-gce pkg/firewalls/controller.go, docs/faq/gce.md)', () => {
    const l7 = providers['gke-l7'];
    expect(l7.healthChecks.sources).toEqual(['130.211.0.0/22', '35.191.0.0/16']);
    expect(l7.peer).toMatchObject({ kind: 'proxy-range', cidrs: ['130.211.0.0/22', '35.191.0.0/16'] });
  });

  it('container-native load balancing sends to pod IPs, enabled by cloud.google.com/neg (ingress-gce pkg/negannotation/negannotation.go NEGAnnotationKey)', () => {
    expect(providers['gke-l7'].target).toBe('pod-ip');
    expect(annotationValue('gke-l7', 'cloud.google.com/neg')).toBe('{"ingress": true}');
  });

  it('GatewayClass for the global external Application Load Balancer is gke-l7-global-external-managed (cloud.google.com/kubernetes-engine/docs/how-to/gatewayclass-capabilities)', () => {
    expect(annotationValue('gke-l7', 'spec.gatewayClassName')).toBe('gke-l7-global-external-managed');
  });

  it('X-Forwarded-For gets "<immediate client IP>, <global forwarding rule external IP>" appended (cloud.google.com/load-balancing/docs/https, target proxies)', () => {
    expect(providers['gke-l7'].xff?.appends).toBe('peer-then-lb-ip');
    expect(providers['gke-l7'].readTheClient).toMatch(/2 hops/);
  });
});

describe('Azure (kubernetes-sigs/cloud-provider-azure@7b31c76c; Azure/application-gateway-kubernetes-ingress@f42103da)', () => {
  it('load-balancing rules use floating IP on the Service port, so the node sees the LB IP as destination (pkg/provider/azure_loadbalancer.go getExpectedLoadBalancingRulePropertiesForPort)', () => {
    expect(providers.aks.target).toBe('node-lb-ip');
    expect(providers.aks.listener).toBe('l4-passthrough');
    expect(providers.aks.peer.kind).toBe('client');
  });

  it('health probes come from 168.63.129.16 (learn.microsoft.com what-is-ip-address-168-63-129-16)', () => {
    expect(providers.aks.healthChecks.sources).toEqual(['168.63.129.16/32']);
  });

  it('PROXY protocol exists only on a Private Link Service (pkg/consts/consts.go ServiceAnnotationPLSProxyProtocol), not on the load balancer', () => {
    expect(providers.aks.proxyProtocol).toBeNull();
  });

  it('AGIC puts pod IPs in the backend pool; Application Gateway writes IP:port entries (docs/developers/design.md; docs/features/rewrite-rule-set-custom-resource.md)', () => {
    expect(providers['azure-appgw'].target).toBe('pod-ip');
    expect(providers['azure-appgw'].xff?.appends).toBe('peer-with-port');
    expect(annotationValue('azure-appgw', 'kubernetes.io/ingress.class')).toBe('azure/application-gateway');
  });
});

describe('DigitalOcean (digitalocean/digitalocean-cloud-controller-manager@70d527e3, v0.1.68-7)', () => {
  it('a new Service gets REGIONAL_NETWORK, a pass-through load balancer (cloud-controller-manager/do/cloud.go defaultLBType; docs/controllers/services/annotations.md do-loadbalancer-type)', () => {
    expect(annotationValue('digitalocean', 'service.beta.kubernetes.io/do-loadbalancer-type')).toBe('REGIONAL_NETWORK');
    expect(providers.digitalocean.listener).toBe('l4-passthrough');
    expect(providers.digitalocean.peer.kind).toBe('client');
  });

  it('PROXY protocol: do-loadbalancer-enable-proxy-protocol "true", version 1 (annotations.md; docs.digitalocean.com/glossary/proxy)', () => {
    expect(providers.digitalocean.proxyProtocol).toMatchObject({
      annotation: 'service.beta.kubernetes.io/do-loadbalancer-enable-proxy-protocol',
      value: 'true',
      version: 1,
    });
  });

  it('do-loadbalancer-hostname is the in-cluster workaround for kubernetes#66607 (annotations.md)', () => {
    expect(providers.digitalocean.inCluster?.note).toMatch(/do-loadbalancer-hostname/);
  });
});

describe('Hetzner (hetznercloud/hcloud-cloud-controller-manager@6485324f, v1.35.0-13)', () => {
  it('ipMode is VIP, Proxy only with PROXY protocol (hcloud/load_balancers.go buildLoadBalancerStatusIngress)', () => {
    expect(providers.hetzner.ipMode.default).toBe('VIP');
    expect(providers.hetzner.ipMode.note).toMatch(/Proxy only when PROXY protocol is on/);
  });

  it('uses-proxyprotocol "true"; a TCP proxy to the NodePort (docs/reference/load_balancer_annotations.md; internal/hcops/load_balancer.go destinationPort)', () => {
    expect(providers.hetzner.proxyProtocol).toMatchObject({ annotation: 'load-balancer.hetzner.cloud/uses-proxyprotocol', value: 'true' });
    expect(providers.hetzner.listener).toBe('l4-proxy');
    expect(providers.hetzner.target).toBe('node-port');
    expect(annotationValue('hetzner', 'load-balancer.hetzner.cloud/protocol')).toBe('tcp');
  });
});

describe('Linode (linode/linode-cloud-controller-manager@b9aa9012)', () => {
  it('default-proxy-protocol takes none (default), v1 or v2 (docs/configuration/annotations.md)', () => {
    const proxy = providers.linode.proxyProtocol;
    expect(proxy?.annotation).toBe('service.beta.kubernetes.io/linode-loadbalancer-default-proxy-protocol');
    expect(['v1', 'v2']).toContain(proxy?.value);
    expect(proxy?.version).toBe(proxy?.value === 'v1' ? 1 : 2);
    expect(providers.linode.listener).toBe('l4-proxy');
  });

  it('NodeBalancers reach the NodePorts from 192.168.255.0/24 (techdocs.akamai.com/cloud-computing/docs/lke-network-firewall-details)', () => {
    expect(providers.linode.peer).toMatchObject({ kind: 'proxy-range', cidrs: ['192.168.255.0/24'] });
    expect(providers.linode.healthChecks.sources).toEqual(['192.168.255.0/24']);
    expect(providers.linode.target).toBe('node-port');
  });
});

describe('status.loadBalancer.ingress by controller', () => {
  it('an IP for Hetzner (hcloud/load_balancers.go), Linode (cloud/linode/loadbalancers.go makeLoadBalancerStatus: hostname and IP), DigitalOcean (do/loadbalancers.go: IP unless do-loadbalancer-hostname), MetalLB; none for Ingress-fronting providers', () => {
    for (const withIp of ['hetzner', 'linode', 'digitalocean', 'metallb', 'aks', 'gke-passthrough'] as const)
      expect(providers[withIp].statusIngress).toBe('ip');
    for (const ingress of ['aws-alb', 'gke-l7', 'azure-appgw'] as const) expect(providers[ingress].statusIngress).toBe('none');
  });
});

describe('MetalLB (go.universe.tf/metallb@v0.16.2)', () => {
  it('not a proxy: the packet keeps the client and the LB IP; Local keeps the client (website/content/usage/_index.md "Traffic policies")', () => {
    expect(providers.metallb).toMatchObject({ listener: 'not-a-proxy', target: 'node-lb-ip', proxyProtocol: null, xff: null });
    expect(providers.metallb.peer.kind).toBe('client');
  });
});

describe('Alibaba Cloud (kubernetes/cloud-provider-alibaba-cloud@eeb0ddc6, v2.14.0)', () => {
  it('PROXY protocol: alibaba-cloud-loadbalancer-proxy-protocol "on", version 2 only (pkg/controller/service/clbv1/listeners.go EnableProxyProtocolV2; alibabacloud.com CLB "supports only Proxy Protocol v2")', () => {
    expect(providers['alibaba-clb-l4'].proxyProtocol).toMatchObject({
      annotation: 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-proxy-protocol',
      value: 'on',
      version: 2,
    });
  });

  it('health checks from 100.64.0.0/10 (alibabacloud.com CLB Health Check FAQ)', () => {
    expect(providers['alibaba-clb-l4'].healthChecks.sources).toEqual(['100.64.0.0/10']);
    expect(providers['alibaba-clb-l7'].healthChecks.sources).toEqual(['100.64.0.0/10']);
  });

  it('ECS backends on the NodePort by default; layer 7 via protocol-port http, X-Forwarded-For always added (clbv1/vgroups.go; docs/usage.md; alibabacloud.com layer 7 client IP page)', () => {
    expect(providers['alibaba-clb-l4'].target).toBe('node-port');
    expect(providers['alibaba-clb-l7'].target).toBe('node-port');
    expect(annotationValue('alibaba-clb-l7', 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-protocol-port')).toBe('http:80');
    expect(providers['alibaba-clb-l7'].xff?.appends).toBe('peer');
  });
});

describe('catalogue structure', () => {
  // A Kubernetes annotation key: an optional DNS-subdomain prefix and "/", then a name of at most 63 characters.
  const annotationKey =
    /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
  const snapshotSources = Object.values(snapshots);
  const citations = (provider: CloudProvider): Citation[] => {
    const facts = providers[provider];
    return [
      facts.peer.cite,
      facts.healthChecks.cite,
      facts.sourceRanges.cite,
      ...(facts.xff ? [facts.xff.cite] : []),
      ...(facts.proxyProtocol ? [facts.proxyProtocol.cite] : []),
      ...(facts.ipMode.cite ? [facts.ipMode.cite] : []),
      ...(facts.inCluster ? [facts.inCluster.cite] : []),
    ];
  };

  it('lists the 14 providers in the parameter order, each with a record', () => {
    expect(cloudProviders).toEqual(Object.keys(providers));
    expect(cloudProviders).toHaveLength(14);
    expect(cloudProviders[0]).toBe('aws-nlb-instance');
    expect(cloudProviders[13]).toBe('alibaba-clb-l7');
  });

  it.each(cloudProviders)('%s: every citation names a snapshot with its commit or an https page, and says something', (provider) => {
    for (const cite of citations(provider)) {
      expect(cite.says.trim().length).toBeGreaterThan(10);
      const fromSnapshot = snapshotSources.some((snapshot) => cite.source.includes(snapshot));
      expect(fromSnapshot || cite.source.startsWith('https://')).toBe(true);
    }
  });

  it.each(cloudProviders)('%s: annotation names are Kubernetes annotation keys with a value and a reason', (provider) => {
    for (const annotation of providers[provider].annotations) {
      expect(annotation.name).toMatch(annotationKey);
      expect(annotation.value).not.toBe('');
      expect(annotation.why).not.toBe('');
    }
    const proxy = providers[provider].proxyProtocol;
    if (proxy) expect(proxy.annotation).toMatch(annotationKey);
  });

  it.each(cloudProviders)('%s: health-check sources and peer ranges are CIDRs', (provider) => {
    const facts = providers[provider];
    for (const cidr of [...facts.healthChecks.sources, ...(facts.peer.cidrs ?? [])]) {
      expect(cidr).toMatch(/\/\d+$/);
      expect(parseRange(cidr).ok).toBe(true);
    }
    if (facts.healthChecks.sources.length === 0) expect(facts.healthChecks.note.length).toBeGreaterThan(10);
  });

  it.each(cloudProviders)('%s: X-Forwarded-For only on L7 listeners; pod-IP targets and pass-through keep their meaning', (provider) => {
    const facts = providers[provider];
    expect(facts.xff !== null).toBe(facts.listener === 'l7-http');
    if (facts.listener === 'l4-passthrough' || facts.listener === 'not-a-proxy') expect(facts.peer.kind).toBe('client');
    if (facts.peer.kind !== 'client') expect(['l4-proxy', 'l7-http']).toContain(facts.listener);
  });

  it.each(cloudProviders)('%s: unverified records say what was tried; verified ones carry no such note', (provider) => {
    const facts = providers[provider];
    if (facts.verified) expect(facts.unverified).toBeUndefined();
    else expect(facts.unverified?.length ?? 0).toBeGreaterThan(20);
    expect(facts.readTheClient.length).toBeGreaterThan(10);
    expect(facts.controller).toMatch(/@|v\d/);
  });
});
