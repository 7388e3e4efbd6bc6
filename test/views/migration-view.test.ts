/** The migration widget's view: its YAML, the before/after table and answer fields, messages for bad input, and its links. */
import { describe, expect, it } from 'vitest';
import {
  migrationFieldText,
  defaultMigrationState,
  migrationFieldNames,
  migrationStateFromQuery,
  migrationStateToQuery,
  migrationView,
  toYaml,
} from '../../src/views/migration-view.ts';

describe('toYaml', () => {
  it('writes nested maps and lists of maps in block style, with two-space indents', () => {
    expect(toYaml({ spec: { targetRefs: [{ kind: 'Gateway', name: 'eg' }], proxyProtocol: {} } })).toBe(
      'spec:\n  targetRefs:\n    - kind: Gateway\n      name: eg\n  proxyProtocol: {}\n',
    );
  });
  it('quotes strings YAML would read as something else, and keys that are not plain words', () => {
    expect(toYaml({ a: 'true', b: '1', c: ':80', d: '{"x":1}', 'proxy.istio.io/config': 'x', e: true, f: 2 })).toBe(
      'a: "true"\nb: "1"\nc: ":80"\nd: "{\\"x\\":1}"\nproxy.istio.io/config: x\ne: true\nf: 2\n',
    );
  });
  it('writes a list of strings as items, CIDRs plain', () => {
    expect(toYaml({ trustedIPs: ['192.0.2.0/24', '2001:db8::/32'] })).toBe('trustedIPs:\n  - 192.0.2.0/24\n  - "2001:db8::/32"\n');
  });
});

describe('migrationView', () => {
  it('answers the default state: Envoy Gateway with trustedCIDRs, the client before and after, the allowlist comparing the client', () => {
    const view = migrationView(defaultMigrationState);
    expect(view.yaml).toContain('kind: ClientTrafficPolicy');
    expect(view.yaml).toContain('      trustedCIDRs:\n        - 192.0.2.0/24');
    expect(view.yaml).toContain('kind: SecurityPolicy');
    expect(view.fields).toMatchObject({
      beforeClientIp: '203.0.113.7',
      afterClientIp: '203.0.113.7',
      beforeXRealIp: '203.0.113.7',
      afterXRealIp: '',
      afterXForwardedFor: '203.0.113.7,192.0.2.2',
      allowlistMatches: '203.0.113.7',
      allowlistAllowed: 'true',
      loadBalancer: 'http-appending',
    });
    expect(view.rows.map((r) => r.after.text)).toContain('not sent');
  });
  it('has a value for every answer field name', () => {
    expect(Object.keys(migrationView(defaultMigrationState).fields).sort()).toEqual([...migrationFieldNames].sort());
  });
  it('an invalid CIDR gives a message next to its input and no answer, never an exception', () => {
    const view = migrationView({ ...defaultMigrationState, proxyRealIpCidr: '192.0.2.0/33' });
    expect(view.messages.proxyRealIpCidr).toEqual(['proxy-real-ip-cidr: “192.0.2.0/33” is not a CIDR range or an IP address.']);
    expect(view.result).toBeNull();
    expect(view.yaml).toBe('');
    expect(view.fields.afterClientIp).toBe('');
  });
  it('a bad whitelist-source-range entry is reported against that input', () => {
    const view = migrationView({ ...defaultMigrationState, whitelistSourceRange: '203.0.113.0/24, nope' });
    expect(view.messages.whitelistSourceRange).toHaveLength(1);
    expect(view.messages.proxyRealIpCidr).toEqual([]);
  });
  it('a refused request shows why in place of the client', () => {
    const view = migrationView({ ...defaultMigrationState, useProxyProtocol: true, loadBalancer: 'l4-passthrough' });
    expect(view.rows[0]!.before.text).toMatch(/^refused: /);
    expect(view.fields.beforeClientIp).toBe('');
  });
});

describe('links', () => {
  it('carry the full state and v=1, and read back to the same state', () => {
    const state = { ...defaultMigrationState, target: 'traefik' as const, forgedHeader: true, whitelistSourceRange: '' };
    const query = migrationStateToQuery(state);
    expect(query.get('v')).toBe('1');
    expect([...query.keys()]).toHaveLength(11);
    expect(migrationStateFromQuery(query)).toEqual({ state, notices: [] });
  });
  it('an unknown target, a bad box and an unknown parameter are each named in a notice and the default kept', () => {
    const { state, notices } = migrationStateFromQuery(new URLSearchParams('target=nginx&useProxyProtocol=maybe&cookie=x'));
    expect(state.target).toBe('envoy-gateway');
    expect(state.useProxyProtocol).toBe(false);
    expect(notices).toHaveLength(3);
  });
  it('off/on are read as false/true', () => {
    expect(migrationStateFromQuery(new URLSearchParams('useForwardedHeaders=off')).state.useForwardedHeaders).toBe(false);
  });
});

describe('migrationFieldText', () => {
  it('names the load balancer by its label, not its id, and shows a dash for an empty field', () => {
    expect(migrationFieldText('loadBalancer', 'http-appending')).toBe('HTTP load balancer appending X-Forwarded-For');
    expect(migrationFieldText('afterXRealIp', '')).toBe('—');
    expect(migrationFieldText('afterClientIp', '203.0.113.7')).toBe('203.0.113.7');
  });
});
