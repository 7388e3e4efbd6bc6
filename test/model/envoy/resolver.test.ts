/** src/model/envoy/resolver.ts through resolveClientIp: the `envoy` and `envoy-xff-cidrs` strategies. Expectations written by hand. */
import { describe, expect, it } from 'vitest';
import { resolveClientIp, type Strategy } from '../../../src/model/index.ts';

const resolve = (strategy: Strategy, xff: string | null, remoteAddr = '192.0.2.2') =>
  resolveClientIp({ remoteAddr, headers: xff === null ? {} : { 'X-Forwarded-For': xff }, strategy });
const envoy = (useRemoteAddress: boolean, xffNumTrustedHops: number): Strategy => ({ kind: 'envoy', useRemoteAddress, xffNumTrustedHops });

describe('envoy: use_remote_address false, xff_num_trusted_hops N', () => {
  it('N = 0: the rightmost entry, with a warning that anyone can write it', () => {
    const r = resolve(envoy(false, 0), '203.0.113.66, 203.0.113.7');
    expect(r.clientIp).toBe('203.0.113.7');
    expect(r.warnings.join(' ')).toMatch(/use_remote_address is false/);
  });
  it('N = 1 with two entries: the same as trusted-hops 2, the leftmost, flagged as forgeable', () => {
    const r = resolve(envoy(false, 1), '203.0.113.66, 203.0.113.7');
    expect(r.clientIp).toBe('203.0.113.66');
    expect(resolve({ kind: 'trusted-hops', hops: 2 }, '203.0.113.66, 203.0.113.7').clientIp).toBe('203.0.113.66');
    expect(r.warnings.join(' ')).toMatch(/leftmost/);
  });
  it('N = 1 with one entry: Envoy answers the peer, trusted-hops 2 the leftmost entry', () => {
    expect(resolve(envoy(false, 1), '203.0.113.7').clientIp).toBe('192.0.2.2');
    expect(resolve({ kind: 'trusted-hops', hops: 2 }, '203.0.113.7').clientIp).toBe('203.0.113.7');
  });
  it('an entry with a port is not an address for Envoy: the peer, with a warning', () => {
    const r = resolve(envoy(false, 0), '203.0.113.7:4711');
    expect(r.clientIp).toBe('192.0.2.2');
    expect(r.issues.some((i) => i.input === 'headers')).toBe(true);
  });
});

describe('envoy: use_remote_address true', () => {
  it('N = 0: the peer, whatever the header says', () => {
    expect(resolve(envoy(true, 0), '203.0.113.66').clientIp).toBe('192.0.2.2');
  });
  it('N = 1: the rightmost entry; without a header, the peer', () => {
    expect(resolve(envoy(true, 1), '203.0.113.66, 203.0.113.7').clientIp).toBe('203.0.113.7');
    expect(resolve(envoy(true, 1), null).clientIp).toBe('192.0.2.2');
  });
  it('tells what Envoy sends upstream', () => {
    expect(resolve(envoy(true, 0), '203.0.113.66').steps).toContain('Envoy sends X-Forwarded-For: 203.0.113.66,192.0.2.2');
  });
});

describe('envoy: bad input', () => {
  it('a hop count Envoy cannot take: no answer, a message on hops', () => {
    for (const hops of [-1, 1.5, NaN]) {
      const r = resolve(envoy(false, hops), '203.0.113.7');
      expect(r.clientIp).toBeNull();
      expect(r.issues.some((i) => i.input === 'hops')).toBe(true);
    }
  });
  it('a bad peer: no answer, a message on remoteAddr', () => {
    const r = resolve(envoy(false, 0), '203.0.113.7', 'proxy');
    expect(r.clientIp).toBeNull();
    expect(r.issues.map((i) => i.input)).toContain('remoteAddr');
  });
});

describe('envoy-xff-cidrs', () => {
  const cidrs = (trusted: string[], recurse?: boolean): Strategy => ({ kind: 'envoy-xff-cidrs', trusted, recurse });
  it('walks right to left past trusted entries (released Envoy)', () => {
    expect(resolve(cidrs(['192.0.2.0/24']), '203.0.113.66, 192.0.2.9').clientIp).toBe('203.0.113.66');
  });
  it('an untrusted peer is the client', () => {
    expect(resolve(cidrs(['192.0.2.0/24']), '203.0.113.66', '198.51.100.9').clientIp).toBe('198.51.100.9');
  });
  it('recurse false takes the rightmost entry and warns that no release does that', () => {
    const r = resolve(cidrs(['192.0.2.0/24'], false), '203.0.113.66, 192.0.2.9');
    expect(r.clientIp).toBe('192.0.2.9');
    expect(r.warnings.join(' ')).toMatch(/not in any Envoy release/);
  });
  it('every entry trusted: the leftmost, with a warning', () => {
    const r = resolve(cidrs(['0.0.0.0/0']), '203.0.113.66, 203.0.113.7');
    expect(r.clientIp).toBe('203.0.113.66');
    expect(r.warnings.join(' ')).toMatch(/forge/);
  });
  it('a range Envoy cannot read is skipped; with none left Envoy takes the rightmost entry', () => {
    const r = resolve(cidrs(['not-a-range']), '203.0.113.66, 203.0.113.7', '198.51.100.9');
    expect(r.clientIp).toBe('203.0.113.7');
    expect(r.issues.some((i) => i.input === 'trusted')).toBe(true);
  });
  it('a non-address entry before the answer: the peer', () => {
    expect(resolve(cidrs(['192.0.2.0/24']), '203.0.113.66, unknown, 192.0.2.9').clientIp).toBe('192.0.2.2');
  });
});
