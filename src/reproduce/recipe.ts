/**
 * The recipe that reproduces a scenario state in the reader's own cluster: the manifests to apply, what the cluster
 * itself must be like (its CNI, kube-proxy's mode, the load balancer), the command that sends the requests from where
 * the state says, and the transcript to expect. Manifests are built from the state's parameters by the functions
 * below, never written per state, and every one is checked against the pinned Kubernetes and Gateway API schemas in
 * test/reproduce/schemas.test.ts.
 */
import type { Trace } from '../model/index.ts';
import { type CloudProvider, providers } from '../model/cloud/providers.ts';
import { isCloudProvider } from '../model/cloud/load-balancers.ts';
import { gatewayConfigFor } from '../model/scenarios/gateway.ts';
import type { ClientIpDetection } from '../model/scenarios/gateway.ts';
import { clientIpResources } from '../model/gateway/resources.ts';
import { gatewayImplementations, type GatewayImplementation } from '../model/index.ts';
import {
  ECHO_IMAGE,
  ECHO_PORT,
  expectedTranscript,
  placeholderMeanings,
  PORT_PLACEHOLDER,
  rolePlaceholders,
  transcriptCommand,
  transcriptRoles,
  type ExpectedLine,
} from './echo-server.ts';
import { plan } from '../model/addresses.ts';

/** One document of the recipe: applied with kubectl when `apply` is true, else written where its title says. */
export interface RecipeDocument {
  title: string;
  document: Record<string, unknown>;
  apply: boolean;
}

/** A value the reader must look up and substitute: how it is written in the recipe, and how to find it. */
export interface Placeholder {
  text: string;
  meaning: string;
}

/** Everything the "Reproduce it" section shows for a state. */
export interface Recipe {
  /** What the cluster must be like, in sentences: what no manifest of the app can set. */
  cluster: string[];
  documents: RecipeDocument[];
  /** Where the command runs, in a sentence, and the command. */
  run: { where: string; command: string };
  /** The transcript to expect; null where netexec cannot show the state (a PROXY header reaches the app). */
  expected: ExpectedLine[] | null;
  /** Why there is no transcript, where there is none. */
  noTranscript?: string;
  placeholders: Placeholder[];
}

const appLabels = { app: 'app' };

/** The app: one netexec pod, its port named http. Affinity rules for the caller refer to its label. */
function appDeployment(): RecipeDocument {
  return {
    title: 'The app: agnhost netexec',
    apply: true,
    document: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'app' },
      spec: {
        selector: { matchLabels: appLabels },
        template: {
          metadata: { labels: appLabels },
          spec: {
            containers: [
              {
                name: 'netexec',
                image: ECHO_IMAGE,
                args: ['netexec', `--http-port=${ECHO_PORT}`],
                ports: [{ name: 'http', containerPort: ECHO_PORT }],
              },
            ],
          },
        },
      },
    },
  };
}

/** The calling pod, on the app's node or away from it (pod affinity on the app's label), idling with agnhost's pause. */
function clientPod(beside: boolean): RecipeDocument {
  const term = { labelSelector: { matchLabels: appLabels }, topologyKey: 'kubernetes.io/hostname' };
  return {
    title: beside ? 'The caller: a pod on the app’s node' : 'The caller: a pod on another node',
    apply: true,
    document: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'client' },
      spec: {
        affinity: beside
          ? { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } }
          : { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } },
        containers: [{ name: 'client', image: ECHO_IMAGE, args: ['pause'] }],
      },
    },
  };
}

/**
 * Annotations of an HTTP load balancer's provider that go on the Service behind its Ingress, not on the Ingress: GKE's
 * container-native load balancing (`cloud.google.com/neg`, "On the Service" in the catalogue).
 */
const onTheService = new Set(['cloud.google.com/neg']);

/**
 * The provider's annotations (the catalogue's, PROXY protocol's when on) and `spec.` fields. For a provider whose load
 * balancer belongs to an Ingress, `annotations` go on that Ingress and `serviceAnnotations` on the Service behind it.
 */
