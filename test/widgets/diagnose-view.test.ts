/** The diagnose page's link: every field, empty ones too, then v=1; and reading it back. */
import { describe, expect, it } from 'vitest';
import { defaultDiagnoseState, diagnoseFields, diagnoseStateFromQuery, diagnoseStateToQuery } from '../../src/widgets/diagnose-view.ts';

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
