/**
 * resolveClientIp (src/model/resolve.ts): the strategies other than nginx-realip (test/model/resolve-nginx-realip.test.ts)
 * and express (test/model/express.test.ts), by hand. What each strategy stands for:
 * - leftmost and rightmost: the two naive readings MDN describes under "Selecting an IP address"
 *   (https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Forwarded-For): the leftmost entry is
 *   whatever the client wrote.
 * - trusted-hops: Express `trust proxy = n` (expressjs/express lib/utils.js compileTrust, v5.2.1 line 194: position i
 *   is trusted when i < n) over proxy-addr 2.0.8's walk from the peer leftwards; Envoy's xff_num_trusted_hops with
 *   use_remote_address false (envoyproxy/envoy v1.39.0 docs/root/configuration/http/http_conn_man/headers.rst).
 * - trusted-cidrs: proxy-addr with a list (the names and notations of jshttp/proxy-addr test/test.js v2.0.7, transcribed
 *   in test/upstream/jshttp/proxy-addr), which is also nginx's real_ip_recursive walk.
 * Where the strategies meet malformed input, the answer is the guide's own rule (implementations disagree: nginx keeps
 * the last good candidate, proxy-addr returns the bad token), stated on the resolver page.
 */
import { describe, expect, it } from 'vitest';
import { resolveClientIp } from '../../src/model/index.ts';
import type { Strategy } from '../../src/model/index.ts';

const chain = '198.51.100.66, 203.0.113.7, 192.0.2.3';
const resolve = (strategy: Strategy, headers: Record<string, string | string[]> = { 'X-Forwarded-For': chain }, remoteAddr = '192.0.2.2') =>
  resolveClientIp({ remoteAddr, headers, strategy });

describe('leftmost and rightmost', () => {
  it('leftmost takes the first entry and warns that it can be forged', () => {
    const r = resolve({ kind: 'leftmost' });
    expect(r.clientIp).toBe('198.51.100.66');
    expect(r.warnings.join(' ')).toMatch(/forge/);
  });
  it('rightmost takes the last entry', () => {
    expect(resolve({ kind: 'rightmost' }).clientIp).toBe('192.0.2.3');
  });
  it('both fall back to remoteAddr without a header', () => {
    expect(resolve({ kind: 'leftmost' }, {}).clientIp).toBe('192.0.2.2');
    expect(resolve({ kind: 'rightmost' }, {}).clientIp).toBe('192.0.2.2');
  });
  it('answer null with a warning when the chosen entry is not an address', () => {
    const r = resolve({ kind: 'leftmost' }, { 'X-Forwarded-For': 'unknown, 203.0.113.7' });
    expect(r.clientIp).toBeNull();
    expect(r.warnings.join(' ')).toContain('not an address');
  });
});

describe('trusted-hops (Express trust proxy = n)', () => {
  it('n = 0 gives remoteAddr', () => {
    expect(resolve({ kind: 'trusted-hops', hops: 0 }).clientIp).toBe('192.0.2.2');
  });
  it('n = 1 gives the rightmost entry', () => {
    expect(resolve({ kind: 'trusted-hops', hops: 1 }).clientIp).toBe('192.0.2.3');
  });
  it('n = 2 gives the entry two places left of remoteAddr', () => {
    expect(resolve({ kind: 'trusted-hops', hops: 2 }).clientIp).toBe('203.0.113.7');
  });
  it('past the left end, the leftmost', () => {
    expect(resolve({ kind: 'trusted-hops', hops: 9 }).clientIp).toBe('198.51.100.66');
  });
  it('Envoy xff_num_trusted_hops = 1 (use_remote_address false) answers as n = 2', () => {
    expect(resolve({ kind: 'trusted-hops', hops: 1 + 1 }).clientIp).toBe('203.0.113.7');
  });
  it('negative hops: a warning, and 0 is used', () => {
    const r = resolve({ kind: 'trusted-hops', hops: -3 });
    expect(r.clientIp).toBe('192.0.2.2');
    expect(r.warnings.join(' ')).toContain('negative');
  });
});

describe('trusted-cidrs (proxy-addr with a list, = nginx recursive)', () => {
  it('walks from remoteAddr leftwards to the first untrusted address', () => {
    expect(resolve({ kind: 'trusted-cidrs', trusted: ['192.0.2.0/24'] }).clientIp).toBe('203.0.113.7');
  });
  it('gives the leftmost when all are trusted', () => {
    expect(resolve({ kind: 'trusted-cidrs', trusted: ['0.0.0.0/0'] }).clientIp).toBe('198.51.100.66');
  });
  it('gives remoteAddr when it is not trusted', () => {
    expect(resolve({ kind: 'trusted-cidrs', trusted: ['10.0.0.0/8'] }).clientIp).toBe('192.0.2.2');
  });
  it('accepts single addresses, netmasks and proxy-addr’s names', () => {
    expect(resolve({ kind: 'trusted-cidrs', trusted: ['192.0.2.2', '192.0.2.3'] }).clientIp).toBe('203.0.113.7');
    expect(resolve({ kind: 'trusted-cidrs', trusted: ['192.0.2.0/255.255.255.0'] }).clientIp).toBe('203.0.113.7');
    expect(resolve({ kind: 'trusted-cidrs', trusted: ['loopback'] }, { 'X-Forwarded-For': '203.0.113.7' }, '127.0.0.1').clientIp).toBe(
      '203.0.113.7',
    );
  });
});

