/** The lab's comparison (lab/compare.ts): curl's exit codes as failure kinds (curl's man page, "EXIT CODES"), and a failure of the wrong kind failing its case. */
import { describe, expect, it } from 'vitest';
import type { Check } from '../../lab/cases.ts';
import { curlFailure, expectation, observe, verdict } from '../../lab/compare.ts';

describe('curlFailure', () => {
  it('maps the exit codes the lab meets to failure kinds', () => {
    expect(curlFailure(28)).toEqual({ kind: 'timeout' }); // Operation timeout
    expect(curlFailure(52)).toEqual({ kind: 'empty-reply' }); // The server did not reply anything
    expect(curlFailure(56)).toEqual({ kind: 'reset' }); // Failure in receiving network data
    expect(curlFailure(35)).toEqual({ kind: 'reset' }); // SSL connect error
    expect(curlFailure(7)).toEqual({ kind: 'refused' }); // Failed to connect to host
    expect(curlFailure(6)).toBeNull();
  });
});

describe('verdict', () => {
  const check: Check = { kind: 'connection-fails', failure: { kind: 'timeout' }, why: 'test' };
  const timeout = observe('', 28, 'trace');
  const status400 = observe('<html>400</html>\n__STATUS__400', 0, 'trace');
  const emptyReply = observe('', 52, 'trace');

  it('passes a failure of the predicted kind', () => {
    expect(verdict(check, timeout, { delivered: false, failure: { kind: 'timeout' } }).pass).toBe(true);
    expect(verdict(check, status400, { delivered: false, failure: { kind: 'http-status', status: 400 } }).pass).toBe(true);
  });

  it('fails a timeout where the model says HTTP 400, and the other way round', () => {
    expect(verdict(check, timeout, { delivered: false, failure: { kind: 'http-status', status: 400 } })).toEqual({
      pass: false,
      reason: 'model says not delivered (HTTP 400), lab saw not delivered (timeout)',
    });
    expect(verdict(check, status400, { delivered: false, failure: { kind: 'timeout' } }).pass).toBe(false);
  });

  it('fails an empty reply where the model says 502, and one status for another', () => {
    expect(verdict(check, emptyReply, { delivered: false, failure: { kind: 'http-status', status: 502 } }).pass).toBe(false);
    expect(verdict(check, status400, { delivered: false, failure: { kind: 'http-status', status: 503 } }).pass).toBe(false);
  });
});

describe('observe: the health check node port', () => {
  // The body kube-proxy's health check server writes (kubernetes v1.37.2 pkg/proxy/healthcheck/service_health.go,
  // hcHandler.ServeHTTP), as it answered in the lab.
  const body =
    '{\n\t"service": {\n\t\t"namespace": "default",\n\t\t"name": "svc"\n\t},\n\t"localEndpoints": 0,\n\t"serviceProxyHealthy": true\n}';

  it('reads status and localEndpoints from the JSON body', () => {
    expect(observe(`${body}\n__STATUS__503`, 0, 'health')).toMatchObject({ delivered: true, status: 503, localEndpoints: 0 });
  });

  it('fails a health case whose localEndpoints differ, even with the expected status', () => {
    const check: Check = { kind: 'health', scenario: 'loadbalancer', params: {} };
    const seen = observe(`${body}\n__STATUS__503`, 0, 'health');
    expect(verdict(check, seen, { delivered: true, status: 503, localEndpoints: 0 }).pass).toBe(true);
    expect(verdict(check, seen, { delivered: true, status: 503, localEndpoints: 1 }).pass).toBe(false);
    expect(verdict(check, observe('not json\n__STATUS__503', 0, 'health'), { delivered: true, status: 503, localEndpoints: 0 }).pass).toBe(
      false,
    );
  });
});

describe('a gateway case: the gateway’s own client and the headers it sends', () => {
  // Traefik v3.6.12 pkg/server/server_entrypoint_tcp.go: an entry point without proxyProtocol hands the PROXY line to
  // Go's HTTP server, which answers 400 to the malformed request line.
  const check: Check = {
    kind: 'gateway',
    path: '/traefik-0',
    request: { implementation: 'traefik', config: {}, peer: '203.0.113.7', proxyProtocolSource: '203.0.113.7' },
  };
  // netexec's /header answers json.Marshal(r.Header): canonical names, each name's lines in order
  // (k8s.io/kubernetes@v1.37.2 test/images/agnhost/netexec/netexec.go, headerHandler).
  const echo = (xff: string) =>
    `${JSON.stringify({ 'X-Forwarded-For': [xff], 'X-Real-Ip': ['198.18.10.7'], 'User-Agent': ['curl/7.88.1'] })}\n__STATUS__200`;

  it('expects HTTP 400 where the model rejects with 400, and passes the lab’s 400', () => {
    const expected = expectation(check);
    expect(expected).toEqual({ delivered: false, failure: { kind: 'http-status', status: 400 } });
    expect(verdict(check, observe('400 Bad Request\n__STATUS__400', 0, 'gateway'), expected).pass).toBe(true);
  });

  it('compares clientIp, X-Forwarded-For and X-Real-Ip, not the app’s peer', () => {
    const plain: Check = { ...check, request: { implementation: 'traefik', config: {}, peer: '203.0.113.7' } };
    const expected = expectation(plain);
    expect(expected).toEqual({
      delivered: true,
      clientIp: '198.18.10.7',
      xForwardedFor: ['198.18.10.7'],
      xRealIp: '198.18.10.7',
      xOriginalForwardedFor: null,
    });
    const seen = { ...observe(echo('198.18.10.7'), 0, 'gateway'), clientIp: '198.18.10.7' };
    expect(verdict(plain, seen, expected)).toEqual({ pass: true, reason: 'same addresses' });
    expect(verdict(plain, { ...seen, clientIp: '198.18.20.2' }, expected).pass).toBe(false);
    expect(verdict(plain, { ...observe(echo('198.18.10.66, 198.18.10.7'), 0, 'gateway'), clientIp: '198.18.10.7' }, expected).pass).toBe(
      false,
    );
  });

  it('reads the gateway’s own client from the lab header and compares X-Original-Forwarded-For', () => {
    const haproxy: Check = {
      kind: 'gateway',
      path: '/x',
      request: { implementation: 'haproxy-ingress', config: {}, peer: '203.0.113.7', headers: { 'x-forwarded-for': '203.0.113.66' } },
    };
    const expected = expectation(haproxy);
    expect(expected.xOriginalForwardedFor).toEqual(['198.18.10.66']);
    const body = (original: string) =>
      `${JSON.stringify({
        'X-Lab-Gateway-Client': ['198.18.10.7'],
        'X-Original-Forwarded-For': [original],
        'X-Real-Ip': ['198.18.10.7'],
        'X-Forwarded-For': ['198.18.10.7'],
      })}\n__STATUS__200`;
    const seen = observe(body('198.18.10.66'), 0, 'gateway');
    expect(seen.clientIp).toBe('198.18.10.7');
    expect(verdict(haproxy, seen, expected)).toEqual({ pass: true, reason: 'same addresses' });
    expect(verdict(haproxy, observe(body('198.18.10.7'), 0, 'gateway'), expected).pass).toBe(false);
  });
});
