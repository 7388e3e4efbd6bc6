/**
 * The provider panel of a state with a load balancer: what the named provider's controller does by default, what to
 * write on the Service to get this state, where health checks come from, what `loadBalancerSourceRanges` filters on,
 * and how the app reads the client, each with the source it was read in. Built once for the server and the browser
 * alike, from the catalogue (src/model/cloud/providers.ts); every value escaped.
 */
import { type CloudProvider, providers } from '../model/cloud/providers.ts';
import { isCloudProvider, providerPath } from '../model/cloud/load-balancers.ts';
import { escapeHtml } from './html.ts';

/** The Service the provider's load balancer fronts: the app's own, ingress-nginx's, or the one a Gateway's implementation creates. */
export type FrontedService = 'app' | 'ingress-nginx' | 'gateway';

/** What the panel shows for a state: the provider (or `generic`), PROXY protocol, the Service's policy, and whose Service it is. */
export interface ProviderPanelState {
  cloud: string;
  proxyProtocol: string;
  externalTrafficPolicy: string;
  service?: FrontedService;
}

/** The panel's state for a scenario's state: the LoadBalancer scenario fronts the app, the others their proxy's Service. */
export function providerPanelState(scenario: string, params: Readonly<Record<string, string>>): ProviderPanelState {
  return {
    cloud: params.cloud ?? 'generic',
    proxyProtocol: params.proxyProtocol ?? 'false',
    externalTrafficPolicy: params.externalTrafficPolicy ?? 'Cluster',
    service: scenario === 'ingress' ? 'ingress-nginx' : scenario === 'gateway' ? 'gateway' : 'app',
  };
}

/** How the catalogue's `target` reads in a sentence. */
const targetWords = {
  'node-port': 'each node’s NodePort, where kube-proxy takes over',
  'node-lb-ip': 'a node, still addressed to the load balancer IP, where kube-proxy’s rules for that address take over',
  'pod-ip': 'the pods themselves',
} as const;

/** How the catalogue's `listener` reads in a sentence. */
const listenerWords = {
  'l4-passthrough': 'passes TCP through',
  'l4-proxy': 'proxies TCP from addresses of its own',
  'l7-http': 'terminates HTTP and opens its own connections',
  'not-a-proxy': 'is no proxy: a node takes the load balancer IP itself',
} as const;

/** The address `loadBalancerSourceRanges` is compared with, in words. */
const comparesWords = {
  client: 'the client’s address',
  'lb-address': 'the load balancer’s own address',
  'proxy-range': 'the provider’s proxy addresses',
  'not-supported': 'nothing',
} as const;

/** The YAML lines of the annotations to set, the PROXY protocol one included when it is on. Values quoted as YAML strings. */
export function annotationLines(provider: CloudProvider, proxyProtocol: boolean): string[] {
  const facts = providers[provider];
  const entries = facts.annotations.filter((a) => !a.name.startsWith('spec.')).map((a) => [a.name, a.value] as const);
  if (proxyProtocol && facts.proxyProtocol) entries.push([facts.proxyProtocol.annotation, facts.proxyProtocol.value]);
  return entries.map(([name, value]) => `    ${name}: ${JSON.stringify(value)}`);
}

/** The manifest a reader writes for this state: the Service (or, for an HTTP load balancer in front of an Ingress, its annotations). */
export function providerManifest(
  provider: CloudProvider,
  proxyProtocol: boolean,
  externalTrafficPolicy: string,
  service: FrontedService = 'app',
): string {
  const facts = providers[provider];
  const annotations = annotationLines(provider, proxyProtocol);
  const specFields = facts.annotations
    .filter((a) => a.name.startsWith('spec.'))
    .map((a) => `  ${a.name.slice(5)}: ${JSON.stringify(a.value)}`);
  if (facts.statusIngress === 'none') {
    // The load balancer belongs to an Ingress or a Gateway: its annotations go there, and the Service behind is the controller's business.
    return [
      '# on the Ingress (or the Gateway) this load balancer serves',
      'metadata:',
      ...(annotations.length ? ['  annotations:', ...annotations] : []),
      ...(specFields.length ? ['spec:', ...specFields] : []),
    ].join('\n');
  }
  if (service === 'gateway') {
    // The implementation creates the Service; Gateway API copies spec.infrastructure.annotations onto what it creates.
    return [
      '# on the Gateway: spec.infrastructure.annotations SHOULD go onto the Service the implementation creates (support: Extended)',
      `# (externalTrafficPolicy: ${externalTrafficPolicy} and other Service fields: the implementation's own settings)`,
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: Gateway',
      'metadata:',
      '  name: gateway',
      'spec:',
      '  gatewayClassName: <your class>',
      ...(annotations.length ? ['  infrastructure:', '    annotations:', ...annotations.map((line) => `    ${line}`)] : []),
      '  listeners:',
      '    - name: http',
      '      protocol: HTTP',
      '      port: 80',
      ...(specFields.length ? ['# and on the Service:', ...specFields.map((line) => `#${line}`)] : []),
    ].join('\n');
  }
  const [name, namespace, selector, targetPort] =
    service === 'ingress-nginx'
      ? [
          'ingress-nginx-controller',
          ['  namespace: ingress-nginx'],
          ['    app.kubernetes.io/name: ingress-nginx', '    app.kubernetes.io/component: controller'],
          'http',
        ]
      : ['app', [], ['    app: app'], '8080'];
  return [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    ...namespace,
    ...(annotations.length ? ['  annotations:', ...annotations] : []),
    'spec:',
    '  type: LoadBalancer',
    ...specFields,
    `  externalTrafficPolicy: ${externalTrafficPolicy}`,
    '  selector:',
    ...selector,
    '  ports:',
    '    - port: 80',
    `      targetPort: ${targetPort}`,
  ].join('\n');
}

