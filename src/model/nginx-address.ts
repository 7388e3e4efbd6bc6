/**
 * Addresses as nginx 1.22.1 reads them in a forwarding header and in set_real_ip_from (src/core/ngx_inet.c:
 * ngx_inet_addr, ngx_inet6_addr, ngx_parse_addr, ngx_parse_addr_port, ngx_ptocidr, ngx_cidr_match, ngx_inet6_ntop;
 * src/http/ngx_http_core_module.c ngx_http_get_forwarded_addr_internal). Written from reading that code, and checked
 * against Debian's nginx 1.22.1 (test/model/nginx-address.test.ts lists what it answered).
 *
 * What differs from the generic reading in ip.ts:
 * - an entry may carry a port, `203.0.113.7:51234` or `[2001:db8::7]:51234`, from 1 to 65535 (leading zeros read);
 *   a bracketed address without a port, or port 0, is not an address;
 * - IPv4 parts are decimal with leading zeros allowed (`010.0.0.1` is 10.0.0.1) and an empty part reads as 0;
 * - entries are separated by commas and by spaces;
 * - an IPv4-mapped address (`::ffff:203.0.113.7`) matches IPv4 ranges, and never a range written in IPv6 notation,
 *   not even `::ffff:192.0.2.0/120`;
 * - the address is written back as nginx prints it (`2001:DB8:0:0::7` becomes 2001:db8::7), without the port.
 */
import type { IpAddress, IpRange, Parsed } from './ip.ts';

const IPV4_MAPPED_PREFIX = 0xffffn << 32n;
const ALL_ONES = (1n << 128n) - 1n;

/** ngx_inet_addr: decimal parts, any number of digits while the part stays within 255, exactly three dots. */
function inetAddr(text: string): number | null {
  let addr = 0;
  let octet = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      octet = octet * 10 + (code - 48);
      if (octet > 255) return null;
    } else if (code === 46) {
      addr = addr * 256 + octet;
      octet = 0;
      dots++;
    } else {
      return null;
    }
  }
  // More than three dots shifts bits out of 32 in C; nginx refuses anything but three.
  return dots === 3 ? addr * 256 + octet : null;
}

/** ngx_inet6_addr: up to four hex digits a group, one `::`, a dotted IPv4 tail read by ngx_inet_addr. */
function inet6Addr(text: string): bigint | null {
  if (text.length === 0) return null;
  const groups: number[] = [];
  let zeroAt = -1;
  let word = 0;
  let nibbles = 0;
  let i = text[0] === ':' ? 1 : 0;
  let tailStart = -1;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === ':') {
      if (nibbles > 0) {
        groups.push(word);
        tailStart = i + 1;
        if (groups.length === 8) return null; // a ninth group would follow
        word = 0;
        nibbles = 0;
        continue;
      }
      if (zeroAt === -1) {
        zeroAt = groups.length;
        tailStart = i + 1;
        continue;
      }
      return null;
    }
    if (c === '.' && nibbles > 0) {
      if (groups.length > 6 || tailStart === -1) return null;
      const v4 = inetAddr(text.slice(tailStart));
      if (v4 === null) return null;
      groups.push(Math.floor(v4 / 65536), v4 % 65536);
      return finish(groups, zeroAt);
    }
    if (++nibbles > 4) return null;
    const digit = parseInt(c, 16);
    if (Number.isNaN(digit)) return null;
    word = word * 16 + digit;
  }
  if (nibbles === 0 && zeroAt === -1) return null;
  groups.push(word);
  return finish(groups, zeroAt);
}

/** Fills the `::` gap (or requires eight groups without one) and packs the groups into 128 bits. */
function finish(groups: number[], zeroAt: number): bigint | null {
  if (zeroAt === -1 ? groups.length !== 8 : groups.length > 7) return null;
  const full =
    zeroAt === -1 ? groups : [...groups.slice(0, zeroAt), ...new Array<number>(8 - groups.length).fill(0), ...groups.slice(zeroAt)];
  return full.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

/** An address as nginx holds it: family and the value in 128 bits (IPv4 in ::ffff:0:0/96), before any port. */
interface NginxSockaddr {
  inet6: boolean;
  value: bigint;
}

/** ngx_parse_addr: IPv4 first, then IPv6. */
function parseAddr(text: string): NginxSockaddr | null {
  const v4 = inetAddr(text);
  if (v4 !== null) return { inet6: false, value: IPV4_MAPPED_PREFIX | BigInt(v4) };
  const v6 = inet6Addr(text);
  return v6 === null ? null : { inet6: true, value: v6 };
}

/** ngx_atoi: digits only, at least one. */
function atoi(text: string): number | null {
  return /^[0-9]+$/.test(text) ? Number(text) : null;
}

/** ngx_parse_addr_port: a bare address, else `[v6]:port` or `address:port` (split at the first colon), port 1–65535. */
function parseAddrPort(text: string): NginxSockaddr | null {
  const bare = parseAddr(text);
  if (bare) return bare;
  let address: string;
  let port: string;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close === -1 || close === text.length - 1 || text[close + 1] !== ':') return null;
    address = text.slice(1, close);
    port = text.slice(close + 2);
  } else {
    const colon = text.indexOf(':');
    if (colon === -1) return null;
    address = text.slice(0, colon);
    port = text.slice(colon + 1);
  }
  const n = atoi(port);
  if (n === null || n < 1 || n > 65535) return null;
  return parseAddr(address);
}

