/**
 * haproxy-ingress: the global ConfigMap keys `forwardfor` and `use-proxy-protocol`. Read in jcmoraisjr/haproxy-ingress
 * at tag v0.16.1 (commit 5cda817e35489ea12ba2ad2bf31857a7c7eb3b96): docs/content/en/docs/configuration/keys.md
 * (Forwardfor, Proxy protocol), rootfs/etc/templates/haproxy/haproxy.tmpl (the "sourceIP" block and `bind ...
 * accept-proxy`), pkg/converters/ingress/annotations/global.go (buildGlobalForwardFor) and mapper.go (Bool).
 *
 * The "sourceIP" block, per forwardfor: `add` sets X-Original-Forwarded-For to `%[hdr(x-forwarded-for)]` when an
 * X-Forwarded-For was received, deletes X-Forwarded-For and adds it anew (`option forwardfor`); `update` adds a
 * line to the received ones (`option forwardfor`); `ifmissing` adds one only when none was received
 * (`option forwardfor if-none`); `ignore` leaves it alone. X-Real-IP is set to `%[src]` in every mode
 * (`real-ip-hdr`, default X-Real-IP). `hdr()` reads the last comma-separated value of the last line, so
 * X-Original-Forwarded-For keeps only the rightmost received entry: HAProxy's documented req.hdr behaviour,
 * observed on HAProxy 2.6 with this block.
 *
 * A connection without a PROXY header at an accept-proxy bind is reset, not closed: HAProxy reads the header with
 * recv(MSG_PEEK) and consumes it only once it parsed (haproxy/haproxy v2.6.0 src/connection.c, conn_recv_proxy:
 * `eat_header`), so on failure it closes with the request still unread, and Linux answers that close with RST.
 * Observed in the lab (gateway-haproxy-ingress, sender=client) on HAProxy 2.6.12; behind an L4 proxy the client sees
 * that proxy's close instead.
 *
 * The client is HAProxy's `src`: the PROXY source with use-proxy-protocol, else the TCP peer. The headers reported
 * are X-Forwarded-For, X-Real-IP and X-Original-Forwarded-For as the app receives them.
 */
import { headerLines } from '../forwarded-list.ts';
import { readChoice, readObject } from './config.ts';
import type { GatewayForward } from './index.ts';
import { readAddress, readProxySource, sentHeaders, type SentLine } from './sent-headers.ts';
import { GatewayConfigError, type GatewayResult } from './types.ts';

/** The `forwardfor` values (global.go's forwardRegex). */
export const forwardforModes = ['add', 'update', 'ignore', 'ifmissing'] as const;

/** One of the `forwardfor` values. */
export type ForwardforMode = (typeof forwardforModes)[number];

/** haproxy-ingress's client-IP settings after validation. */
export interface HaproxyIngressSettings {
  forwardfor: ForwardforMode;
  useProxyProtocol: boolean;
}

/** The spellings Go's strconv.ParseBool accepts, which haproxy-ingress uses for boolean ConfigMap values. */
const parseBoolValues: Record<string, boolean> = {
  '1': true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};

/**
 * Reads the ConfigMap keys. haproxy-ingress itself falls back to `add` on an unknown forwardfor value (with a
 * warning) and to false on an unparsable boolean; the model refuses both instead of answering for a silent default.
 */
export function readHaproxyIngressConfig(config: unknown): HaproxyIngressSettings {
  const keys = readObject(config, '', {
    forwardfor: 'read',
    'use-proxy-protocol': 'read',
    'original-forwarded-for-hdr': 'not-modelled',
    'real-ip-hdr': 'not-modelled',
  });
  const forwardfor = readChoice(keys, '', 'forwardfor', forwardforModes, 'add');
  const raw = keys['use-proxy-protocol'];
  let useProxyProtocol = false;
  if (typeof raw === 'boolean') useProxyProtocol = raw;
  else if (typeof raw === 'string' && Object.hasOwn(parseBoolValues, raw)) useProxyProtocol = parseBoolValues[raw]!;
  else if (raw !== undefined) {
    throw new GatewayConfigError('invalid-value', 'use-proxy-protocol', `must be "true" or "false", not ${JSON.stringify(raw)}.`);
  }
  return { forwardfor, useProxyProtocol };
}

/**
 * The frontend lines haproxy.tmpl's "sourceIP" block renders for the settings, with the default header names
 * (original-forwarded-for-hdr X-Original-Forwarded-For, real-ip-hdr X-Real-IP); the model's behaviour follows them.
 */