function providerFields(
  cloud: string,
  proxyProtocol: boolean,
): { annotations: Record<string, string>; serviceAnnotations: Record<string, string>; spec: Record<string, string> } {
  const fields = {
    annotations: {} as Record<string, string>,
    serviceAnnotations: {} as Record<string, string>,
    spec: {} as Record<string, string>,
  };
  if (!isCloudProvider(cloud)) return fields;
  const facts = providers[cloud];
  for (const a of facts.annotations) {
    if (a.name === 'spec.gatewayClassName') continue;
    if (a.name.startsWith('spec.')) fields.spec[a.name.slice(5)] = a.value;
    else if (onTheService.has(a.name)) fields.serviceAnnotations[a.name] = a.value;
    else fields.annotations[a.name] = a.value;
  }
  if (proxyProtocol && facts.proxyProtocol) fields.annotations[facts.proxyProtocol.annotation] = facts.proxyProtocol.value;
  return fields;
}

/** True for a provider whose load balancer belongs to an Ingress (its controller's, not a Service's). */
function frontsIngress(cloud: string): cloud is CloudProvider {
  return isCloudProvider(cloud) && providers[cloud].statusIngress === 'none';
}

/** A Service: the app's or a proxy's, of a type, with its policy and annotations. */
function service(
  name: string,
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer',
  options: {
    namespace?: string;
    selector: Record<string, string>;
    targetPort: string;
    policy?: string;
    annotations?: Record<string, string>;
    spec?: Record<string, string>;
  },
): RecipeDocument {
  const annotations = options.annotations ?? {};
  return {
    title: `Service ${name} (${type})`,
    apply: true,
    document: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name,
        ...(options.namespace ? { namespace: options.namespace } : {}),
        ...(Object.keys(annotations).length ? { annotations } : {}),
      },
      spec: {
        type,
        ...(options.spec ?? {}),
        ...(options.policy ? { externalTrafficPolicy: options.policy } : {}),
        selector: options.selector,
        ports: [{ name: 'http', port: 80, targetPort: options.targetPort }],
      },
    },
  };
}

/** An Ingress sending every path to a Service's port 80, of a class (or, for GKE's controller, of none). */
function ingress(
  name: string,
  ingressClassName: string | null,
  annotations: Record<string, string>,
  backend: string,
  namespace?: string,
): RecipeDocument {
  return {
    title: `Ingress ${ingressClassName ? `(class ${ingressClassName})` : '(no class: GKE’s own controller)'}`,
    apply: true,
    document: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name,
        ...(namespace ? { namespace } : {}),
        ...(Object.keys(annotations).length ? { annotations } : {}),
      },
      spec: {
        ...(ingressClassName ? { ingressClassName } : {}),
        rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: backend, port: { number: 80 } } } }] } }],
      },
    },
  };
}

/**
 * The class of Ingress an HTTP load balancer's controller reads: AWS Load Balancer Controller's IngressClass `alb`
 * (its docs' examples); Azure's AGIC reads the annotation the catalogue names; GKE's controller takes an Ingress with
 * no class (GKE's "custom Ingress controller" page: an empty ingressClassName hands it to GKE's controller).
 */
const providerIngressClass: Partial<Record<CloudProvider, string | null>> = { 'aws-alb': 'alb', 'azure-appgw': null, 'gke-l7': null };

/** How a state's kube-proxy mode is set, in a sentence. */
function proxyModeSentence(mode: string): string {
  if (mode.startsWith('cilium-'))
    return `Cilium replaces kube-proxy (kubeProxyReplacement: true) with loadBalancer.mode: ${mode.slice(7)} in its Helm values.`;
  return `kube-proxy runs in ${mode} mode (its configuration’s mode: ${mode}; kubectl -n kube-system get configmap kube-proxy -o yaml shows it).`;
}

