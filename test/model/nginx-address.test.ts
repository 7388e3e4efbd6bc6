/**
 * nginx's reading of forwarding-header entries (src/model/nginx-address.ts) through the resolver's nginx-realip
 * strategy, against what Debian's nginx 1.22.1 (package nginx-light 1.22.1-9+deb12u11, this machine) answered on 2026-11-27.
 *
 * Setup, in a network namespace of its own with 198.18.0.1 on lo: two servers, one with `real_ip_recursive on`, one
 * with `off`, both with `set_real_ip_from 198.18.0.0/15; set_real_ip_from 203.0.113.0/24; set_real_ip_from
 * ::ffff:192.0.2.0/120; set_real_ip_from 2001:db8::/32; real_ip_header X-Forwarded-For;` and `return 200
 * "$remote_addr"`; curl from 198.18.0.1 sent each X-Forwarded-For below. (The directives are in server{}, not in a
 * location: realip runs in the post-read phase, before a location is chosen, so a location's real_ip_recursive is
 * not what that first pass reads.) Each answer is what nginx returned; the reason is in nginx 1.22.1's
 * src/core/ngx_inet.c (ngx_parse_addr_port, ngx_inet_addr, ngx_inet6_addr, ngx_cidr_match, ngx_inet6_ntop) and
 * ngx_http_get_forwarded_addr_internal in src/http/ngx_http_core_module.c, as the comments say.
 */
import { describe, expect, it } from 'vitest';
import { resolveClientIp } from '../../src/model/index.ts';
import { parseNginxEntry, parseNginxRange } from '../../src/model/nginx-address.ts';

const peer = '198.18.0.1';
const trusted = ['198.18.0.0/15', '203.0.113.0/24', '::ffff:192.0.2.0/120', '2001:db8::/32'];

/** [X-Forwarded-For, real_ip_recursive, $remote_addr nginx answered, why]. */
const observed: [string, boolean, string, string][] = [
  ['198.51.100.1, 203.0.113.7:51234', false, '203.0.113.7', 'address:port, split at the first colon'],
  ['198.51.100.1, [2001:db8::7]:51234', false, '2001:db8::7', '[IPv6]:port'],
  ['198.51.100.1, [2001:db8::7]', false, peer, 'brackets without a port: ngx_parse_addr_port declines (p == last - 1)'],
  ['198.51.100.1, 2001:db8::7', false, '2001:db8::7', 'a bare IPv6 address'],
  ['198.51.100.1, ::ffff:203.0.113.7', false, '::ffff:203.0.113.7', 'IPv4-mapped, printed as nginx prints it'],
  ['198.51.100.1, [::ffff:203.0.113.7]:80', false, '::ffff:203.0.113.7', 'IPv4-mapped in brackets with a port'],
  ['198.51.100.1, 203.0.113.7:0', false, peer, 'port 0 is declined (port < 1)'],
  ['198.51.100.1, 203.0.113.7:65535', false, '203.0.113.7', 'the largest port'],
  ['198.51.100.1, 203.0.113.7:65536', false, peer, 'port > 65535 is declined'],
  ['198.51.100.1, 203.0.113.7:000080', false, '203.0.113.7', 'ngx_atoi reads leading zeros'],
  ['198.51.100.1, 203.0.113.7:', false, peer, 'an empty port is not a number'],
  ['198.51.100.1, [2001:db8::7]:', false, peer, 'an empty port after brackets'],
  ['198.51.100.1, 203.0.113.7:80:90', false, peer, 'the port after the first colon is "80:90"'],
  ['198.51.100.1, 010.000.113.007', false, '10.0.113.7', 'ngx_inet_addr reads parts as decimal, leading zeros included'],
  ['198.51.100.1, 1.2.3.', false, '1.2.3.0', 'ngx_inet_addr counts three dots; the empty last part is 0'],
  ['198.51.100.1, 0:0:0:0:0:0:0::', false, peer, 'ngx_inet6_addr refuses :: after seven groups'],
  ['198.51.100.1, 1:2:3:4:5:6:7:8', false, '1:2:3:4:5:6:7:8', 'eight groups'],
  ['198.51.100.1, :1::', false, '1::', 'ngx_inet6_addr skips one leading colon'],
  ['198.51.100.1, 2001:DB8:0:0::7', false, '2001:db8::7', 'printed by ngx_inet6_ntop'],
  ['198.51.100.1, ::ffff:203.0.113.7:80', false, peer, 'an unbracketed IPv6 address with a port is not read'],
  ['198.51.100.1, ::7.8.9.10', false, '::7.8.9.10', 'IPv4-compatible form printed with a dotted tail'],
  ['198.51.100.1, ::1', false, '::1', 'loopback'],
  ['198.51.100.1, 203.0.113.7:51234', true, '198.51.100.1', 'a trusted address with a port is walked past'],
  ['198.51.100.1, [2001:db8::7]:51234', true, '198.51.100.1', 'so is a trusted [IPv6]:port'],
  ['198.51.100.1, [2001:db8::7]', true, peer, 'brackets without a port end the walk at the peer'],
  ['198.51.100.1, ::ffff:203.0.113.9', true, '198.51.100.1', 'ngx_cidr_match reads IPv4-mapped as IPv4: 203.0.113.0/24 trusts it'],
  ['198.51.100.1, ::ffff:192.0.2.9', true, '::ffff:192.0.2.9', 'and so a range written ::ffff:192.0.2.0/120 never matches it'],
  ['198.51.100.1 203.0.113.7', true, '198.51.100.1', 'a space separates entries, as a comma does'],
  ['198.51.100.1, 203.0.113.7:0', true, peer, 'port 0 ends the walk'],
  ['198.51.100.1, 0:0:0:0:0:0:0::', true, peer, 'an entry nginx cannot read ends the walk'],
  ['198.51.100.1, 2001:db8::9', true, '198.51.100.1', 'an IPv6 entry in 2001:db8::/32 is trusted'],
];

