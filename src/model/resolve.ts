/**
 * `resolveClientIp`: which address an application should believe, given the
 * TCP peer, the request's headers and a strategy (nginx realip, Envoy, Express's proxy-addr, generic walks). Untrusted input
 * never throws: problems become warnings, and time stays linear in the input.
 */
import { headerLines, splitEntries, type HeaderInput } from './forwarded-list.ts';
import { coversAllIpv4, findRange, parseHostEntry, parseRange, type IpAddress, type IpRange, type Parsed } from './ip.ts';
import { parseNginxEntry, parseNginxRange, splitNginxEntries } from './nginx-address.ts';
import { quote } from './text.ts';
import { resolveExpress, type ExpressTrust } from './express.ts';
import { walkForwarded, type WalkResult } from './trust-walk.ts';
import { resolveEnvoyHcm, resolveEnvoyXffCidrs, type EnvoyHcmStrategy, type EnvoyXffCidrsStrategy } from './envoy/resolver.ts';
import {
  planNginxGatewayFabric,
  resolveEnvoyGateway,
  type EnvoyGatewayStrategy,
  type NginxGatewayFabricStrategy,
} from './gateway/resolver-strategies.ts';

/** How to pick the client out of the peer and the forwarding header. */
export type Strategy =
  | { kind: 'leftmost' }
  | { kind: 'rightmost' }
  | { kind: 'nginx-realip'; trusted: string[]; header?: string; recursive?: boolean }
  | { kind: 'trusted-hops'; hops: number }
  | { kind: 'trusted-cidrs'; trusted: string[] }
  | { kind: 'express'; trust: ExpressTrust }
  | EnvoyHcmStrategy
  | EnvoyXffCidrsStrategy
  | EnvoyGatewayStrategy
  | NginxGatewayFabricStrategy;

/** The strategy names, in the order pages list them. */
export const strategyKinds = [
  'leftmost',
  'rightmost',
  'nginx-realip',
  'trusted-hops',
  'trusted-cidrs',
  'express',
  'envoy',
  'envoy-xff-cidrs',
  'envoy-gateway',
  'nginx-gateway-fabric',
] as const;

/** One of the strategy names. */
export type StrategyKind = (typeof strategyKinds)[number];

/** What `resolveClientIp` takes. */
export interface ResolveInput {
  remoteAddr: string;
  headers?: HeaderInput;
  strategy: Strategy;
  /** The source address of the PROXY header the connection began with; read by nginx-gateway-fabric only. */
  proxyProtocolSource?: string;
}

/** Which part of the input a warning is about, so a form can show it next to that input. */
export type ResolveInputName = 'remoteAddr' | 'headers' | 'trusted' | 'hops' | 'strategy' | 'trust' | 'header' | 'proxyProtocol';

/** The client address (null when there is none to trust), how it was reached, and what is wrong or risky. */
export interface ResolveResult {
  clientIp: string | null;
  steps: string[];
  warnings: string[];
  /** The same warnings, each with the input it is about. */
  issues: { input: ResolveInputName; message: string }[];
}

/** Collects warnings, each filed under the input it is about. */
class Warnings {
  readonly messages: string[] = [];
  readonly issues: { input: ResolveInputName; message: string }[] = [];
  /** Adds a warning about one input. */
  add(input: ResolveInputName, message: string): void {
    this.messages.push(message);
    this.issues.push({ input, message });
  }
}

/** The header the model reads by default. nginx's own default for real_ip_header is X-Real-IP. */
export const DEFAULT_FORWARDED_HEADER = 'X-Forwarded-For';

/** How many steps of a long walk are told at each end. */
const STEPS_AT_EACH_END = 50;

/** Hops beyond this are treated as this many: no header is longer. */
const MAX_HOPS = 1_000_000;

/**
 * An entry of the forwarding list: the text as sent, and its address when it
 * is one. The address is read on first use, so a strategy that looks at one
 * end of a 100,000-entry header reads one entry, not all of them.
 */
interface Entry {
  text: string;
  /** Undefined until first read; null when the text is not an address. */
  parsed: IpAddress | null | undefined;
  /** How the text is read: the generic reading, or nginx's own for nginx-realip. */
  read: (text: string) => Parsed<IpAddress>;
}

/** Makes an entry from header text; its address is read on first use (see addressOf). */
function toEntry(text: string, read: (text: string) => Parsed<IpAddress> = parseHostEntry): Entry {
  return { text, parsed: undefined, read };
}