/** How a state's pod network is set, in a sentence. */
function podNetworkSentence(network: string): string {
  return network === 'bridge'
    ? 'Pods attach to a Linux bridge on each node (a bridge CNI such as flannel or kubenet: the node has an address on it, often cni0).'
    : 'Pods attach by routed veths with no address on the node’s side (Calico, Cilium and most cloud CNIs).';
}

/** The sentences about the load balancer in front: the provider's, or a generic one of the chosen kind. */
function loadBalancerSentences(p: Readonly<Record<string, string>>): string[] {
  if (isCloudProvider(p.cloud ?? '')) {
    const facts = providers[p.cloud as CloudProvider];
    return [`The load balancer is ${facts.name}, created by ${facts.controller}.`];
  }
  const lb = p.lb ?? '';
  const kinds: Record<string, string> = {
    'l7-http': 'an HTTP load balancer that appends the client to X-Forwarded-For',
    'l4-passthrough': 'a pass-through load balancer that keeps the client’s address (MetalLB in L2 mode behaves so)',
    'l4-proxy': 'a TCP proxy load balancer that connects from its own address',
    'l4-proxy-protocol': 'a TCP proxy load balancer that sends a PROXY protocol header',
  };
  return [
    `The load balancer is ${kinds[lb] ?? lb}, sending to the nodes.${p.ipMode === 'Proxy' ? ' Its controller sets ipMode: Proxy on the Service’s status.' : ''}`,
  ];
}

/** Wraps the transcript command to run from a place: outside, a pod, a node, or the app pod itself. */
function runFrom(where: 'outside' | 'client-pod' | 'app-pod' | 'node', node: string, command: string): Recipe['run'] {
  switch (where) {
    case 'outside':
      return { where: 'On a machine outside the cluster:', command };
    case 'client-pod':
      return { where: 'From the calling pod:', command: `kubectl exec client -- sh -c '${command}'` };
    case 'app-pod':
      return { where: 'From the app pod itself:', command: `kubectl exec deploy/app -- sh -c '${command}'` };
    case 'node':
      return {
        where: `From the node (kubectl debug runs a pod in the node’s network namespace; ${node}):`,
        command: `kubectl debug node/${node} -it --image=${ECHO_IMAGE} -- sh -c '${command}'`,
      };
  }
}

/** Where an external scenario's in-cluster caller runs: a pod on the entry node, or the entry node itself. */
function insideCaller(source: string, entry: string, command: string, documents: RecipeDocument[]): Recipe['run'] {
  const beside = entry === 'node-with-endpoint';
  if (source === 'pod') {
    documents.push(clientPod(beside));
    return runFrom('client-pod', '', command);
  }
  return runFrom('node', beside ? '<app-node-name>' : '<other-node-name>', command);
}

/** What the values found with a kubectl command are, for the placeholder table. */
const lookupNames = {
  '<cluster-ip>': 'the Service’s ClusterIP',
  '<app-pod-ip>': 'the app pod’s IP',
  '<node-port>': 'the Service’s NodePort',
  '<load-balancer-ip>': 'the load balancer’s address',
} as const;

/** The Gateway API implementation's GatewayClass name, as its install creates it. */
const gatewayClassNames: Record<Exclude<GatewayImplementation, 'envoy'>, string> = {
  'envoy-gateway': 'eg',
  istio: 'istio',
  cilium: 'cilium',
  kgateway: 'kgateway',
  'nginx-gateway-fabric': 'nginx',
  traefik: 'traefik',
  'haproxy-ingress': 'haproxy',
};

/**
 * The Gateway's `spec.infrastructure`: the provider's annotations (Gateway API's GatewayInfrastructure says an
 * implementation SHOULD copy them onto what it creates), and for NGINX Gateway Fabric the NginxProxy holding the
 * client-IP settings (NGF attaches an NginxProxy to a Gateway through `parametersRef`, as its data plane
 * configuration guide describes).
 */
