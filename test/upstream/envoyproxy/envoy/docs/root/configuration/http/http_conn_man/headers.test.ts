/**
 * The numbered X-Forwarded-For examples of Envoy's documentation, as data.
 *
 * Source: envoyproxy/envoy docs/root/configuration/http/http_conn_man/headers.rst at tag v1.39.0
 * (commit 8eea3285d6bdb89f8ea34632cfe7ce1608a8f374), the Envoy that Envoy Gateway v1.9.0 pins; read from the
 * Go module github.com/envoyproxy/envoy@v1.39.0. Expectations are the documentation's. Where the documentation
 * and Envoy's own tests (test/common/http/conn_manager_utility_test.cc, DocumentationExample1–8) disagree, the
 * tests decide, and the case states the setting under which the documented result holds:
 * - The documentation prints X-Forwarded-For with ", "; Envoy appends with "," (DocumentationExample1, 3, 4, 7, 8).
 *   Entries are compared here; the literal join follows the tests.
 * - Example 4: the test runs use_remote_address true (answer 203.0.113.1); the documentation's own setting, false,
 *   gives its documented 203.0.113.10. Both are checked.
 * - Example 5 says x-envoy-internal "is set to false": Envoy never writes "false"; the header is absent.
 * - Example 6's x-envoy-internal: true holds only when internal_address_config counts 10.20.30.40 as internal (the
 *   test fixture: present without ranges, so Envoy's built-in private ranges). Without internal_address_config
 *   (the default since Envoy 1.33) nothing is internal and the header is not set.
 * - Examples 7 and 8's changed X-Forwarded-For holds with the XFF extension's skip_xff_append: false (the tests'
 *   setting); unset, it means true and X-Forwarded-For is passed on unchanged.
 * Older documentation (before v1.39.0) gave Example 7 as 192.0.2.1 with x-envoy-external-address set; v1.39.0's
 * documentation and tests agree on 203.0.113.10 without it, which is Envoy's right-to-left walk.
 */
import { describe, expect, it } from 'vitest';
import { envoyMutateRequest, type EnvoyResult, type HcmConfig } from '../../../../../../../../../src/model/envoy/index.ts';

const commit = '8eea3285d6bdb89f8ea34632cfe7ce1608a8f374';
/** A forged x-envoy-internal and a prior x-envoy-external-address, to see what Envoy removes, sets or keeps. */
const priorHeaders = { 'x-envoy-internal': 'true', 'x-envoy-external-address': '198.51.100.99' };

/** X-Forwarded-For's entries, trimmed: the documentation's ", " and Envoy's "," compare equal. */
const entries = (r: EnvoyResult): string[] | null => r.upstreamHeaders['x-forwarded-for']?.split(',').map((e) => e.trim()) ?? null;
const run = (peer: string, xff: string | null, config: HcmConfig) =>
  envoyMutateRequest({ peer, headers: xff === null ? { ...priorHeaders } : { ...priorHeaders, 'x-forwarded-for': xff }, config });

