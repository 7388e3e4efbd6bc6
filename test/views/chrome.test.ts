/** The widgets' shared limits and link notices: one wording and one limit per kind of input, for every widget. */
import { describe, expect, it } from 'vitest';
import { cutLinkValue, MAX_LIST_CHARS, noticesText, unknownParameterNotice, versionNotice, withQuery } from '../../src/views/chrome.ts';
import { diagnoseStateFromQuery, diagnoseStateToQuery, defaultDiagnoseState } from '../../src/views/diagnose-view.ts';
import { stateFromQuery } from '../../src/views/resolver-state.ts';

describe('cutLinkValue', () => {
  it('keeps a value at the limit as it is, with no notice', () => {
    const notices: string[] = [];
    expect(cutLinkValue('trusted', 'x'.repeat(10), 10, notices)).toBe('x'.repeat(10));
    expect(notices).toEqual([]);
  });
  it('cuts a longer value to the limit and names the parameter', () => {
    const notices: string[] = [];
    expect(cutLinkValue('trusted', 'x'.repeat(11), 10, notices)).toBe('x'.repeat(10));
    expect(notices).toEqual(["The link's trusted is longer than 10 characters and was cut."]);
  });
});

describe('the link notices', () => {
  it('no notice for the current state format version, one for any other', () => {
    expect(versionNotice('1')).toBeNull();
    expect(versionNotice('2')).toBe('State format v=“2” is unknown; the link is read as version 1.');
  });
  it('an unknown parameter is named, its control characters shown, not written', () => {
    expect(unknownParameterNotice('utm_source')).toBe('Unknown parameter “utm_source” is ignored.');
    expect(unknownParameterNotice('a\nb')).toBe('Unknown parameter “a\\x0ab” is ignored.');
  });
  it('the notice box: nothing without notices, else the lead and every notice', () => {
    expect(noticesText([], 'Lead: ')).toBe('');
    expect(noticesText(['One.', 'Two.'])).toBe('One. Two.');
    expect(noticesText(['One.'], 'Lead: ')).toBe('Lead: One.');
  });
  it('the resolver and the diagnose page word the same notices the same way', () => {
    const query = new URLSearchParams('v=7&utm_source=x');
    expect(stateFromQuery(query).notices).toEqual([versionNotice('7'), unknownParameterNotice('utm_source')]);
    expect(diagnoseStateFromQuery(query).notices).toEqual([versionNotice('7'), unknownParameterNotice('utm_source')]);
  });
});

describe('the diagnose fields’ limit', () => {
  it('a link’s field is cut to the list limit, with a notice', () => {
    const { state, notices } = diagnoseStateFromQuery(new URLSearchParams({ podCidr: 'x'.repeat(MAX_LIST_CHARS + 5) }));
    expect(state.podCidr).toHaveLength(MAX_LIST_CHARS);
    expect(notices).toEqual([`The link's podCidr is longer than ${MAX_LIST_CHARS} characters and was cut.`]);
  });
  it('a written link never carries more than the limit', () => {
    const query = diagnoseStateToQuery({ ...defaultDiagnoseState, loadBalancers: 'x'.repeat(MAX_LIST_CHARS * 2) });
    expect(query.get('loadBalancers')).toHaveLength(MAX_LIST_CHARS);
  });
});

describe('withQuery', () => {
  it('replaces only the query, keeping the path and the heading anchor', () => {
    expect(withQuery('https://example.org/x/?old=1#answer', new URLSearchParams('a=1&v=1'))).toBe('https://example.org/x/?a=1&v=1#answer');
  });
  it('an empty query leaves no question mark', () => {
    expect(withQuery('https://example.org/x/?old=1', new URLSearchParams())).toBe('https://example.org/x/');
  });
});