export function haproxyIngressSourceIpLines(settings: HaproxyIngressSettings): string[] {
  const forwardfor: Record<ForwardforMode, string[]> = {
    add: [
      'http-request set-header X-Original-Forwarded-For %[hdr(x-forwarded-for)] if { hdr(x-forwarded-for) -m found }',
      'http-request del-header x-forwarded-for',
      'option forwardfor',
    ],
    update: ['option forwardfor'],
    ifmissing: ['option forwardfor if-none'],
    ignore: [],
  };
  return [...forwardfor[settings.forwardfor], 'http-request set-header X-Real-IP %[src]'];
}

/** The `bind` parameter use-proxy-protocol adds to the HTTP and HTTPS binds. */
export function haproxyIngressBindParameter(settings: HaproxyIngressSettings): '' | ' accept-proxy' {
  return settings.useProxyProtocol ? ' accept-proxy' : '';
}

/** HAProxy's `hdr(name)` outside an ACL: the last comma-separated value of the last line, trimmed. */
export function haproxyLastHeaderValue(lines: readonly string[]): string | null {
  const last = lines.at(-1);
  return last === undefined ? null : last.split(',').at(-1)!.trim();
}

/** haproxy-ingress's answer for one request (see the module comment); throws GatewayConfigError on a bad configuration. */
export const forwardThroughHaproxyIngress: GatewayForward = (request): GatewayResult => {
  const settings = readHaproxyIngressConfig(request.config);
  const peer = readAddress(request.peer, 'peer');
  const proxySource = readProxySource(request.proxyProtocolSource);
  if (settings.useProxyProtocol && proxySource === undefined) {
    return {
      clientIp: null,
      rejected: {
        reset: true,
        reason:
          'use-proxy-protocol puts accept-proxy on the HTTP binds: HAProxy requires a PROXY header and closes a connection without one with the request unread, so the connection is reset and no response is sent.',
      },
      upstreamHeaders: {},
      steps: ['The bind expects a PROXY header (accept-proxy); this connection sent none, so HAProxy closes it unread: a reset.'],
    };
  }
  if (!settings.useProxyProtocol && proxySource !== undefined) {
    return {
      clientIp: null,
      rejected: {
        status: 400,
        reason: 'the bind has no accept-proxy: HAProxy reads the PROXY line as a malformed request line and answers 400.',
      },
      upstreamHeaders: {},
      steps: ['A PROXY header reached a bind without accept-proxy: 400 Bad Request.'],
    };
  }
  const src = proxySource ?? peer;
  const steps = [
    proxySource === undefined
      ? `src is the TCP peer ${peer}.`
      : `accept-proxy: src is the PROXY source ${proxySource} (the TCP peer is ${peer}).`,
  ];
  const received = headerLines(request.headers, 'x-forwarded-for');
  const lines: SentLine[] = [];
  let original = headerLines(request.headers, 'x-original-forwarded-for');
  switch (settings.forwardfor) {
    case 'add': {
      const last = haproxyLastHeaderValue(received);
      if (last !== null) {
        original = [last];
        steps.push(
          `forwardfor add: X-Original-Forwarded-For is set to hdr(x-forwarded-for), the last received entry: ${JSON.stringify(last)}.`,
        );
      } else if (original.length > 0) {
        steps.push('forwardfor add: no X-Forwarded-For was received, so a received X-Original-Forwarded-For passes unchanged.');
      }
      lines.push(['x-forwarded-for', src]);
      steps.push(`The received X-Forwarded-For is deleted and option forwardfor adds ${src}.`);
      break;
    }
    case 'update':
      for (const value of received) lines.push(['x-forwarded-for', value]);
      lines.push(['x-forwarded-for', src]);
      steps.push(`forwardfor update: option forwardfor adds a line with ${src} after the received ones.`);
      break;
    case 'ifmissing':
      for (const value of received) lines.push(['x-forwarded-for', value]);
      if (received.length === 0) lines.push(['x-forwarded-for', src]);
      steps.push(
        received.length === 0
          ? `forwardfor ifmissing: none received, so ${src} is added.`
          : 'forwardfor ifmissing: the received X-Forwarded-For passes unchanged.',
      );
      break;
    case 'ignore':
      for (const value of received) lines.push(['x-forwarded-for', value]);
      steps.push('forwardfor ignore: X-Forwarded-For passes as received.');
      break;
  }
  lines.push(['x-real-ip', src]);
  steps.push(`X-Real-IP is set to src: ${src}.`);
  for (const value of original) lines.push(['x-original-forwarded-for', value]);
  return { clientIp: src, ...sentHeaders(lines), steps };
};
