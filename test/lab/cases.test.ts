/** The lab's cases (lab/cases.ts): every case a valid state of the model, no id twice, every parameter value run or recorded as not run. */
import { describe, expect, it } from 'vitest';
import { buildCases, scenariosNotRun, statesOf, type LabCase, type LabMode } from '../../lab/cases.ts';
import { Registry } from '../../lab/services.ts';
import { namespaces } from '../../lab/topology.ts';
import { stateId } from '../../src/evidence/evidence.ts';
import { definitions, findScenario, forwardThroughGateway, normalizeParams, trace } from '../../src/model/index.ts';
import { nodeport } from '../../src/model/scenarios/nodeport.ts';

/** One lab run's cases, built as lab/run.ts builds them: a fresh registry per mode. */
function built(mode: LabMode) {
  return buildCases(namespaces('1'), new Registry(), mode);
}

const runs = { iptables: built('iptables'), nftables: built('nftables') };
const allCases: LabCase[] = [...runs.iptables.cases, ...runs.nftables.cases];
const allSkipped = [...runs.iptables.skipped, ...runs.nftables.skipped];

/** The scenario and parameters a case or skipped id names: `<scenario>?<query>`. */
function parseId(id: string): { scenario: string; params: Record<string, string> } {
  const [scenario, query] = id.split('?') as [string, string];
  return { scenario, params: Object.fromEntries(new URLSearchParams(query)) };
}

