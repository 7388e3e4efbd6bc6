/**
 * One Envoy listener as the Envoy-based gateways configure it: an optional
 * PROXY protocol listener filter in front of the HTTP connection manager
 * (../envoy). Shared by `envoy`, `envoy-gateway`, `istio`, `cilium` and
 * `kgateway`, which differ only in the HcmConfig and filter they generate.
 *
 * The PROXY filter (Envoy v1.39.0 source/extensions/filters/listener/proxy_protocol/proxy_protocol.cc,
 * docs configuration/listeners/listener_filters/proxy_protocol.rst): with the filter, the header's source
 * becomes the connection's peer; a connection without a header is closed (no HTTP response) unless
 * `allow_requests_without_proxy_protocol` is true. Without the filter, the PROXY line reaches the HTTP/1
 * codec as a request line it cannot parse, and the codec answers with its protocol-error code, 400
 * (source/common/http/http1/codec_impl.h: `error_code_{Http::Code::BadRequest}`; codec_impl.cc sendProtocolError).
 */
import { envoyMutateRequest, type HcmConfig } from '../envoy/index.ts';
import { parseEnvoyAddress } from '../envoy/address.ts';
import { GatewayConfigError, type GatewayRequest, type GatewayResult } from './types.ts';

/** A PROXY protocol listener filter in front of the connection manager. */
export interface ProxyProtocolFilter {
  /** Envoy's `allow_requests_without_proxy_protocol`: accept connections that send no PROXY header. Default false. */
  allowRequestsWithoutProxyProtocol: boolean;
}

/** What one Envoy-based gateway generates for its listener: the connection manager's settings and the PROXY filter, if any. */
export interface EnvoyListener {
  hcm: HcmConfig;
  proxyProtocol: ProxyProtocolFilter | null;
}

/** Reads an address field of the request (peer, proxyProtocolSource) as Envoy would hold it, or throws invalid-value. */
function requestAddress(value: unknown, path: string): string {
  const parsed = typeof value === 'string' ? parseEnvoyAddress(value.trim()) : null;
  if (!parsed?.ok) {
    throw new GatewayConfigError(
      'invalid-value',
      path,
      `must be an IP address${parsed && !parsed.ok ? ` (${parsed.reason})` : ''}, not ${JSON.stringify(value)}.`,
    );
  }
  return parsed.address.text;
}

/**
 * Runs one request through an Envoy listener: the PROXY filter decides the peer (or closes the
 * connection), then the connection manager picks the client and writes the client-IP headers.
 * `name` is the implementation as the steps call it.
 */
export function forwardThroughEnvoyListener(request: GatewayRequest, listener: EnvoyListener, name: string): GatewayResult {
  const tcpPeer = requestAddress(request.peer, 'peer');
  const ppSource =
    request.proxyProtocolSource === undefined ? undefined : requestAddress(request.proxyProtocolSource, 'proxyProtocolSource');
  const steps: string[] = [];
  let peer = tcpPeer;
  if (listener.proxyProtocol) {
    if (ppSource !== undefined) {
      peer = ppSource;
      steps.push(
        `${name}'s PROXY protocol listener filter reads the header: the peer becomes ${ppSource} (the TCP source was ${tcpPeer}).`,
      );
    } else if (listener.proxyProtocol.allowRequestsWithoutProxyProtocol) {
      steps.push(`No PROXY header; the PROXY listener filter allows connections without one, so the peer stays ${tcpPeer}.`);
    } else {
      steps.push(`${name}'s listener requires a PROXY header and none came: Envoy closes the connection without a response.`);
      return {
        clientIp: null,
        rejected: { reason: 'The listener requires a PROXY protocol header and the connection sent none: Envoy closes it.' },
        upstreamHeaders: {},
        steps,
      };
    }
  } else if (ppSource !== undefined) {
    steps.push(
      `A PROXY header reaches ${name}'s listener, which has no PROXY protocol filter: the HTTP/1 codec cannot parse it as a request line and answers 400.`,
    );
    return {
      clientIp: null,
      rejected: {
        status: 400,
        reason: 'A PROXY protocol header reached a listener without the PROXY filter: Envoy answers 400 Bad Request.',
      },
      upstreamHeaders: {},
      steps,
    };
  }

  const result = envoyMutateRequest({ peer, headers: request.headers, config: listener.hcm });
  if (result.configError !== null) {
    // The implementations' own mappings never produce a configuration Envoy refuses; raw `envoy` values are checked before.
    throw new GatewayConfigError('invalid-value', 'config', `Envoy refuses this configuration: ${result.configError}`);
  }
  steps.push(...result.steps, ...result.warnings.map((warning) => `Note: ${warning}`));
  if (result.rejected) {
    return {
      clientIp: null,
      rejected: {
        status: result.rejected.status,
        reason: `The custom-header extension found no client address and refuses the request with ${result.rejected.status}.`,
      },
      upstreamHeaders: {},
      steps,
    };
  }
  const upstreamHeaders: Record<string, string> = {};
  for (const [header, value] of Object.entries(result.upstreamHeaders)) {
    if (value !== undefined) upstreamHeaders[header] = value;
  }
  return { clientIp: result.clientIp, upstreamHeaders, steps };
}