function gatewayInfrastructure(
  implementation: GatewayImplementation,
  annotations: Record<string, string>,
  configured: boolean,
): Record<string, unknown> {
  const infrastructure: Record<string, unknown> = {
    ...(Object.keys(annotations).length ? { annotations } : {}),
    ...(implementation === 'nginx-gateway-fabric' && configured
      ? { parametersRef: { group: 'gateway.nginx.org', kind: 'NginxProxy', name: 'client-ip' } }
      : {}),
  };
  return Object.keys(infrastructure).length ? { infrastructure } : {};
}

/** A state's recipe without the transcript: what its parameters alone decide. */
export type RecipeSetup = Omit<Recipe, 'expected' | 'noTranscript'>;

/** The recipe of a trace's state. */
export function recipeFor(t: Trace): Recipe {
  const setup = recipeSetup(t.id, t.params);
  const expected = expectedTranscript(t);
  return {
    ...setup,
    expected,
    ...(expected === null
      ? {
          noTranscript:
            'netexec cannot show this state: a PROXY protocol header reaches the app, and netexec reads plain HTTP only. The app must be PROXY-aware; it would see the client as the header’s source.',
        }
      : {}),
    placeholders: [
      ...setup.placeholders,
      ...(expected ? transcriptRoles(expected).map((role) => ({ text: rolePlaceholders[role], meaning: placeholderMeanings[role] })) : []),
      ...(expected?.some((line) => line.answer.kind === 'answer' && line.answer.parts.some((part) => 'port' in part))
        ? [{ text: PORT_PLACEHOLDER, meaning: 'any port: the caller’s side of the connection picks it' }]
        : []),
    ],
  };
}

/**
 * The manifests, cluster and command of a scenario's state, from its parameters only (the schema test runs it over
 * every state without tracing them).
 */
