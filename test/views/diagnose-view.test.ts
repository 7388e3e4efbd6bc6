/** The diagnose page's link: every field, empty ones too, then v=1; and reading it back. */
import { describe, expect, it } from 'vitest';
import {
  defaultDiagnoseState,
  diagnoseFields,
  diagnoseStateFromQuery,
  diagnoseStateToQuery,
  diagnoseView,
} from '../../src/views/diagnose-view.ts';

describe('diagnose links', () => {
  it('carry every field in form order, empty ones included, then v=1', () => {
    const query = diagnoseStateToQuery({ ...defaultDiagnoseState, xForwardedFor: '', remoteAddr: '10.244.1.1' });
    expect([...query.keys()]).toEqual([...diagnoseFields, 'v']);
    expect(query.get('xForwardedFor')).toBe('');
    expect(query.get('v')).toBe('1');
  });
  it('read back to the same state without notices', () => {
    const state = { ...defaultDiagnoseState, xForwardedFor: '203.0.113.7, 10.244.1.1', loadBalancers: '' };
    expect(diagnoseStateFromQuery(diagnoseStateToQuery(state))).toEqual({ state, notices: [] });
  });
  it('name an unknown state format version', () => {
    const { notices } = diagnoseStateFromQuery(new URLSearchParams('v=2&remoteAddr=10.0.0.1'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('v=');
  });
});

describe('diagnose view: entries that are not addresses', () => {
  it('marks the field and lists no setups', () => {
    const view = diagnoseView({ ...defaultDiagnoseState, remoteAddr: '999.1.1.1', xForwardedFor: '203.0.113.7, nonsense' });
    expect(view.messages.remoteAddr).toEqual(['“999.1.1.1” is not an IP address.']);
    expect(view.messages.xForwardedFor).toEqual(['“nonsense” is not an IP address.']);
    expect(view.groups).toEqual([]);
  });

  it('does not mark an address it cannot place', () => {
    const view = diagnoseView({ ...defaultDiagnoseState, remoteAddr: '172.20.0.9', xForwardedFor: '' });
    expect(view.messages.remoteAddr).toBeUndefined();
    expect(view.groups.length).toBeGreaterThan(0);
  });
});
