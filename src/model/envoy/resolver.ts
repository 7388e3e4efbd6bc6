/**
 * The resolver's two Envoy strategies, thin adapters over the engine:
 * `envoy` is the HTTP connection manager with use_remote_address and
 * xff_num_trusted_hops; `envoy-xff-cidrs` is the XFF original IP detection
 * extension with xff_trusted_cidrs. Both answer as Envoy v1.39.0 does, for
 * every input; `recurse: false` is the one exception, and says so.
 */
import type { HeaderInput } from '../forwarded-list.ts';
import type { ResolveInputName } from '../resolve.ts';
import { parseHostEntry } from '../ip.ts';
import { quote } from '../text.ts';
import { compileCidrs, findCidr, type CidrRange } from './cidr.ts';
import { envoyMutateRequest, type EnvoyResult, type HcmConfig } from './hcm.ts';
import { parseEnvoyAddress } from './address.ts';
import { joinedHeader, lastAddressFromXff, lastNonTrustedAddressFromXff, MAX_XFF_ENTRIES_FOR_CIDRS } from './xff.ts';

/** The HTTP connection manager's own client selection. */
export interface EnvoyHcmStrategy {
  kind: 'envoy';
  useRemoteAddress: boolean;
  xffNumTrustedHops: number;
}

/** The XFF extension with trusted CIDRs; `recurse: false` is not Envoy (an unmerged draft) and warns so. */
export interface EnvoyXffCidrsStrategy {
  kind: 'envoy-xff-cidrs';
  trusted: string[];
  recurse?: boolean;
}

/** Which input a message is about (a subset of the resolver's input names). */
type InputName = 'remoteAddr' | 'headers' | 'trusted' | 'hops' | 'strategy';

/** The adapter's answer, in the resolver's terms. */
export interface EnvoyStrategyResult {
  clientIp: string | null;
  steps: string[];
  issues: { input: InputName; message: string }[];
}

/** The largest xff_num_trusted_hops Envoy's configuration takes (uint32). */
const MAX_UINT32 = 0xffffffff;

/** Reads "address/length" (or a bare address) into Envoy's CidrRange, or says why not. */
export function cidrRangeFromText(text: string): { ok: true; range: CidrRange; bare: boolean } | { ok: false; reason: string } {
  const slash = text.lastIndexOf('/');
  if (slash === -1) {
    const parsed = parseEnvoyAddress(text);
    if (!parsed.ok) return { ok: false, reason: parsed.reason };
    return { ok: true, range: { addressPrefix: text, prefixLen: parsed.address.family === 'v4' ? 32 : 128 }, bare: true };
  }
  const length = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(length)) return { ok: false, reason: 'the prefix length is not a whole number' };
  return { ok: true, range: { addressPrefix: text.slice(0, slash), prefixLen: Number(length) }, bare: false };
}

/** A list of warnings, each filed under the resolver input it is about (the gateway strategies use every input name). */
type IssueList = { input: ResolveInputName; message: string }[];

/** Adds the engine's steps, warnings and forwarded headers to the answer. */
export function tellEngine(result: EnvoyResult, steps: string[], issues: IssueList): void {
  steps.push(...result.steps);
  for (const warning of result.warnings) issues.push({ input: 'strategy', message: warning });
  const xff = result.upstreamHeaders['x-forwarded-for'];
  steps.push(xff === undefined ? 'Envoy sends no X-Forwarded-For upstream.' : `Envoy sends X-Forwarded-For: ${xff}`);
  const external = result.upstreamHeaders['x-envoy-external-address'];
  if (external !== undefined) steps.push(`Envoy sends x-envoy-external-address: ${external}`);
}

/** The TCP peer as the resolver takes it (a port is dropped), or an issue. */
export function readPeer(remoteAddr: unknown, issues: IssueList): string | null {
  const text = typeof remoteAddr === 'string' ? remoteAddr.trim() : '';
  const parsed = parseHostEntry(text);
  if (!parsed.ok) {
    issues.push({
      input: 'remoteAddr',
      message: text === '' ? 'The remote address is empty.' : `The remote address ${quote(text)} is not an IP address.`,
    });
    return null;
  }
  return parsed.value.text;
}

