/**
 * Every manifest a recipe offers, in every state of every scenario, checked against the schemas a real API server would
 * apply: the Kubernetes API's OpenAPI v3 spec of k8s.io/kubernetes v1.37.2 (api/openapi-spec/v3), Gateway API v1.6.3's
 * standard CRDs (config/crd/standard), Envoy Gateway v1.9.0's ClientTrafficPolicy CRD and NGINX Gateway Fabric v2.6.7's
 * NginxProxy CRD, copied into .cache/schemas by
 * scripts/schemas.sh (npm test runs it first). Strict field validation, as kubectl applies by default.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { definitions, scenarioStates } from '../../src/model/index.ts';
import { recipeSetup, type RecipeDocument } from '../../src/reproduce/recipe.ts';
import { checkSchema, type RefResolver, type Schema } from '../../src/reproduce/schema-check.ts';

const dir = new URL('../../.cache/schemas/', import.meta.url);
const kubernetesFiles = ['api__v1_openapi.json', 'apis__apps__v1_openapi.json', 'apis__networking.k8s.io__v1_openapi.json'];
const crdFiles = [
  'gateway-api-v1.6.3/gateway.networking.k8s.io_gateways.yaml',
  'gateway-api-v1.6.3/gateway.networking.k8s.io_httproutes.yaml',
  'envoy-gateway-v1.9.0/gateway.envoyproxy.io_clienttrafficpolicies.yaml',
  // Copied into the repository with its provenance (test/reproduce/vendored/nginx-gateway-fabric-v2.6.7/README.md).
  'nginx-gateway-fabric-v2.6.7/gateway.nginx.org_nginxproxies.yaml',
];

/** A schema to check a kind against, and how its `$ref`s resolve. */
interface KindSchema {
  schema: Schema;
  resolve: RefResolver;
  /** For a CRD: the Kubernetes ObjectMeta to check `metadata` against (a CRD's schema leaves it open). */
  metadata?: { schema: Schema; resolve: RefResolver };
}

function loadSchemas(): Map<string, KindSchema> {
  const kinds = new Map<string, KindSchema>();
  let objectMeta: KindSchema['metadata'];
  for (const file of kubernetesFiles) {
    const spec = JSON.parse(readFileSync(new URL(`kubernetes-v1.37.2/${file}`, dir), 'utf8')) as {
      components: { schemas: Record<string, Schema> };
    };
    const schemas = spec.components.schemas;
    const resolve: RefResolver = (ref) => schemas[ref.replace('#/components/schemas/', '')];
    objectMeta ??= { schema: schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']!, resolve };
    for (const schema of Object.values(schemas)) {
      for (const gvk of (schema['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string }[] | undefined) ??
        []) {
        const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
        kinds.set(`${apiVersion} ${gvk.kind}`, { schema, resolve });
      }
    }
  }
  for (const file of crdFiles) {
    const crd = parse(readFileSync(new URL(file, dir), 'utf8')) as {
      spec: { group: string; names: { kind: string }; versions: { name: string; served: boolean; schema: { openAPIV3Schema: Schema } }[] };
    };
    for (const version of crd.spec.versions.filter((v) => v.served))
      kinds.set(`${crd.spec.group}/${version.name} ${crd.spec.names.kind}`, {
        schema: version.schema.openAPIV3Schema,
        resolve: () => undefined,
        metadata: objectMeta,
      });
  }
  return kinds;
}

/** The kinds a recipe may apply that no pinned schema covers yet, each with the reason. */
const notPinned: Record<string, string> = {
  'gateway.kgateway.dev/v1alpha1 ListenerPolicy': 'kgateway is not served by the Go module proxy',
};

const present = [...kubernetesFiles.map((f) => `kubernetes-v1.37.2/${f}`), ...crdFiles].every((f) => existsSync(new URL(f, dir)));

describe('recipe manifests against the pinned schemas', () => {
  it('has the schemas (scripts/schemas.sh copies them)', () => {
    expect(present, 'run bash scripts/schemas.sh').toBe(true);
  });

  const kinds = present ? loadSchemas() : new Map<string, KindSchema>();

  /** The problems of one document, or the reason it is not checked. */
  function check(document: Record<string, unknown>): { problems: string[]; unchecked?: string } {
    const key = `${String(document.apiVersion)} ${String(document.kind)}`;
    const kind = kinds.get(key);
    if (!kind) return { problems: [], unchecked: notPinned[key] ?? `no schema for ${key}` };
    const { metadata, ...rest } = document;
    const problems = checkSchema(kind.metadata ? rest : document, kind.schema, kind.resolve).problems;
    if (kind.metadata) problems.push(...checkSchema(metadata, kind.metadata.schema, kind.metadata.resolve, '.metadata').problems);
    return { problems };
  }

  it('refuses a manifest with an unknown field, a wrong type or a missing required field', () => {
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'app' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } };
    expect(check(service).problems).toEqual([]);
    expect(check({ ...service, spec: { ...service.spec, externalTrafficPolicyy: 'Local' } }).problems).toEqual([
      '.spec.externalTrafficPolicyy: unknown field',
    ]);
    expect(check({ ...service, spec: { ports: [{ port: '80' }] } }).problems).toEqual(['.spec.ports[0].port: must be integer, not string']);
    const route = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { parentRefs: [{}] } };
    expect(check(route).problems).toEqual(['.spec.parentRefs[0]: missing required field name']);
    expect(check({ ...route, metadata: { name: 'r', label: {} } }).problems).toContain('.metadata.label: unknown field');
    // NGINX Gateway Fabric v2.6.7's NginxProxy: rewriteClientIP.mode is an enum of ProxyProtocol and XForwardedFor.
    const nginxProxy = {
      apiVersion: 'gateway.nginx.org/v1alpha2',
      kind: 'NginxProxy',
      metadata: { name: 'client-ip' },
      spec: { rewriteClientIP: { mode: 'XForwardedFor', trustedAddresses: [{ type: 'CIDR', value: '192.0.2.0/24' }] } },
    };
    expect(check(nginxProxy)).toEqual({ problems: [] });
    expect(check({ ...nginxProxy, spec: { rewriteClientIP: { mode: 'XRealIP' } } }).problems).toEqual([
      expect.stringContaining('.spec.rewriteClientIP.mode'),
    ]);
  });

  it.each(definitions.map((d) => d.id))(
    'every %s state’s manifests validate',
    (id) => {
      const definition = definitions.find((d) => d.id === id)!;
      const seen = new Map<string, string[]>();
      const unchecked = new Set<string>();
      for (const params of scenarioStates(definition)) {
        for (const doc of recipeSetup(id, params).documents.filter((d: RecipeDocument) => d.apply)) {
          const text = JSON.stringify(doc.document);
          if (seen.has(text)) continue;
          const result = check(doc.document);
          if (result.unchecked) unchecked.add(result.unchecked);
          seen.set(
            text,
            result.problems.map((p) => `${doc.title}: ${p}`),
          );
        }
      }
      expect([...seen.values()].flat()).toEqual([]);
      expect(
        [...unchecked].every((reason) => Object.values(notPinned).includes(reason)),
        [...unchecked].join('; '),
      ).toBe(true);
      expect(seen.size).toBeGreaterThan(0);
    },
    300_000,
  );
});
