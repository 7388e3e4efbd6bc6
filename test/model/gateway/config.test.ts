/** src/model/gateway/config.ts: the strict configuration reader. Expectations written by hand from the reader's contract. */
import { describe, expect, it } from 'vitest';
import {
  exclusive,
  isCidrText,
  readBoolean,
  readChoice,
  readCidrList,
  readInteger,
  readObject,
} from '../../../src/model/gateway/config.ts';
import { GatewayConfigError } from '../../../src/model/gateway/types.ts';

/** The problem and path a reader call throws, or undefined when it does not throw. */
const problemOf = (read: () => unknown): string | undefined => {
  try {
    read();
    return undefined;
  } catch (error) {
    return error instanceof GatewayConfigError ? `${error.problem} ${error.path}` : 'not a GatewayConfigError';
  }
};

describe('readObject', () => {
  const fields = { a: 'read', b: 'not-modelled' } as const;
  it('reads undefined as an empty object and keeps known fields', () => {
    expect(readObject(undefined, 'x', fields)).toEqual({});
    expect(readObject({ a: 1 }, 'x', fields)).toEqual({ a: 1 });
  });
  it('skips fields whose value is undefined', () => {
    expect(problemOf(() => readObject({ a: 1, c: undefined }, 'x', fields))).toBeUndefined();
  });
  it('refuses non-objects, unknown fields and not-modelled fields by path', () => {
    expect(problemOf(() => readObject(null, 'x', fields))).toBe('invalid-value x');
    expect(problemOf(() => readObject([], 'x', fields))).toBe('invalid-value x');
    expect(problemOf(() => readObject('a', '', fields))).toBe('invalid-value ');
    expect(problemOf(() => readObject({ c: 1 }, 'x', fields))).toBe('unknown-field x.c');
    expect(problemOf(() => readObject({ c: 1 }, '', fields))).toBe('unknown-field c');
    expect(problemOf(() => readObject({ b: 1 }, 'x', fields))).toBe('not-modelled x.b');
  });
  it('names the known fields in the unknown-field message', () => {
    expect(() => readObject({ c: 1 }, 'x', fields)).toThrow(/known fields here: a, b/);
  });
});

describe('readBoolean, readInteger, readChoice', () => {
  it('returns the fallback when absent and the value when valid', () => {
    expect(readBoolean({}, '', 'f', true)).toBe(true);
    expect(readBoolean({ f: false }, '', 'f', true)).toBe(false);
    expect(readInteger({}, '', 'n', 7, 0, 10)).toBe(7);
    expect(readInteger({ n: 10 }, '', 'n', 7, 0, 10)).toBe(10);
    expect(readChoice({}, '', 'm', ['a', 'b'] as const, 'a')).toBe('a');
    expect(readChoice({ m: 'b' }, '', 'm', ['a', 'b'] as const, 'a')).toBe('b');
  });
  it('refuses wrong types and out-of-range values', () => {
    expect(problemOf(() => readBoolean({ f: 'true' }, 'p', 'f', false))).toBe('invalid-value p.f');
    expect(problemOf(() => readInteger({ n: 1.5 }, 'p', 'n', 0, 0, 10))).toBe('invalid-value p.n');
    expect(problemOf(() => readInteger({ n: 11 }, 'p', 'n', 0, 0, 10))).toBe('invalid-value p.n');
    expect(problemOf(() => readInteger({ n: '1' }, 'p', 'n', 0, 0, 10))).toBe('invalid-value p.n');
    expect(problemOf(() => readChoice({ m: 'c' }, 'p', 'm', ['a', 'b'] as const, 'a'))).toBe('invalid-value p.m');
  });
});

describe('readCidrList and isCidrText', () => {
  it('accepts CIDRs and single addresses of either family', () => {
    expect(readCidrList({ l: ['10.0.0.0/8', '2001:db8::/32', '192.0.2.7'] }, 'p', 'l')).toEqual([
      '10.0.0.0/8',
      '2001:db8::/32',
      '192.0.2.7',
    ]);
    expect(readCidrList({}, 'p', 'l')).toBeUndefined();
  });
  it('refuses a prefix longer than the family, a bad address, and a non-list, naming the entry', () => {
    expect(problemOf(() => readCidrList({ l: ['10.0.0.0/8', '10.0.0.0/33'] }, 'p', 'l'))).toBe('invalid-value p.l[1]');
    expect(problemOf(() => readCidrList({ l: ['10.0.0/8'] }, 'p', 'l'))).toBe('invalid-value p.l[0]');
    expect(problemOf(() => readCidrList({ l: '10.0.0.0/8' }, 'p', 'l'))).toBe('invalid-value p.l');
    expect(isCidrText('2001:db8::/129')).toBe(false);
    expect(isCidrText('10.0.0.0/8/8')).toBe(false);
    expect(isCidrText('10.0.0.0/x')).toBe(false);
  });
});

describe('exclusive', () => {
  it('allows one of the fields and refuses two, naming the second', () => {
    expect(problemOf(() => exclusive({ a: 1 }, 'p', ['a', 'b']))).toBeUndefined();
    expect(problemOf(() => exclusive({ a: 1, b: 2 }, 'p', ['a', 'b']))).toBe('exclusive-fields p.b');
    expect(problemOf(() => exclusive({ a: 1, b: 2 }, '', ['a', 'b']))).toBe('exclusive-fields b');
  });
});
