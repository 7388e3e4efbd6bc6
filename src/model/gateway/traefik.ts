/**
 * Traefik: an entry point's `proxyProtocol` and `forwardedHeaders` settings. Read in traefik/traefik at tag
 * v3.6.24 (commit cc336581846996ffbd01b1290fd5b44787bad324): pkg/config/static/entrypoints.go,
 * pkg/server/server_entrypoint_tcp.go (buildProxyProtocolListener), pkg/ip/checker.go,
 * pkg/middlewares/forwardedheaders/forwarded_header.go and pkg/proxy/httputil/proxy.go (the X-Forwarded-For
 * append); github.com/pires/go-proxyproto v0.12.0 (its go.mod) for the PROXY policies.
 * `forwardedHeaders.notAppendXForwardedFor` is read at v3.7.9: v3.6.24 has no such field.
 *
 * The client is the request's RemoteAddr after the PROXY listener: what the access log's ClientAddr and
 * ipAllowList's default strategy use. The headers reported are X-Forwarded-For and X-Real-Ip as the app receives them.
 */
import { headerLines, type HeaderInput } from '../forwarded-list.ts';
import { compileRanges, findRange, parseIp } from '../ip.ts';
import { readBoolean, readCidrList, readObject } from './config.ts';
import type { GatewayForward } from './index.ts';
import { readAddress, readProxySource, sentHeaders, type SentLine } from './sent-headers.ts';
import { GatewayConfigError, type GatewayResult } from './types.ts';

/** An entry point's client-IP settings after validation. */
export interface TraefikSettings {
  forwardedHeaders: { trustedIPs: string[]; insecure: boolean; notAppendXForwardedFor: boolean };
  /** Null when the entry point has no `proxyProtocol` section (a PROXY header is then a malformed request). */
  proxyProtocol: { trustedIPs: string[]; insecure: boolean } | null;
}

/** The X- headers forwarded_header.go manages (XHeadersSet), lower case: an untrusted peer's copies are deleted. */
const managedXHeaders = new Set([
  'x-forwarded-proto',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-server',
  'x-forwarded-uri',
  'x-forwarded-method',
  'x-forwarded-prefix',
  'x-forwarded-tls-client-cert',
  'x-forwarded-tls-client-cert-info',
  'x-real-ip',
]);

/** True for a managed X- header, its underscore spelling (`X_Forwarded_For`, which Go keeps) included. */
export function isManagedXHeader(name: string): boolean {
  return managedXHeaders.has(name.toLowerCase().replaceAll('_', '-'));
}

/**
 * Reads the entry point's `forwardedHeaders` and `proxyProtocol`. An invalid trusted IP fails the entry point in
 * Traefik (ip.NewChecker), and so does a `proxyProtocol` section that is neither insecure nor lists trusted IPs.
 */
export function readTraefikConfig(config: unknown): TraefikSettings {
  const entryPoint = readObject(config, '', { forwardedHeaders: 'read', proxyProtocol: 'read' });
  // `connection` lists hop-by-hop headers to keep; it can never remove a managed X- header (isManagedXHeader).
  const forwarded = readObject(entryPoint.forwardedHeaders, 'forwardedHeaders', {
    trustedIPs: 'read',
    insecure: 'read',
    notAppendXForwardedFor: 'read',
    connection: 'read',
  });
  const connection = forwarded.connection;
  if (connection !== undefined && !(Array.isArray(connection) && connection.every((h) => typeof h === 'string'))) {
    throw new GatewayConfigError('invalid-value', 'forwardedHeaders.connection', 'must be a list of header names.');
  }
  const forwardedHeaders = {
    trustedIPs: readCidrList(forwarded, 'forwardedHeaders', 'trustedIPs') ?? [],
    insecure: readBoolean(forwarded, 'forwardedHeaders', 'insecure', false),
    notAppendXForwardedFor: readBoolean(forwarded, 'forwardedHeaders', 'notAppendXForwardedFor', false),
  };
  if (entryPoint.proxyProtocol === undefined) return { forwardedHeaders, proxyProtocol: null };
  const proxy = readObject(entryPoint.proxyProtocol, 'proxyProtocol', { trustedIPs: 'read', insecure: 'read' });
  const proxyProtocol = {
    trustedIPs: readCidrList(proxy, 'proxyProtocol', 'trustedIPs') ?? [],
    insecure: readBoolean(proxy, 'proxyProtocol', 'insecure', false),
  };
  if (!proxyProtocol.insecure && proxyProtocol.trustedIPs.length === 0) {
    throw new GatewayConfigError(
      'invalid-value',
      'proxyProtocol.trustedIPs',
      'must list at least one address unless insecure is true (Traefik: "no trusted IPs provided").',
    );
  }
  return { forwardedHeaders, proxyProtocol };
}

/** True when the address lies in one of the trusted IPs or CIDRs (ip.Checker.ContainsIP). */
function inList(list: readonly string[], address: string): boolean {
  const parsed = parseIp(address);
  return parsed.ok && findRange(compileRanges(list), parsed.value) !== undefined;
}

/** Go's net.SplitHostPort on a RemoteAddr (`10.0.1.101:80`, `[2001:db8::1]:80`): the host, or null when it is not host:port. */
function splitHostPort(remoteAddr: string): string | null {
  const bracketed = /^\[([^\]]*)\]:[^:]*$/.exec(remoteAddr);
  if (bracketed) return bracketed[1]!;
  const plain = /^([^:[\]]*):[^:]*$/.exec(remoteAddr);
  return plain ? plain[1]! : null;
}

