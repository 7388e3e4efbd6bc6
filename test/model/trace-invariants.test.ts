/**
 * Every combination of every scenario: the trace is well-formed and its hops
 * are consistent (each hop starts from the packet the previous one left).
 */
import { describe, expect, it } from 'vitest';
import { combinations, definitions, scenarioStates, dropCodes, trace } from '../../src/model/index.ts';
import type { Address, Hop, Trace } from '../../src/model/index.ts';
import { plan } from '../../src/model/addresses.ts';

/** Owners of the addresses a proxy hop may use as its own. */
const proxyAddress: Partial<Record<Hop['at'], string>> = {
  'load-balancer': plan.loadBalancer,
  'ingress-pod': plan.ingressPod,
  'gateway-pod': plan.ingressPod,
};

/** The address plan's ranges: documentation and benchmark ranges only. */
const allowed = [/^192\.0\.2\./, /^198\.51\.100\./, /^203\.0\.113\./, /^198\.1[89]\./];

function addressesOf(t: Trace): Address[] {
  return t.hops.flatMap((h) => [h.src, h.dst, ...h.headers.flatMap((l) => l.values), ...(h.proxyProtocol ? [h.proxyProtocol] : [])]);
}

function checkHops(t: Trace) {
  expect(t.hops.length).toBeGreaterThan(0);
  expect(t.hops[0]!.kind).toBe('route');
  for (let i = 1; i < t.hops.length; i++) {
    const prev = t.hops[i - 1]!;
    const hop = t.hops[i]!;
    const where = `${t.id} ${JSON.stringify(t.params)} hop ${i + 1} (${hop.kind})`;
    switch (hop.kind) {
      case 'route':
      case 'drop':
        expect([hop.src, hop.dst], where).toEqual([prev.src, prev.dst]);
        expect(hop.headers, where).toEqual(prev.headers);
        break;
      case 'dnat':
        expect(hop.src, where).toEqual(prev.src);
        expect(hop.dst, where).not.toEqual(prev.dst);
        expect(hop.headers, where).toEqual(prev.headers);
        break;
      case 'snat':
        expect(hop.dst, where).toEqual(prev.dst);
        expect(hop.headers, where).toEqual(prev.headers);
        break;
      case 'l4-proxy':
        expect(hop.src.ip, where).toBe(proxyAddress[hop.at]);
        expect(hop.headers, where).toEqual(prev.headers);
        break;
      case 'l7-proxy':
        expect(hop.src.ip, where).toBe(proxyAddress[hop.at]);
        expect(hop.proxyProtocol, where).toBeNull();
        break;
    }
    // A PROXY header appears only where a proxy opens its own connection, or where a load balancer that keeps the
    // client's address writes one naming that address (AWS NLB with proxy_protocol_v2 and client IP preservation).
    const writesHeader =
      hop.at === 'load-balancer' &&
      (hop.kind === 'dnat' || hop.kind === 'route') &&
      prev.proxyProtocol === null &&
      hop.proxyProtocol?.ip === hop.src.ip;
    if (hop.kind !== 'l4-proxy' && hop.kind !== 'l7-proxy' && !writesHeader) expect(hop.proxyProtocol, where).toEqual(prev.proxyProtocol);
  }
}

describe('every combination of every scenario', () => {
  for (const definition of definitions) {
    it(`${definition.id}: a combination the scenario fixes reads as a state of its list, changing only what is fixed, each with a notice`, () => {
      const names = new Set(definition.params.map((spec) => spec.name));
      let listed = 0;
      for (const params of combinations(definition.params)) {
        const derived = definition.derive?.(params, names) ?? { params, notices: [] };
        // A provider fixes the listener, and the listener fixes PROXY protocol (design: "Decisions for issues 8–12"):
        // only those (and ipMode, which a provider's controller writes) may differ from what was asked.
        const changed = Object.keys(params).filter((name) => derived.params[name] !== params[name]);
        for (const name of changed) expect(['lb', 'proxyProtocol', 'ipMode'], `${name} changed`).toContain(name);
        expect(derived.notices).toHaveLength(changed.length);
        if (changed.length === 0) listed++;
        // What it reads as is a state of the list: derive leaves it as it is.
        else expect(definition.derive!(derived.params, names).notices, JSON.stringify(params)).toEqual([]);
      }
      expect(listed).toBe([...scenarioStates(definition)].length);
      // Every combination (368,640 for the ingress): tens of seconds on a busy 2-core machine.
    }, 240_000);
  }
});

