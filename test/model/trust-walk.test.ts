import { describe, expect, it } from 'vitest';
import { walkForwarded, type WalkRules } from '../../src/model/trust-walk.ts';

/** Trusts the addresses in `trusted`; entries that start with a digit are addresses. */
function rules(trusted: string[], recursive = true): WalkRules<string> {
  return {
    trustedBecause: (item) => (trusted.includes(item) ? `${item} is listed` : null),
    recursive,
    isAddress: (item) => /^\d/.test(item),
  };
}

describe('walkForwarded', () => {
  it('keeps the peer when there are no entries', () => {
    expect(walkForwarded('10.0.0.1', [], rules(['10.0.0.1']))).toMatchObject({ client: '10.0.0.1', end: 'no-entries' });
  });

  it('stops at the first untrusted address, checking each address once', () => {
    const result = walkForwarded('10.0.0.1', ['1.1.1.1', '2.2.2.2', '10.0.0.2'], rules(['10.0.0.1', '10.0.0.2']));
    expect(result.client).toBe('2.2.2.2');
    expect(result.end).toBe('untrusted');
    expect(result.visits.map((v) => [v.item, v.position])).toEqual([
      ['10.0.0.1', 0],
      ['10.0.0.2', 1],
      ['2.2.2.2', 2],
    ]);
  });

  it('ends on the leftmost entry when every address is trusted, having checked it', () => {
    const result = walkForwarded('10.0.0.1', ['10.0.0.3', '10.0.0.2'], rules(['10.0.0.1', '10.0.0.2', '10.0.0.3']));
    expect(result).toMatchObject({ client: '10.0.0.3', end: 'exhausted' });
    expect(result.visits.map((v) => v.trustedBecause)).toEqual(['10.0.0.1 is listed', '10.0.0.2 is listed', '10.0.0.3 is listed']);
  });

  it('reports an untrusted leftmost entry as untrusted', () => {
    const result = walkForwarded('10.0.0.1', ['1.1.1.1'], rules(['10.0.0.1']));
    expect(result).toMatchObject({ client: '1.1.1.1', end: 'untrusted' });
    expect(result.visits).toHaveLength(2);
  });

  it('takes one step only when not recursive', () => {
    const result = walkForwarded('10.0.0.1', ['1.1.1.1', '10.0.0.2'], rules(['10.0.0.1', '10.0.0.2'], false));
    expect(result).toMatchObject({ client: '10.0.0.2', end: 'not-recursive' });
  });

  it('stops before a malformed entry, keeping the last address', () => {
    const result = walkForwarded('10.0.0.1', ['1.1.1.1', 'unknown'], rules(['10.0.0.1']));
    expect(result).toMatchObject({ client: '10.0.0.1', end: 'malformed', malformed: 'unknown' });
  });
});
