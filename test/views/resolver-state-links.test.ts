/** The resolver's links: every input, then v=1; forwarding headers only, never a cookie or a token; aliases read. */
import { describe, expect, it } from 'vitest';
import { defaultResolverState, stateFromQuery, stateToQuery } from '../../src/views/resolver-state.ts';

describe('resolver links', () => {
  it('carry every input in a stable order, then v=1, and read back to the same state', () => {
    const { query, notices } = stateToQuery(defaultResolverState);
    expect(notices).toEqual([]);
    expect([...query.keys()]).toEqual([...Object.keys(defaultResolverState), 'v']);
    expect(query.get('v')).toBe('1');
    expect(stateFromQuery(query)).toEqual({ state: defaultResolverState, notices: [] });
  });
  it('never carry a Cookie, an Authorization header or any other pasted header, and say so', () => {
    const state = {
      ...defaultResolverState,
      headers:
        'Cookie: session=s3cret\nX-Forwarded-For: 203.0.113.7\nAuthorization: Bearer t0ken\nX-Real-IP: 203.0.113.7\nForwarded: for=203.0.113.7',
    };
    const { query, notices } = stateToQuery(state);
    expect(query.toString()).not.toMatch(/s3cret|t0ken|Cookie|Authorization/i);
    expect(query.get('headers')).toBe('X-Forwarded-For: 203.0.113.7\nX-Real-IP: 203.0.113.7\nForwarded: for=203.0.113.7');
    expect(notices).toHaveLength(1);
  });
  it('read on/off as true/false without a notice', () => {
    const { state, notices } = stateFromQuery(new URLSearchParams('strategy=nginx-realip&recursive=on&useRemoteAddress=off'));
    expect(notices).toEqual([]);
    expect(state.recursive).toBe(true);
    expect(state.useRemoteAddress).toBe(false);
  });
  it('name an unknown state format version and an unreadable box', () => {
    const { notices } = stateFromQuery(new URLSearchParams('v=9&recursive=yes'));
    expect(notices).toHaveLength(2);
    expect(notices.join(' ')).toContain('v=');
    expect(notices.join(' ')).toContain('recursive=');
  });
});
