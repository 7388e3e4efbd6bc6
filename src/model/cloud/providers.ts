/**
 * The cloud providers' load balancers as the `cloud` parameter names them: one cited record each, read in the
 * provider's own controller code or documentation (tracker issue 13). Pure data; the load-balancer hop reads it.
 *
 * The Go module proxy refuses these controllers' modules here (403), so each controller was read in a repository
 * snapshot at the commit named in `snapshots`; MetalLB from the module proxy. Provider documentation pages are named by
 * URL. Where a default could not be confirmed the record says so (`verified: false`, `unverified`). The research note
 * with every path read is /work/briefs/cloud-research.md (outside the repository).
 */

/** A provider's load balancer as the `cloud` parameter names it (`generic`, the default, has no record). */
export type CloudProvider =
  | 'aws-nlb-instance'
  | 'aws-nlb-ip'
  | 'aws-nlb-ip-preserve'
  | 'aws-alb'
  | 'gke-passthrough'
  | 'gke-l7'
  | 'aks'
  | 'azure-appgw'
  | 'digitalocean'
  | 'hetzner'
  | 'linode'
  | 'metallb'
  | 'alibaba-clb-l4'
  | 'alibaba-clb-l7';

/** The providers in the parameter's order. */
export const cloudProviders: readonly CloudProvider[] = [
  'aws-nlb-instance',
  'aws-nlb-ip',
  'aws-nlb-ip-preserve',
  'aws-alb',
  'gke-passthrough',
  'gke-l7',
  'aks',
  'azure-appgw',
  'digitalocean',
  'hetzner',
  'linode',
  'metallb',
  'alibaba-clb-l4',
  'alibaba-clb-l7',
];

/** Where a statement was read: repository + path + version/commit, or an official doc page's URL, and what it says. */
export interface Citation {
  source: string;
  says: string;
}

/** One provider's load balancer, as its controller creates it by default. */
export interface ProviderFacts {
  /** The product, e.g. "AWS Network Load Balancer, instance targets". */
  name: string;
  /** Which controller creates it, with the version read. */
  controller: string;
  /** What the listener does to the connection by default. */
  listener: 'l4-passthrough' | 'l4-proxy' | 'l7-http' | 'not-a-proxy';
  /** Where it sends: a node's NodePort (kube-proxy forwards), the node with the LB IP kept as destination (kube-proxy's LB-IP rules catch it, e.g. GCP/Azure floating IP, MetalLB), or the pod IP directly (no kube-proxy). */
  target: 'node-port' | 'node-lb-ip' | 'pod-ip';
  /** The TCP peer the node or pod sees: the client, the LB's own address in the VPC, or a range of proxy addresses. */
  peer: { kind: 'client' | 'lb-address' | 'proxy-range'; cidrs?: string[]; note: string; cite: Citation };
  /** How it writes X-Forwarded-For (L7 only): appends the peer; appends peer and its own forwarding-rule IP (Google); appends "ip:port" (Azure App GW); with the modes it offers (ALB append/preserve/remove). */
  xff: null | { appends: 'peer' | 'peer-then-lb-ip' | 'peer-with-port'; modes?: string[]; cite: Citation };
  /** PROXY protocol, where an annotation turns it on; `version` null where no source names it. */
  proxyProtocol: null | { annotation: string; value: string; version: 1 | 2 | null; cite: Citation };
  /** The annotations (or Ingress/Gateway fields) that select this state, as a reader writes them in the Service manifest. */
  annotations: { name: string; value: string; why: string }[];
  /** Where health checks come from: the CIDRs a firewall or NetworkPolicy must allow (empty where they are the user's own subnets, then `note` says which). */
  healthChecks: { sources: string[]; note: string; cite: Citation };
  /**
   * What the controller writes into the Service's `status.loadBalancer.ingress` by default: an IP (kube-proxy matches it
   * and short-circuits in-cluster callers unless ipMode is Proxy), only a hostname (AWS: callers resolve it and go out),
   * or nothing because the load balancer fronts an Ingress or Gateway, not a LoadBalancer Service.
   */
  statusIngress: 'ip' | 'hostname' | 'none';
  /** Which `status.loadBalancer.ingress[].ipMode` the controller sets, if it sets one (Hetzner: Proxy only with PROXY protocol). */
  ipMode: {
    default: 'VIP' | 'Proxy' | 'unset';
    /** What it writes instead when PROXY protocol is on, where that differs. */
    withProxyProtocol?: 'VIP' | 'Proxy';
    note: string;
    cite?: Citation;
  };
  /** `spec.loadBalancerSourceRanges`: who enforces it and which address it compares. */
  sourceRanges: {
    enforcedBy: string;
    /** True when the provider's own firewall at the load balancer checks the ranges, not only kube-proxy on the nodes. */
    atLoadBalancer: boolean;
    compares: 'client' | 'lb-address' | 'proxy-range' | 'not-supported';
    note: string;
    cite: Citation;
  };
  /** What to set in the app or gateway to read the client, in a sentence (e.g. "trust 2 hops"). */
  readTheClient: string;
  /** In-cluster callers: anything provider-specific (AWS NLB hairpin: a target calling its own NLB times out; DO hostname annotation). */
  inCluster?: { note: string; cite: Citation };
  /** False where a default could not be confirmed in a source; `unverified` says what was tried. */
  verified: boolean;
  unverified?: string;
}

/** The repository snapshots read (owner/repo, commit, `git describe`), so every citation names its version. */
export const snapshots = {
  awsLbc: 'kubernetes-sigs/aws-load-balancer-controller@225f44568848 (v3.5.0-8-g225f44568)',
  gcp: 'kubernetes/cloud-provider-gcp@4e24531247d7 (v36.0.0-101-g4e2453124)',
  ingressGce: 'kubernetes/ingress-gce@acbcf5d66dd9 (v1.41.0+, Aug 2026)',
  azure: 'kubernetes-sigs/cloud-provider-azure@7b31c76ce2ff (main, 19 Aug 2026)',
  agic: 'Azure/application-gateway-kubernetes-ingress@f42103da8b3d (1.8.0-rc1-19-gf42103da)',
  digitalocean: 'digitalocean/digitalocean-cloud-controller-manager@70d527e38456 (v0.1.68-7-g70d527e38)',
  hetzner: 'hetznercloud/hcloud-cloud-controller-manager@6485324fbd97 (v1.35.0-13-g6485324f)',
  linode: 'linode/linode-cloud-controller-manager@b9aa9012c53f (helm-v0.9.8-4-gb9aa9012)',
  metallb: 'go.universe.tf/metallb@v0.16.2 (Go module proxy)',
  alibaba: 'kubernetes/cloud-provider-alibaba-cloud@eeb0ddc687ee (v2.14.0)',
} as const;