/**
 * The forwarded-headers middleware's effect on a request's client-IP headers (XForwarded.ServeHTTP): unless the
 * entry point is insecure or RemoteAddr (`host:port`, as Go gives it) is a trusted IP, every managed X- header is
 * deleted; X-Real-Ip is set to RemoteAddr's host when empty; X-Forwarded-For's lines are folded into one with ", ".
 * Returns the headers with lower-case names.
 */
export function traefikForwardedHeaders(
  remoteAddr: string,
  headers: HeaderInput | undefined,
  options: { insecure: boolean; trustedIPs: readonly string[] },
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of Object.keys(headers ?? {})) {
    const key = name.toLowerCase();
    if (!(key in out)) out[key] = headerLines(headers, key);
  }
  const host = splitHostPort(remoteAddr) ?? remoteAddr;
  const trusted = options.insecure || (options.trustedIPs.length > 0 && host !== '' && inList(options.trustedIPs, host.split('%')[0]!));
  if (!trusted) {
    for (const key of Object.keys(out)) if (isManagedXHeader(key)) delete out[key];
  }
  const clientHost = splitHostPort(remoteAddr);
  if (clientHost !== null && (out['x-real-ip']?.[0] ?? '') === '') out['x-real-ip'] = [clientHost.split('%')[0]!];
  const xff = out['x-forwarded-for'];
  if (xff && xff.length > 0) out['x-forwarded-for'] = [xff.join(', ')];
  return out;
}

/** Go's RemoteAddr text for an address and a port. */
function goRemoteAddr(address: string): string {
  return address.includes(':') ? `[${address}]:0` : `${address}:0`;
}

/** Traefik's answer for one request (see the module comment); throws GatewayConfigError on a bad configuration. */
export const forwardThroughTraefik: GatewayForward = (request): GatewayResult => {
  const settings = readTraefikConfig(request.config);
  const peer = readAddress(request.peer, 'peer');
  const proxySource = readProxySource(request.proxyProtocolSource);
  const steps: string[] = [];
  let remoteAddr = peer;
  if (settings.proxyProtocol === null) {
    if (proxySource !== undefined) {
      return {
        clientIp: null,
        rejected: {
          status: 400,
          reason:
            'the entry point has no proxyProtocol section: Go’s HTTP server reads the PROXY line as a malformed request and answers 400.',
        },
        upstreamHeaders: {},
        steps: ['A PROXY header reached an entry point without proxyProtocol: 400 Bad Request.'],
      };
    }
  } else {
    const { insecure, trustedIPs } = settings.proxyProtocol;
    const use = insecure || inList(trustedIPs, peer);
    // go-proxyproto: USE takes the header's source when there is one (the header is optional); IGNORE reads and drops it.
    if (proxySource === undefined) steps.push(`No PROXY header; proxyProtocol makes it optional, so RemoteAddr is the peer ${peer}.`);
    else if (use) {
      remoteAddr = proxySource;
      steps.push(
        `The peer ${peer} is ${insecure ? 'accepted (insecure)' : 'a trusted PROXY sender'}: RemoteAddr becomes the PROXY source ${proxySource}.`,
      );
    } else
      steps.push(`The peer ${peer} is not in proxyProtocol.trustedIPs: its PROXY header is read and ignored; RemoteAddr stays ${peer}.`);
  }
  const forwarded = settings.forwardedHeaders;
  const after = traefikForwardedHeaders(goRemoteAddr(remoteAddr), request.headers, forwarded);
  const trusted = forwarded.insecure || inList(forwarded.trustedIPs, remoteAddr);
  steps.push(
    trusted
      ? `RemoteAddr ${remoteAddr} is ${forwarded.insecure ? 'trusted (forwardedHeaders.insecure)' : 'in forwardedHeaders.trustedIPs'}: the received X-Forwarded-* and X-Real-Ip are kept.`
      : `RemoteAddr ${remoteAddr} is not trusted: the received X-Forwarded-* and X-Real-Ip are deleted.`,
  );
  const lines: SentLine[] = [];
  const prior = after['x-forwarded-for'] ?? [];
  if (forwarded.notAppendXForwardedFor) {
    for (const value of prior) lines.push(['x-forwarded-for', value]);
    steps.push('notAppendXForwardedFor (v3.7): RemoteAddr is not appended to X-Forwarded-For.');
  } else {
    // pkg/proxy/httputil: the prior value, ", ", then RemoteAddr's host; RemoteAddr alone when there is none.
    lines.push(['x-forwarded-for', [...prior, remoteAddr].join(', ')]);
    steps.push(`The proxy appends RemoteAddr ${remoteAddr} to X-Forwarded-For.`);
  }
  for (const value of after['x-real-ip'] ?? []) lines.push(['x-real-ip', value]);
  const realIpSet = !trusted || (headerLines(request.headers, 'x-real-ip')[0] ?? '') === '';
  steps.push(
    realIpSet
      ? `X-Real-Ip is set to RemoteAddr ${remoteAddr}.`
      : `X-Real-Ip from the trusted peer passes unchanged: ${(after['x-real-ip'] ?? []).join(', ')}.`,
  );
  return { clientIp: remoteAddr, ...sentHeaders(lines), steps };
};
