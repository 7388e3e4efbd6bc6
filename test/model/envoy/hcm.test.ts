/** src/model/envoy/hcm.ts: the connection manager on inputs Envoy's own suite does not cover. Expectations written by hand from conn_manager_utility.cc and config.cc. */
import { describe, expect, it } from 'vitest';
import { envoyMutateRequest } from '../../../src/model/envoy/hcm.ts';

describe('envoyMutateRequest', () => {
  it('since 1.33 nothing is internal without internal_address_config: a pod peer gets x-envoy-external-address', () => {
    const r = envoyMutateRequest({ peer: '10.244.1.5', headers: { 'x-envoy-internal': 'true' }, config: { useRemoteAddress: true } });
    expect(r.internal).toBe(false);
    expect(r.upstreamHeaders).toEqual({ 'x-forwarded-for': '10.244.1.5', 'x-envoy-external-address': '10.244.1.5' });
  });
  it('use_remote_address false and no extension: X-Forwarded-For is not appended (the default extension skips)', () => {
    const r = envoyMutateRequest({ peer: '192.0.2.2', headers: { 'X-Forwarded-For': '203.0.113.7' }, config: {} });
    expect(r.clientIp).toBe('203.0.113.7');
    expect(r.upstreamHeaders['x-forwarded-for']).toBe('203.0.113.7');
  });
  it('use_remote_address false, N hops, fewer than N+1 entries: the peer', () => {
    const r = envoyMutateRequest({ peer: '192.0.2.2', headers: { 'X-Forwarded-For': '203.0.113.7' }, config: { xffNumTrustedHops: 1 } });
    expect(r.clientIp).toBe('192.0.2.2');
    expect(r.clientSource).toBe('peer');
  });
  it('the XFF extension with an untrusted peer appends the peer even with skip_xff_append unset', () => {
    const r = envoyMutateRequest({
      peer: '203.0.113.9',
      headers: { 'X-Forwarded-For': '198.51.100.1' },
      config: { originalIpDetection: { xff: { xffTrustedCidrs: { cidrs: [{ addressPrefix: '192.0.2.0', prefixLen: 24 }] } } } },
    });
    expect(r.clientIp).toBe('203.0.113.9');
    expect(r.upstreamHeaders['x-forwarded-for']).toBe('198.51.100.1,203.0.113.9');
  });
  it('xff_trusted_cidrs with no readable range counts hops (0): the rightmost entry, whoever the peer', () => {
    const r = envoyMutateRequest({
      peer: '203.0.113.9',
      headers: { 'X-Forwarded-For': '198.51.100.1' },
      config: { originalIpDetection: { xff: { xffTrustedCidrs: { cidrs: [{ addressPrefix: 'bogus', prefixLen: 8 }] } } } },
    });
    expect(r.clientIp).toBe('198.51.100.1');
    expect(r.warnings.join(' ')).toMatch(/skipped/);
  });
  it('refuses configurations Envoy refuses, and a custom header rejection answers its status', () => {
    expect(
      envoyMutateRequest({ peer: '192.0.2.2', config: { useRemoteAddress: true, originalIpDetection: { xff: {} } } }).configError,
    ).toMatch(/may not be mixed/);
    expect(
      envoyMutateRequest({ peer: '192.0.2.2', config: { internalAddressConfig: { cidrRanges: [{ addressPrefix: 'x', prefixLen: 8 }] } } })
        .configError,
    ).toMatch(/internal_address_config/);
    const r = envoyMutateRequest({
      peer: '192.0.2.2',
      config: { originalIpDetection: { customHeader: { headerName: 'x-real-ip', rejectWithStatus: { code: 451 } } } },
    });
    expect(r.rejected).toEqual({ status: 451 });
    expect(r.clientIp).toBeNull();
  });
  it('a bad peer answers nothing and never throws', () => {
    expect(envoyMutateRequest({ peer: 'nonsense', config: {} }).clientIp).toBeNull();
    expect(envoyMutateRequest(undefined as never).clientIp).toBeNull();
  });
});