/** A citation of a file in one of the snapshots. */
function inRepo(snapshot: keyof typeof snapshots, path: string, says: string): Citation {
  return { source: `${snapshots[snapshot]} ${path}`, says };
}

/** A citation of a provider's documentation page. */
function onPage(url: string, says: string): Citation {
  return { source: url, says };
}

// Statements several records share.
const awsPreserveDefault = inRepo(
  'awsLbc',
  'pkg/service/model_build_target_group.go (buildPreserveClientIPFlag)',
  'preserve_client_ip.enabled from the target-group attributes if given; otherwise false for ip targets and true for instance targets.',
);
const awsProxyV2 = inRepo(
  'awsLbc',
  'pkg/service/model_build_target_group.go (buildTargetGroupAttributes); docs/guide/service/annotations.md#proxy-protocol-v2',
  'aws-load-balancer-proxy-protocol: the only accepted value is "*", which sets proxy_protocol_v2.enabled=true on the target group.',
);
const awsNlbHealthChecks = inRepo(
  'awsLbc',
  'docs/guide/service/nlb.md ("Worker node security groups rules")',
  'health-check traffic is allowed from the NLB subnet CIDRs, whether or not client IP preservation is on.',
);
const awsHostnameStatus = inRepo(
  'awsLbc',
  'controllers/service/service_controller.go',
  'status.loadBalancer.ingress gets one entry with Hostname (the load balancer DNS name) and ports; no IP, no ipMode.',
);
const awsManagedSg = inRepo(
  'awsLbc',
  'pkg/service/model_build_managed_sg.go (buildManagedSecurityGroupIngressPermissions); docs/guide/service/nlb.md ("Security group")',
  'since v2.6.0 the NLB gets a frontend security group; each source range becomes an ingress rule on each listen port.',
);
const awsLoopback = onPage(
  'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-troubleshooting.html#loopback-timeout (as quoted on repost.aws/questions/QU_9Dcea7NR3W3MzaZKVkcBA)',
  'internal NLBs do not support hairpinning: with the client address preserved, a target whose own connection is sent back to itself sees source = destination and the connection times out; it succeeds only when routed to another target.',
);
const awsNlbTargetType = inRepo(
  'awsLbc',
  'pkg/config/controller_config.go (--default-target-type); pkg/service/model_build_target_group.go (buildTargetType, buildTargetGroupPort)',
  'the default target type is instance, registered on the NodePort; ip (annotation nlb-target-type: ip, or type nlb-ip) registers pod IPs on the target port.',
);
const gceL4Ranges = inRepo(
  'gcp',
  'providers/gce/gce_loadbalancer.go (l4LbSrcRngsFlag, flag --cloud-provider-gce-lb-src-cidrs)',
  'L4 load balancer traffic proxy and health checks come from 130.211.0.0/22, 35.191.0.0/16, 209.85.152.0/22, 209.85.204.0/22.',
);
const gceL7Ranges = inRepo(
  'gcp',
  'providers/gce/gce_loadbalancer.go (l7lbSrcRngsFlag); kubernetes/ingress-gce pkg/firewalls/controller.go, docs/faq/gce.md',
  'L7 load balancers (Google front ends) and their health checks come from 130.211.0.0/22 and 35.191.0.0/16.',
);
const doDefaultType = inRepo(
  'digitalocean',
  'cloud-controller-manager/do/cloud.go (defaultLBType); docs/controllers/services/annotations.md (do-loadbalancer-type)',
  'a Service gets REGIONAL_NETWORK unless the annotation or the DEFAULT_LB_TYPE environment variable says REGIONAL; the docs call REGIONAL_NETWORK pass-through.',
);
const alibabaHealthChecks = onPage(
  'https://www.alibabacloud.com/help/en/slb/health-check-causes-processing-of-a-large-number-of-logs (CLB Health Check FAQ)',
  'CLB performs health checks from 100.64.0.0/10; iptables or other host rules must allow it.',
);
const alibabaProxyV2 = inRepo(
  'alibaba',
  'pkg/controller/service/clbv1/listeners.go; pkg/controller/service/reconcile/annotation/annotations.go (ProxyProtocol)',
  'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-proxy-protocol: "on" sets EnableProxyProtocolV2 on TCP/UDP listeners; Alibaba\'s CLB page: "CLB supports only Proxy Protocol v2".',
);
const alibabaEcsNodePort = inRepo(
  'alibaba',
  'pkg/controller/service/clbv1/vgroups.go; pkg/controller/helper/service_utils.go (IsENIBackendType)',
  'the backend type is ecs (nodes, on the NodePort) unless the backend-type annotation or the cluster config says eni (pod IPs, Terway).',
);
const alibabaAcl = inRepo(
  'alibaba',
  'pkg/controller/service/nlbv2/loadbalancer.go; docs/usage.md (acl-status, acl-id, acl-type)',
  'only the NLB (nlbv2) path maps spec.loadBalancerSourceRanges; a CLB listener is restricted with the acl-status/acl-id/acl-type annotations.',
);

/** The annotation a public NLB needs: the controller's default scheme is internal. */
const awsInternetFacing = {
  name: 'service.beta.kubernetes.io/aws-load-balancer-scheme',
  value: 'internet-facing',
  why: 'The controller’s default scheme is internal.',
};

