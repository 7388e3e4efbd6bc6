/**
 * Addresses as ipaddr.js 1.9.1 reads them: the parser under proxy-addr 2.0.8,
 * and so under Express's `trust proxy` and `req.ip`.
 *
 * ip.ts is not reused here on purpose: it reads addresses as nginx and most
 * software do, and ipaddr.js reads more. It takes IPv4 parts in octal
 * (`0177.0.0.1` is 127.0.0.1, `08` is 0) and hex (`0x7f.0.0.1`), a whole IPv4
 * address as one number (`2130706433`, `0x7f000001`, even `1` is 0.0.0.1),
 * IPv6 groups longer than four digits when their value fits (`00001::1`),
 * zone ids (`fe80::1%eth0`), and reads the dotted quad inside IPv6 with
 * JavaScript's `parseInt` (`::ffff:010.0.0.1` is ::ffff:10.0.0.1, not 8.0.0.1).
 * Express answers with these readings, so this module repeats them: the same
 * patterns, the same `parseInt` calls, the same checks, in the same order.
 * Node's `parseInt` and the browser's are the same function, so the shipped
 * model reads as Express does.
 */

/** An address as ipaddr.js holds it: four octets (IPv4) or eight 16-bit parts (IPv6). */
export type IpaddrAddress = { kind: 'ipv4'; octets: number[] } | { kind: 'ipv6'; parts: number[] };

// One IPv4 part: decimal, or hex after 0x (the i flag also admits 0X, which parseIntAuto then reads as octal).
const IPV4_PART = '(0?\\d+|0x[a-f0-9]+)';
const IPV4_FOUR_PARTS = new RegExp(`^${IPV4_PART}\\.${IPV4_PART}\\.${IPV4_PART}\\.${IPV4_PART}$`, 'i');
const IPV4_ONE_NUMBER = new RegExp(`^${IPV4_PART}$`, 'i');
const IPV6_GROUPS = '(?:[0-9a-f]+::?)+';
const ZONE = '%[0-9a-z]{1,}';
const ZONE_ANYWHERE = new RegExp(ZONE, 'i');
const IPV6_NATIVE = new RegExp(`^(::)?(${IPV6_GROUPS})?([0-9a-f]+)?(::)?(${ZONE})?$`, 'i');
const IPV6_WITH_IPV4 = new RegExp(
  `^((?:${IPV6_GROUPS})|(?:::)(?:${IPV6_GROUPS})?)${IPV4_PART}\\.${IPV4_PART}\\.${IPV4_PART}\\.${IPV4_PART}(${ZONE})?$`,
  'i',
);

/** ipaddr.js's parseIntAuto: a leading 0 not followed by a lowercase x means octal (parseInt stops at the first 8 or 9). */
function parseIntAuto(text: string): number {
  return text[0] === '0' && text[1] !== 'x' ? parseInt(text, 8) : parseInt(text);
}

/** Octets of an IPv4 text, or null when ipaddr.js's IPv4 parser refuses it (it throws or the octets do not fit). */
function readIpv4(text: string): number[] | null {
  let octets: number[];
  const four = IPV4_FOUR_PARTS.exec(text);
  if (four) {
    octets = four.slice(1, 5).map(parseIntAuto);
  } else {
    const one = IPV4_ONE_NUMBER.exec(text);
    if (!one) return null;
    const value = parseIntAuto(one[1]!);
    if (value > 0xffffffff || value < 0) return null;
    octets = [24, 16, 8, 0].map((shift) => (value >> shift) & 0xff);
  }
  return octets.every((octet) => octet >= 0 && octet <= 255) ? octets : null;
}

/** ipaddr.js's expandIPv6: fills in `::` and reads each group as hex; null when it gives up. Checks come later. */
function expandIpv6(input: string, partCount: number): number[] | null {
  let text = input;
  if (text.indexOf('::') !== text.lastIndexOf('::')) return null;
  if (ZONE_ANYWHERE.test(text)) text = text.replace(/%.+$/, '');
  let colons = 0;
  for (const c of text) if (c === ':') colons++;
  if (text.startsWith('::')) colons--;
  if (text.endsWith('::')) colons--;
  if (colons > partCount) return null;
  text = text.replace('::', `:${'0:'.repeat(partCount - colons)}`);
  if (text.startsWith(':')) text = text.slice(1);
  if (text.endsWith(':')) text = text.slice(0, -1);
  return text.split(':').map((group) => parseInt(group, 16));
}

