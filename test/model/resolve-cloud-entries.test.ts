/**
 * What each resolver strategy makes of the entries cloud load balancers write: `IP:port` (Azure Application Gateway
 * appends the client's address and port), `[IPv6]:port`, and IPv4-mapped IPv6 (`::ffff:203.0.113.7`). The peer is
 * a proxy in 192.0.2.0/24; the client forged 203.0.113.66 and the proxy appended the entry.
 *
 * Where the answers come from:
 * - nginx-realip and nginx-gateway-fabric (nginx 1.22.1's realip): ngx_parse_addr_port reads both port forms,
 *   ngx_cidr_match reads IPv4-mapped as IPv4; the same forms answered so on Debian's nginx 1.22.1
 *   (test/model/nginx-address.test.ts).
 * - express: the real proxy-addr 2.0.8 from node_modules, asked here with the same request.
 * - envoy, envoy-xff-cidrs, envoy-gateway (Envoy v1.39.0): parseInternetAddressNoThrow refuses `[::1]:1` and any text
 *   with a port, and reads `::ffff:127.0.0.1` as IPv6 (test/upstream/envoyproxy/envoy/test/common/network), which a
 *   CidrRange of the other version never holds (source/common/network/cidr_range.cc isInRange); getLastAddressFromXFF
 *   then finds no address and the peer stays the client.
 * - leftmost, rightmost, trusted-hops, trusted-cidrs are this guide's generic walks, not one program: they read a port
 *   form as its address and IPv4-mapped as IPv4, and say so on the page.
 */
import proxyaddr from 'proxy-addr';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { resolveClientIp, type Strategy } from '../../src/model/index.ts';

const peer = '192.0.2.2';
const lb = ['192.0.2.0/24'];
const lbAndClients = ['192.0.2.0/24', '203.0.113.0/24'];
const azure = '203.0.113.7:51234';
const bracketed = '[2001:db8::7]:51234';
const mapped = '::ffff:203.0.113.7';

/** The answer of one strategy for X-Forwarded-For `203.0.113.66, <entry>` from the peer. */
function answer(entry: string, strategy: Strategy): string | null {
  return resolveClientIp({ remoteAddr: peer, headers: { 'X-Forwarded-For': `203.0.113.66, ${entry}` }, strategy }).clientIp;
}

/** What proxy-addr 2.0.8 answers for the same request (Express's req.ip). */
function proxyAddr(entry: string, trust: string[]): string {
  const req = {
    socket: { remoteAddress: peer },
    connection: { remoteAddress: peer },
    headers: { 'x-forwarded-for': `203.0.113.66, ${entry}` },
  } as unknown as IncomingMessage;
  return proxyaddr(req, trust);
}

describe('cloud entries: nginx-realip and NGINX Gateway Fabric read the port forms and IPv4-mapped as nginx does', () => {
  const realip = (recursive: boolean, trusted: string[]): Strategy => ({
    kind: 'nginx-realip',
    trusted,
    recursive,
    header: 'X-Forwarded-For',
  });
  it('real_ip_recursive off: the rightmost entry, port dropped, IPv4-mapped kept as written', () => {
    expect(answer(azure, realip(false, lb))).toBe('203.0.113.7');
    expect(answer(bracketed, realip(false, lb))).toBe('2001:db8::7');
    expect(answer(mapped, realip(false, lb))).toBe('::ffff:203.0.113.7');
  });
  it('real_ip_recursive on: a trusted IPv4 range trusts the port form and the IPv4-mapped form alike', () => {
    expect(answer(azure, realip(true, lbAndClients))).toBe('203.0.113.66');
    expect(answer(mapped, realip(true, lbAndClients))).toBe('203.0.113.66');
    expect(answer(bracketed, realip(true, lbAndClients))).toBe('2001:db8::7');
  });
  it('a bracketed address without a port is not an address: the walk keeps the peer', () => {
    expect(answer('[2001:db8::7]', realip(false, lb))).toBe(peer);
  });
  it('NGINX Gateway Fabric (XForwardedFor, the load balancer trusted) answers as nginx', () => {
    const ngf: Strategy = {
      kind: 'nginx-gateway-fabric',
      rewriteClientIP: { mode: 'XForwardedFor', trustedAddresses: [{ type: 'CIDR', value: '192.0.2.0/24' }], setIPRecursively: false },
    };
    expect(answer(azure, ngf)).toBe('203.0.113.7');
    expect(answer(bracketed, ngf)).toBe('2001:db8::7');
    expect(answer(mapped, ngf)).toBe('::ffff:203.0.113.7');
  });
});

describe('cloud entries: express answers as proxy-addr 2.0.8 does', () => {
  for (const entry of [azure, bracketed, mapped, '[2001:db8::7]']) {
    for (const trust of [lb, lbAndClients]) {
      it(`X-Forwarded-For: 203.0.113.66, ${entry} with trust proxy ${trust.join(', ')}`, () => {
        expect(answer(entry, { kind: 'express', trust })).toBe(proxyAddr(entry, trust));
      });
    }
  }
  it('an entry with a port comes back whole: proxy-addr neither trusts it nor drops the port', () => {
    expect(proxyAddr(azure, lbAndClients)).toBe(azure);
    expect(answer(azure, { kind: 'express', trust: lbAndClients })).toBe(azure);
  });
});

describe('cloud entries: Envoy reads no port and keeps IPv4-mapped as IPv6', () => {
  const hcm: Strategy = { kind: 'envoy', useRemoteAddress: false, xffNumTrustedHops: 0 };
  const cidrs: Strategy = { kind: 'envoy-xff-cidrs', trusted: lbAndClients };
  const gateway: Strategy = { kind: 'envoy-gateway', clientIPDetection: { xForwardedFor: { numTrustedHops: 1 } } };
  for (const strategy of [hcm, cidrs, gateway]) {
    it(`${strategy.kind}: an entry with a port is no address, so the peer is the client`, () => {
      expect(answer(azure, strategy)).toBe(peer);
      expect(answer(bracketed, strategy)).toBe(peer);
    });
    it(`${strategy.kind}: an IPv4-mapped entry is an IPv6 address`, () => {
      expect(answer(mapped, strategy)).toBe('::ffff:203.0.113.7');
    });
  }
  it('envoy-xff-cidrs: an IPv4 range does not trust the IPv4-mapped form of its own addresses', () => {
    expect(answer('::ffff:203.0.113.9', cidrs)).toBe('::ffff:203.0.113.9');
    expect(answer('203.0.113.9', cidrs)).toBe('203.0.113.66');
  });
});

describe('cloud entries: the generic walks read a port form as its address', () => {
  it('rightmost, trusted-hops 1 and trusted-cidrs drop the port and the brackets', () => {
    for (const strategy of [
      { kind: 'rightmost' },
      { kind: 'trusted-hops', hops: 1 },
      { kind: 'trusted-cidrs', trusted: lb },
    ] satisfies Strategy[]) {
      expect(answer(azure, strategy)).toBe('203.0.113.7');
      expect(answer(bracketed, strategy)).toBe('2001:db8::7');
      expect(answer(mapped, strategy)).toBe('::ffff:203.0.113.7');
    }
  });
  it('trusted-cidrs trusts the IPv4-mapped form with the IPv4 range', () => {
    expect(answer(mapped, { kind: 'trusted-cidrs', trusted: lbAndClients })).toBe('203.0.113.66');
  });
  it('leftmost is the forged entry whatever the proxy appended', () => {
    expect(answer(azure, { kind: 'leftmost' })).toBe('203.0.113.66');
  });
});
