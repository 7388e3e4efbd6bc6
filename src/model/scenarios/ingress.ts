/** A client reaches the app through a load balancer, the ingress-nginx Service and controller pod. */
import { addressOf, plan } from '../addresses.ts';
import { deriveCloudParams, loadBalancerPath } from '../cloud/load-balancers.ts';
import {
  cloudParam,
  entryParam,
  externalTrafficPolicyParam,
  ipModeParam,
  lbParam,
  podNetworkParam,
  proxyProtocolParam,
  sourceParam,
  spoofedHeaderParam,
} from '../common-params.ts';
import { pipe, l7Proxy } from '../hops.ts';
import { ingressNginxConfigOf, ingressNginxPolicy } from '../ingress-nginx.ts';
import { type Endpoint, deliverToPod } from '../kube-proxy.ts';
import { param } from '../params.ts';
import { proxyProtocolListener } from '../proxy-protocol.ts';
import { defineScenario } from '../scenario.ts';
import { appPodEndpoint, throughFront } from './external-entry.ts';

/** The ingress controller pod: the single endpoint of the ingress Service, on node A. */
const ingressEndpoint: Endpoint = { address: addressOf(plan.ingressPod, 'ingress-pod'), node: 'A' };

/** An ingress-nginx ConfigMap option that is off by default. */
function onOff<const Name extends string>(name: Name, option: string, on: string, off: string) {
  return param(name, option, { false: off, true: on });
}

/** Ingress: load balancer, kube-proxy for the ingress Service, ingress-nginx, then pod to pod to the app. */
export const ingress = defineScenario({
  id: 'ingress',
  title: 'Ingress (ingress-nginx)',
  summary: 'A load balancer sends the client to ingress-nginx, which proxies to the app pod.',
  params: [
    cloudParam,
    lbParam,
    proxyProtocolParam,
    externalTrafficPolicyParam,
    entryParam,
    podNetworkParam,
    sourceParam,
    ipModeParam,
    onOff(
      'useForwardedHeaders',
      'use-forwarded-headers',
      'Trust and read the incoming X-Forwarded-For.',
      'Ignore the incoming X-Forwarded-For (default).',
    ),
    onOff(
      'computeFullForwardedFor',
      'compute-full-forwarded-for',
      'Send the received list plus the peer.',
      'Send $remote_addr alone (default).',
    ),
    onOff('useProxyProtocol', 'use-proxy-protocol', 'Expect a PROXY protocol header on every connection.', 'Expect plain HTTP (default).'),
    spoofedHeaderParam,
    param('proxyRealIpCidr', 'proxy-real-ip-cidr', {
      '0.0.0.0/0': 'Trust every IPv4 peer (the default).',
      '192.0.2.0/24': 'Trust only the load balancer and the nodes (the node network).',
    }),
    param('ingressNginxVersion', 'ingress-nginx controller release', {
      'v1.13-or-later': 'Controller v1.13.0 or later (the default).',
      'v1.12-or-earlier': 'Controller v1.12 or earlier: with PROXY protocol on, realip always reads the PROXY source.',
    }),
  ] as const,
  derive: deriveCloudParams,
  run(p) {
    const config = ingressNginxConfigOf(p, p.ingressNginxVersion);
    // The provider's load balancer in front of the controller's Service: with pod targets it sends to the controller pod itself.
    const path = loadBalancerPath({ cloud: p.cloud, lb: p.lb, proxyProtocol: p.proxyProtocol });
    const { flow, healthCheck } = throughFront({ ...p, proxyMode: 'iptables' }, path, ingressEndpoint);
    const delivered = pipe(
      flow,
      (f) => proxyProtocolListener(f, 'ingress-pod', config.useProxyProtocol),
      // ingress-nginx sends to the app's endpoints directly, pod to pod: no NAT on the way.
      (f) => l7Proxy(f, 'ingress-pod', { src: ingressEndpoint.address, dst: appPodEndpoint.address }, ingressNginxPolicy(config)),
      (f) => deliverToPod(f, appPodEndpoint),
    );
    return { flow: delivered, ...(healthCheck ? { healthCheck } : {}) };
  },
});