describe('nginx-realip reads entries as Debian nginx 1.22.1 did', () => {
  for (const [xff, recursive, answer, why] of observed) {
    it(`real_ip_recursive ${recursive ? 'on' : 'off'}, X-Forwarded-For: ${xff} -> ${answer} (${why})`, () => {
      const r = resolveClientIp({
        remoteAddr: peer,
        headers: { 'X-Forwarded-For': xff },
        strategy: { kind: 'nginx-realip', trusted, recursive, header: 'X-Forwarded-For' },
      });
      expect(r.clientIp).toBe(answer);
    });
  }
});

describe('nginx reads every X-Forwarded-For line, and only the first line of any other header', () => {
  // Debian nginx 1.22.1, same namespace, real_ip_recursive on, 203.0.113.0/24 trusted: two lines "203.0.113.7" then
  // "198.51.100.1" answered 203.0.113.7 for real_ip_header X-Real-IP and for a custom header X-Client, and
  // 198.51.100.1 for X-Forwarded-For (ngx_http_process_header_line keeps the first X-Real-IP; ngx_http_realip_handler
  // stops at the first matching custom header; X-Forwarded-For lines are kept as an array).
  const lines = ['203.0.113.7', '198.51.100.1'];
  for (const [header, answer] of [
    ['X-Real-IP', '203.0.113.7'],
    ['X-Client', '203.0.113.7'],
    ['X-Forwarded-For', '198.51.100.1'],
  ] as const) {
    it(`real_ip_header ${header}: two lines answer ${answer}`, () => {
      const r = resolveClientIp({
        remoteAddr: peer,
        headers: { [header]: lines },
        strategy: { kind: 'nginx-realip', trusted, recursive: true, header },
      });
      expect(r.clientIp).toBe(answer);
    });
  }
});

describe('parseNginxEntry and parseNginxRange', () => {
  it('counts an IPv4-mapped entry as IPv4 and keeps nginx’s text', () => {
    const parsed = parseNginxEntry('[::FFFF:203.0.113.7]:80');
    expect(parsed.ok && parsed.value).toMatchObject({ family: 'ipv4', text: '::ffff:203.0.113.7' });
  });
  it('gives a range written in IPv6 notation the IPv6 family, even inside ::ffff:0:0/96 (ngx_ptocidr)', () => {
    const parsed = parseNginxRange('::ffff:192.0.2.0/120');
    expect(parsed.ok && parsed.value.family).toBe('ipv6');
  });
  it('refuses a netmask and a prefix longer than the family (ngx_ptocidr reads a number, at most 32 or 128)', () => {
    expect(parseNginxRange('192.0.2.0/255.255.255.0').ok).toBe(false);
    expect(parseNginxRange('192.0.2.0/33').ok).toBe(false);
    expect(parseNginxRange('2001:db8::/129').ok).toBe(false);
  });
});
