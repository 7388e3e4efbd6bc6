/** Untrusted parameters: unknown scenarios, unknown names, invalid values. trace never throws. */
import { describe, expect, it } from 'vitest';
import { scenarios, trace } from '../../src/model/index.ts';
import { normalizeParams, param, stateQuery } from '../../src/model/params.ts';

describe('trace with bad input', () => {
  it('an unknown scenario id gives an error result, not an exception', () => {
    const t = trace('no-such-scenario');
    expect(t).toMatchObject({ delivered: false, hops: [], observed: null });
    expect(t.error).toContain('Unknown scenario');
    expect(t.error).toContain('pod-to-pod');
  });
  it('an invalid value falls back to the default and is named in a notice', () => {
    const t = trace('nodeport', { externalTrafficPolicy: 'local' });
    expect(t.params.externalTrafficPolicy).toBe('Cluster');
    expect(t.notices).toHaveLength(1);
    expect(t.notices[0]).toContain('externalTrafficPolicy');
  });
  it('an unknown parameter is named in a notice and ignored', () => {
    const t = trace('nodeport', { utm_source: 'postmortem' });
    expect(t.notices[0]).toContain('utm_source');
    expect(t.delivered).toBe(true);
  });
  it('reads URLSearchParams as a page’s query string gives them', () => {
    const t = trace('nodeport', new URLSearchParams('externalTrafficPolicy=Local&entry=node-with-endpoint'));
    expect(t.observed?.remoteAddr.role).toBe('client');
  });
  it('survives markup, huge values and non-strings', () => {
    const t = trace('ingress', { lb: '<script>alert(1)</script>', spoofedHeader: 'x'.repeat(1_000_000), entry: 42 as unknown as string });
    expect(t.notices).toHaveLength(3);
    expect(t.notices.join(' ').length).toBeLessThan(1000);
    expect(t.delivered).toBe(true);
  });
  it('survives ids and params of the wrong type', () => {
    expect(trace(undefined as unknown as string).error).toBeDefined();
    expect(trace('nodeport', 'x=1' as unknown as Record<string, string>).notices).toEqual([]);
  });
  it('lists the five scenarios of the design, parameters first-value-default', () => {
    expect(scenarios.map((s) => s.id)).toEqual(['pod-to-pod', 'nodeport', 'loadbalancer', 'ingress', 'gateway']);
    expect(scenarios.find((s) => s.id === 'ingress')!.params.map((p) => p.name)).toEqual([
      'cloud',
      'lb',
      'proxyProtocol',
      'externalTrafficPolicy',
      'entry',
      'podNetwork',
      'source',
      'ipMode',
      'useForwardedHeaders',
      'computeFullForwardedFor',
      'useProxyProtocol',
      'spoofedHeader',
      'proxyRealIpCidr',
      'ingressNginxVersion',
    ]);
  });
});

describe('aliases and the state format version', () => {
  it('reads off/on as false/true for every boolean parameter, silently, and reports the canonical value', () => {
    const t = trace('ingress', { useForwardedHeaders: 'on', computeFullForwardedFor: 'off' });
    expect(t.notices).toEqual([]);
    expect(t.params.useForwardedHeaders).toBe('true');
    expect(t.params.computeFullForwardedFor).toBe('false');
    expect(trace('ingress', { useForwardedHeaders: 'on' }).observed).toEqual(trace('ingress', { useForwardedHeaders: 'true' }).observed);
  });
  it('does not read off/on for a parameter that is not a boolean', () => {
    expect(trace('nodeport', { externalTrafficPolicy: 'on' }).notices).toHaveLength(1);
  });
  it('strips v=1 silently and names any other version', () => {
    expect(trace('nodeport', new URLSearchParams('v=1&externalTrafficPolicy=Local')).notices).toEqual([]);
    const t = trace('nodeport', new URLSearchParams('v=7&externalTrafficPolicy=Local'));
    expect(t.notices).toHaveLength(1);
    expect(t.notices[0]).toContain('v=');
    expect(t.params).not.toHaveProperty('v');
    expect(t.params.externalTrafficPolicy).toBe('Local');
  });
  it('reads a declared old name and value alias as the parameter, and refuses aliases that shadow or point nowhere', () => {
    const spec = param('mode', 'Mode', { a: 'A.', b: 'B.' }, { names: ['oldMode'], values: { beta: 'b' } });
    expect(normalizeParams([spec], { oldMode: 'beta' })).toEqual({ params: { mode: 'b' }, notices: [] });
    expect(() => param('mode', 'Mode', { a: 'A.', b: 'B.' }, { values: { c: 'z' as 'a' } })).toThrow();
    expect(() => param('mode', 'Mode', { a: 'A.', b: 'B.' }, { values: { a: 'b' } })).toThrow();
    expect(() => param('v', 'Version', { a: 'A.' })).toThrow();
  });
  it('writes every parameter in the scenario’s order, then v=1', () => {
    const specs = scenarios.find((s) => s.id === 'nodeport')!.params;
    expect(stateQuery(specs, { proxyMode: 'ipvs' }).toString()).toBe(
      'externalTrafficPolicy=Cluster&entry=node-without-endpoint&podNetwork=bridge&source=external&proxyMode=ipvs&spoofedHeader=none&v=1',
    );
  });
});