describe('IPv6, IPv4-mapped peers, header names, ports', () => {
  it('IPv6 addresses and ranges', () => {
    const r = resolve(
      { kind: 'trusted-cidrs', trusted: ['2001:db8:1::/48'] },
      { 'X-Forwarded-For': '2001:db8:9::7, 2001:db8:1::5' },
      '2001:db8:1::1',
    );
    expect(r.clientIp).toBe('2001:db8:9::7');
  });
  it('an IPv4-mapped peer (::ffff:192.0.2.2) matches an IPv4 range', () => {
    expect(resolve({ kind: 'trusted-cidrs', trusted: ['192.0.2.0/24'] }, undefined, '::ffff:192.0.2.2').clientIp).toBe('203.0.113.7');
  });
  it('header names are case-insensitive', () => {
    expect(resolve({ kind: 'rightmost' }, { 'x-forwarded-for': '203.0.113.7' }).clientIp).toBe('203.0.113.7');
    expect(resolve({ kind: 'rightmost' }, { 'X-FORWARDED-FOR': '203.0.113.7' }).clientIp).toBe('203.0.113.7');
  });
  it('entries with a port are read as their address', () => {
    expect(resolve({ kind: 'rightmost' }, { 'X-Forwarded-For': '203.0.113.7:4711' }).clientIp).toBe('203.0.113.7');
    expect(resolve({ kind: 'rightmost' }, { 'X-Forwarded-For': '[2001:db8::7]:443' }).clientIp).toBe('2001:db8::7');
  });
});

describe('malformed input', () => {
  it('the trust walks stop at the first malformed entry and answer the last valid address examined, with a warning', () => {
    const headers = { 'X-Forwarded-For': '203.0.113.7, not-an-ip, 192.0.2.3' };
    for (const strategy of [
      { kind: 'trusted-cidrs', trusted: ['192.0.2.0/24'] },
      { kind: 'nginx-realip', trusted: ['192.0.2.0/24'], recursive: true },
      { kind: 'trusted-hops', hops: 5 },
    ] as Strategy[]) {
      const r = resolve(strategy, headers);
      expect(r.clientIp, strategy.kind).toBe('192.0.2.3');
      expect(r.warnings.join(' '), strategy.kind).toContain('not an address');
    }
  });
  it('an invalid remoteAddr gives null with a warning', () => {
    const r = resolve({ kind: 'rightmost' }, {}, '999.1.1.1');
    expect(r.clientIp).toBeNull();
    expect(r.warnings).toHaveLength(1);
  });
  it('a bad trusted range is ignored with a warning', () => {
    const r = resolve({ kind: 'trusted-cidrs', trusted: ['192.0.2.0/33', '192.0.2.0/24'] });
    expect(r.clientIp).toBe('203.0.113.7');
    expect(r.warnings.join(' ')).toContain('192.0.2.0/33');
  });
  it('markup and control characters come back escaped and cut short in warnings', () => {
    const r = resolve({ kind: 'leftmost' }, { 'X-Forwarded-For': '<script>alert(1)</script>\u0007' + 'x'.repeat(100) });
    expect(r.clientIp).toBeNull();
    const text = r.warnings.join(' ');
    expect(text).not.toContain('\u0007');
    expect(text).not.toContain('x'.repeat(60));
  });
  it('a 1 MB paste answers, with a warning, and does not throw', () => {
    const r = resolve({ kind: 'trusted-cidrs', trusted: ['192.0.2.0/24'] }, { 'X-Forwarded-For': 'a'.repeat(1_000_000) });
    expect(r.clientIp).toBe('192.0.2.2');
    expect(r.warnings.length).toBeGreaterThan(0);
  });
  it('an unknown strategy answers null with a warning', () => {
    const r = resolveClientIp({ remoteAddr: '192.0.2.2', strategy: { kind: 'newest' } as unknown as Strategy });
    expect(r.clientIp).toBeNull();
    expect(r.warnings.join(' ')).toContain('Unknown strategy');
  });
});

describe('a load balancer that appends its own address after the client', () => {
  // Google Cloud's external Application Load Balancer sends "X-Forwarded-For: <unverified IP(s)>, <immediate client IP>,
  // <global forwarding rule external IP>" (https://cloud.google.com/load-balancing/docs/https#x-forwarded-for_header),
  // so the client is second from the right.
  // The model has no such load balancer kind yet: this checks the resolver on a header of that form.
  it('trusted-hops 2 answers the client, rightmost the load balancer’s address, leftmost the forgery', () => {
    const headers = { 'X-Forwarded-For': '203.0.113.66, 203.0.113.7, 198.51.100.10' };
    expect(resolve({ kind: 'trusted-hops', hops: 2 }, headers).clientIp).toBe('203.0.113.7');
    expect(resolve({ kind: 'rightmost' }, headers).clientIp).toBe('198.51.100.10');
    expect(resolve({ kind: 'leftmost' }, headers).clientIp).toBe('203.0.113.66');
  });
});