/** What the panel depends on, as one string: the widget rebuilds the panel only when it changes. */
export function providerPanelKey(state: Partial<ProviderPanelState>): string {
  return `${state.cloud ?? ''} ${state.proxyProtocol ?? ''} ${state.externalTrafficPolicy ?? ''}`;
}

/** The panel's HTML for a state; a short pointer to the control when no provider is named. */
export function providerPanelHtml(state: ProviderPanelState): string {
  const e = escapeHtml;
  if (!isCloudProvider(state.cloud))
    return '<p>No provider named: choose one under “Where the cluster runs” to see its defaults, the Service to write, where its health checks come from and how to read the client.</p>';
  const facts = providers[state.cloud];
  const path = providerPath(state.cloud, state.proxyProtocol === 'true');
  const health = facts.healthChecks.sources.length ? `${facts.healthChecks.sources.map((s) => `<code>${e(s)}</code>`).join(', ')}. ` : '';
  const pp = facts.proxyProtocol
    ? `<code>${e(facts.proxyProtocol.annotation)}: "${e(facts.proxyProtocol.value)}"</code>${
        facts.proxyProtocol.version ? ` (version ${facts.proxyProtocol.version})` : ' (the version is not documented)'
      }${path.proxyProtocol ? ', on in this state' : ', off in this state'}.`
    : 'not offered on this load balancer.';
  const cites = [
    facts.peer.cite,
    facts.xff?.cite,
    facts.proxyProtocol?.cite,
    facts.healthChecks.cite,
    facts.ipMode.cite,
    facts.sourceRanges.cite,
    facts.inCluster?.cite,
  ].filter((c) => c !== undefined);
  const unique = [...new Map(cites.map((c) => [`${c.source}\n${c.says}`, c])).values()];
  return [
    `<h3>${e(facts.name)}</h3>`,
    `<p>Created by ${e(facts.controller)}. It ${listenerWords[facts.listener]} and sends to ${targetWords[facts.target]}. ${e(facts.peer.note)}</p>`,
    `<p><strong>Read the client:</strong> ${e(facts.readTheClient)}</p>`,
    '<details class="provider-details"><summary>What to write, health checks, source ranges, callers inside</summary>',
    `<pre class="provider-manifest"><code>${e(providerManifest(state.cloud, path.proxyProtocol, state.externalTrafficPolicy, state.service))}</code></pre>`,
    '<dl class="provider-facts">',
    `<dt>PROXY protocol</dt><dd>${pp}</dd>`,
    `<dt>Health checks come from</dt><dd>${health}${e(facts.healthChecks.note)}</dd>`,
    `<dt>loadBalancerSourceRanges</dt><dd>${
      facts.sourceRanges.compares === 'not-supported'
        ? 'Not applied by this provider.'
        : `Compared with ${comparesWords[facts.sourceRanges.compares]}; enforced by ${e(facts.sourceRanges.enforcedBy)}.`
    } ${e(facts.sourceRanges.note)}</dd>`,
    `<dt>Callers inside the cluster</dt><dd>${e(facts.ipMode.note)}${facts.inCluster ? ` ${e(facts.inCluster.note)}` : ''}</dd>`,
    '</dl>',
    '</details>',
    ...(facts.verified
      ? []
      : [`<p class="provider-unverified"><strong>Not confirmed in a source:</strong> ${e(facts.unverified ?? '')}</p>`]),
    `<details class="provider-sources"><summary>Where this was read (${unique.length})</summary><ul>${unique
      .map((c) => `<li><cite>${e(c.source)}</cite>: ${e(c.says)}</li>`)
      .join('')}</ul></details>`,
  ].join('');
}
