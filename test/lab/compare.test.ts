/** The lab's comparison (lab/compare.ts): curl's exit codes as failure kinds (curl's man page, "EXIT CODES"), and a failure of the wrong kind failing its case. */
import { describe, expect, it } from 'vitest';
import type { Check } from '../../lab/cases.ts';
import { curlFailure, observe, verdict } from '../../lab/compare.ts';

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
