/**
 * Envoy's own tests of the HTTP connection manager's client selection, as data.
 *
 * Source: envoyproxy/envoy test/common/http/conn_manager_utility_test.cc at tag v1.39.0
 * (commit 8eea3285d6bdb89f8ea34632cfe7ce1608a8f374), the Envoy that Envoy Gateway v1.9.0 pins
 * (api/v1alpha1/shared_types.go: DefaultEnvoyProxyImage = envoyproxy/envoy:distroless-v1.39.0).
 * Read from the Go module github.com/envoyproxy/envoy@v1.39.0 (Origin.Hash = that commit).
 * Each case names its TEST_F; inputs and expectations are Envoy's, never computed by our engine.
 *
 * How the test fixture maps onto the engine's configuration:
 * - The fixture's internal address config is AllowInternalAddressConfig (Network::Utility::isInternalAddress),
 *   which is what Envoy does when internal_address_config is present without cidr_ranges: `internalAddressConfig: {}`.
 * - The fixture's default detection extension is getXFFExtension(0, true): the connection manager's own default
 *   (use_remote_address false, no extension configured). getXFFExtension(N, true) with use_remote_address false is
 *   the default extension with `xffNumTrustedHops: N`; any other extension is written as `originalIpDetection`.
 * - The mock connection's default peer is 10.0.0.3 (port 50000); MutateRequestRet's downstream address is the
 *   client address with a port, compared here without it.
 * Tests of other features (request IDs, tracing, Via, user agent) are transcribed only for their client-IP and
 * internal assertions, and only a few of them: the rest repeat the same inputs.
 * Not transcribed: X-Forwarded-Proto/Port and :scheme tests, path normalisation, XFCC, hop-by-hop headers.
 */
import { describe, expect, it } from 'vitest';
import { envoyMutateRequest, type HcmConfig } from '../../../../../../../src/model/envoy/index.ts';

const commit = '8eea3285d6bdb89f8ea34632cfe7ce1608a8f374';
/** The fixture's internal address rule: present without ranges, so Envoy's built-in private ranges. */
const fixtureInternal = { internalAddressConfig: {} } satisfies HcmConfig;

interface Case {
  test: string;
  peer: string;
  headers?: Record<string, string>;
  config: HcmConfig;
  clientIp: string;
  internal: boolean;
  /** Upstream X-Forwarded-For; null when Envoy sends none. */
  xff?: string | null;
  /** Upstream x-envoy-external-address; null when Envoy sends none. */
  externalAddress?: string | null;
}