/** Number of comma-separated entries Envoy sees in X-Forwarded-For (empty ones count), 0 without the header. */
function xffEntryCount(headers: HeaderInput | undefined): number {
  const xff = joinedHeader(headers, 'x-forwarded-for');
  if (xff === null) return 0;
  let count = 1;
  for (let i = xff.indexOf(','); i !== -1; i = xff.indexOf(',', i + 1)) count++;
  return count;
}

/** The `envoy` strategy: the connection manager with use_remote_address and xff_num_trusted_hops, no extension, no internal_address_config. */
export function resolveEnvoyHcm(
  remoteAddr: unknown,
  headers: HeaderInput | undefined,
  strategy: Partial<EnvoyHcmStrategy>,
): EnvoyStrategyResult {
  const steps: string[] = [];
  const issues: EnvoyStrategyResult['issues'] = [];
  const done = (clientIp: string | null): EnvoyStrategyResult => ({ clientIp, steps, issues });
  const peer = readPeer(remoteAddr, issues);
  const raw: unknown = strategy.xffNumTrustedHops;
  const hops = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isInteger(hops) || hops < 0 || hops > MAX_UINT32) {
    issues.push({
      input: 'hops',
      message: `xff_num_trusted_hops must be a whole number from 0 to ${MAX_UINT32}${Number.isNaN(hops) ? '' : `, not ${hops}`}: Envoy refuses such a configuration and serves nothing.`,
    });
    return done(null);
  }
  let useRemoteAddress = strategy.useRemoteAddress;
  if (typeof useRemoteAddress !== 'boolean') {
    issues.push({ input: 'strategy', message: "use_remote_address is not true or false: Envoy's default, false, is used." });
    useRemoteAddress = false;
  }
  if (peer === null) return done(null);
  const result = envoyMutateRequest({ peer, headers, config: { useRemoteAddress, xffNumTrustedHops: hops } });
  tellEngine(result, steps, issues);

  const count = xffEntryCount(headers);
  const position = useRemoteAddress ? hops : hops + 1; // the entry read, counted from the right; 0: none
  if (!useRemoteAddress) {
    issues.push({
      input: 'strategy',
      message:
        'use_remote_address is false: Envoy believes X-Forwarded-For without asking who sent it. Unless every connection comes from a proxy of yours that appends to it, the client picks the answer.',
    });
  }
  if (position > 0 && result.clientSource === 'peer' && count >= position) {
    issues.push({
      input: 'headers',
      message: `X-Forwarded-For entry ${position} from the right is not an address Envoy reads (Envoy takes no port, brackets or names): Envoy falls back to the peer.`,
    });
  } else if (position > 0 && result.clientSource === 'peer') {
    steps.push(
      `Unlike trusted-hops ${hops + 1}, which would answer the leftmost entry, Envoy answers the peer when X-Forwarded-For has fewer than ${position} ${position === 1 ? 'entry' : 'entries'}.`,
    );
  } else if (position > 0 && count === position) {
    issues.push({
      input: 'headers',
      message: 'The answer is the leftmost X-Forwarded-For entry, which the client wrote: it can be forged.',
    });
  }
  return done(result.clientIp);
}

