/**
 * IP addresses and ranges, IPv4 and IPv6, as plain values.
 *
 * Every address is held as a 128-bit number, IPv4 in its IPv4-mapped form
 * (::ffff:a.b.c.d). An IPv4-mapped peer (`::ffff:10.0.0.5`, what Node reports
 * on dual-stack sockets) is read as the IPv4 address it carries. IPv4
 * addresses match IPv4 ranges (and IPv4-mapped ranges of /96 or longer) only,
 * never a plain IPv6 range such as ::/0: the rules of proxy-addr 2.0.8
 * (Express). nginx's own reading, which the nginx-realip strategy uses, is in
 * nginx-address.ts (it differs on ports, on IPv4 forms and on IPv6-notation ranges).
 */

/** An address read from text: its family (IPv4-mapped addresses count as IPv4), its 128-bit value and the text it was read from. */
export interface IpAddress {
  family: 'ipv4' | 'ipv6';
  value: bigint;
  text: string;
}

/** A range of addresses: the family it matches (none: an IPv4-mapped range shorter than /96), the network and its prefix length in 128-bit space. */
export interface IpRange {
  family: 'ipv4' | 'ipv6' | 'none';
  network: bigint;
  mask: bigint;
  prefix: number;
  text: string;
}

/** The outcome of reading untrusted text: a value, or the reason it is not one. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const IPV4_MAPPED_PREFIX = 0xffffn << 32n;
const ALL_ONES = (1n << 128n) - 1n;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/**
 * Reads a dotted-quad IPv4 address as its 32-bit value, or null. Leading zeros
 * are refused: some parsers read them as octal. A plain character loop: this
 * runs once per header entry, 100,000 times for a long header.
 */
function parseIpv4Value(text: string): bigint | null {
  if (text.length < 7 || text.length > 15) return null;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 46; // a final '.' closes the last octet
    if (code >= 48 && code <= 57) {
      if (digits > 0 && octet === 0) return null; // leading zero
      octet = octet * 10 + (code - 48);
      if (++digits > 3 || octet > 255) return null;
    } else if (code === 46) {
      if (digits === 0) return null;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else {
      return null;
    }
  }
  return dots === 4 ? BigInt(value) : null;
}

