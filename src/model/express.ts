/**
 * The `express` strategy: what Express's `req.ip` answers for a `trust proxy`
 * setting, through proxy-addr 2.0.8, its `forwarded` 0.2.0 header reader and
 * ipaddr.js 1.9.1, quirks included: a non-IP entry such as `proxy` is returned
 * as it is, an entry with a port is not an address, an IPv4-mapped candidate is
 * read as IPv4, and settings proxy-addr cannot compile (`0.0.0.0/0`, a host
 * name, an empty entry) make Express refuse the setting, which the model
 * answers with no client and a warning.
 *
 * Sources: Express `lib/utils.js` compileTrust (true: trust all; a number n:
 * trust position i when i < n; a string: split at commas and trimmed; anything
 * else: `proxyaddr.compile(val || [])`), and proxy-addr 2.0.8 `index.js`.
 */
import {
  ipaddrMatch,
  ipaddrParse,
  ipaddrText,
  isIpv4Mapped,
  netmaskPrefix,
  toIpv4,
  toIpv4Mapped,
  type IpaddrAddress,
} from './express-ipaddr.ts';
import { headerLines, type HeaderInput } from './forwarded-list.ts';
import { parseHostEntry, parseIp } from './ip.ts';
import { quote } from './text.ts';

/** Express's `trust proxy` setting as the model takes it: true, false, a hop count, or the list given to `app.set`. */
export type ExpressTrust = boolean | number | string[];

/** The inputs an express warning can be about. */
export type ExpressInputName = 'remoteAddr' | 'headers' | 'trust';

/** What Express answers: `req.ip` (null when Express refuses the setting or the peer is not an address), the steps, and the warnings by input. */
export interface ExpressResult {
  clientIp: string | null;
  steps: string[];
  issues: { input: ExpressInputName; message: string }[];
}

/** A range proxy-addr compiled: its network, prefix length, the entry as written, and the name it came from, if any. */
interface Subnet {
  network: IpaddrAddress;
  bits: number;
  entry: string;
  name?: string;
}

/** How Express compiled the setting into its trust function, or why proxy-addr refused it. */
type Compiled =
  | { ok: true; trust: { kind: 'all' } | { kind: 'hops'; below: number } | { kind: 'list'; subnets: Subnet[] } }
  | { ok: false; entry: string; error: string; hint: string };

