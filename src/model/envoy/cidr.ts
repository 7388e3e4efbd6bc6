/**
 * Envoy's CIDR ranges (config.core.v3.CidrRange; Envoy v1.39.0
 * source/common/network/cidr_range.cc): an `address_prefix` and a
 * `prefix_len` that means 0 when omitted. A prefix longer than the family's
 * width is cut to it; host bits are dropped; a range matches addresses of its
 * own family only.
 */
import { parseEnvoyAddress, type EnvoyAddress } from './address.ts';

/** A CIDR range as Envoy's configuration spells it. */
export interface CidrRange {
  addressPrefix: string;
  /** Omitted means 0: every address of the prefix's family. */
  prefixLen?: number;
}

/** A range ready to match: family, network, prefix length, and how it was written. */
export interface CompiledCidr {
  family: 'v4' | 'v6';
  network: bigint;
  prefixLen: number;
  text: string;
}

/** A range Envoy refuses, with the reason. */
export interface CidrProblem {
  text: string;
  reason: string;
}

/** The proto's limit on prefix_len (validate rule `le: 128`): beyond it the configuration is refused. */
const MAX_PROTO_PREFIX_LEN = 128;

/** How a CidrRange is written in messages: `address/len`, or the address with the omitted length. */
export function cidrText(range: CidrRange): string {
  return range.prefixLen === undefined ? `${range.addressPrefix} (prefix_len omitted)` : `${range.addressPrefix}/${range.prefixLen}`;
}

/** Compiles one CidrRange as CidrRange::create does, or says why Envoy cannot. */
export function compileCidr(range: CidrRange): { ok: true; cidr: CompiledCidr } | { ok: false; problem: CidrProblem } {
  if (!range || typeof range !== 'object' || typeof range.addressPrefix !== 'string') {
    return { ok: false, problem: { text: '(not a range)', reason: 'address_prefix is missing' } };
  }
  const text = cidrText(range);
  const length = range.prefixLen ?? 0;
  if (!Number.isInteger(length) || length < 0 || length > MAX_PROTO_PREFIX_LEN) {
    return { ok: false, problem: { text, reason: 'prefix_len must be a whole number from 0 to 128' } };
  }
  const parsed = parseEnvoyAddress(range.addressPrefix);
  if (!parsed.ok) return { ok: false, problem: { text, reason: `malformed IP address: ${parsed.reason}` } };
  const bits = parsed.address.family === 'v4' ? 32 : 128;
  const prefixLen = Math.min(length, bits);
  const hostBits = BigInt(bits - prefixLen);
  const network = (parsed.address.value >> hostBits) << hostBits;
  return { ok: true, cidr: { family: parsed.address.family, network, prefixLen, text } };
}

/** True when the address lies in the range (CidrRange::isInRange): same family, same leading bits. */
export function cidrContains(cidr: CompiledCidr, address: EnvoyAddress): boolean {
  if (cidr.family !== address.family) return false;
  const hostBits = BigInt((cidr.family === 'v4' ? 32 : 128) - cidr.prefixLen);
  return (address.value >> hostBits) << hostBits === cidr.network;
}

/** The first range that holds the address, or undefined. */
export function findCidr(cidrs: readonly CompiledCidr[], address: EnvoyAddress): CompiledCidr | undefined {
  return cidrs.find((cidr) => cidrContains(cidr, address));
}

/** Compiles a list, keeping the ranges Envoy accepts and listing the ones it does not. */
export function compileCidrs(ranges: readonly CidrRange[] | undefined): { cidrs: CompiledCidr[]; problems: CidrProblem[] } {
  const cidrs: CompiledCidr[] = [];
  const problems: CidrProblem[] = [];
  for (const range of Array.isArray(ranges) ? ranges : []) {
    const compiled = compileCidr(range);
    if (compiled.ok) cidrs.push(compiled.cidr);
    else problems.push(compiled.problem);
  }
  return { cidrs, problems };
}
