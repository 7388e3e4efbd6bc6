/**
 * The failure a client sees when the request never reaches the app (src/model/failure.ts), by hand:
 * - kube-proxy's "has no local endpoints" rule is a filter DROP (k8s.io/kubernetes v1.37.2
 *   pkg/proxy/iptables/proxier.go lines 906-915):
 *   nothing answers, curl exits 28.
 * - nginx with `listen ... proxy_protocol` and a plain request: "broken header", connection closed without response
 *   (nginx src/core/ngx_proxy_protocol.c, src/http/ngx_http_request.c): curl exits 52.
 * - nginx without proxy_protocol and a PROXY line: the request line is invalid, 400 Bad Request
 *   (nginx src/http/ngx_http_request.c, ngx_http_process_request_line finalizes a request line it cannot parse with NGX_HTTP_BAD_REQUEST).
 * - HAProxy with `bind ... accept-proxy` and a plain request: it peeks for the PROXY header and closes with the request
 *   unread (haproxy v2.6.0 src/connection.c, conn_recv_proxy), so the kernel resets the connection: curl exits 56.
 * - HAProxy (docs/configuration.txt, "HTTP status codes"): 503 when no server could be reached, 502 when the server
 *   closed or answered an invalid response; in `mode tcp` it has no status to send and closes the client connection.
 */
import { describe, expect, it } from 'vitest';
import { clientFailureKinds, describeFailure, expectedFailure, failureAtDrop, throughProxy } from '../../src/model/failure.ts';
import { dropCodes } from '../../src/model/index.ts';
import { traced } from './helpers.ts';

describe('failureAtDrop', () => {
  const byHand: Record<(typeof dropCodes)[number], string> = {
    'no-local-endpoint': 'timeout',
    // cilium v1.20.2 bpf/lib/lb.h tail_no_service_ipv4: generate_icmp4_reply(ctx, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH),
    // compiled in by serviceNoBackendResponse: reject (install/kubernetes/cilium/values.yaml, its default); Linux turns
    // ICMP port unreachable for a connecting TCP socket into ECONNREFUSED (net/ipv4/icmp.c icmp_err_convert): curl exits 7.
    'no-local-endpoint-reject': 'refused',
    'reply-bypasses-entry-node': 'timeout',
    'proxy-protocol-missing': 'empty-reply',
    'proxy-protocol-missing-reset': 'reset',
    'proxy-protocol-unexpected': 'HTTP 400',
    // Linux drops a packet from the wire whose source is one of its own addresses (fib_validate_source: a martian
    // source); AWS's NLB troubleshooting page: requests from a target to its own NLB with client IP preservation time out.
    'load-balancer-loopback': 'timeout',
  };
  it.each(dropCodes.map((code) => [code] as const))('%s has a failure written by hand here', (code) => {
    expect(byHand[code], `no hand-written failure for ${code}`).toBeDefined();
    expect(describeFailure(failureAtDrop(code).failure)).toBe(byHand[code]);
    expect(failureAtDrop(code).why.length).toBeGreaterThan(20);
  });
});

describe('throughProxy', () => {
  it('an L7 proxy answers 503 for a server it cannot reach and 502 for one that closes, and passes a status on', () => {
    expect(throughProxy({ kind: 'timeout' }, 'l7-proxy')).toEqual({ kind: 'http-status', status: 503 });
    expect(throughProxy({ kind: 'refused' }, 'l7-proxy')).toEqual({ kind: 'http-status', status: 503 });
    expect(throughProxy({ kind: 'empty-reply' }, 'l7-proxy')).toEqual({ kind: 'http-status', status: 502 });
    expect(throughProxy({ kind: 'reset' }, 'l7-proxy')).toEqual({ kind: 'http-status', status: 502 });
    expect(throughProxy({ kind: 'http-status', status: 400 }, 'l7-proxy')).toEqual({ kind: 'http-status', status: 400 });
  });
  it('an L4 proxy closes the client connection for a failed onward one, and passes bytes on', () => {
    for (const kind of ['timeout', 'refused', 'reset', 'empty-reply'] as const)
      expect(throughProxy({ kind }, 'l4-proxy')).toEqual({ kind: 'empty-reply' });
    expect(throughProxy({ kind: 'http-status', status: 400 }, 'l4-proxy')).toEqual({ kind: 'http-status', status: 400 });
  });
});

describe('expectedFailure on traces', () => {
  const local = { externalTrafficPolicy: 'Local', entry: 'node-without-endpoint' };
  it.each([
    ['nodeport', local, 'timeout'],
    ['loadbalancer', { ...local, lb: 'l4-passthrough' }, 'timeout'],
    ['loadbalancer', { ...local, lb: 'l7-http' }, 'HTTP 503'],
    ['loadbalancer', { ...local, lb: 'l4-proxy' }, 'empty-reply'],
    ['loadbalancer', { lb: 'l4-proxy' }, null],
    ['ingress', { lb: 'l4-passthrough', useProxyProtocol: 'true' }, 'empty-reply'],
    ['gateway', { implementation: 'haproxy-ingress', clientIPDetection: 'proxy-protocol', lb: 'l4-passthrough' }, 'reset'],
    ['gateway', { implementation: 'haproxy-ingress', clientIPDetection: 'proxy-protocol', lb: 'l4-proxy' }, 'empty-reply'],
    ['gateway', { implementation: 'haproxy-ingress', clientIPDetection: 'proxy-protocol', lb: 'l7-http' }, 'HTTP 502'],
    ['ingress', { lb: 'l4-proxy', useProxyProtocol: 'true' }, 'empty-reply'],
    ['ingress', { lb: 'l7-http', useProxyProtocol: 'true' }, 'HTTP 502'],
    ['ingress', { lb: 'l4-proxy-protocol' }, 'HTTP 400'],
    ['ingress', { lb: 'l4-proxy-protocol', useProxyProtocol: 'true' }, null],
    ['ingress', { ...local, lb: 'l7-http' }, 'HTTP 503'],
  ] as const)('%s %o: %s', (scenario, params, expected) => {
    const failure = expectedFailure(traced(scenario, params));
    expect(failure && describeFailure(failure)).toBe(expected);
  });

  it('distinguishes the kinds: a 400 is not a timeout', () => {
    expect(new Set(clientFailureKinds).size).toBe(5);
    expect(expectedFailure(traced('ingress', { lb: 'l4-proxy-protocol' }))).not.toEqual(expectedFailure(traced('nodeport', local)));
  });
});