export function recipeSetup(id: string, p: Readonly<Record<string, string>>): RecipeSetup {
  const documents: RecipeDocument[] = [appDeployment()];
  const cluster: string[] = [];
  /** Each placeholder the recipe's own resources decide, with what it means. */
  const lookups = new Map<string, string>();
  /** A placeholder found with a kubectl command, said with what it is. */
  const lookUp = (text: keyof typeof lookupNames, command: string) => lookups.set(text, `${lookupNames[text]}: ${command}`);
  // The forged X-Forwarded-For the command sends, where the state has one.
  const header = p.spoofedHeader === 'present' ? rolePlaceholders.spoofed : undefined;
  let run: Recipe['run'];
  if (p.podNetwork) cluster.push(podNetworkSentence(p.podNetwork));
  switch (id) {
    case 'pod-to-pod': {
      const base = p.via === 'cluster-ip' ? 'http://<cluster-ip>' : `http://<app-pod-ip>:${ECHO_PORT}`;
      if (p.via === 'cluster-ip') {
        documents.push(service('app', 'ClusterIP', { selector: appLabels, targetPort: 'http' }));
        lookUp('<cluster-ip>', 'kubectl get service app -o jsonpath="{.spec.clusterIP}"');
      }
      lookUp('<app-pod-ip>', 'kubectl get pod -l app=app -o wide');
      const command = transcriptCommand(base);
      if (p.placement === 'self') run = runFrom('app-pod', '', command);
      else if (p.caller === 'node') run = runFrom('node', p.placement === 'same-node' ? '<app-node-name>' : '<other-node-name>', command);
      else {
        documents.push(clientPod(p.placement === 'same-node'));
        run = runFrom('client-pod', '', command);
      }
      break;
    }
    case 'nodeport': {
      cluster.push(proxyModeSentence(p.proxyMode ?? 'iptables'));
      documents.push(service('app', 'NodePort', { selector: appLabels, targetPort: 'http', policy: p.externalTrafficPolicy }));
      lookUp('<node-port>', 'kubectl get service app -o jsonpath="{.spec.ports[0].nodePort}"');
      const node = p.entry === 'node-with-endpoint' ? '<app-node-ip>' : '<other-node-ip>';
      const command = transcriptCommand(`http://${node}:<node-port>`, header);
      run = p.source === 'external' ? runFrom('outside', '', command) : insideCaller(p.source ?? 'pod', p.entry ?? '', command, documents);
      break;
    }
    case 'loadbalancer':
    case 'ingress':
    case 'gateway': {
      cluster.push(...loadBalancerSentences(p));
      if (p.proxyMode) cluster.push(proxyModeSentence(p.proxyMode));
      const pp = p.proxyProtocol === 'true' || p.lb === 'l4-proxy-protocol';
      const provider = providerFields(p.cloud ?? 'generic', pp);
      const command = transcriptCommand('http://<load-balancer-ip>', header);
      // An HTTP load balancer that belongs to an Ingress of its own controller reaches the app, ingress-nginx or the
      // gateway through an Ingress of that controller's class (the Service behind it then only needs node ports).
      const http = frontsIngress(p.cloud ?? '');
      const httpClass = http ? (providerIngressClass[p.cloud as CloudProvider] ?? null) : null;
      if (id === 'loadbalancer') {
        if (http) {
          documents.push(
            service('app', 'NodePort', {
              selector: appLabels,
              targetPort: 'http',
              policy: p.externalTrafficPolicy,
              annotations: provider.serviceAnnotations,
            }),
          );
          documents.push(ingress('app', httpClass, provider.annotations, 'app'));
          lookUp('<load-balancer-ip>', 'kubectl get ingress app -o jsonpath="{.status.loadBalancer.ingress[0]}"');
        } else {
          documents.push(
            service('app', 'LoadBalancer', {
              selector: appLabels,
              targetPort: 'http',
              policy: p.externalTrafficPolicy,
              annotations: provider.annotations,
              spec: provider.spec,
            }),
          );
          lookUp('<load-balancer-ip>', 'kubectl get service app -o jsonpath="{.status.loadBalancer.ingress[0]}"');
        }
      } else if (id === 'ingress') {
        cluster.push(
          `ingress-nginx ${p.ingressNginxVersion === 'v1.12-or-earlier' ? 'v1.12 or earlier' : 'v1.13 or later'} is installed in the ingress-nginx namespace (its controller Service and ConfigMap below replace the installed ones’ fields).`,
        );
        documents.push(service('app', 'ClusterIP', { selector: appLabels, targetPort: 'http' }));
        documents.push(ingress('app', 'nginx', {}, 'app'));
        documents.push({
          title: 'ingress-nginx’s ConfigMap',
          apply: true,
          document: {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' },
            data: {
              'use-forwarded-headers': p.useForwardedHeaders ?? 'false',
              'compute-full-forwarded-for': p.computeFullForwardedFor ?? 'false',
              'use-proxy-protocol': p.useProxyProtocol ?? 'false',
              'proxy-real-ip-cidr': p.proxyRealIpCidr ?? '0.0.0.0/0',
            },
          },
        });
        documents.push(
          service('ingress-nginx-controller', http ? 'NodePort' : 'LoadBalancer', {
            namespace: 'ingress-nginx',
            selector: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
            targetPort: 'http',
            policy: p.externalTrafficPolicy,
            ...(http ? { annotations: provider.serviceAnnotations } : { annotations: provider.annotations, spec: provider.spec }),
          }),
        );
        if (http)
          documents.push(ingress('ingress-nginx-controller', httpClass, provider.annotations, 'ingress-nginx-controller', 'ingress-nginx'));
        lookUp(
          '<load-balancer-ip>',
          http
            ? 'kubectl -n ingress-nginx get ingress ingress-nginx-controller -o jsonpath="{.status.loadBalancer.ingress[0]}"'
            : 'kubectl -n ingress-nginx get service ingress-nginx-controller -o jsonpath="{.status.loadBalancer.ingress[0]}"',
        );
      } else {
        const implementation = (gatewayImplementations as readonly string[]).includes(p.implementation ?? '')
          ? (p.implementation as GatewayImplementation)
          : 'envoy-gateway';
        const mapped = gatewayConfigFor[implementation]((p.clientIPDetection ?? 'default') as ClientIpDetection);
        const config = 'none' in mapped ? {} : (mapped.config as Record<string, unknown>);
        if (http) {
          documents.push(ingress('gateway', httpClass, provider.annotations, '<gateway-service-name>'));
          lookups.set(
            '<gateway-service-name>',
            'the Service the implementation created for the Gateway (kubectl get services: its name carries the Gateway’s)',
          );
        }
        documents.push(service('app', 'ClusterIP', { selector: appLabels, targetPort: 'http' }));
        if (implementation === 'envoy') {
          // Envoy configured directly has no Gateway API resources: its listener's connection manager is the configuration.
          cluster.push(
            `Envoy itself (no Gateway API) proxies to the app, behind a LoadBalancer Service with externalTrafficPolicy: ${p.externalTrafficPolicy}; its listener’s HTTP connection manager has the fields below (Envoy’s defaults where empty).`,
          );
          documents.push({ title: 'HTTP connection manager (Envoy’s own configuration)', document: config, apply: false });
          lookups.set('<load-balancer-ip>', 'the external address of the Service in front of Envoy');
        } else {
          documents.push({
            title: 'Gateway',
            apply: true,
            document: {
              apiVersion: 'gateway.networking.k8s.io/v1',
              kind: 'Gateway',
              metadata: { name: 'gateway' },
              spec: {
                gatewayClassName: gatewayClassNames[implementation as Exclude<GatewayImplementation, 'envoy'>],
                ...gatewayInfrastructure(
                  implementation,
                  http ? provider.serviceAnnotations : provider.annotations,
                  Object.keys(config).length > 0,
                ),
                listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }],
              },
            },
          });
          documents.push({
            title: 'HTTPRoute',
            apply: true,
            document: {
              apiVersion: 'gateway.networking.k8s.io/v1',
              kind: 'HTTPRoute',
              metadata: { name: 'app' },
              spec: { parentRefs: [{ name: 'gateway' }], rules: [{ backendRefs: [{ name: 'app', port: 80 }] }] },
            },
          });
          if (Object.keys(config).length)
            for (const resource of clientIpResources(implementation, config, 'gateway'))
              documents.push({ ...resource, apply: 'apiVersion' in resource.document && 'kind' in resource.document });
          cluster.push(
            `The Gateway’s Service has externalTrafficPolicy: ${p.externalTrafficPolicy} (set through the implementation’s own settings for the Service it creates).`,
          );
          lookUp('<load-balancer-ip>', 'kubectl get gateway gateway -o jsonpath="{.status.addresses[0].value}"');
        }
      }
      run =
        p.source === 'external' || !p.source ? runFrom('outside', '', command) : insideCaller(p.source, p.entry ?? '', command, documents);
      break;
    }
    default:
      run = runFrom('outside', '', transcriptCommand('http://<address>'));
  }
  const placeholders: Placeholder[] = [];
  const commandText = `${run.command}\n${documents.map((d) => JSON.stringify(d.document)).join('\n')}`;
  for (const [text, meaning] of lookups) if (commandText.includes(text)) placeholders.push({ text, meaning });
  for (const [text, meaning] of [
    [
      '<app-node-ip>',
      'the InternalIP of the node running the app pod (kubectl get pod -l app=app -o wide, then kubectl get nodes -o wide)',
    ],
    ['<other-node-ip>', 'the InternalIP of a node not running the app pod'],
    ['<app-node-name>', 'the name of the node running the app pod'],
    ['<other-node-name>', 'the name of a node not running the app pod'],
    // A CIDR field's schema takes no placeholder: the model's node network stands in, to be replaced.
    [
      plan.nodeNetwork,
      'the guide’s load balancer and node network: write the range your load balancer connects from (its subnet, or its proxy range)',
    ],
  ] as const)
    if (commandText.includes(text)) placeholders.push({ text, meaning });
  return { cluster, documents, run, placeholders };
}