/** proxy-addr's named ranges, spliced into the list in place of the name. */
const NAMED_RANGES: Record<string, readonly string[]> = {
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  loopback: ['127.0.0.1/8', '::1/128'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

const ADDRESS_HINT =
  'It reads IPv4 and IPv6 addresses, CIDR ranges, netmasks and the names loopback, linklocal and uniquelocal: no host names, ports, spaces or empty entries';
const RANGE_HINT =
  'It takes prefix lengths from 1 to 32 for IPv4 and from 1 to 128 for IPv6, and netmasks with contiguous bits; to trust every address, the setting is true';

/** How many visited addresses are told at each end of a long walk. */
const STEPS_AT_EACH_END = 50;

/** How many compiled ranges a step names. */
const RANGES_TOLD = 20;

/** proxy-addr's parseipNotation: one list entry as a range, or the TypeError it throws. */
function compileEntry(note: unknown, name?: string): { ok: true; subnet: Subnet } | { ok: false; error: string; hint: string } {
  if (typeof note !== 'string') return { ok: false, error: 'note.lastIndexOf is not a function', hint: 'Every entry must be a string' };
  const slash = note.lastIndexOf('/');
  const addressText = slash === -1 ? note : note.substring(0, slash);
  const parsed = ipaddrParse(addressText);
  if (!parsed) return { ok: false, error: `invalid IP address: ${addressText}`, hint: ADDRESS_HINT };
  // Without a prefix, an IPv4-mapped address is stored as IPv4; with one, it stays IPv6.
  const network = slash === -1 && isIpv4Mapped(parsed) ? toIpv4(parsed) : parsed;
  const max = network.kind === 'ipv6' ? 128 : 32;
  const rangeText = slash === -1 ? null : note.substring(slash + 1);
  let bits: number | null;
  if (rangeText === null) bits = max;
  else if (/^[0-9]+$/.test(rangeText)) bits = parseInt(rangeText, 10);
  else if (network.kind === 'ipv4' && ipaddrParse(rangeText)) bits = netmaskPrefix(ipaddrParse(rangeText)!);
  else bits = null;
  if (bits === null || bits <= 0 || bits > max) return { ok: false, error: `invalid range on address: ${note}`, hint: RANGE_HINT };
  return { ok: true, subnet: { network, bits, entry: note, ...(name ? { name } : {}) } };
}

/** Express's compileTrust, then proxy-addr's compile for a list. */
function compileSetting(setting: unknown, steps: string[]): Compiled {
  if (setting === true) {
    steps.push('Express compiles trust proxy = true to a function that trusts every address.');
    return { ok: true, trust: { kind: 'all' } };
  }
  if (typeof setting === 'number') {
    steps.push(
      `Express compiles trust proxy = ${setting} to a hop count: the address at position i (the peer is 0) is trusted when i < ${setting}.`,
    );
    return { ok: true, trust: { kind: 'hops', below: setting } };
  }
  let list: unknown = setting;
  if (typeof setting === 'string') {
    list = setting.split(',').map((entry) => entry.trim());
    steps.push('Express splits the text at commas and trims each entry.');
  }
  list = list || [];
  if (!Array.isArray(list))
    return {
      ok: false,
      entry: String(list),
      error: 'unsupported trust argument',
      hint: 'The setting must be true, false, a number or a list',
    };
  const subnets: Subnet[] = [];
  for (const entry of list as unknown[]) {
    const named = typeof entry === 'string' && Object.hasOwn(NAMED_RANGES, entry) ? NAMED_RANGES[entry]! : null;
    for (const note of named ?? [entry]) {
      const compiled = compileEntry(note, named ? (entry as string) : undefined);
      if (!compiled.ok) return { ok: false, entry: String(entry), error: compiled.error, hint: compiled.hint };
      subnets.push(compiled.subnet);
    }
  }
  if (subnets.length === 0) {
    steps.push(
      setting === false
        ? 'trust proxy = false (Express’s default): nothing is trusted.'
        : 'Express hands proxy-addr an empty list: nothing is trusted.',
    );
  } else {
    const told = subnets.slice(0, RANGES_TOLD).map((s) => `${ipaddrText(s.network)}/${s.bits}${s.name ? ` (${s.name})` : ''}`);
    const more = subnets.length > RANGES_TOLD ? ` and ${subnets.length - RANGES_TOLD} more` : '';
    steps.push(`Express hands the list to proxy-addr, which trusts ${told.join(', ')}${more}.`);
  }
  return { ok: true, trust: { kind: 'list', subnets } };
}

/** The `forwarded` package's X-Forwarded-For reader: entries right to left, split at commas, spaces (0x20 only) around them dropped, empty ones skipped. */
function forwardedEntries(header: string): string[] {
  const list: string[] = [];
  let end = header.length;
  let start = header.length;
  for (let i = header.length - 1; i >= 0; i--) {
    const code = header.charCodeAt(i);
    if (code === 0x20) {
      if (start === end) start = end = i;
    } else if (code === 0x2c) {
      if (start !== end) list.push(header.substring(start, end));
      start = end = i;
    } else {
      start = i;
    }
  }
  if (start !== end) list.push(header.substring(start, end));
  return list;
}

/** The first range that trusts the address text, as proxy-addr 2.0.8's trust function decides; null when none does or the text is not an address. */
function trustingSubnet(text: string, subnets: readonly Subnet[]): Subnet | null {
  const parsed = ipaddrParse(text);
  if (!parsed) return null;
  // 2.0.8 reads an IPv4-mapped candidate as IPv4, so it can only match IPv4 ranges or mapped ranges of /96 and longer.
  const ip = isIpv4Mapped(parsed) ? toIpv4(parsed) : parsed;
  for (const subnet of subnets) {
    let candidate = ip;
    if (ip.kind !== subnet.network.kind) {
      if (subnet.network.kind === 'ipv4') continue; // a native IPv6 address never matches an IPv4 range
      if (!(subnet.bits >= 96 && isIpv4Mapped(subnet.network))) continue; // an IPv6 range spans IPv4 only as a mapped range covering ::ffff:
      candidate = toIpv4Mapped(ip);
    } else if (ip.kind === 'ipv6' && isIpv4Mapped(subnet.network)) {
      continue; // a native IPv6 candidate cannot match an IPv4-mapped range
    }
    if (ipaddrMatch(candidate, subnet.network, subnet.bits)) return subnet;
  }
  return null;
}

/** What Express's parser makes of an address text, for a step: the text, and how it reads when that differs. */
function describe(text: string): string {
  const parsed = ipaddrParse(text);
  if (!parsed) return quote(text);
  const read = ipaddrText(isIpv4Mapped(parsed) ? toIpv4(parsed) : parsed);
  return read === text ? quote(text) : `${quote(text)} (read as ${read})`;
}

/** Warnings about the answer itself: text that is no address, or an address other software reads differently. */
function answerIssues(answer: string, issues: ExpressResult['issues']): void {
  const parsed = ipaddrParse(answer);
  if (!parsed) {
    const withPort = parseHostEntry(answer).ok;
    issues.push({
      input: 'headers',
      message: withPort
        ? `req.ip is ${quote(answer)}, an address with a port: Express's parser (ipaddr.js) reads no ports, so proxy-addr neither trusts the entry nor drops its port, and returns it as it is.`
        : `req.ip is ${quote(answer)}, which is not an IP address: proxy-addr cannot read it, does not trust it, and returns the text as it is.`,
    });
  } else if (!parseIp(answer).ok) {
    issues.push({
      input: 'headers',
      message: `req.ip is ${quote(answer)}, which Express's parser (ipaddr.js) reads as ${ipaddrText(isIpv4Mapped(parsed) ? toIpv4(parsed) : parsed)}; other software reads that text as another address or refuses it.`,
    });
  }
}

/** Names the range that trusted an address: the entry, and the name it came from. */
function rangeName(subnet: Subnet): string {
  return subnet.name ? `${subnet.name} ${subnet.entry}` : subnet.entry;
}

/** Tells a list walk: each visited address, the first and last ones only when there are many. */
function tellVisits(addrs: readonly string[], trustedBy: readonly (Subnet | null)[], steps: string[]): void {
  const last = trustedBy.length - 1;
  for (let i = 0; i <= last; i++) {
    if (i >= STEPS_AT_EACH_END && i <= last - STEPS_AT_EACH_END) {
      if (i === STEPS_AT_EACH_END) steps.push(`… ${last + 1 - 2 * STEPS_AT_EACH_END} more addresses, each trusted, walked the same way …`);
      continue;
    }
    const text = addrs[i]!;
    const who = i === 0 ? `The peer ${describe(text)}` : `Entry ${describe(text)}`;
    const subnet = trustedBy[i];
    if (subnet) steps.push(`${who} is trusted (in ${rangeName(subnet)}).`);
    else
      steps.push(
        ipaddrParse(text) ? `${who} is not trusted.` : `${who} is not an IP address to ipaddr.js, so proxy-addr does not trust it.`,
      );
  }
}

/**
 * Answers as Express's `req.ip` does with `app.set('trust proxy', trust)`.
 * Never throws: where Express throws (a setting proxy-addr cannot compile), the answer is null with a warning.
 */
export function resolveExpress(remoteAddr: unknown, headers: HeaderInput | undefined, trust: unknown): ExpressResult {
  const steps: string[] = [];
  const issues: ExpressResult['issues'] = [];
  const result = (clientIp: string | null): ExpressResult => ({ clientIp, steps, issues });

  if (trust === undefined) issues.push({ input: 'trust', message: 'No trust proxy setting was given: Express’s default, false, is used.' });
  const compiled = compileSetting(trust === undefined ? false : trust, steps);
  if (!compiled.ok) {
    steps.push(
      `proxy-addr throws TypeError “${compiled.error.split(':')[0]}” for entry ${quote(compiled.entry)}, so app.set('trust proxy', …) throws.`,
    );
    issues.push({
      input: 'trust',
      message: `Express refuses this trust proxy setting: entry ${quote(compiled.entry)} makes proxy-addr throw TypeError “${compiled.error.split(':')[0]}”. ${compiled.hint}.`,
    });
    return result(null);
  }

  const peer = typeof remoteAddr === 'string' ? remoteAddr.trim() : '';
  if (!ipaddrParse(peer)) {
    issues.push({
      input: 'remoteAddr',
      message:
        peer === ''
          ? 'The remote address is empty.'
          : `The remote address ${quote(peer)} is not an IP address as Express reads it; Node reports the TCP peer as a bare address, without a port.`,
    });
    return result(null);
  }
  steps.push(`The TCP peer (req.socket.remoteAddress) is ${describe(peer)}.`);

  const lines = headerLines(headers, 'X-Forwarded-For');
  if (lines.length > 1) steps.push(`Node joins the ${lines.length} X-Forwarded-For lines with “, ” into one value.`);
  const entries = forwardedEntries(lines.join(', '));
  if (lines.length > 0) {
    steps.push(
      `proxy-addr reads X-Forwarded-For with the forwarded package (split at commas, spaces around entries dropped, empty entries skipped): ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}.`,
    );
  }
  // proxy-addr's list: the peer first, then the entries from right to left. It returns the first address it does not
  // trust, and the leftmost one, untested, when it trusts every address before it.
  const addrs = [peer, ...entries];
  const setting = compiled.trust;
  let chosen: number;
  let leftmostTrusted: boolean;
  if (setting.kind === 'list') {
    const trustedBy: (Subnet | null)[] = [];
    do trustedBy.push(trustingSubnet(addrs[trustedBy.length]!, setting.subnets));
    while (trustedBy.length < addrs.length && trustedBy.at(-1));
    chosen = Math.min(trustedBy.length - 1, addrs.length - 1);
    leftmostTrusted = trustedBy.length === addrs.length && trustedBy.at(-1) !== null;
    tellVisits(addrs, trustedBy, steps);
  } else {
    const below = setting.kind === 'all' ? Infinity : setting.below;
    // i < below holds for i = 0 … ceil(below) - 1: the first position where it fails is the answer, or the leftmost entry.
    const firstUntrusted = Number.isNaN(below) || below <= 0 ? 0 : Math.ceil(below);
    chosen = Math.min(firstUntrusted, addrs.length - 1);
    leftmostTrusted = firstUntrusted > addrs.length - 1;
    if (setting.kind === 'hops' && !Number.isInteger(below)) issues.push({ input: 'trust', message: oddHopCount(below) });
    if (chosen > 0) {
      const others = chosen - 1;
      steps.push(
        others === 0
          ? 'The peer is trusted without being read.'
          : `The peer and the next ${others} ${others === 1 ? 'entry are' : 'entries are'} trusted without being read.`,
      );
    }
  }

  const answer = addrs[chosen]!;
  if (entries.length === 0) steps.push('There is no X-Forwarded-For entry: req.ip is the peer.');
  else if (chosen === 0) steps.push('The peer is not trusted, so X-Forwarded-For is ignored: req.ip is the peer.');
  else if (leftmostTrusted) steps.push(`Every address is trusted, so req.ip is the leftmost entry, ${describe(answer)}.`);
  else steps.push(`req.ip is the first address from the right that is not trusted: ${describe(answer)}.`);

  if (setting.kind === 'all') {
    issues.push({
      input: 'trust',
      message: 'trust proxy = true trusts every address: req.ip is the leftmost X-Forwarded-For entry, which the client writes.',
    });
  } else if (entries.length > 0 && leftmostTrusted) {
    issues.push({
      input: 'trust',
      message: 'Every address in the chain is trusted: req.ip is the leftmost entry, which the client can forge.',
    });
  }
  if (chosen > 0) answerIssues(answer, issues);
  return result(answer);
}

/** Explains a hop count that is not a whole non-negative number: Express compiles it anyway, as i < n. */
function oddHopCount(below: number): string {
  if (Number.isNaN(below)) return 'trust proxy is NaN: i < NaN never holds, so nothing is trusted.';
  if (below === Infinity) return 'trust proxy = Infinity trusts every address, as true does.';
  if (below < 0) return `trust proxy = ${below} trusts nothing: i < ${below} never holds.`;
  return `trust proxy = ${below} is not a whole number: Express trusts the positions below it, ${Math.ceil(below)} addresses.`;
}
