/**
 * Addresses as Envoy reads and prints them (Envoy v1.39.0,
 * source/common/network/utility.cc parseInternetAddressNoThrow and
 * ip_address_parsing.cc): IPv4 through inet_pton (strict dotted quad, no
 * leading zeros, no port), otherwise IPv6 through getaddrinfo with
 * AI_NUMERICHOST (no brackets, no port). The family is the parser that
 * succeeded: `::ffff:192.0.2.1` stays IPv6 and never matches an IPv4 range.
 * Printed as inet_ntop prints it (glibc), which is what Envoy appends and sets.
 */
import { parseIp } from '../ip.ts';

/** An address as Envoy holds it: its family, its value (IPv4 in the low 32 bits) and its printed form. */
export interface EnvoyAddress {
  family: 'v4' | 'v6';
  /** IPv4: the 32-bit value; IPv6: the 128-bit value. */
  value: bigint;
  /** What Envoy prints (addressAsString): dotted quad, or inet_ntop's IPv6 form. */
  text: string;
}

/** Why text is not an address for Envoy, or the address. */
export type EnvoyParsed = { ok: true; address: EnvoyAddress } | { ok: false; reason: string };

/** Reads text as Envoy's parseInternetAddressNoThrow does: a bare IPv4 or IPv6 address, nothing around it. */
export function parseEnvoyAddress(text: string): EnvoyParsed {
  if (text.includes('%')) {
    // getaddrinfo accepts a zone only when it names an interface (or index) of Envoy's own host: not knowable here.
    return {
      ok: false,
      reason: 'an IPv6 zone (%…) is read only if it names an interface of the Envoy host; this guide does not model that',
    };
  }
  const parsed = parseIp(text);
  if (!parsed.ok) return { ok: false, reason: 'not a bare IPv4 or IPv6 address (Envoy accepts no port, no brackets, no name)' };
  if (!text.includes(':')) {
    const value = parsed.value.value & 0xffffffffn;
    return { ok: true, address: { family: 'v4', value, text: formatIpv4(value) } };
  }
  return { ok: true, address: { family: 'v6', value: parsed.value.value, text: formatIpv6(parsed.value.value) } };
}

/** Prints a 32-bit value as a dotted quad. */
export function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String(Number((value >> shift) & 0xffn))).join('.');
}

/**
 * Prints a 128-bit value as glibc's inet_ntop does: lowercase hex without
 * leading zeros, the first longest run of two or more zero groups as `::`,
 * and `::a.b.c.d` / `::ffff:a.b.c.d` for the IPv4-compatible and IPv4-mapped forms.
 */
export function formatIpv6(value: bigint): string {
  const words = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { base: -1, len: 0 };
  let current = { base: -1, len: 0 };
  for (let i = 0; i < 8; i++) {
    if (words[i] === 0) {
      current = current.base === -1 ? { base: i, len: 1 } : { base: current.base, len: current.len + 1 };
    } else if (current.base !== -1) {
      if (best.base === -1 || current.len > best.len) best = current;
      current = { base: -1, len: 0 };
    }
  }
  if (current.base !== -1 && (best.base === -1 || current.len > best.len)) best = current;
  if (best.base !== -1 && best.len < 2) best = { base: -1, len: 0 };
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (best.base !== -1 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && best.base === 0 && (best.len === 6 || (best.len === 5 && words[5] === 0xffff))) {
      out += formatIpv4(value & 0xffffffffn);
      break;
    }
    out += words[i]!.toString(16);
  }
  if (best.base !== -1 && best.base + best.len === 8) out += ':';
  return out;
}

/** True for 127.0.0.1 and ::1 exactly: Envoy's isLoopbackAddress, which decides whether Envoy appends its own address instead of the peer's. */
export function isEnvoyLoopback(address: EnvoyAddress): boolean {
  return address.family === 'v4' ? address.value === 0x7f000001n : address.value === 1n;
}

/**
 * Envoy's built-in notion of internal (Network::Utility::isInternalAddress):
 * 10/8, 172.16/12, 192.168/16, 127.0.0.1 exactly, fd00::/8 and ::1. Used only
 * when internal_address_config is present with no cidr_ranges.
 */
export function isEnvoyBuiltinInternal(address: EnvoyAddress): boolean {
  if (address.family === 'v4') {
    const v = address.value;
    return v >> 24n === 10n || v >> 16n === 0xc0a8n || v >> 20n === 0xac1n || v === 0x7f000001n;
  }
  return address.value >> 120n === 0xfdn || address.value === 1n;
}
