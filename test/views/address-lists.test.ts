/** Typed lists of addresses and ranges: split at commas, spaces and new lines; kept apart when they do not parse. */
import { describe, expect, it } from 'vitest';
import { splitTrusted, splitTrustedList } from '../../src/views/address-lists.ts';

describe('splitTrusted', () => {
  it('splits at commas, spaces and new lines, and drops empty parts', () => {
    expect(splitTrusted(' 10.0.0.0/8,192.0.2.1 \n\n2001:db8::/32 ,, ')).toEqual(['10.0.0.0/8', '192.0.2.1', '2001:db8::/32']);
  });
  it('an empty box is an empty list', () => {
    expect(splitTrusted('  \n ')).toEqual([]);
  });
});

describe('splitTrustedList', () => {
  it('keeps the addresses and ranges that parse apart from those that do not, in order', () => {
    expect(splitTrustedList('10.0.0.0/8, nonsense, 192.0.2.1, 10.0.0.0/33')).toEqual({
      valid: ['10.0.0.0/8', '192.0.2.1'],
      invalid: ['nonsense', '10.0.0.0/33'],
    });
  });
});