/** Reads the colon-separated IPv6 notation (with `::` and a trailing dotted quad) as a 128-bit value, or null. */
function parseIpv6Value(text: string): bigint | null {
  if (text.length > 45 || text.includes('%')) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const readGroups = (part: string): number[] | null => {
    if (part === '') return [];
    const groups: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4Value(piece);
        if (v4 === null) return null;
        groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (HEX_GROUP.test(piece)) {
        groups.push(parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return groups;
  };
  const head = readGroups(halves[0]!);
  const tail = halves.length === 2 ? readGroups(halves[1]!) : [];
  if (head === null || tail === null) return null;
  // A dotted quad may only end the address, never stand in the head of a `::` form.
  if (halves.length === 2 && halves[0]!.includes('.')) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

/** Reads a bare IPv4 or IPv6 address (no port, no brackets). */
export function parseIp(text: string): Parsed<IpAddress> {
  const v4 = parseIpv4Value(text);
  if (v4 !== null) return { ok: true, value: { family: 'ipv4', value: IPV4_MAPPED_PREFIX | v4, text } };
  if (text.includes(':')) {
    const v6 = parseIpv6Value(text);
    if (v6 !== null) return { ok: true, value: { family: isIpv4Mapped(v6) ? 'ipv4' : 'ipv6', value: v6, text } };
  }
  return { ok: false, reason: 'not an IPv4 or IPv6 address' };
}

/** True for a 128-bit value in ::ffff:0:0/96. */
function isIpv4Mapped(value: bigint): boolean {
  return value >> 32n === 0xffffn;
}

const BRACKETED_WITH_PORT = /^\[([^\]]*)\](?::(\d{1,5}))?$/;
const IPV4_WITH_PORT = /^([\d.]+):(\d{1,5})$/;

/**
 * Reads one entry of a forwarding header the generic way: an address, optionally with a port
 * (`203.0.113.7:4711`, `[2001:db8::7]:443`), or in brackets. The port is dropped. nginx reads
 * entries its own way (nginx-address.ts parseNginxEntry).
 */
export function parseHostEntry(text: string): Parsed<IpAddress> {
  const bracketed = BRACKETED_WITH_PORT.exec(text);
  if (bracketed) {
    const inner = parseIp(bracketed[1]!);
    if (!inner.ok || inner.value.family !== 'ipv6') return { ok: false, reason: 'not an IPv6 address inside [ ]' };
    return inner;
  }
  const withPort = IPV4_WITH_PORT.exec(text);
  if (withPort) return parseIp(withPort[1]!);
  return parseIp(text);
}

/** Ranges that proxy-addr (Express) knows by name. */
const NAMED_RANGES: Record<string, readonly string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** Reads a dotted IPv4 netmask (255.255.0.0) as a prefix length, or null when its bits are not contiguous. */
function netmaskPrefix(mask: bigint): number | null {
  let prefix = 0;
  while (prefix < 32 && (mask & (1n << BigInt(31 - prefix))) !== 0n) prefix++;
  const expected = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(32 - prefix);
  return mask === expected ? prefix : null;
}

/**
 * Reads one trusted range: a CIDR (`10.0.0.0/8`, `2001:db8::/32`), a single
 * address, an IPv4 netmask form (`10.0.0.0/255.0.0.0`), or one of proxy-addr's
 * names (`loopback`, `linklocal`, `uniquelocal`). Host bits are ignored.
 */
export function parseRange(text: string): Parsed<IpRange[]> {
  const named = Object.hasOwn(NAMED_RANGES, text) ? NAMED_RANGES[text] : undefined;
  if (named) return { ok: true, value: named.map((r) => (parseRange(r) as { ok: true; value: IpRange[] }).value[0]!) };
  const slash = text.indexOf('/');
  const addressText = slash === -1 ? text : text.slice(0, slash);
  const address = parseIp(addressText);
  if (!address.ok) return { ok: false, reason: 'not an address or CIDR range' };
  const writtenAsIpv4 = !addressText.includes(':');
  const bits = writtenAsIpv4 ? 32 : 128;
  let prefix = bits;
  if (slash !== -1) {
    const suffix = text.slice(slash + 1);
    if (/^\d{1,3}$/.test(suffix)) {
      prefix = Number(suffix);
    } else {
      const mask = writtenAsIpv4 ? parseIpv4Value(suffix) : null;
      const fromMask = mask === null ? null : netmaskPrefix(mask);
      if (fromMask === null) return { ok: false, reason: 'the prefix length is not a number' };
      prefix = fromMask;
    }
    if (prefix > bits) return { ok: false, reason: `the prefix length is larger than ${bits}` };
  }
  const prefix128 = writtenAsIpv4 ? prefix + 96 : prefix;
  // An IPv4-mapped range spans IPv4 only from /96 on; a shorter one matches neither family.
  const family = address.value.family === 'ipv6' ? 'ipv6' : prefix128 >= 96 ? 'ipv4' : 'none';
  const mask = maskOf(prefix128);
  return { ok: true, value: [{ family, network: address.value.value & mask, mask, prefix: prefix128, text }] };
}

/** The 128-bit mask that keeps the first `prefix` bits. */
function maskOf(prefix: number): bigint {
  const hostBits = BigInt(128 - prefix);
  return (ALL_ONES >> hostBits) << hostBits;
}

/** Compiles a list of ranges, leaving out the entries that do not parse (callers that must report them read them with parseRange). */
export function compileRanges(list: readonly string[] | undefined): IpRange[] {
  return (list ?? []).flatMap((text) => {
    const parsed = parseRange(text.trim());
    return parsed.ok ? parsed.value : [];
  });
}

/** True when the address lies in the range, and the range is of the address's family. */
export function rangeContains(range: IpRange, address: IpAddress): boolean {
  return range.family === address.family && (address.value & range.mask) === range.network;
}

/** The first range that contains the address, or undefined. */
export function findRange(ranges: readonly IpRange[], address: IpAddress): IpRange | undefined {
  return ranges.find((range) => rangeContains(range, address));
}

/** True for a range that holds every IPv4 address (0.0.0.0/0, ::ffff:0:0/96): trusting it trusts any client. */
export function coversAllIpv4(range: IpRange): boolean {
  return range.family === 'ipv4' && range.prefix === 96;
}
