/** trace's `inapplicable`: the parameters that cannot change a state's outcome, derived by running the scenario. */
import { describe, expect, it } from 'vitest';
import { definitions, scenarioStates, trace } from '../../src/model/index.ts';
import { fieldValues } from '../../src/views/fields.ts';

/** The answer fields' machine-readable values (not their texts: the prose of a drop may name a mode that is not in play). */
function answerValues(t: ReturnType<typeof trace>): string[] {
  return Object.values(fieldValues(t)).map((field) => field.value);
}

describe('Trace.inapplicable', () => {
  it('names caller when the app pod calls itself: the caller is then the app pod, whatever the setting', () => {
    expect(trace('pod-to-pod', { placement: 'self' }).inapplicable).toContain('caller');
    expect(trace('pod-to-pod', { placement: 'same-node', via: 'cluster-ip' }).inapplicable).not.toContain('caller');
  });
  it('never names the entry node under externalTrafficPolicy Cluster: the source becomes the entry node’s own address', () => {
    expect(trace('nodeport', { externalTrafficPolicy: 'Cluster' }).inapplicable).not.toContain('entry');
  });
  it('names use-forwarded-headers behind a TCP proxy with no forged header: no X-Forwarded-For reaches ingress-nginx', () => {
    expect(trace('ingress', { lb: 'l4-proxy', spoofedHeader: 'none' }).inapplicable).toContain('useForwardedHeaders');
    expect(trace('ingress', { lb: 'l7-http', spoofedHeader: 'present' }).inapplicable).not.toContain('useForwardedHeaders');
  });
  it('is empty for an unknown scenario', () => {
    expect(trace('no-such-scenario').inapplicable).toEqual([]);
  });
  it('holds for every state: changing one inapplicable parameter alone never changes an answer field', () => {
    for (const scenario of definitions) {
      for (const params of scenarioStates(scenario)) {
        const t = trace(scenario.id, params);
        for (const name of t.inapplicable) {
          const spec = scenario.params.find((p) => p.name === name)!;
          for (const value of spec.values) expect(answerValues(trace(scenario.id, { ...params, [name]: value }))).toEqual(answerValues(t));
        }
      }
    }
    // Every state of every scenario (about 33,000), each run again once per other value of each parameter: minutes on a
    // busy 2-core machine.
  }, 300_000);
});