/** True for a 128-bit value in ::ffff:0:0/96: ngx_cidr_match reads such an IPv6 address as the IPv4 address it carries. */
function isMapped(value: bigint): boolean {
  return value >> 32n === 0xffffn;
}

/** ngx_sock_ntop without the port: a dotted quad, or ngx_inet6_ntop's text. */
function sockNtop(address: NginxSockaddr): string {
  return address.inet6 ? inet6Ntop(address.value) : ipv4Text(address.value & 0xffffffffn);
}

/** A dotted quad. */
function ipv4Text(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String(Number((value >> shift) & 0xffn))).join('.');
}

/**
 * ngx_inet6_ntop: lowercase hex, the first longest run of two or more zero groups as `::`, and a dotted tail for
 * ::ffff:a.b.c.d, ::a.b.c.d and ::x.y.z.w (seven zero groups unless the last group ends in 0 or is ::1).
 */
function inet6Ntop(value: bigint): string {
  const bytes = Array.from({ length: 16 }, (_, i) => Number((value >> BigInt(120 - 8 * i)) & 0xffn));
  let zero = -1;
  let last = -1;
  let max = 1;
  let run = 0;
  for (let i = 0; i < 16; i += 2) {
    if (bytes[i] || bytes[i + 1]) {
      if (max < run) {
        zero = last;
        max = run;
      }
      run = 0;
      continue;
    }
    if (run++ === 0) last = i;
  }
  if (max < run) {
    zero = last;
    max = run;
  }
  let out = '';
  let end = 16;
  if (zero === 0) {
    if ((max === 5 && bytes[10] === 0xff && bytes[11] === 0xff) || max === 6 || (max === 7 && bytes[14] !== 0 && bytes[15] !== 1)) end = 12;
    out += ':';
  }
  for (let i = 0; i < end; i += 2) {
    if (i === zero) {
      out += ':';
      i += (max - 1) * 2;
      continue;
    }
    out += (bytes[i]! * 256 + bytes[i + 1]!).toString(16);
    if (i < 14) out += ':';
  }
  if (end === 12) out += bytes.slice(12).join('.');
  return out;
}

/** The resolver's view of an nginx address: IPv4-mapped ones count as IPv4, as ngx_cidr_match counts them. */
function toIpAddress(address: NginxSockaddr): IpAddress {
  const family = !address.inet6 || isMapped(address.value) ? 'ipv4' : 'ipv6';
  return { family, value: address.value, text: sockNtop(address) };
}

/** Reads one forwarding-header entry as ngx_http_get_forwarded_addr_internal does (ngx_parse_addr_port); the port is dropped. */
export function parseNginxEntry(text: string): Parsed<IpAddress> {
  const parsed = parseAddrPort(text);
  return parsed
    ? { ok: true, value: toIpAddress(parsed) }
    : { ok: false, reason: 'not an address nginx reads (an address, [IPv6]:port or address:port with a port from 1 to 65535)' };
}

/**
 * Reads a set_real_ip_from value as ngx_ptocidr does: an IPv4 or IPv6 address, optionally `/bits`. A range written in
 * IPv6 notation has the IPv6 family even when it spans ::ffff:0:0/96, so it never matches an IPv4-mapped address.
 */
export function parseNginxRange(text: string): Parsed<IpRange> {
  const slash = text.indexOf('/');
  const address = parseAddr(slash === -1 ? text : text.slice(0, slash));
  if (!address) return { ok: false, reason: 'not an address or CIDR range nginx reads' };
  const bits = address.inet6 ? 128 : 32;
  let prefix = bits;
  if (slash !== -1) {
    const n = atoi(text.slice(slash + 1));
    if (n === null) return { ok: false, reason: 'the prefix length is not a number' };
    if (n > bits) return { ok: false, reason: `the prefix length is larger than ${bits}` };
    prefix = n;
  }
  const prefix128 = address.inet6 ? prefix : prefix + 96;
  const hostBits = BigInt(128 - prefix128);
  const mask = (ALL_ONES >> hostBits) << hostBits;
  return { ok: true, value: { family: address.inet6 ? 'ipv6' : 'ipv4', network: address.value & mask, mask, prefix: prefix128, text } };
}

/**
 * The entries of one header line as ngx_http_get_forwarded_addr_internal walks them: separated by commas and spaces,
 * empty ones skipped. Several lines are read in order, as one list.
 */
export function splitNginxEntries(lines: readonly string[]): string[] {
  return lines.flatMap((line) => line.split(/[ ,]+/).filter((entry) => entry !== ''));
}