/** The IPv6 constructor's checks: 8 parts, or 16 bytes paired into parts; each part must fit 16 bits (NaN does not). */
function checkIpv6Parts(parts: number[]): number[] | null {
  let result = parts;
  if (parts.length === 16) {
    result = [];
    for (let i = 0; i < 16; i += 2) result.push((parts[i]! << 8) | parts[i + 1]!);
  } else if (parts.length !== 8) {
    return null;
  }
  return result.every((part) => part >= 0 && part <= 0xffff) ? result : null;
}

/** Parts of an IPv6 text, or null when ipaddr.js's IPv6 parser refuses it. */
function readIpv6(text: string): number[] | null {
  if (!text.includes(':')) return null;
  if (IPV6_NATIVE.test(text)) {
    const parts = expandIpv6(text, 8);
    return parts && checkIpv6Parts(parts);
  }
  const match = IPV6_WITH_IPV4.exec(text);
  if (!match) return null;
  const parts = expandIpv6(match[1]!.slice(0, -1) + (match[6] ?? ''), 6);
  if (!parts) return null;
  // Here ipaddr.js uses plain parseInt: 010 is ten, while the IPv4 parser reads it as eight.
  const octets = match.slice(2, 6).map((part) => parseInt(part!));
  if (!octets.every((octet) => octet >= 0 && octet <= 255)) return null;
  parts.push((octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!);
  return checkIpv6Parts(parts);
}

/** Reads text as ipaddr.js's `parse` after `isValid` does: IPv6 first, then IPv4; null when `isValid` is false. */
export function ipaddrParse(text: string): IpaddrAddress | null {
  const parts = readIpv6(text);
  if (parts) return { kind: 'ipv6', parts };
  const octets = readIpv4(text);
  return octets ? { kind: 'ipv4', octets } : null;
}

/** True for an IPv6 address in ::ffff:0:0/96 (ipaddr.js's isIPv4MappedAddress). */
export function isIpv4Mapped(address: IpaddrAddress): boolean {
  return address.kind === 'ipv6' && address.parts.slice(0, 5).every((part) => part === 0) && address.parts[5] === 0xffff;
}

/** The IPv4 address an IPv4-mapped IPv6 address carries (ipaddr.js's toIPv4Address). */
export function toIpv4(address: IpaddrAddress): IpaddrAddress {
  if (address.kind === 'ipv4') return address;
  const [high, low] = address.parts.slice(6) as [number, number];
  return { kind: 'ipv4', octets: [high >> 8, high & 0xff, low >> 8, low & 0xff] };
}

/** The IPv4-mapped IPv6 form of an IPv4 address (ipaddr.js's toIPv4MappedAddress). */
export function toIpv4Mapped(address: IpaddrAddress): IpaddrAddress {
  if (address.kind === 'ipv6') return address;
  const [a, b, c, d] = address.octets as [number, number, number, number];
  return { kind: 'ipv6', parts: [0, 0, 0, 0, 0, 0xffff, (a << 8) | b, (c << 8) | d] };
}

/** True when the first `bits` bits of two addresses of one kind agree (ipaddr.js's match, through matchCIDR). */
export function ipaddrMatch(address: IpaddrAddress, network: IpaddrAddress, bits: number): boolean {
  const [first, second, size] =
    address.kind === 'ipv4' && network.kind === 'ipv4'
      ? [address.octets, network.octets, 8]
      : address.kind === 'ipv6' && network.kind === 'ipv6'
        ? [address.parts, network.parts, 16]
        : [null, null, 0];
  if (!first || !second) return false;
  let remaining = bits;
  for (let i = 0; remaining > 0; i++, remaining -= size) {
    const shift = Math.max(0, size - remaining);
    if (first[i]! >> shift !== second[i]! >> shift) return false;
  }
  return true;
}

/** The prefix length of an IPv4 netmask (255.255.255.192 is 26), or null when its bits are not contiguous. */
export function netmaskPrefix(mask: IpaddrAddress): number | null {
  if (mask.kind !== 'ipv4') return null;
  const zerosOf: Record<number, number> = { 0: 8, 128: 7, 192: 6, 224: 5, 240: 4, 248: 3, 252: 2, 254: 1, 255: 0 };
  let zeros = 0;
  let stop = false;
  for (let i = 3; i >= 0; i--) {
    const z = zerosOf[mask.octets[i]!];
    if (z === undefined || (stop && z !== 0)) return null;
    if (z !== 8) stop = true;
    zeros += z;
  }
  return 32 - zeros;
}

/** The address as ipaddr.js writes it (dotted quad, or eight lowercase hex groups with `::` for the first run of zeros). */
export function ipaddrText(address: IpaddrAddress): string {
  if (address.kind === 'ipv4') return address.octets.join('.');
  return address.parts
    .map((part) => part.toString(16))
    .join(':')
    .replace(/((^|:)(0(:|$))+)/, '::');
}