describe(`envoyproxy/envoy docs/root/configuration/http/http_conn_man/headers.rst, x-forwarded-for examples @ v1.39.0 (${commit.slice(0, 12)})`, () => {
  it('Example 1: Envoy as edge proxy, without a trusted proxy in front of it', () => {
    const r = run('192.0.2.5', '203.0.113.128, 203.0.113.10, 203.0.113.1', { useRemoteAddress: true, xffNumTrustedHops: 0 });
    expect(r.clientIp).toBe('192.0.2.5');
    expect(r.upstreamHeaders['x-envoy-external-address']).toBe('192.0.2.5');
    expect(entries(r)).toEqual(['203.0.113.128', '203.0.113.10', '203.0.113.1', '192.0.2.5']);
    expect(r.upstreamHeaders['x-forwarded-for']).toBe('203.0.113.128, 203.0.113.10, 203.0.113.1,192.0.2.5');
    expect(r.upstreamHeaders['x-envoy-internal']).toBeUndefined();
  });

  it('Example 2: Envoy as internal proxy, with the Envoy edge proxy from Example 1 in front of it', () => {
    const r = run('10.11.12.13', '203.0.113.128, 203.0.113.10, 203.0.113.1, 192.0.2.5', { useRemoteAddress: false, xffNumTrustedHops: 0 });
    expect(r.clientIp).toBe('192.0.2.5');
    expect(r.upstreamHeaders['x-envoy-external-address']).toBe('198.51.100.99');
    expect(r.upstreamHeaders['x-envoy-internal']).toBeUndefined();
  });

  it('Example 3: Envoy as edge proxy, with two trusted external proxies in front of it', () => {
    const r = run('192.0.2.5', '203.0.113.128, 203.0.113.10, 203.0.113.1', { useRemoteAddress: true, xffNumTrustedHops: 2 });
    expect(r.clientIp).toBe('203.0.113.10');
    expect(r.upstreamHeaders['x-envoy-external-address']).toBe('203.0.113.10');
    expect(entries(r)).toEqual(['203.0.113.128', '203.0.113.10', '203.0.113.1', '192.0.2.5']);
    expect(r.upstreamHeaders['x-envoy-internal']).toBeUndefined();
  });

  it('Example 4: Envoy as internal proxy, with the edge proxy from Example 3 in front of it (documented setting: use_remote_address false)', () => {
    const r = run('10.11.12.13', '203.0.113.128, 203.0.113.10, 203.0.113.1, 192.0.2.5', { useRemoteAddress: false, xffNumTrustedHops: 2 });
    expect(r.clientIp).toBe('203.0.113.10');
    expect(r.upstreamHeaders['x-envoy-external-address']).toBe('198.51.100.99');
    expect(r.upstreamHeaders['x-envoy-internal']).toBeUndefined();
  });

  it("Example 4 as Envoy's test DocumentationExample4 runs it (use_remote_address true)", () => {
    const r = run('10.11.12.13', '203.0.113.128,203.0.113.10,203.0.113.1,192.0.2.5', { useRemoteAddress: true, xffNumTrustedHops: 2 });
    expect(r.clientIp).toBe('203.0.113.1');
    expect(r.upstreamHeaders['x-forwarded-for']).toBe('203.0.113.128,203.0.113.10,203.0.113.1,192.0.2.5,10.11.12.13');
  });

  it('Example 5: Envoy as an internal proxy, receiving a request from an internal client (x-envoy-internal: absent, not "false")', () => {
    for (const config of [
      { useRemoteAddress: false, xffNumTrustedHops: 0 },
      { useRemoteAddress: false, xffNumTrustedHops: 0, internalAddressConfig: {} },
    ]) {
      const r = run('10.20.30.40', null, config);
      expect(r.clientIp).toBe('10.20.30.40');
      expect(r.upstreamHeaders['x-envoy-external-address']).toBe('198.51.100.99');
      expect(r.upstreamHeaders['x-envoy-internal']).toBeUndefined();
    }
  });

  it('Example 6: the internal Envoy from Example 5, receiving a request proxied by another Envoy (x-envoy-internal: true needs internal_address_config)', () => {
    const withInternalConfig = run('10.20.30.50', '10.20.30.40', {
      useRemoteAddress: false,
      xffNumTrustedHops: 0,
      internalAddressConfig: {},
    });
    expect(withInternalConfig.clientIp).toBe('10.20.30.40');
    expect(withInternalConfig.upstreamHeaders['x-envoy-external-address']).toBe('198.51.100.99');
    expect(withInternalConfig.upstreamHeaders['x-envoy-internal']).toBe('true');
    const envoyDefault = run('10.20.30.50', '10.20.30.40', { useRemoteAddress: false, xffNumTrustedHops: 0 });
    expect(envoyDefault.clientIp).toBe('10.20.30.40');
    expect(envoyDefault.upstreamHeaders['x-envoy-internal']).toBeUndefined();
  });

  const cidrs = (...ranges: [string, number][]) => ({ cidrs: ranges.map(([addressPrefix, prefixLen]) => ({ addressPrefix, prefixLen })) });

  it('Example 7: Envoy as edge proxy, with one trusted CIDR (changed XFF needs skip_xff_append: false)', () => {
    const r = run('192.0.2.5', '203.0.113.128, 203.0.113.10, 192.0.2.1', {
      originalIpDetection: { xff: { xffTrustedCidrs: cidrs(['192.0.2.0', 24]), skipXffAppend: false } },
    });
    expect(r.clientIp).toBe('203.0.113.10');
    expect(r.upstreamHeaders['x-envoy-external-address']).toBe('198.51.100.99');
    expect(entries(r)).toEqual(['203.0.113.128', '203.0.113.10', '192.0.2.1', '192.0.2.5']);
    expect(r.upstreamHeaders['x-envoy-internal']).toBeUndefined();
    const unsetSkip = run('192.0.2.5', '203.0.113.128, 203.0.113.10, 192.0.2.1', {
      originalIpDetection: { xff: { xffTrustedCidrs: cidrs(['192.0.2.0', 24]) } },
    });
    expect(unsetSkip.clientIp).toBe('203.0.113.10');
    expect(unsetSkip.upstreamHeaders['x-forwarded-for']).toBe('203.0.113.128, 203.0.113.10, 192.0.2.1');
  });

  it('Example 8: Envoy as edge proxy, with two trusted CIDRs (changed XFF needs skip_xff_append: false)', () => {
    const r = run('192.0.2.5', '203.0.113.128, 203.0.113.10, 198.51.100.1', {
      originalIpDetection: { xff: { xffTrustedCidrs: cidrs(['192.0.2.0', 24], ['198.51.100.0', 24]), skipXffAppend: false } },
    });
    expect(r.clientIp).toBe('203.0.113.10');
    expect(r.upstreamHeaders['x-envoy-external-address']).toBe('198.51.100.99');
    expect(entries(r)).toEqual(['203.0.113.128', '203.0.113.10', '198.51.100.1', '192.0.2.5']);
    expect(r.upstreamHeaders['x-envoy-internal']).toBeUndefined();
  });
});
