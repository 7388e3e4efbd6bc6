/**
 * What each recipe writes, stated by hand for a few states, and one property over every state: each value the reader
 * must substitute is explained.
 */
import { describe, expect, it } from 'vitest';
import { trace } from '../../src/model/index.ts';
import { everyNthState } from '../model/helpers.ts';
import { recipeFor, recipeSetup } from '../../src/reproduce/recipe.ts';
import { transcriptText } from '../../src/reproduce/echo-server.ts';

/** The applied document of a kind, from a state's recipe. */
function documentOf(id: string, params: Record<string, string>, kind: string): Record<string, any> | undefined {
  return recipeSetup(id, params).documents.find((d) => d.document.kind === kind)?.document as Record<string, any> | undefined;
}

describe('recipeSetup', () => {
  it('a NodePort Service with the state’s policy, in front of agnhost netexec', () => {
    const service = documentOf('nodeport', { externalTrafficPolicy: 'Local' }, 'Service');
    expect(service?.spec).toMatchObject({ type: 'NodePort', externalTrafficPolicy: 'Local', selector: { app: 'app' } });
    const app = documentOf('nodeport', {}, 'Deployment');
    expect(app?.spec.template.spec.containers[0]).toMatchObject({
      image: 'registry.k8s.io/e2e-test-images/agnhost:2.66.1',
      args: ['netexec', '--http-port=8080'],
    });
  });

  it('AWS NLB with IP targets and client IP preservation: the controller’s annotations on the Service', () => {
    const service = documentOf('loadbalancer', { cloud: 'aws-nlb-ip-preserve' }, 'Service');
    expect(service?.metadata.annotations).toEqual({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes': 'preserve_client_ip.enabled=true',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
    });
  });

  it('an ALB belongs to an Ingress of class alb, in front of a NodePort Service', () => {
    const recipe = recipeSetup('loadbalancer', { cloud: 'aws-alb' });
    expect(
      recipe.documents.map(
        (d) => `${String(d.document.kind)} ${String((d.document.spec as any)?.type ?? (d.document.spec as any)?.ingressClassName ?? '')}`,
      ),
    ).toEqual(['Deployment ', 'Service NodePort', 'Ingress alb']);
  });

  it('an ALB in front of ingress-nginx: an Ingress of class alb to the controller’s Service, which keeps only node ports', () => {
    const recipe = recipeSetup('ingress', { cloud: 'aws-alb' });
    const controller = recipe.documents.find(
      (d) => (d.document.metadata as any).name === 'ingress-nginx-controller' && d.document.kind === 'Service',
    );
    expect((controller?.document.spec as any).type).toBe('NodePort');
    const front = recipe.documents.filter((d) => d.document.kind === 'Ingress').map((d) => d.document as any);
    expect(
      front.map((i) => [i.metadata.namespace ?? 'default', i.spec.ingressClassName, i.spec.rules[0].http.paths[0].backend.service.name]),
    ).toEqual([
      ['default', 'nginx', 'app'],
      ['ingress-nginx', 'alb', 'ingress-nginx-controller'],
    ]);
  });

  it('GKE’s container-native load balancing annotation goes on the Service, not on the Ingress', () => {
    const recipe = recipeSetup('loadbalancer', { cloud: 'gke-l7' });
    expect(documentOf('loadbalancer', { cloud: 'gke-l7' }, 'Service')?.metadata.annotations).toEqual({
      'cloud.google.com/neg': '{"ingress": true}',
    });
    expect((recipe.documents.find((d) => d.document.kind === 'Ingress')?.document.metadata as any).annotations).toBeUndefined();
  });

  it('ingress-nginx’s ConfigMap carries the state’s four client-IP keys', () => {
    const configMap = documentOf('ingress', { useProxyProtocol: 'true', proxyRealIpCidr: '192.0.2.0/24' }, 'ConfigMap');
    expect(configMap?.metadata).toEqual({ name: 'ingress-nginx-controller', namespace: 'ingress-nginx' });
    expect(configMap?.data).toEqual({
      'use-forwarded-headers': 'false',
      'compute-full-forwarded-for': 'false',
      'use-proxy-protocol': 'true',
      'proxy-real-ip-cidr': '192.0.2.0/24',
    });
  });

  it('Envoy Gateway trusting one hop: a ClientTrafficPolicy on the Gateway', () => {
    const policy = documentOf('gateway', { implementation: 'envoy-gateway', clientIPDetection: 'trust-lb-hops' }, 'ClientTrafficPolicy');
    expect(policy?.spec).toEqual({
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gateway' }],
      clientIPDetection: { xForwardedFor: { numTrustedHops: 1 } },
    });
    expect(documentOf('gateway', { implementation: 'envoy-gateway' }, 'Gateway')?.spec.gatewayClassName).toBe('eg');
  });

  it('NGINX Gateway Fabric’s NginxProxy is attached to the Gateway by parametersRef', () => {
    const gateway = documentOf('gateway', { implementation: 'nginx-gateway-fabric', clientIPDetection: 'trust-lb-cidr' }, 'Gateway');
    expect(gateway?.spec.infrastructure.parametersRef).toEqual({ group: 'gateway.nginx.org', kind: 'NginxProxy', name: 'client-ip' });
  });

  it('a caller on the app’s node is a pod with affinity to it; a node caller runs through kubectl debug', () => {
    const pod = documentOf('pod-to-pod', { placement: 'same-node', caller: 'pod' }, 'Pod');
    expect(Object.keys(pod?.spec.affinity)).toEqual(['podAffinity']);
    expect(recipeSetup('pod-to-pod', { placement: 'other-node', caller: 'node' }).run.command).toMatch(
      /^kubectl debug node\/<other-node-name> /,
    );
    expect(recipeSetup('pod-to-pod', { placement: 'self' }).run.command).toMatch(/^kubectl exec deploy\/app -- sh -c '/);
  });
});

describe('recipeFor', () => {
  it('explains every value the reader substitutes, in every state (every 25th state)', () => {
    let checked = 0;
    for (const { id, params } of everyNthState(25)) {
      const recipe = recipeFor(trace(id, params));
      const text = [
        recipe.run.command,
        ...recipe.documents.map((d) => JSON.stringify(d.document)),
        recipe.expected ? transcriptText(recipe.expected) : '',
      ].join('\n');
      const explained = new Set(recipe.placeholders.map((p) => p.text));
      for (const token of text.match(/<[a-z-]+>/g) ?? []) expect(explained, `${id} ${new URLSearchParams(params)}`).toContain(token);
      expect(recipe.placeholders.every((p) => p.meaning !== '')).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