/** The entry's address, port dropped, or null; read once and kept. */
function addressOf(entry: Entry): IpAddress | null {
  if (entry.parsed === undefined) {
    const parsed = entry.read(entry.text);
    entry.parsed = parsed.ok ? parsed.value : null;
  }
  return entry.parsed;
}

/** The address an entry stands for, without its port: what the strategies answer. */
function answerOf(entry: Entry): string {
  return addressOf(entry)?.text ?? entry.text;
}

/** Reads one trusted range: generically, or as nginx's set_real_ip_from reads it. */
type RangeReader = (text: string) => Parsed<IpRange[]>;

/** set_real_ip_from's reading (ngx_ptocidr), as a RangeReader. */
const nginxRangeReader: RangeReader = (text) => {
  const parsed = parseNginxRange(text);
  return parsed.ok ? { ok: true, value: [parsed.value] } : parsed;
};

/** Compiles trusted ranges, turning each unreadable one into a warning. */
function compileTrusted(trusted: unknown, warnings: Warnings, readRange: RangeReader = parseRange): IpRange[] {
  if (!Array.isArray(trusted)) {
    warnings.add('trusted', 'No list of trusted ranges was given: nothing is trusted.');
    return [];
  }
  const ranges: IpRange[] = [];
  for (const item of trusted) {
    const text = typeof item === 'string' ? item.trim() : '';
    if (text === '') continue;
    const parsed = readRange(text);
    if (parsed.ok) ranges.push(...parsed.value);
    else warnings.add('trusted', `Trusted range ${quote(text)} is ignored: ${parsed.reason}.`);
  }
  if (ranges.some(coversAllIpv4)) {
    warnings.add(
      'trusted',
      'A trusted range covers every IPv4 address: every entry counts as a proxy of yours, so the leftmost entry, which the client writes, wins.',
    );
  }
  return ranges;
}

/** Describes an entry for a step: its text and, when the port was dropped, the address read. */
function describe(entry: Entry): string {
  const address = addressOf(entry);
  return address && address.text !== entry.text ? `${quote(entry.text)} (address ${address.text})` : quote(entry.text);
}

/** Turns a walk into steps and warnings, and gives its answer. */
function explainWalk(walk: WalkResult<Entry>, headerName: string, steps: string[], warnings: Warnings): string {
  // A long walk is told by its first and last steps; the addresses in between are counted, not each described,
  // which keeps a 100,000-entry header fast.
  const visits = walk.visits;
  const told = (i: number) => i < STEPS_AT_EACH_END || i >= visits.length - STEPS_AT_EACH_END;
  for (let i = 0; i < visits.length; i++) {
    if (!told(i)) {
      if (told(i - 1)) steps.push(`… ${visits.length - 2 * STEPS_AT_EACH_END} more addresses, each trusted, walked the same way …`);
      continue;
    }
    const visit = visits[i]!;
    const who = visit.position === 0 ? `The peer ${describe(visit.item)}` : `Entry ${describe(visit.item)}`;
    steps.push(visit.trustedBecause === null ? `${who} is not trusted.` : `${who} is trusted (${visit.trustedBecause}).`);
  }
  switch (walk.end) {
    case 'no-entries':
      steps.push(`There is no ${headerName} entry to read: the peer is the answer.`);
      break;
    case 'untrusted':
      steps.push(
        walk.visits.length === 1
          ? `The peer is not a trusted proxy, so ${headerName} is ignored: the peer is the client.`
          : `The first untrusted address from the right is the client.`,
      );
      break;
    case 'not-recursive':
      steps.push(`Without recursion the rightmost entry is taken as it is.`);
      break;
    case 'exhausted':
      steps.push(`Every address is trusted, so the leftmost entry is taken.`);
      warnings.add('trusted', 'Every address in the chain is trusted: the answer is the leftmost entry, which the client can forge.');
      break;
    case 'malformed':
      steps.push(`Entry ${describe(walk.malformed!)} is not an address: the walk stops at the last valid address.`);
      warnings.add(
        'headers',
        `${headerName} holds ${quote(walk.malformed!.text)}, which is not an address; the answer is the last valid address before it.`,
      );
      break;
  }
  return answerOf(walk.client);
}

