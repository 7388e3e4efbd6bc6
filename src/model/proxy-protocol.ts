/**
 * A listener's side of the PROXY protocol (HAProxy spec): both ends must agree.
 * facts.md §1.
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