/** The `envoy-xff-cidrs` strategy: the XFF extension with xff_trusted_cidrs (skip_xff_append unset), use_remote_address false. */
export function resolveEnvoyXffCidrs(
  remoteAddr: unknown,
  headers: HeaderInput | undefined,
  strategy: Partial<EnvoyXffCidrsStrategy>,
): EnvoyStrategyResult {
  const steps: string[] = [];
  const issues: EnvoyStrategyResult['issues'] = [];
  const done = (clientIp: string | null): EnvoyStrategyResult => ({ clientIp, steps, issues });
  const peer = readPeer(remoteAddr, issues);
  const cidrs: CidrRange[] = [];
  if (!Array.isArray(strategy.trusted))
    issues.push({ input: 'trusted', message: 'No list of trusted ranges was given: xff_trusted_cidrs is empty.' });
  for (const item of Array.isArray(strategy.trusted) ? strategy.trusted : []) {
    const text = typeof item === 'string' ? item.trim() : '';
    if (text === '') continue;
    const read = cidrRangeFromText(text);
    if (!read.ok) {
      issues.push({
        input: 'trusted',
        message: `Trusted range ${quote(text)} is not a CIDR range Envoy reads (${read.reason}): Envoy skips such an entry without a word.`,
      });
      continue;
    }
    if (read.bare) {
      steps.push(
        `${text} is read as ${read.range.addressPrefix}/${read.range.prefixLen}. In Envoy's configuration write prefix_len: ${read.range.prefixLen}; left out, it means 0, which trusts every address.`,
      );
    } else if (read.range.prefixLen! > 32 && !read.range.addressPrefix.includes(':') && read.range.prefixLen! <= 128) {
      steps.push(`${text}: Envoy cuts an IPv4 prefix longer than 32 to 32.`);
    }
    cidrs.push(read.range);
  }
  if (peer === null) return done(null);
  const recurse = strategy.recurse;
  if (recurse !== undefined && typeof recurse !== 'boolean') {
    issues.push({ input: 'strategy', message: "recurse is not true or false: released Envoy's walk (true) is used." });
  }
  const config: HcmConfig = { originalIpDetection: { xff: { xffTrustedCidrs: { cidrs } } } };
  const result = envoyMutateRequest({ peer, headers, config });
  if (result.configError !== null) {
    issues.push({ input: 'trusted', message: `Envoy refuses this configuration: ${result.configError}` });
    return done(null);
  }

  const { cidrs: compiled } = compileCidrs(cidrs);
  const xff = joinedHeader(headers, 'x-forwarded-for');
  const peerAddress = parseEnvoyAddress(peer);
  const peerTrusted = peerAddress.ok && findCidr(compiled, peerAddress.address) !== undefined;
  if (recurse === false && compiled.length > 0) {
    issues.push({
      input: 'strategy',
      message:
        'recurse: false is not in any Envoy release: it is an unmerged draft (and Example 7 of older Envoy documentation). Released Envoy (v1.39.0) walks past trusted entries.',
    });
    steps.push(`The TCP peer is ${peer}.`);
    if (!peerTrusted) {
      steps.push(`The peer ${peer} is not trusted: the peer is the client.`);
      return done(peer);
    }
    const rightmost = lastAddressFromXff(xff, 0);
    steps.push(`The peer ${peer} is trusted; without recursion the rightmost X-Forwarded-For entry is taken as it is. ${rightmost.note}`);
    return done(rightmost.address?.text ?? peer);
  }

  tellEngine(result, steps, issues);
  if (compiled.length > 0 && peerTrusted && xff !== null) {
    const reading = lastNonTrustedAddressFromXff(xff, compiled);
    const entries = xff.split(',').length;
    if (entries > MAX_XFF_ENTRIES_FOR_CIDRS) {
      issues.push({
        input: 'headers',
        message: `X-Forwarded-For has more than ${MAX_XFF_ENTRIES_FOR_CIDRS} entries: Envoy gives up and uses the peer.`,
      });
    } else if (reading.address === null) {
      issues.push({
        input: 'headers',
        message:
          'X-Forwarded-For holds an entry that is not an address Envoy reads (or an empty one) before any untrusted address: Envoy gives up and uses the peer.',
      });
    } else if (reading.allTrusted) {
      issues.push({
        input: 'trusted',
        message: 'Every X-Forwarded-For entry is trusted: Envoy takes the leftmost, which the client can forge.',
      });
    }
  }
  return done(result.clientIp);
}
