/**
 * A listener's side of the PROXY protocol (HAProxy's proxy-protocol.txt): both ends must agree. nginx answers a PROXY
 * line it does not expect with 400 (ngx_http_parse_request_line) and closes a connection that lacks one it expects
 * (ngx_proxy_protocol_read: "broken header").
 */
import { type Flow, type Place, drop } from './hops.ts';
import { placeNames } from './places.ts';

/**
 * Checks that the listener at `at` and the incoming stream agree on PROXY protocol.
 * Expecting it and getting plain HTTP: "broken header", connection closed with no
 * response. Not expecting it and getting it: the PROXY line is a bad request line, HTTP 400.
 */
export function proxyProtocolListener(flow: Flow, at: Place, expects: boolean): Flow {
  if (flow.drop) return flow;
  const arrives = flow.packet.proxyProtocol !== null;
  if (expects && !arrives) {
    return drop(
      flow,
      at,
      'proxy-protocol-missing',
      `${placeNames[at]} expects a PROXY protocol header but the stream starts with plain HTTP: it logs "broken header" and closes the connection without a response (curl: empty reply).`,
    );
  }
  if (!expects && arrives) {
    return drop(
      flow,
      at,
      'proxy-protocol-unexpected',
      `${placeNames[at]} does not expect PROXY protocol, so it reads the PROXY line as a malformed request line and answers 400 Bad Request.`,
    );
  }
  return flow;
}
