/**
 * Shared plumbing of the gateways modelled as policies of their own (NGINX
 * Gateway Fabric, Traefik, haproxy-ingress): the request's addresses checked,
 * and the headers sent upstream turned into the answer's two forms.
 */
import { parseIp } from '../ip.ts';
import type { GatewayResult } from './types.ts';
import { GatewayConfigError } from './types.ts';

/** One header line as sent upstream: the name in lower case and its value. */
export type SentLine = [name: string, value: string];

/**
 * The answer's header fields from the lines sent upstream, in order: `upstreamHeaders` joins the lines of one
 * name with ", "; `upstreamHeaderLines` (the wire form) is given only when some header goes as several lines.
 */
export function sentHeaders(lines: readonly SentLine[]): Pick<GatewayResult, 'upstreamHeaders' | 'upstreamHeaderLines'> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of lines) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  const upstreamHeaders: Record<string, string> = {};
  for (const [name, values] of grouped) upstreamHeaders[name] = values.join(', ');
  const severalLines = [...grouped.values()].some((values) => values.length > 1);
  return severalLines ? { upstreamHeaders, upstreamHeaderLines: lines.map(([n, v]) => [n, v]) } : { upstreamHeaders };
}

/** An address of the request (the peer, the PROXY source): a bare IPv4 or IPv6 address, else a clear error. */
export function readAddress(value: unknown, path: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!parseIp(text).ok) {
    throw new GatewayConfigError('invalid-value', path, `must be an IP address without a port, not ${JSON.stringify(value)}.`);
  }
  return text;
}

/** The PROXY source when one was sent, checked; undefined when the request carries no PROXY header. */
export function readProxySource(value: unknown): string | undefined {
  return value === undefined ? undefined : readAddress(value, 'proxyProtocolSource');
}
