/**
 * Envoy's own tests of the XFF original IP detection extension, as data.
 *
 * Source: envoyproxy/envoy test/extensions/http/original_ip_detection/xff/xff_test.cc at tag v1.39.0
 * (commit 8eea3285d6bdb89f8ea34632cfe7ce1608a8f374), the Envoy that Envoy Gateway v1.9.0 pins; read from the
 * Go module github.com/envoyproxy/envoy@v1.39.0. Expectations are Envoy's. The extension is driven through the
 * connection manager (use_remote_address false, the extension configured), so "detected" shows as the client
 * address and "nothing detected" as the peer.
 */
import { describe, expect, it } from 'vitest';
import { envoyMutateRequest, type HcmConfig, type XffConfig } from '../../../../../../../../../src/model/envoy/index.ts';

const commit = '8eea3285d6bdb89f8ea34632cfe7ce1608a8f374';

/** XffNumTrustedHopsTest's fixture: xff_num_trusted_hops 1. */
const hopsFixture: XffConfig = { xffNumTrustedHops: 1 };
/** XffTrustedCidrsTest's fixture: three ranges, skip_xff_append false. */
const cidrsFixture: XffConfig = {
  xffTrustedCidrs: {
    cidrs: [
      { addressPrefix: '192.0.2.0', prefixLen: 24 },
      { addressPrefix: '198.51.100.0', prefixLen: 24 },
      { addressPrefix: '2001:db8:7e57:1::', prefixLen: 64 },
    ],
  },
  skipXffAppend: false,
};

const run = (xff: XffConfig, peer: string, headers: Record<string, string>) =>
  envoyMutateRequest({ peer, headers, config: { originalIpDetection: { xff } } satisfies HcmConfig });

/** A peer Envoy's test leaves null where it does not matter (hop counting never reads it). */
const anyPeer = '192.0.2.200';

interface Case {
  test: string;
  xff: XffConfig;
  peer: string;
  headers: Record<string, string>;
  /** The detected address, or null when the extension detects nothing. */
  detected: string | null;
  allowTrustedAddressChecks?: boolean;
}

const cases: Case[] = [
  {
    test: 'XffNumTrustedHopsTest, Detection (header missing)',
    xff: hopsFixture,
    peer: anyPeer,
    headers: { 'x-other': 'abc' },
    detected: null,
    allowTrustedAddressChecks: false,
  },
  {
    test: 'XffNumTrustedHopsTest, Detection (good request)',
    xff: hopsFixture,
    peer: anyPeer,
    headers: { 'x-forwarded-for': '1.2.3.4,2.2.2.2' },
    detected: '1.2.3.4',
    allowTrustedAddressChecks: false,
  },
  {
    test: 'XffTrustedCidrsTest, RemoteNotTrusted',
    xff: cidrsFixture,
    peer: '10.10.11.11',
    headers: { 'x-forwarded-for': '1.2.3.4,2.2.2.2' },
    detected: null,
  },
  {
    test: 'XffTrustedCidrsTest, RemoteIPv4IsTrusted',
    xff: cidrsFixture,
    peer: '192.0.2.11',
    headers: { 'x-forwarded-for': '1.2.3.4,2.2.2.2' },
    detected: '2.2.2.2',
  },
  {
    test: 'XffTrustedCidrsTest, RemoteIPv6IsTrusted',
    xff: cidrsFixture,
    peer: '2001:db8:7e57:1::1',
    headers: { 'x-forwarded-for': '1.2.3.4,2.2.2.2' },
    detected: '2.2.2.2',
  },
  {
    test: 'XffTrustedCidrsTest, Recurse',
    xff: cidrsFixture,
    peer: '192.0.2.11',
    headers: { 'x-forwarded-for': '1.2.3.4,2.2.2.2,192.0.2.5, 198.51.100.1' },
    detected: '2.2.2.2',
  },
  {
    test: 'XffTrustedCidrsTest, RecurseAllAddressesTrusted',
    xff: cidrsFixture,
    peer: '192.0.2.11',
    headers: { 'x-forwarded-for': '192.0.2.4,192.0.2.5, 198.51.100.1' },
    detected: '192.0.2.4',
  },
  {
    test: 'XffTrustedCidrsTest, EmptyXFFEntry',
    xff: cidrsFixture,
    peer: '192.0.2.11',
    headers: { 'x-forwarded-for': '192.0.2.4,, 198.51.100.1' },
    detected: null,
  },
  {
    test: 'XffTrustedCidrsTest, XFFHasTooManyEntries',
    xff: cidrsFixture,
    peer: '192.0.2.11',
    headers: {
      'x-forwarded-for':
        '10.1.1.1, 10.2.2.2, 10.3.3.3, 10.4.4.4, 10.5.5.5, 10.6.6.6, 10.7.7.7,10.8.8.8,' +
        '10.9.9.9, 10.10.10.10, 10.11.11.11, 10.12.12.12, 10.13.13.13, 10.14.14.14, 10.15.15.15, ' +
        '10.16.16.16, 10.17.17.17, 10.18.18.18, 10.19.19.19, 10.20.20.20, 10.21.21.21',
    },
    detected: null,
  },
];

describe(`envoyproxy/envoy test/extensions/http/original_ip_detection/xff/xff_test.cc @ v1.39.0 (${commit.slice(0, 12)})`, () => {
  for (const c of cases) {
    it(`TEST_F(${c.test})`, () => {
      const result = run(c.xff, c.peer, c.headers);
      expect(result.configError).toBeNull();
      // Nothing detected: the connection manager falls back to the peer.
      expect(result.clientIp).toBe(c.detected ?? c.peer);
      // allow_trusted_address_checks is observable as "internal" when every address counts as internal.
      if (c.allowTrustedAddressChecks !== undefined) {
        const everythingInternal = envoyMutateRequest({
          peer: c.peer,
          headers: c.headers,
          config: {
            originalIpDetection: { xff: c.xff },
            internalAddressConfig: {
              cidrRanges: [
                { addressPrefix: '0.0.0.0', prefixLen: 0 },
                { addressPrefix: '::', prefixLen: 0 },
              ],
            },
          },
        });
        expect(everythingInternal.internal).toBe(c.allowTrustedAddressChecks);
      }
    });
  }

  it('TEST(XffInvalidConfigTest, InvalidConfig)', () => {
    const result = run({ xffNumTrustedHops: 1, xffTrustedCidrs: { cidrs: [{ addressPrefix: '192.0.2.0', prefixLen: 24 }] } }, anyPeer, {});
    expect(result.configError).toBe('Cannot set both xff_num_trusted_hops and xff_trusted_cidrs.');
    expect(result.clientIp).toBeNull();
  });
});
