/** src/model/envoy/address.ts: Envoy's address reading and printing. Expectations written by hand from inet_pton/inet_ntop rules. */
import { describe, expect, it } from 'vitest';
import { formatIpv6, isEnvoyBuiltinInternal, isEnvoyLoopback, parseEnvoyAddress } from '../../../src/model/envoy/address.ts';

const text = (t: string) => {
  const p = parseEnvoyAddress(t);
  return p.ok ? p.address.text : null;
};

describe('parseEnvoyAddress', () => {
  it('reads bare IPv4 and IPv6', () => {
    expect(text('203.0.113.7')).toBe('203.0.113.7');
    expect(text('2001:DB8::7')).toBe('2001:db8::7');
  });
  it('refuses a port, brackets, names, leading zeros and zones', () => {
    for (const t of [
      '203.0.113.7:80',
      '[2001:db8::7]',
      '[2001:db8::7]:443',
      'localhost',
      'unknown',
      '010.0.0.1',
      'fe80::1%eth0',
      '',
      ' 1.2.3.4',
    ]) {
      expect(text(t), t).toBeNull();
    }
  });
  it('keeps an IPv4-mapped address IPv6', () => {
    const p = parseEnvoyAddress('::ffff:192.0.2.1');
    expect(p.ok && p.address.family).toBe('v6');
    expect(text('::ffff:192.0.2.1')).toBe('::ffff:192.0.2.1');
  });
});

describe('formatIpv6 (glibc inet_ntop)', () => {
  it('compresses the first longest zero run of two or more groups', () => {
    expect(text('2001:0db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(text('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(text('0:0:0:0:0:0:0:0')).toBe('::');
    expect(text('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(text('1:0:0:0:0:0:0:0')).toBe('1::');
  });
  it('prints IPv4-compatible and IPv4-mapped forms with a dotted quad', () => {
    expect(formatIpv6(0xffffc0000201n)).toBe('::ffff:192.0.2.1');
    expect(formatIpv6(0xc0000201n)).toBe('::192.0.2.1');
  });
});

describe('loopback and built-in internal', () => {
  const addr = (t: string) => {
    const p = parseEnvoyAddress(t);
    if (!p.ok) throw new Error(t);
    return p.address;
  };
  it('loopback is 127.0.0.1 and ::1 only', () => {
    expect(isEnvoyLoopback(addr('127.0.0.1'))).toBe(true);
    expect(isEnvoyLoopback(addr('::1'))).toBe(true);
    expect(isEnvoyLoopback(addr('127.0.0.2'))).toBe(false);
  });
  it('built-in internal: RFC 1918, 127.0.0.1, fd00::/8 and ::1, but not fc00::/8 or 127.0.0.2', () => {
    for (const t of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '127.0.0.1', 'fd12::1', '::1'])
      expect(isEnvoyBuiltinInternal(addr(t)), t).toBe(true);
    for (const t of ['172.32.0.1', '11.0.0.1', '127.0.0.2', 'fc00::1', '203.0.113.7'])
      expect(isEnvoyBuiltinInternal(addr(t)), t).toBe(false);
  });
});