/** What the two IP-target NLB records share: health checks from the NLB's subnets to the pod, and a hostname-only status. */
const awsIpTargetsHealthAndStatus = {
  healthChecks: {
    sources: [],
    note: 'From the NLB’s subnets’ CIDRs in your VPC, straight to the pod’s target port.',
    cite: awsNlbHealthChecks,
  },
  statusIngress: 'hostname',
  ipMode: {
    default: 'unset',
    note: 'The status carries the NLB’s DNS name only: in-cluster callers go out to the NLB.',
    cite: awsHostnameStatus,
  },
} as const satisfies Pick<ProviderFacts, 'healthChecks' | 'statusIngress' | 'ipMode'>;
/** Every provider's facts, in the parameter's order. */
export const providers: Readonly<Record<CloudProvider, ProviderFacts>> = {
  'aws-nlb-instance': {
    name: 'AWS Network Load Balancer, instance targets',
    controller: `AWS Load Balancer Controller, ${snapshots.awsLbc}`,
    listener: 'l4-passthrough',
    target: 'node-port',
    peer: {
      kind: 'client',
      note: 'Client IP preservation is on by default for instance targets, so the node sees the client; with externalTrafficPolicy: Cluster kube-proxy then masquerades as usual. An IPv6 client of a dual-stack NLB reaching IPv4 targets shows the NLB’s address instead.',
      cite: awsPreserveDefault,
    },
    xff: null,
    proxyProtocol: {
      annotation: 'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol',
      value: '*',
      version: 2,
      cite: awsProxyV2,
    },
    annotations: [
      {
        name: 'service.beta.kubernetes.io/aws-load-balancer-type',
        value: 'external',
        why: 'Hands the Service to the AWS Load Balancer Controller (spec.loadBalancerClass: service.k8s.aws/nlb does the same).',
      },
      {
        name: 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type',
        value: 'instance',
        why: 'The default target type, written out: the NLB sends to every node’s NodePort.',
      },
      {
        name: 'service.beta.kubernetes.io/aws-load-balancer-scheme',
        value: 'internet-facing',
        why: 'The controller’s default scheme is internal; a public NLB must say so.',
      },
    ],
    healthChecks: {
      sources: [],
      note: 'From the NLB’s own addresses, i.e. its subnets’ CIDRs in your VPC: TCP to the NodePort with Cluster, HTTP to healthCheckNodePort with Local.',
      cite: awsNlbHealthChecks,
    },
    statusIngress: 'hostname',
    ipMode: {
      default: 'unset',
      note: 'The status carries the NLB’s DNS name only, so kube-proxy has no load-balancer IP to short-circuit: in-cluster callers always go out to the NLB.',
      cite: awsHostnameStatus,
    },
    sourceRanges: {
      enforcedBy: 'the NLB’s frontend security group, written by the controller (v2.6.0 and later)',
      atLoadBalancer: true,
      compares: 'client',
      note: 'Traffic the NLB translates between IPv4 and IPv6 carries the NLB’s private address and is not compared with the client (the controller’s docs warn it can bypass the ranges).',
      cite: awsManagedSg,
    },
    readTheClient:
      'Read the TCP peer with externalTrafficPolicy: Local (the client); with Cluster the node masquerades it, so use Local or turn on PROXY protocol v2 and read the header.',
    inCluster: {
      note: 'A node calling its own NLB can be sent back to itself: with the client address preserved, source and destination are the same and the connection times out.',
      cite: awsLoopback,
    },
    verified: true,
  },

  'aws-nlb-ip': {
    name: 'AWS Network Load Balancer, IP targets (client IP preservation off)',
    controller: `AWS Load Balancer Controller, ${snapshots.awsLbc}`,
    listener: 'l4-proxy',
    target: 'pod-ip',
    peer: {
      kind: 'lb-address',
      note: 'For TCP IP targets preservation defaults to off, so the pod sees the NLB’s private address in its subnet. The NLB sends to the pod IP directly: no NodePort, no kube-proxy, and externalTrafficPolicy does not matter.',
      cite: awsPreserveDefault,
    },
    xff: null,
    proxyProtocol: {
      annotation: 'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol',
      value: '*',
      version: 2,
      cite: awsProxyV2,
    },
    annotations: [
      {
        name: 'service.beta.kubernetes.io/aws-load-balancer-type',
        value: 'external',
        why: 'Hands the Service to the AWS Load Balancer Controller.',
      },
      {
        name: 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type',
        value: 'ip',
        why: 'Registers the pod IPs as targets (needs the VPC CNI’s routable pod IPs).',
      },
      awsInternetFacing,
    ],
    ...awsIpTargetsHealthAndStatus,
    sourceRanges: {
      enforcedBy: 'the NLB’s frontend security group, written by the controller (v2.6.0 and later)',
      atLoadBalancer: true,
      compares: 'client',
      note: 'The frontend security group sees the client even though the pod does not. Without a frontend security group (older set-ups) the controller writes the ranges only when preservation is on, so they are ignored here.',
      cite: awsManagedSg,
    },
    readTheClient:
      'The peer is the NLB: turn on PROXY protocol v2 (aws-load-balancer-proxy-protocol: "*") and read the header, or turn client IP preservation on.',
    verified: true,
  },

  'aws-nlb-ip-preserve': {
    name: 'AWS Network Load Balancer, IP targets with client IP preservation',
    controller: `AWS Load Balancer Controller, ${snapshots.awsLbc}`,
    listener: 'l4-passthrough',
    target: 'pod-ip',
    peer: {
      kind: 'client',
      note: 'With preserve_client_ip.enabled=true the pod sees the client, and since the NLB sends to the pod IP no node masquerades it: externalTrafficPolicy does not matter.',
      cite: awsPreserveDefault,
    },
    xff: null,
    proxyProtocol: {
      annotation: 'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol',
      value: '*',
      version: 2,
      cite: awsProxyV2,
    },
    annotations: [
      {
        name: 'service.beta.kubernetes.io/aws-load-balancer-type',
        value: 'external',
        why: 'Hands the Service to the AWS Load Balancer Controller.',
      },
      {
        name: 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type',
        value: 'ip',
        why: 'Registers the pod IPs as targets.',
      },
      {
        name: 'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes',
        value: 'preserve_client_ip.enabled=true',
        why: 'Turns client IP preservation on for the TCP target group (off by default for IP targets).',
      },
      awsInternetFacing,
    ],
    ...awsIpTargetsHealthAndStatus,
    sourceRanges: {
      enforcedBy: 'the NLB’s frontend security group, written by the controller (v2.6.0 and later)',
      atLoadBalancer: true,
      compares: 'client',
      note: 'IPv4↔IPv6-translated traffic carries the NLB’s private address and is not compared with the client.',
      cite: awsManagedSg,
    },
    readTheClient: 'Read the TCP peer: it is the client, whatever externalTrafficPolicy says.',
    inCluster: {
      note: 'A pod calling its own NLB can be sent back to itself: with the client address preserved, source and destination are the same and the connection times out.',
      cite: awsLoopback,
    },
    verified: true,
  },

  'aws-alb': {
    name: 'AWS Application Load Balancer (Ingress)',
    controller: `AWS Load Balancer Controller, ${snapshots.awsLbc}`,
    listener: 'l7-http',
    target: 'node-port',
    peer: {
      kind: 'lb-address',
      note: 'The ALB opens its own connections from its nodes’ private addresses in its subnets. The default target type is instance, so they go to the NodePort and kube-proxy forwards.',
      cite: inRepo(
        'awsLbc',
        'docs/guide/ingress/annotations.md (target-type)',
        'alb.ingress.kubernetes.io/target-type defaults to instance (NodePort); ip routes to the pod IP.',
      ),
    },
    xff: {
      appends: 'peer',
      modes: ['append', 'preserve', 'remove'],
      cite: onPage(
        'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html',
        'routing.http.xff_header_processing.mode is append (the default), preserve or remove; append adds the client address to an existing X-Forwarded-For or creates one.',
      ),
    },
    proxyProtocol: null,
    annotations: [
      {
        name: 'alb.ingress.kubernetes.io/scheme',
        value: 'internet-facing',
        why: 'On the Ingress: the controller’s default scheme is internal.',
      },
      {
        name: 'alb.ingress.kubernetes.io/target-type',
        value: 'instance',
        why: 'On the Ingress: the default, written out (ip sends to the pod IPs instead).',
      },
      {
        name: 'alb.ingress.kubernetes.io/load-balancer-attributes',
        value: 'routing.http.xff_header_processing.mode=append',
        why: 'On the Ingress: the X-Forwarded-For mode (append is AWS’s default).',
      },
    ],
    healthChecks: {
      sources: [],
      note: 'From the ALB’s nodes in its subnets (your VPC’s CIDRs), to the NodePort or the pod.',
      cite: inRepo(
        'awsLbc',
        'docs/guide/ingress/annotations.md (healthcheck-port, target-type)',
        'with instance targets the health check goes to the traffic port (the NodePort); the ALB is its source.',
      ),
    },
    statusIngress: 'none',
    ipMode: {
      default: 'unset',
      note: 'An Ingress’s status carries the ALB’s DNS name; there is no Service load-balancer IP for kube-proxy to short-circuit.',
      cite: awsHostnameStatus,
    },
    sourceRanges: {
      enforcedBy:
        'the ALB’s security group, from alb.ingress.kubernetes.io/inbound-cidrs (an Ingress has no spec.loadBalancerSourceRanges)',
      atLoadBalancer: true,
      compares: 'client',
      note: 'inbound-cidrs defaults to 0.0.0.0/0 and ::/0; the ALB’s security group sees the client.',
      cite: inRepo(
        'awsLbc',
        'docs/guide/ingress/annotations.md (inbound-cidrs)',
        'inbound-cidrs specifies the CIDRs allowed to access the load balancer; default 0.0.0.0/0, ::/0.',
      ),
    },
    readTheClient: 'Trust 1 hop: the client is the rightmost X-Forwarded-For entry, the one the ALB appended.',
    verified: true,
  },

  'gke-passthrough': {
    name: 'Google Cloud external passthrough Network Load Balancer (GKE LoadBalancer Service)',
    controller: `GKE service controller, ${snapshots.gcp} and ${snapshots.ingressGce}`,
    listener: 'l4-passthrough',
    target: 'node-lb-ip',
    peer: {
      kind: 'client',
      note: 'A passthrough load balancer: packets reach a node with the client as source and the load-balancer IP as destination, and kube-proxy’s load-balancer-IP rules take them from there.',
      cite: onPage(
        'https://cloud.google.com/kubernetes-engine/docs/concepts/service-load-balancer',
        'GKE configures a Google Cloud pass-through load balancer for a LoadBalancer Service: external ones are external passthrough Network Load Balancers (target-pool based by default; backend-service based with cloud.google.com/l4-rbs: "enabled" or, from GKE 1.33.1, spec.loadBalancerClass: networking.gke.io/l4-regional-external).',
      ),
    },
    xff: null,
    proxyProtocol: null,
    annotations: [
      {
        name: 'cloud.google.com/l4-rbs',
        value: 'enabled',
        why: 'Optional, Google’s recommendation: a backend-service-based load balancer instead of the default target pool; pass-through either way.',
      },
    ],
    healthChecks: {
      sources: ['130.211.0.0/22', '35.191.0.0/16', '209.85.152.0/22', '209.85.204.0/22'],
      note: 'The controller opens these four ranges in the VPC firewall for L4 health checks.',
      cite: gceL4Ranges,
    },
    statusIngress: 'ip',
    ipMode: {
      default: 'unset',
      note: 'The target-pool path writes the IP only; ingress-gce’s NEG-based L4 path writes ipMode: VIP. Either way kube-proxy short-circuits in-cluster callers.',
      cite: inRepo('ingressGce', 'pkg/l4/controllers/standalonenegcontroller.go', 'status ingress entries are written with IPMode VIP.'),
    },
    sourceRanges: {
      enforcedBy: 'the VPC firewall rule the controller writes',
      atLoadBalancer: true,
      compares: 'client',
      note: 'The packet keeps the client as source, so both the firewall and kube-proxy compare the client.',
      cite: inRepo(
        'gcp',
        'providers/gce/gce_loadbalancer_external.go (ensureAllowNodeFirewall)',
        'the node firewall rule for the load balancer takes its source ranges from the Service (servicehelpers.GetLoadBalancerSourceRanges, 0.0.0.0/0 when none) and allows them to the Service ports on the load-balancer IP.',
      ),
    },
    readTheClient:
      'Read the TCP peer with externalTrafficPolicy: Local (the client); with Cluster a node forwarding elsewhere masquerades it.',
    verified: false,
    unverified:
      'Google’s page says pass-through, and MetalLB’s usage page (go.universe.tf/metallb@v0.16.2 website/content/usage/_index.md) calls its BGP mode identical to Google Cloud’s load balancers; no Google page read states in so many words that the packet reaches the node still addressed to the load-balancer IP (no DNAT). The health-check ranges and the firewall are read in code.',
  },

  'gke-l7': {
    name: 'Google Cloud external Application Load Balancer with container-native load balancing (GKE Ingress or Gateway, NEGs)',
    controller: `GKE Ingress controller (ingress-gce) / GKE Gateway controller, ${snapshots.ingressGce}`,
    listener: 'l7-http',
    target: 'pod-ip',
    peer: {
      kind: 'proxy-range',
      cidrs: ['130.211.0.0/22', '35.191.0.0/16'],
      note: 'Google front ends open the connections to the pod IPs in the network endpoint group (no NodePort, no kube-proxy; externalTrafficPolicy does not matter). The regional and internal (Envoy-based) classes connect from your proxy-only subnet instead.',
      cite: gceL7Ranges,
    },
    xff: {
      appends: 'peer-then-lb-ip',
      cite: onPage(
        'https://cloud.google.com/load-balancing/docs/https (target proxies), as quoted in repositories found by find_string',
        'X-Forwarded-For: <unverified IP(s)>, <immediate client IP>, <global forwarding rule external IP>, <proxies running in GCP>; only the immediate client IP and the forwarding rule IP are added by the load balancer.',
      ),
    },
    proxyProtocol: null,
    annotations: [
      {
        name: 'cloud.google.com/neg',
        value: '{"ingress": true}',
        why: 'On the Service: container-native load balancing, pods as backends (GKE’s default on VPC-native clusters).',
      },
      {
        name: 'spec.gatewayClassName',
        value: 'gke-l7-global-external-managed',
        why: 'On a Gateway (a field, not an annotation): the global external Application Load Balancer. gke-l7-gxlb is the classic one; gke-l7-regional-external-managed and gke-l7-rilb are Envoy-based and connect from the proxy-only subnet.',
      },
    ],
    healthChecks: {
      sources: ['130.211.0.0/22', '35.191.0.0/16'],
      note: 'The Google front ends’ ranges; the Envoy-based regional classes also probe from these ranges and send traffic from the proxy-only subnet.',
      cite: gceL7Ranges,
    },
    statusIngress: 'none',
    ipMode: {
      default: 'unset',
      note: 'An Ingress or Gateway address is not a Service load-balancer IP: kube-proxy has nothing to short-circuit.',
    },
    sourceRanges: {
      enforcedBy:
        'nothing: an Ingress or Gateway has no spec.loadBalancerSourceRanges (Google Cloud Armor policies filter at the front end)',
      atLoadBalancer: false,
      compares: 'not-supported',
      note: 'The pod’s own network policy would see only the front ends’ ranges.',
      cite: gceL7Ranges,
    },
    readTheClient:
      'Trust 2 hops: the client is second from the right in X-Forwarded-For (the load balancer appends the client, then its own forwarding-rule address).',
    verified: false,
    unverified:
      'The X-Forwarded-For format is read through quotations of Google’s page (code comments in several repositories), not in the stored page itself, whose stored copy starts at the top. The GatewayClass names are from https://cloud.google.com/kubernetes-engine/docs/how-to/gatewayclass-capabilities.',
  },

  aks: {
    name: 'Azure Load Balancer (AKS LoadBalancer Service)',
    controller: `cloud-provider-azure, ${snapshots.azure}`,
    listener: 'l4-passthrough',
    target: 'node-lb-ip',
    peer: {
      kind: 'client',
      note: 'Floating IP is on by default and the backend port is the Service port: the node receives the client’s packet still addressed to the load-balancer IP, and kube-proxy’s load-balancer-IP rules catch it.',
      cite: inRepo(
        'azure',
        'pkg/provider/azure_loadbalancer.go (getExpectedLoadBalancingRulePropertiesForPort)',
        'EnableFloatingIP true and BackendPort = the Service port; azure-disable-load-balancer-floating-ip (or an internal IPv6 backend pool) switches to the NodePort without floating IP.',
      ),
    },
    xff: null,
    proxyProtocol: null,
    annotations: [],
    healthChecks: {
      sources: ['168.63.129.16/32'],
      note: 'Azure’s platform address sends every load-balancer probe (service tag AzureLoadBalancer); network security groups allow it by default.',
      cite: onPage(
        'https://learn.microsoft.com/en-us/azure/virtual-network/what-is-ip-address-168-63-129-16 (as quoted in MicrosoftDocs/azure-docs#122526)',
        'health probes originate from 168.63.129.16 and must not be blocked.',
      ),
    },
    statusIngress: 'ip',
    ipMode: {
      default: 'unset',
      note: 'The provider writes the IP only: kube-proxy short-circuits in-cluster callers (VIP behaviour).',
    },
    sourceRanges: {
      enforcedBy: 'network security group rules the provider writes',
      atLoadBalancer: true,
      compares: 'client',
      note: 'kube-proxy also compares packets still addressed to the load-balancer IP, which keep the client as source. Cannot be combined with the azure-allowed-ip-ranges annotation.',
      cite: inRepo(
        'azure',
        'pkg/provider/loadbalancer/accesscontrol.go',
        'spec.loadBalancerSourceRanges feed the security group rules; setting both it and azure-allowed-ip-ranges is an error.',
      ),
    },
    readTheClient:
      'Read the TCP peer with externalTrafficPolicy: Local (the client); with Cluster a node forwarding elsewhere masquerades it. PROXY protocol exists only on a Private Link Service (azure-pls-proxy-protocol).',
    verified: true,
  },

  'azure-appgw': {
    name: 'Azure Application Gateway (AGIC Ingress)',
    controller: `Application Gateway Ingress Controller, ${snapshots.agic}`,
    listener: 'l7-http',
    target: 'pod-ip',
    peer: {
      kind: 'proxy-range',
      note: 'An Application Gateway instance’s private address in its own subnet (your choice of range; Microsoft’s proxy-protocol-header page says backends see the gateway’s address or one of its instances’). AGIC fills the backend pool with the pod IPs from the Service’s endpoints: no NodePort, no kube-proxy.',
      cite: inRepo(
        'agic',
        'docs/developers/design.md',
        'AGIC reads the Endpoints of the Service to populate the Application Gateway backend pool with pod IP addresses.',
      ),
    },
    xff: {
      appends: 'peer-with-port',
      cite: onPage(
        'https://azure.microsoft.com/en-us/blog/rewrite-http-headers-with-azure-application-gateway/ (and Azure/application-gateway-kubernetes-ingress docs/features/rewrite-rule-set-custom-resource.md)',
        'Application Gateway inserts X-Forwarded-For into every request as a comma-separated list of IP:Port; the add_x_forwarded_for_proxy server variable holds the same list without ports.',
      ),
    },
    proxyProtocol: null,
    annotations: [
      {
        name: 'kubernetes.io/ingress.class',
        value: 'azure/application-gateway',
        why: 'On the Ingress: AGIC observes only Ingresses with this class.',
      },
    ],
    healthChecks: {
      sources: [],
      note: 'From the Application Gateway instances in their subnet (your range), straight to the pods.',
      cite: inRepo('agic', 'docs/developers/design.md', 'the backend pool holds pod IPs, which the gateway probes.'),
    },
    statusIngress: 'none',
    ipMode: {
      default: 'unset',
      note: 'An Ingress address is not a Service load-balancer IP: nothing to short-circuit.',
    },
    sourceRanges: {
      enforcedBy:
        'nothing: an Ingress has no spec.loadBalancerSourceRanges (the gateway subnet’s security group or a WAF policy filters at the front)',
      atLoadBalancer: false,
      compares: 'not-supported',
      note: 'A NetworkPolicy on the pod sees only the gateway subnet.',
      cite: inRepo('agic', 'docs/annotations.md', 'AGIC’s Ingress annotations; none maps a source range to the gateway.'),
    },
    readTheClient:
      'Trust 1 hop and strip the port: the rightmost X-Forwarded-For entry is "client:port" (or rewrite it with add_x_forwarded_for_proxy).',
    verified: false,
    unverified:
      'That the gateway appends to (rather than replaces) a client-sent X-Forwarded-For is not stated in the sources read; the IP:port format and the rewrite are.',
  },

  digitalocean: {
    name: 'DigitalOcean Load Balancer, REGIONAL_NETWORK (the controller’s default type)',
    controller: `DigitalOcean cloud controller manager, ${snapshots.digitalocean}`,
    listener: 'l4-passthrough',
    target: 'node-lb-ip',
    peer: {
      kind: 'client',
      note: 'The default type is a pass-through network load balancer whose forwarding rules target the Service port, not the NodePort. The older REGIONAL type (annotation do-loadbalancer-type: REGIONAL) proxies to the NodePort and hides the client even with Local.',
      cite: inRepo(
        'digitalocean',
        'cloud-controller-manager/do/loadbalancers.go (buildRegionalNetworkForwardingRule, buildForwardingRule); cloud-controller-manager/do/cloud.go',
        'REGIONAL_NETWORK rules forward entry port = target port = the Service port; REGIONAL rules target the NodePort; REGIONAL_NETWORK is the default type.',
      ),
    },
    xff: null,
    proxyProtocol: {
      annotation: 'service.beta.kubernetes.io/do-loadbalancer-enable-proxy-protocol',
      value: 'true',
      version: 1,
      cite: onPage(
        'https://docs.digitalocean.com/glossary/proxy/; digitalocean/digitalocean-cloud-controller-manager docs/controllers/services/annotations.md',
        'DigitalOcean Load Balancers support PROXY protocol version 1; the annotation takes "true" or "false" (default "false").',
      ),
    },
    annotations: [
      {
        name: 'service.beta.kubernetes.io/do-loadbalancer-type',
        value: 'REGIONAL_NETWORK',
        why: 'The default, written out (REGIONAL is the proxying type).',
      },
    ],
    healthChecks: {
      sources: [],
      note: 'From the load balancer itself: the worker firewall admits the health-check port from the load balancer (by its ID), not from a CIDR.',
      cite: inRepo(
        'digitalocean',
        'cloud-controller-manager/do/firewall_controller.go',
        'for REGIONAL_NETWORK EXTERNAL load balancers the health-check port is opened with the load balancer’s UID as source, and the Service ports to everyone.',
      ),
    },
    statusIngress: 'ip',
    ipMode: {
      default: 'unset',
      note: 'The controller writes the IP (or only a hostname with do-loadbalancer-hostname); kube-proxy short-circuits in-cluster callers to the IP.',
      cite: inRepo(
        'digitalocean',
        'cloud-controller-manager/do/loadbalancers.go',
        'status is the LB IP(s), or the hostname annotation’s value alone.',
      ),
    },
    sourceRanges: {
      enforcedBy: 'the load balancer’s firewall (cidr: allow rules the controller writes)',
      atLoadBalancer: true,
      compares: 'client',
      note: 'Source ranges take precedence over the do-loadbalancer-allow-rules annotation.',
      cite: inRepo(
        'digitalocean',
        'cloud-controller-manager/do/loadbalancers.go (buildFirewall, getSourceRangeRules)',
        'each range becomes an allow rule "cidr:<range>" on the LB firewall.',
      ),
    },
    readTheClient:
      'Read the TCP peer with externalTrafficPolicy: Local (the client); behind the REGIONAL type use PROXY protocol (v1) instead.',
    inCluster: {
      note: 'With PROXY protocol or TLS at the load balancer, set do-loadbalancer-hostname so the status carries a hostname and in-cluster callers go out to the load balancer instead of being short-circuited (kubernetes#66607).',
      cite: inRepo(
        'digitalocean',
        'docs/controllers/services/annotations.md (do-loadbalancer-hostname)',
        'the hostname replaces status IP to work around kube-proxy adding the LB address to node-local rules.',
      ),
    },
    verified: false,
    unverified:
      'Whether a REGIONAL_NETWORK packet reaches the node addressed to the load-balancer IP (caught by kube-proxy) or to the node itself is not stated in the controller or the stored DigitalOcean pages; one third-party project reports needing hostPort on DOKS 1.36. Whether PROXY protocol applies to REGIONAL_NETWORK is not stated either.',
  },

  hetzner: {
    name: 'Hetzner Cloud Load Balancer',
    controller: `hcloud cloud controller manager, ${snapshots.hetzner}`,
    listener: 'l4-proxy',
    target: 'node-port',
    peer: {
      kind: 'lb-address',
      note: 'The default protocol is tcp: the load balancer opens its own connection to each node’s NodePort (from its private address with use-private-ip, else its public one).',
      cite: inRepo(
        'hetzner',
        'internal/hcops/load_balancer.go (destinationPort = NodePort); docs/reference/load_balancer_annotations.md (protocol: tcp default)',
        'services forward to the NodePort; protocol defaults to tcp.',
      ),
    },
    xff: null,
    proxyProtocol: {
      annotation: 'load-balancer.hetzner.cloud/uses-proxyprotocol',
      value: 'true',
      version: null,
      cite: inRepo(
        'hetzner',
        'docs/reference/load_balancer_annotations.md; internal/annotation/load_balancer.go',
        'uses-proxyprotocol (bool, default false); the environment variable HCLOUD_LOAD_BALANCERS_USES_PROXYPROTOCOL sets the default.',
      ),
    },
    annotations: [
      {
        name: 'load-balancer.hetzner.cloud/protocol',
        value: 'tcp',
        why: 'The default, written out: a TCP proxy (http or https would terminate HTTP at the load balancer).',
      },
      {
        name: 'load-balancer.hetzner.cloud/location',
        value: 'fsn1',
        why: 'Where the load balancer runs (or network-zone); fsn1 is an example.',
      },
    ],
    healthChecks: {
      sources: [],
      note: 'From the load balancer’s own addresses (private with use-private-ip), to the NodePort.',
      cite: inRepo(
        'hetzner',
        'docs/reference/load_balancer_annotations.md (health-check-protocol: tcp default)',
        'health checks default to TCP on the service’s destination port.',
      ),
    },
    statusIngress: 'ip',
    ipMode: {
      default: 'VIP',
      withProxyProtocol: 'Proxy',
      note: 'Proxy only when PROXY protocol is on, so in-cluster callers then go out to the load balancer and get the header.',
      cite: inRepo(
        'hetzner',
        'hcloud/load_balancers.go (buildLoadBalancerStatusIngress)',
        'ipMode is VIP, or Proxy when proxy protocol is enabled, on every ingress entry.',
      ),
    },
    sourceRanges: {
      enforcedBy:
        'nothing: the controller never reads spec.loadBalancerSourceRanges, and kube-proxy’s checks apply only to packets addressed to the load-balancer IP, not to the NodePort',
      atLoadBalancer: false,
      compares: 'not-supported',
      note: 'A host firewall at the node would see only the load balancer’s address.',
      cite: inRepo(
        'hetzner',
        'hcloud/, internal/ (no reference to LoadBalancerSourceRanges)',
        'searched: no code reads spec.loadBalancerSourceRanges.',
      ),
    },
    readTheClient: 'The peer is the load balancer: turn on uses-proxyprotocol and read the PROXY header.',
    verified: false,
    unverified: 'The PROXY protocol version is stated neither in the controller nor in the stored Hetzner pages.',
  },

  linode: {
    name: 'Akamai (Linode) NodeBalancer',
    controller: `Linode cloud controller manager, ${snapshots.linode}`,
    listener: 'l4-proxy',
    target: 'node-port',
    peer: {
      kind: 'proxy-range',
      cidrs: ['192.168.255.0/24'],
      note: 'A NodeBalancer proxies TCP to each node’s NodePort over the private network, from its backend range (with VPC backends, the range in the linode-loadbalancer-backend-ipv4-range annotation instead); the client is not passed on unless PROXY protocol is on (Akamai’s PROXY protocol page).',
      cite: onPage(
        'https://techdocs.akamai.com/cloud-computing/docs/lke-network-firewall-details',
        'recommended node firewall: allow NodeBalancer traffic, TCP/UDP ports 30000-32767, from 192.168.255.0/24.',
      ),
    },
    xff: null,
    proxyProtocol: {
      annotation: 'service.beta.kubernetes.io/linode-loadbalancer-default-proxy-protocol',
      value: 'v2',
      version: 2,
      cite: inRepo(
        'linode',
        'docs/configuration/annotations.md; docs/configuration/loadbalancer.md',
        'default-proxy-protocol: none (default), v1 or v2; the guide’s example uses v2.',
      ),
    },
    annotations: [],
    healthChecks: {
      sources: ['192.168.255.0/24'],
      note: 'The NodeBalancer’s backend range, to the NodePorts (30000-32767).',
      cite: onPage(
        'https://techdocs.akamai.com/cloud-computing/docs/lke-network-firewall-details',
        'recommended node firewall: allow NodeBalancer traffic, TCP/UDP ports 30000-32767, from 192.168.255.0/24.',
      ),
    },
    statusIngress: 'ip',
    ipMode: {
      default: 'unset',
      note: 'The status carries the hostname and the IP (hostname only with linode-loadbalancer-hostname-only-ingress); no ipMode, so kube-proxy short-circuits the IP.',
      cite: inRepo(
        'linode',
        'cloud/linode/loadbalancers.go (makeLoadBalancerStatus)',
        'ingress entries carry Hostname and IP, or Hostname alone.',
      ),
    },
    sourceRanges: {
      enforcedBy:
        'nothing: the controller never reads spec.loadBalancerSourceRanges; its firewall-acl annotation attaches a Cloud Firewall to the NodeBalancer instead',
      atLoadBalancer: false,
      compares: 'not-supported',
      note: 'The Cloud Firewall on the NodeBalancer filters inbound client traffic.',
      cite: inRepo(
        'linode',
        'docs/configuration/firewall.md; cloud/linode (no reference to LoadBalancerSourceRanges)',
        'access control is the linode-loadbalancer-firewall-acl annotation (allowList or denyList).',
      ),
    },
    readTheClient: 'The peer is the NodeBalancer: set default-proxy-protocol (v1 or v2) and read the PROXY header.',
    verified: true,
  },

  metallb: {
    name: 'MetalLB (layer 2 or BGP)',
    controller: `MetalLB, ${snapshots.metallb}`,
    listener: 'not-a-proxy',
    target: 'node-lb-ip',
    peer: {
      kind: 'client',
      note: 'MetalLB only attracts the load-balancer IP to a node (ARP/NDP or BGP); the packet arrives with the client as source and kube-proxy does the rest. Cluster hides the client behind the node; Local keeps it.',
      cite: inRepo(
        'metallb',
        'website/content/usage/_index.md ("Traffic policies")',
        'with Cluster kube-proxy obscures the source address; with Local pods see the real source.',
      ),
    },
    xff: null,
    proxyProtocol: null,
    annotations: [],
    healthChecks: {
      sources: [],
      note: 'No external health checks: the speakers follow the Service’s endpoints (and announce only nodes with endpoints under Local).',
      cite: inRepo('metallb', 'website/content/usage/_index.md', 'announcement depends on the traffic policy and the endpoints.'),
    },
    statusIngress: 'ip',
    ipMode: {
      default: 'unset',
      note: 'The controller writes the IP only: kube-proxy short-circuits in-cluster callers.',
      cite: inRepo('metallb', 'controller/ (status ingress entries carry IP only; no IPMode in the code)', 'searched: no IPMode set.'),
    },
    sourceRanges: {
      enforcedBy: 'kube-proxy, on packets addressed to the load-balancer IP',
      atLoadBalancer: false,
      compares: 'client',
      note: 'There is no provider firewall; kube-proxy’s firewall chain compares the source of the still-VIP-addressed packet, which is the client.',
      cite: inRepo('metallb', 'website/content/usage/_index.md', 'MetalLB does not proxy; the packet reaches kube-proxy unchanged.'),
    },
    readTheClient: 'Read the TCP peer with externalTrafficPolicy: Local (the client).',
    verified: true,
  },

  'alibaba-clb-l4': {
    name: 'Alibaba Cloud Classic Load Balancer, TCP listener',
    controller: `Alibaba Cloud cloud controller manager, ${snapshots.alibaba}`,
    listener: 'l4-passthrough',
    target: 'node-port',
    peer: {
      kind: 'client',
      note: 'Layer 4 listeners pass the client address to the backend (nodes on their NodePort by default).',
      cite: onPage(
        'https://alibabacloud.com/help/en/slb/classic-load-balancer/use-cases/enable-proxy-protocol-for-a-layer-4-listener-to-retrieve-client-ip-addresses',
        'in most cases Layer 4 listeners pass the source IP to backend servers; PROXY protocol is needed e.g. for IPv6 clients of IPv4 backends.',
      ),
    },
    xff: null,
    proxyProtocol: {
      annotation: 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-proxy-protocol',
      value: 'on',
      version: 2,
      cite: alibabaProxyV2,
    },
    annotations: [],
    healthChecks: {
      sources: ['100.64.0.0/10'],
      note: 'Alibaba’s reserved range; host firewalls (iptables) must allow it.',
      cite: alibabaHealthChecks,
    },
    statusIngress: 'ip',
    ipMode: {
      default: 'unset',
      note: 'Not set by the controller; kube-proxy short-circuits in-cluster callers to the IP.',
    },
    sourceRanges: {
      enforcedBy:
        'nothing on this path: the controller’s CLB code does not map spec.loadBalancerSourceRanges (only its NLB code does), and the packets reach the NodePort, outside kube-proxy’s load-balancer-IP checks; the CLB’s access control lists (acl annotations) filter instead',
      atLoadBalancer: false,
      compares: 'not-supported',
      note: 'The access control lists compare the client at the listener.',
      cite: alibabaAcl,
    },
    readTheClient: 'Read the TCP peer with externalTrafficPolicy: Local (the client); with Cluster use PROXY protocol (v2).',
    verified: true,
  },

  'alibaba-clb-l7': {
    name: 'Alibaba Cloud Classic Load Balancer, HTTP listener',
    controller: `Alibaba Cloud cloud controller manager, ${snapshots.alibaba}`,
    listener: 'l7-http',
    target: 'node-port',
    peer: {
      kind: 'proxy-range',
      cidrs: ['100.64.0.0/10'],
      note: 'The listener terminates HTTP and connects to the NodePort from Alibaba’s reserved range.',
      cite: alibabaEcsNodePort,
    },
    xff: {
      appends: 'peer',
      cite: onPage(
        'https://alibabacloud.com/help/en/slb/classic-load-balancer/use-cases/preserve-client-ip-addresses-when-layer-7-listeners-are-used',
        'X-Forwarded-For: <client IP, proxy 1, proxy 2, ...>; Layer 7 listeners add it by default and it cannot be disabled.',
      ),
    },
    proxyProtocol: null,
    annotations: [
      {
        name: 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-protocol-port',
        value: 'http:80',
        why: 'Makes the listener on port 80 an HTTP (layer 7) listener.',
      },
    ],
    healthChecks: {
      sources: ['100.64.0.0/10'],
      note: 'Alibaba’s reserved range; host firewalls (iptables) must allow it.',
      cite: alibabaHealthChecks,
    },
    statusIngress: 'ip',
    ipMode: {
      default: 'unset',
      note: 'Not set by the controller; kube-proxy short-circuits in-cluster callers to the IP, so they never reach the HTTP listener.',
    },
    sourceRanges: {
      enforcedBy: 'the CLB’s access control lists (acl annotations); the controller’s CLB path ignores spec.loadBalancerSourceRanges',
      atLoadBalancer: false,
      compares: 'not-supported',
      note: 'kube-proxy would see only 100.64.0.0/10 at the NodePort.',
      cite: alibabaAcl,
    },
    readTheClient:
      'Trust 1 hop: the client is the rightmost X-Forwarded-For entry (Alibaba’s docs say leftmost, which a client can forge).',
    verified: false,
    unverified:
      'That forwarded (not only health-check) traffic comes from 100.64.0.0/10 is inferred from the health-check FAQ; no page read states it for layer 7 traffic.',
  },
};