describe('every state of every scenario', () => {
  for (const definition of definitions) {
    it(`${definition.id}: consistent hops, a verdict, and only plan addresses`, () => {
      for (const params of scenarioStates(definition)) {
        const t = trace(definition.id, params);
        expect(t.params).toEqual(params);
        expect(t.error).toBeUndefined();
        checkHops(t);
        const drops = t.hops.filter((h) => h.kind === 'drop');
        if (t.delivered) {
          expect(drops).toHaveLength(0);
          expect(t.dropReason).toBeUndefined();
          expect(t.dropCode).toBeUndefined();
          const last = t.hops.at(-1)!;
          expect(t.observed!.remoteAddr).toEqual(last.src);
          expect(['app-pod']).toContain(last.dst.role);
        } else {
          expect(drops).toHaveLength(1);
          expect(t.hops.at(-1)!.kind).toBe('drop');
          expect(t.dropReason).toBe(t.hops.at(-1)!.what);
          expect(dropCodes).toContain(t.dropCode);
          expect(t.observed).toBeNull();
        }
        // A health check node port exists only on type LoadBalancer (loadbalancer, ingress) with Local: NeedsHealthCheck,
        // k8s.io/kubernetes v1.37.2 pkg/api/service/util.go lines 88-93.
        if (definition.id !== 'pod-to-pod')
          expect(t.healthCheck !== undefined).toBe(
            definition.id !== 'nodeport' &&
              params.externalTrafficPolicy === 'Local' &&
              // A load balancer that sends to the pods themselves (AWS IP targets, Google's NEGs, Azure's AGIC) or fronts an
              // Ingress (its Service is a NodePort) checks no node: aws-load-balancer-controller docs/guide/service/nlb.md,
              // Google's container-native load balancing page, AGIC docs/developers/design.md.
              !['aws-nlb-ip', 'aws-nlb-ip-preserve', 'aws-alb', 'gke-l7', 'azure-appgw'].includes(params.cloud ?? '') &&
              // Cilium's datapath hands the gateway's traffic to the Envoy on every node: its health check is not modelled.
              !(definition.id === 'gateway' && params.implementation === 'cilium'),
          );
        for (const address of addressesOf(t))
          expect(
            allowed.some((r) => r.test(address.ip)),
            address.ip,
          ).toBe(true);
      }
      // Every state, tens of thousands for the ingress and the gateway: tens of seconds on a 2-core machine, more on a busy one.
    }, 240_000);
  }
  it('the L7 load balancer’s headers derive from what it received: one more X-Forwarded-For line with its peer', () => {
    for (const params of scenarioStates(definitions[2])) {
      const t = trace('loadbalancer', params);
      const i = t.hops.findIndex((h) => h.kind === 'l7-proxy');
      if (i < 0) continue;
      const peer = t.hops[i - 1]!.src;
      // Google's front ends add their forwarding rule's address after the client (cloud.google.com/load-balancing/docs/https,
      // "X-Forwarded-For header"); Azure's Application Gateway writes the client with its port (Microsoft, "Rewrite HTTP
      // headers with Azure Application Gateway"); the others append the peer alone.
      const appended =
        params.cloud === 'gke-l7'
          ? [peer, { ip: '198.51.100.10', role: 'load-balancer' }]
          : params.cloud === 'azure-appgw'
            ? [{ ...peer, port: 51234 }]
            : [peer];
      expect(t.hops[i]!.headers).toEqual([...t.hops[i - 1]!.headers, { name: 'X-Forwarded-For', values: appended }]);
    }
  });
});

describe('defaults', () => {
  it('each scenario’s default is its first value, and trace with no params applies them', () => {
    for (const definition of definitions) {
      const t = trace(definition.id);
      expect(t.notices).toEqual([]);
      expect(t.params).toEqual(Object.fromEntries(definition.params.map((p) => [p.name, p.values[0]])));
    }
  });
});