describe('buildCases', () => {
  it('gives every case and every skipped state its own id, across both runs', () => {
    const ids = [...allCases.map((c) => c.id), ...allSkipped.map((s) => s.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('asks the model about complete, valid states only, under the id pages look them up by', () => {
    const traced = allCases.flatMap((c) => (c.check.kind === 'trace' ? [{ id: c.id, check: c.check }] : []));
    expect(traced.length).toBeGreaterThan(800);
    for (const { id, check } of traced) {
      const definition = findScenario(check.scenario)!;
      const { params, notices } = normalizeParams(definition.params, check.params);
      expect(notices, id).toEqual([]);
      // Canonical too: a state another parameter fixes (PROXY protocol follows the listener) reads with a notice, under
      // another id, and pages would never find its evidence.
      const names = new Set(definition.params.map((spec) => spec.name));
      expect(definitions.find((d) => d.id === check.scenario)!.derive?.(check.params, names).notices ?? [], id).toEqual([]);
      expect(Object.keys(check.params), id).toEqual(Object.keys(params));
      expect(check.params, id).toEqual(params);
      expect(id).toBe(stateId(check.scenario, check.params));
    }
  });

  it('checks the health check node port only where the API gives one: LoadBalancer with Local, on each node, in each run', () => {
    const health = allCases.flatMap((c) => (c.check.kind === 'health' ? [c.check] : []));
    const { params: specs } = findScenario('loadbalancer')!;
    for (const check of health) {
      expect(check.scenario).toBe('loadbalancer');
      expect(normalizeParams(specs, check.params).notices).toEqual([]);
      expect(check.params.externalTrafficPolicy).toBe('Local');
    }
    expect(health.map((check) => `${check.params.entry} ${check.params.proxyMode}`).sort()).toEqual([
      'node-with-endpoint iptables',
      'node-with-endpoint nftables',
      'node-without-endpoint iptables',
      'node-without-endpoint nftables',
    ]);
  });

  it('records every skipped state as a complete state with its reason', () => {
    expect(allSkipped.length).toBeGreaterThan(0);
    for (const skipped of allSkipped.filter((s) => !s.id.startsWith('gateway-'))) {
      const { scenario, params } = parseId(skipped.id);
      const definition = findScenario(scenario)!;
      expect(normalizeParams(definition.params, params).notices, skipped.id).toEqual([]);
      expect(Object.keys(params)).toEqual(definition.params.map((spec) => spec.name));
      expect(skipped.why).toMatch(/\w/);
    }
  });

  it('covers every NodePort and generic LoadBalancer state exactly once: run in its kube-proxy mode, or IPVS, Cilium and ipMode Proxy recorded as not run', () => {
    for (const scenario of ['nodeport', 'loadbalancer']) {
      // A provider's states are model-only everywhere: the pages say so by rule (evidenceForState), not state by state.
      const states = [...statesOf(findScenario(scenario)!)]
        .filter((params) => params.cloud === undefined || params.cloud === 'generic')
        .filter((params) => trace(scenario, params).notices.length === 0)
        .map((params) => stateId(scenario, params))
        .sort();
      const covered = [...allCases.map((c) => c.id), ...allSkipped.map((s) => s.id)].filter((id) => id.startsWith(`${scenario}?`));
      expect(covered.sort()).toEqual(states);
      for (const skipped of allSkipped.filter((s) => s.id.startsWith(`${scenario}?`))) {
        const { params } = parseId(skipped.id);
        const modelOnly = ['ipvs', 'cilium-snat', 'cilium-dsr', 'cilium-hybrid'].includes(params.proxyMode!) || params.ipMode === 'Proxy';
        expect(modelOnly, skipped.id).toBe(true);
      }
    }
  });

  it('runs the nftables mode on NodePort, LoadBalancer and health check cases only, all in nftables mode', () => {
    expect(new Set(runs.nftables.cases.map((c) => c.group))).toEqual(new Set(['nodeport', 'loadbalancer', 'health-check']));
    for (const c of runs.nftables.cases) expect('params' in c.check && c.check.params.proxyMode, c.id).toBe('nftables');
    expect(runs.nftables.skipped).toEqual([]);
  });

  it('runs or records as not run every value of every scenario parameter, except the ingress-nginx release the lab cannot render', () => {
    const seen = new Set<string>();
    for (const c of allCases)
      if (c.check.kind === 'trace')
        for (const [name, value] of Object.entries(c.check.params)) seen.add(`${c.check.scenario} ${name}=${value}`);
    for (const skipped of allSkipped.filter((s) => !s.id.startsWith('gateway-'))) {
      const { scenario, params } = parseId(skipped.id);
      for (const [name, value] of Object.entries(params)) seen.add(`${scenario} ${name}=${value}`);
    }
    // A scenario the lab does not run at all says why.
    for (const reason of Object.values(scenariosNotRun)) expect(reason.length).toBeGreaterThan(40);
    const missing = definitions
      .filter((definition) => !(definition.id in scenariosNotRun))
      .flatMap((definition) =>
        definition.params.flatMap((spec) =>
          spec.values
            // A provider's states are model-only everywhere; the pages say so by rule (evidenceForState), not state
            // by state.
            .filter((value) => !(spec.name === 'cloud' && value !== 'generic'))
            .filter((value) => !seen.has(`${definition.id} ${spec.name}=${value}`))
            .map((value) => `${definition.id} ${spec.name}=${value}`),
        ),
      );
    // The renderer builds controller-v1.11.0 only (lab/ingress-nginx/README.md); pages show its cases as the stand-in
    // for the later release (src/evidence/ingress-release.ts).
    expect(missing).toEqual(['ingress ingressNginxVersion=v1.13-or-later']);
  });

  it('gives each ingress-nginx configuration one nginx server per pod network', () => {
    for (const servers of runs.iptables.nginx.ingress.values()) {
      const configs = servers.map((server) => JSON.stringify(server.config));
      expect(new Set(configs).size).toBe(configs.length);
      expect(servers.map((server) => server.id)).toEqual(servers.map((_, index) => index));
    }
    expect(runs.nftables.nginx.ingress.size).toBe(0);
  });
});

describe('statesOf', () => {
  it('holds fixed parameters, varies the named ones and keeps the rest at their defaults, in the model order', () => {
    const states = statesOf(nodeport, { proxyMode: 'nftables' }, ['entry', 'source']);
    expect(states).toHaveLength(6);
    expect(states[0]).toEqual({
      externalTrafficPolicy: 'Cluster',
      entry: 'node-without-endpoint',
      podNetwork: 'bridge',
      source: 'external',
      proxyMode: 'nftables',
      spoofedHeader: 'none',
    });
    expect(states.map((state) => `${state.entry} ${state.source}`)).toEqual([
      'node-without-endpoint external',
      'node-without-endpoint pod',
      'node-without-endpoint node',
      'node-with-endpoint external',
      'node-with-endpoint pod',
      'node-with-endpoint node',
    ]);
  });

  it('throws on a value the scenario does not have', () => {
    expect(() => statesOf(nodeport, { proxyMode: 'userspace' as never })).toThrow(/nodeport has no proxyMode=userspace/);
  });
});

describe('the gateway-traefik group', () => {
  const traefik = runs.iptables.cases.filter((c) => c.group === 'gateway-traefik');

  it('runs every forwardedHeaders × proxyProtocol trust, sender and spoofedHeader value once, in the iptables run only', () => {
    // A client's own PROXY line at an entry point without proxyProtocol is recorded as not run (a 400-or-reset race).
    const skipped = runs.iptables.skipped.filter((s) => s.id.startsWith('gateway-traefik?'));
    expect(skipped.map((s) => new URLSearchParams(s.id.split('?')[1]).get('sender'))).toEqual(Array(6).fill('client-proxy'));
    for (const s of skipped) expect(new URLSearchParams(s.id.split('?')[1]).get('proxyProtocol')).toBe('none');
    expect(new Set([...traefik.map((c) => c.id), ...skipped.map((s) => s.id)]).size).toBe(3 * 3 * 4 * 2);
    expect(traefik).toHaveLength(3 * 3 * 4 * 2 - 6);
    expect(runs.iptables.traefik).toHaveLength(9);
    expect(runs.nftables.traefik).toEqual([]);
    expect(runs.nftables.cases.some((c) => c.group === 'gateway-traefik')).toBe(false);
  });

  it('gives each entry point its own listener and load balancer ports, and each case its own path', () => {
    const ports = runs.iptables.traefik.flatMap((s) => [s.listen, `lb:${s.lbPort}`, `lb:${s.lbProxyPort}`]);
    expect(new Set(ports).size).toBe(ports.length);
    const paths = traefik.map((c) => (c.check.kind === 'gateway' ? c.check.path : ''));
    expect(new Set(paths).size).toBe(traefik.length);
    for (const c of traefik) expect(c.request.url.endsWith(c.check.kind === 'gateway' ? c.check.path : '?'), c.id).toBe(true);
  });

  it('asks forwardThroughGateway about Traefik with a configuration it accepts, the PROXY source only where one is sent', () => {
    for (const c of traefik) {
      if (c.check.kind !== 'gateway') throw new Error(`${c.id}: not a gateway check`);
      const { request } = c.check;
      expect(request.implementation).toBe('traefik');
      expect(() => forwardThroughGateway(request), c.id).not.toThrow();
      const sender = new URLSearchParams(c.id.split('?')[1]).get('sender');
      expect('proxyProtocolSource' in request, c.id).toBe(sender === 'client-proxy' || sender === 'lb-proxy');
      expect(c.request.curlArgs ?? [], c.id).toEqual(sender === 'client-proxy' ? ['--haproxy-protocol'] : []);
    }
  });
});