/** Picks one end of the list (leftmost or rightmost), or the peer when the list is empty. */
function pickEnd(
  side: 'leftmost' | 'rightmost',
  peer: Entry,
  entries: readonly Entry[],
  headerName: string,
  steps: string[],
  warnings: Warnings,
): string | null {
  if (entries.length === 0) {
    steps.push(`There is no ${headerName} entry: the peer is the answer.`);
    return answerOf(peer);
  }
  const chosen = (side === 'leftmost' ? entries.at(0) : entries.at(-1))!;
  steps.push(`${headerName} has ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}; the ${side} is ${describe(chosen)}.`);
  if (side === 'leftmost') warnings.add('strategy', 'The leftmost entry is whatever the client sent first: anyone can forge it.');
  if (!addressOf(chosen)) {
    warnings.add('headers', `The ${side} entry ${quote(chosen.text)} is not an address.`);
    return null;
  }
  return answerOf(chosen);
}

/** Reads a hop count from untrusted input: whole, non-negative and bounded, with a warning otherwise. */
function readHops(value: unknown, warnings: Warnings): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) {
    warnings.add('hops', 'The number of trusted hops is not a number: 0 is used, so the peer is the answer.');
    return 0;
  }
  if (n < 0) {
    warnings.add('hops', `The number of trusted hops cannot be negative (${n}): 0 is used.`);
    return 0;
  }
  if (!Number.isInteger(n)) warnings.add('hops', `The number of trusted hops must be whole: ${Math.floor(n)} is used.`);
  return Math.min(Math.floor(n), MAX_HOPS);
}

/**
 * Resolves the client address as a strategy reads it.
 * Never throws; malformed input yields warnings and the sanest answer.
 */