const cases: Case[] = [
  {
    test: 'UseRemoteAddressWhenNotLocalHostRemoteAddress',
    peer: '12.12.12.12',
    config: { ...fixtureInternal, useRemoteAddress: true },
    clientIp: '12.12.12.12',
    internal: false,
    xff: '12.12.12.12',
  },
  {
    test: 'SkipXffAppendUseRemoteAddress',
    peer: '12.12.12.12',
    config: { ...fixtureInternal, useRemoteAddress: true, skipXffAppend: true },
    clientIp: '12.12.12.12',
    internal: false,
    xff: null,
  },
  {
    test: 'SkipXffAppendPassThruUseRemoteAddress',
    peer: '12.12.12.12',
    headers: { 'x-forwarded-for': '198.51.100.1' },
    config: { ...fixtureInternal, useRemoteAddress: true, skipXffAppend: true },
    clientIp: '12.12.12.12',
    internal: false,
    xff: '198.51.100.1',
  },
  {
    // The test's MockInternalAddressConfig calls every address internal: every IPv4 and IPv6 range here.
    test: 'UseRemoteAddressWhenUserConfiguredRemoteAddress',
    peer: '12.12.12.12',
    config: {
      useRemoteAddress: true,
      localAddress: '10.3.2.1',
      internalAddressConfig: {
        cidrRanges: [
          { addressPrefix: '0.0.0.0', prefixLen: 0 },
          { addressPrefix: '::', prefixLen: 0 },
        ],
      },
    },
    clientIp: '12.12.12.12',
    internal: true,
    xff: '12.12.12.12',
  },
  {
    test: 'UseRemoteAddressWhenLocalHostRemoteAddress',
    peer: '127.0.0.1',
    config: { ...fixtureInternal, useRemoteAddress: true, localAddress: '10.3.2.1' },
    clientIp: '127.0.0.1',
    internal: true,
    xff: '10.3.2.1',
  },
  {
    test: 'UseRemoteAddressWithXFFTrustedHops',
    peer: '203.0.113.128',
    headers: { 'x-forwarded-for': '198.51.100.1' },
    config: { ...fixtureInternal, useRemoteAddress: true, xffNumTrustedHops: 1 },
    clientIp: '198.51.100.1',
    internal: false,
    externalAddress: '198.51.100.1',
  },
  {
    test: 'UseXFFTrustedHopsWithoutRemoteAddress',
    peer: '127.0.0.1',
    headers: { 'x-forwarded-for': '198.51.100.2, 198.51.100.1' },
    config: { ...fixtureInternal, useRemoteAddress: false, xffNumTrustedHops: 1 },
    clientIp: '198.51.100.2',
    internal: false,
    externalAddress: null,
  },
  {
    test: 'XFFTrustedHopsAppendsXFF',
    peer: '127.0.0.1',
    headers: { 'x-forwarded-for': '198.51.100.2, 198.51.100.1' },
    config: {
      ...fixtureInternal,
      localAddress: '203.0.113.128',
      originalIpDetection: { xff: { xffNumTrustedHops: 1, skipXffAppend: false } },
    },
    clientIp: '198.51.100.2',
    internal: false,
    externalAddress: null,
    xff: '198.51.100.2, 198.51.100.1,203.0.113.128',
  },
  {
    test: 'UseXFFTrustedCIDRs',
    peer: '198.51.100.10',
    headers: { 'x-forwarded-for': '198.51.100.2, 198.51.100.1' },
    config: {
      ...fixtureInternal,
      originalIpDetection: {
        xff: { xffTrustedCidrs: { cidrs: [{ addressPrefix: '198.51.100.0', prefixLen: 24 }] }, skipXffAppend: false },
      },
    },
    clientIp: '198.51.100.2',
    internal: false,
    externalAddress: null,
    xff: '198.51.100.2, 198.51.100.1,198.51.100.10',
  },
  {
    test: 'UseXFFTrustedCIDRsSkipAppendXFF',
    peer: '198.51.100.10',
    headers: { 'x-forwarded-for': '198.51.100.2, 198.51.100.1' },
    config: {
      ...fixtureInternal,
      originalIpDetection: { xff: { xffTrustedCidrs: { cidrs: [{ addressPrefix: '198.51.100.0', prefixLen: 24 }] }, skipXffAppend: true } },
    },
    clientIp: '198.51.100.2',
    internal: false,
    externalAddress: null,
    xff: '198.51.100.2, 198.51.100.1',
  },
  {
    test: 'UseXFFTrustedCIDRsFailsOnBadIP',
    peer: '198.51.100.10',
    headers: { 'x-forwarded-for': '10.3.2.1, a.b.c.d, 198.51.100.1' },
    config: {
      ...fixtureInternal,
      originalIpDetection: {
        xff: { xffTrustedCidrs: { cidrs: [{ addressPrefix: '198.51.100.0', prefixLen: 24 }] }, skipXffAppend: false },
      },
    },
    clientIp: '198.51.100.10',
    internal: false,
    externalAddress: null,
    xff: '10.3.2.1, a.b.c.d, 198.51.100.1,198.51.100.10',
  },
  {
    test: 'UseXFFTrustedCIDRsEmptyXFFHeader',
    peer: '10.3.2.1',
    headers: { 'x-forwarded-for': '' },
    config: {
      ...fixtureInternal,
      originalIpDetection: {
        xff: { xffTrustedCidrs: { cidrs: [{ addressPrefix: '198.51.100.0', prefixLen: 24 }] }, skipXffAppend: false },
      },
    },
    clientIp: '10.3.2.1',
    internal: false,
    externalAddress: null,
    xff: '10.3.2.1',
  },
  {
    test: 'DocumentationExample1',
    peer: '192.0.2.5',
    headers: { 'x-forwarded-for': '203.0.113.128,203.0.113.10,203.0.113.1' },
    config: { ...fixtureInternal, useRemoteAddress: true, xffNumTrustedHops: 0 },
    clientIp: '192.0.2.5',
    internal: false,
    externalAddress: '192.0.2.5',
    xff: '203.0.113.128,203.0.113.10,203.0.113.1,192.0.2.5',
  },
  {
    test: 'DocumentationExample2',
    peer: '10.11.12.13',
    headers: { 'x-forwarded-for': '203.0.113.128,203.0.113.10,203.0.113.1,192.0.2.5' },
    config: { ...fixtureInternal, originalIpDetection: { xff: { xffNumTrustedHops: 0, skipXffAppend: false } } },
    clientIp: '192.0.2.5',
    internal: false,
    externalAddress: null,
  },
  {
    test: 'DocumentationExample3',
    peer: '192.0.2.5',
    headers: { 'x-forwarded-for': '203.0.113.128,203.0.113.10,203.0.113.1' },
    config: { ...fixtureInternal, useRemoteAddress: true, xffNumTrustedHops: 2 },
    clientIp: '203.0.113.10',
    internal: false,
    externalAddress: '203.0.113.10',
    xff: '203.0.113.128,203.0.113.10,203.0.113.1,192.0.2.5',
  },
  {
    // Envoy's test runs Example 4 with use_remote_address TRUE; the documentation says false (see headers.test.ts).
    test: 'DocumentationExample4',
    peer: '10.11.12.13',
    headers: { 'x-forwarded-for': '203.0.113.128,203.0.113.10,203.0.113.1,192.0.2.5' },
    config: { ...fixtureInternal, useRemoteAddress: true, xffNumTrustedHops: 2 },
    clientIp: '203.0.113.1',
    internal: false,
    externalAddress: '203.0.113.1',
    xff: '203.0.113.128,203.0.113.10,203.0.113.1,192.0.2.5,10.11.12.13',
  },
  {
    test: 'DocumentationExample5',
    peer: '10.20.30.40',
    config: { ...fixtureInternal, originalIpDetection: { xff: { xffNumTrustedHops: 0, skipXffAppend: false } } },
    clientIp: '10.20.30.40',
    internal: false,
    externalAddress: null,
    xff: '10.20.30.40',
  },
  {
    test: 'DocumentationExample6',
    peer: '10.20.30.50',
    headers: { 'x-forwarded-for': '10.20.30.40' },
    config: { ...fixtureInternal, originalIpDetection: { xff: { xffNumTrustedHops: 0, skipXffAppend: false } } },
    clientIp: '10.20.30.40',
    internal: true,
    externalAddress: null,
    xff: '10.20.30.40,10.20.30.50',
  },
  {
    test: 'DocumentationExample7',
    peer: '192.0.2.5',
    headers: { 'x-forwarded-for': '203.0.113.128,203.0.113.10,192.0.2.1' },
    config: {
      ...fixtureInternal,
      originalIpDetection: { xff: { xffTrustedCidrs: { cidrs: [{ addressPrefix: '192.0.2.0', prefixLen: 24 }] }, skipXffAppend: false } },
    },
    clientIp: '203.0.113.10',
    internal: false,
    externalAddress: null,
    xff: '203.0.113.128,203.0.113.10,192.0.2.1,192.0.2.5',
  },
  {
    test: 'DocumentationExample8',
    peer: '192.0.2.5',
    headers: { 'x-forwarded-for': '203.0.113.128,203.0.113.10,198.51.100.1' },
    config: {
      ...fixtureInternal,
      originalIpDetection: {
        xff: {
          xffTrustedCidrs: {
            cidrs: [
              { addressPrefix: '192.0.2.0', prefixLen: 24 },
              { addressPrefix: '198.51.100.0', prefixLen: 24 },
            ],
          },
          skipXffAppend: false,
        },
      },
    },
    clientIp: '203.0.113.10',
    internal: false,
    externalAddress: null,
    xff: '203.0.113.128,203.0.113.10,198.51.100.1,192.0.2.5',
  },
  {
    test: 'ViaEmpty (client-IP part)',
    peer: '10.0.0.1',
    config: { ...fixtureInternal, useRemoteAddress: true },
    clientIp: '10.0.0.1',
    internal: true,
  },
  {
    test: 'InternalServiceForceTrace (client-IP part, first request)',
    peer: '10.0.0.3',
    headers: { 'x-forwarded-for': '10.0.0.1' },
    config: { ...fixtureInternal, useRemoteAddress: false },
    clientIp: '10.0.0.1',
    internal: true,
  },
  {
    test: 'InternalServiceForceTrace (client-IP part, second request)',
    peer: '10.0.0.3',
    headers: { 'x-forwarded-for': '34.0.0.1' },
    config: { ...fixtureInternal, useRemoteAddress: false },
    clientIp: '34.0.0.1',
    internal: false,
  },
  {
    test: 'EdgeRequestRegenerateRequestIdAndWipeDownstream (client-IP part)',
    peer: '34.0.0.1',
    config: { ...fixtureInternal, useRemoteAddress: true },
    clientIp: '34.0.0.1',
    internal: false,
  },
  {
    test: 'ExternalRequestPreserveRequestIdAndDownstream (client-IP part)',
    peer: '10.0.0.3',
    headers: { 'x-forwarded-for': '34.0.0.1' },
    config: { ...fixtureInternal, useRemoteAddress: false },
    clientIp: '34.0.0.1',
    internal: false,
  },
  {
    test: 'RequestIdGeneratedWhenItsNotPresent (client-IP part)',
    peer: '10.0.0.3',
    config: { ...fixtureInternal },
    clientIp: '10.0.0.3',
    internal: false,
  },
  {
    test: 'DoNotOverrideRequestIdIfPresentWhenInternalRequest (client-IP part)',
    peer: '10.0.0.1',
    config: { ...fixtureInternal, useRemoteAddress: true },
    clientIp: '10.0.0.1',
    internal: true,
  },
  {
    test: 'OverrideRequestIdForExternalRequests (client-IP part)',
    peer: '134.2.2.11',
    config: { ...fixtureInternal, useRemoteAddress: true },
    clientIp: '134.2.2.11',
    internal: false,
  },
  {
    test: 'ExternalAddressExternalRequestUseRemote',
    peer: '50.0.0.1',
    config: { ...fixtureInternal, useRemoteAddress: true },
    clientIp: '50.0.0.1',
    internal: false,
    externalAddress: '50.0.0.1',
  },
  {
    test: 'ExternalAddressExternalRequestDontUseRemote',
    peer: '50.0.0.1',
    headers: { 'x-envoy-external-address': '60.0.0.1', 'x-forwarded-for': '60.0.0.1' },
    config: { ...fixtureInternal, useRemoteAddress: false },
    clientIp: '60.0.0.1',
    internal: false,
    externalAddress: '60.0.0.1',
    xff: '60.0.0.1',
  },
  {
    test: 'AppendInternalAddressXffNotInternalRequest',
    peer: '10.0.0.1',
    headers: { 'x-forwarded-for': '10.0.0.2' },
    config: { ...fixtureInternal, useRemoteAddress: true },
    clientIp: '10.0.0.1',
    internal: false,
    xff: '10.0.0.2,10.0.0.1',
  },
  {
    test: 'ExternalAddressInternalRequestUseRemote',
    peer: '10.0.0.1',
    headers: { 'x-envoy-external-address': '60.0.0.1' },
    config: { ...fixtureInternal, useRemoteAddress: true },
    clientIp: '10.0.0.1',
    internal: true,
    externalAddress: '60.0.0.1',
    xff: '10.0.0.1',
  },
  {
    test: 'OriginalIPDetectionExtension (header present)',
    peer: '10.0.0.3',
    headers: { 'x-cdn-detected-ip': '2.1.3.4' },
    config: { ...fixtureInternal, originalIpDetection: { customHeader: { headerName: 'x-cdn-detected-ip' } } },
    clientIp: '2.1.3.4',
    internal: false,
  },
  {
    test: 'OriginalIPDetectionExtension (header missing: the peer)',
    peer: '10.0.0.3',
    config: { ...fixtureInternal, originalIpDetection: { customHeader: { headerName: 'x-cdn-detected-ip' } } },
    clientIp: '10.0.0.3',
    internal: false,
  },
];

describe(`envoyproxy/envoy test/common/http/conn_manager_utility_test.cc @ v1.39.0 (${commit.slice(0, 12)})`, () => {
  for (const c of cases) {
    it(`TEST_F(ConnectionManagerUtilityTest, ${c.test})`, () => {
      const result = envoyMutateRequest({ peer: c.peer, headers: c.headers ?? {}, config: c.config });
      expect(result.configError).toBeNull();
      expect(result.rejected).toBeNull();
      expect(result.clientIp).toBe(c.clientIp);
      expect(result.internal).toBe(c.internal);
      expect(result.upstreamHeaders['x-envoy-internal'] ?? null).toBe(c.internal ? 'true' : null);
      if (c.xff !== undefined) expect(result.upstreamHeaders['x-forwarded-for'] ?? null).toBe(c.xff);
      if (c.externalAddress !== undefined) expect(result.upstreamHeaders['x-envoy-external-address'] ?? null).toBe(c.externalAddress);
    });
  }

  it.skip('TEST_F(ConnectionManagerUtilityTest, PipeAddressInvalidXFFtDontUseRemote): the peer is a Unix socket (/blah); the engine models IP peers only', () => {});
});