export function resolveClientIp(input: ResolveInput): ResolveResult {
  const steps: string[] = [];
  const warnings = new Warnings();
  const result = (clientIp: string | null): ResolveResult => ({ clientIp, steps, warnings: warnings.messages, issues: warnings.issues });
  const strategy: Partial<Strategy> & { kind?: unknown } =
    input && typeof input.strategy === 'object' && input.strategy ? input.strategy : {};
  if (strategy.kind === 'express') {
    // Express reads the peer and X-Forwarded-For with its own parser (ipaddr.js), quirks included: see express.ts.
    const express = resolveExpress(input.remoteAddr, input.headers, 'trust' in strategy ? strategy.trust : undefined);
    for (const issue of express.issues) warnings.add(issue.input, issue.message);
    steps.push(...express.steps);
    return result(express.clientIp);
  }
  if (strategy.kind === 'envoy' || strategy.kind === 'envoy-xff-cidrs') {
    // Envoy reads X-Forwarded-For as one comma-joined string with its own address parser: see envoy/.
    const envoy =
      strategy.kind === 'envoy'
        ? resolveEnvoyHcm(input.remoteAddr, input.headers, strategy as Partial<EnvoyHcmStrategy>)
        : resolveEnvoyXffCidrs(input.remoteAddr, input.headers, strategy as Partial<EnvoyXffCidrsStrategy>);
    for (const issue of envoy.issues) warnings.add(issue.input, issue.message);
    steps.push(...envoy.steps);
    return result(envoy.clientIp);
  }
  if (strategy.kind === 'envoy-gateway') {
    // Envoy Gateway's own settings, translated as its translator does, on the same Envoy engine: see gateway/.
    const gateway = resolveEnvoyGateway(input.remoteAddr, input.headers, strategy as Partial<EnvoyGatewayStrategy>);
    for (const issue of gateway.issues) warnings.add(issue.input, issue.message);
    steps.push(...gateway.steps);
    return result(gateway.clientIp);
  }
  if (strategy.kind === 'nginx-gateway-fabric') {
    // NGF's settings become nginx realip directives, which the nginx-realip walk below reads (one realip).
    const plan = planNginxGatewayFabric(
      input.remoteAddr,
      input.headers,
      input.proxyProtocolSource,
      strategy as Partial<NginxGatewayFabricStrategy>,
    );
    for (const issue of plan.issues) warnings.add(issue.input, issue.message);
    steps.push(...plan.steps);
    if (plan.kind === 'answer') return result(plan.clientIp);
    const realip = resolveClientIp({ remoteAddr: input.remoteAddr, headers: plan.headers, strategy: plan.strategy });
    for (const issue of realip.issues) warnings.add(issue.input, issue.message);
    steps.push(...realip.steps);
    return result(realip.clientIp);
  }
  const remoteText = typeof input?.remoteAddr === 'string' ? input.remoteAddr.trim() : '';
  const peer = toEntry(remoteText);
  if (!addressOf(peer)) {
    warnings.add(
      'remoteAddr',
      remoteText === '' ? 'The remote address is empty.' : `The remote address ${quote(remoteText)} is not an IP address.`,
    );
    return result(null);
  }
  steps.push(`The TCP peer (remote_addr) is ${describe(peer)}.`);

  const headerName =
    strategy.kind === 'nginx-realip' && typeof strategy.header === 'string' && strategy.header.trim() !== ''
      ? strategy.header.trim()
      : DEFAULT_FORWARDED_HEADER;
  if (strategy.kind === 'nginx-realip' && headerName === DEFAULT_FORWARDED_HEADER && !strategy.header) {
    steps.push(`Header read: ${DEFAULT_FORWARDED_HEADER} (this guide's default; nginx's own real_ip_header default is X-Real-IP).`);
  }
  const allLines = headerLines(input.headers, headerName);
  // nginx keeps every X-Forwarded-For line but only the first line of any other header (ngx_http_process_header_line
  // keeps the first X-Real-IP; realip's loop stops at the first custom header): nginx 1.22.1, as seen on Debian's nginx.
  const firstLineOnly = strategy.kind === 'nginx-realip' && headerName.toLowerCase() !== 'x-forwarded-for' && allLines.length > 1;
  const lines = firstLineOnly ? allLines.slice(0, 1) : allLines;
  if (firstLineOnly) steps.push(`nginx reads only the first of the ${allLines.length} ${headerName} lines.`);
  // Entries are plain objects whose address is parsed on first use: a strategy that looks at one end of a long header parses one entry.
  // nginx reads its own way: spaces separate entries too, ports are read, addresses print as nginx prints them (nginx-address.ts).
  const nginx = strategy.kind === 'nginx-realip';
  const entries = nginx
    ? splitNginxEntries(lines).map((text) => toEntry(text, parseNginxEntry))
    : splitEntries(lines).map((text) => toEntry(text));
  if (lines.length > 1) steps.push(`${lines.length} ${headerName} lines are read as one list, in order.`);

  switch (strategy.kind) {
    case 'leftmost':
    case 'rightmost': {
      const clientIp = pickEnd(strategy.kind, peer, entries, headerName, steps, warnings);
      return result(clientIp);
    }
    case 'nginx-realip':
    case 'trusted-cidrs': {
      const ranges = compileTrusted(strategy.trusted, warnings, nginx ? nginxRangeReader : parseRange);
      const recursive = strategy.kind === 'trusted-cidrs' || ('recursive' in strategy && strategy.recursive === true);
      if (strategy.kind === 'nginx-realip') {
        steps.push(`real_ip_recursive ${recursive ? 'on' : 'off'}.`);
        if (ranges.length === 0)
          warnings.add('trusted', 'No trusted addresses (set_real_ip_from): nginx ignores the header and keeps the peer.');
      }
      const walk = walkForwarded(peer, entries, {
        recursive,
        isAddress: (entry) => addressOf(entry) !== null,
        trustedBecause: (entry) => {
          const address = addressOf(entry);
          const range = address ? findRange(ranges, address) : undefined;
          return range ? `in ${range.text}` : null;
        },
      });
      return result(explainWalk(walk, headerName, steps, warnings));
    }
    case 'trusted-hops': {
      const hops = readHops(strategy.hops, warnings);
      steps.push(
        hops === 0
          ? 'No address is a trusted proxy, so the peer is the client.'
          : hops === 1
            ? 'The nearest address, the peer, is a trusted proxy.'
            : `The ${hops} nearest addresses, counted from the peer, are trusted proxies.`,
      );
      const walk = walkForwarded(peer, entries, {
        recursive: true,
        isAddress: (entry) => addressOf(entry) !== null,
        trustedBecause: (_entry, position) => (position < hops ? `hop ${position + 1} of ${hops}` : null),
      });
      return result(explainWalk(walk, headerName, steps, warnings));
    }
    default:
      warnings.add('strategy', `Unknown strategy ${quote(String(strategy.kind))}: choose one of ${strategyKinds.join(', ')}.`);
      return result(null);
  }
}
