/**
 * Envoy's own tests of the X-Forwarded-For helpers, as data.
 *
 * Source: envoyproxy/envoy test/common/http/utility_test.cc at tag v1.39.0
 * (commit 8eea3285d6bdb89f8ea34632cfe7ce1608a8f374), TEST(HttpUtility, getLastAddressFromXFF) and
 * TEST(HttpUtility, appendXff); read from the Go module github.com/envoyproxy/envoy@v1.39.0.
 * getLastAddressFromXFF(headers, n) is what the connection manager's default detection does with
 * xff_num_trusted_hops n and use_remote_address false, so each call is run as that configuration: "no address"
 * shows as the peer. allow_trusted_address_checks shows as "internal" with every address internal.
 */
import { describe, expect, it } from 'vitest';
import { envoyMutateRequest } from '../../../../../../../src/model/envoy/index.ts';

const commit = '8eea3285d6bdb89f8ea34632cfe7ce1608a8f374';
const peer = '192.0.2.200';
const everyAddress = {
  cidrRanges: [
    { addressPrefix: '0.0.0.0', prefixLen: 0 },
    { addressPrefix: '::', prefixLen: 0 },
  ],
};

/** [XFF value or null for no header, n, expected address or null, allow_trusted_address_checks]. */
const calls: [string | null, number, string | null, boolean][] = [
  ['192.0.2.10, 192.0.2.1, 10.0.0.1', 0, '10.0.0.1', false],
  ['192.0.2.10, 192.0.2.1, 10.0.0.1', 1, '192.0.2.1', false],
  ['192.0.2.10, 192.0.2.1, 10.0.0.1', 2, '192.0.2.10', false],
  ['192.0.2.10, 192.0.2.1, 10.0.0.1', 3, null, false],
  ['192.0.2.10, 192.0.2.1 ,10.0.0.1,10.0.0.2', 0, '10.0.0.2', false],
  ['192.0.2.10, 192.0.2.1 ,10.0.0.1,10.0.0.2', 1, '10.0.0.1', false],
  ['192.0.2.10, 192.0.2.1 ,10.0.0.1,10.0.0.2', 2, '192.0.2.1', false],
  ['192.0.2.10, 192.0.2.1 ,10.0.0.1,10.0.0.2', 3, '192.0.2.10', false],
  ['192.0.2.10, 192.0.2.1 ,10.0.0.1,10.0.0.2', 4, null, false],
  ['', 0, null, false],
  [',', 0, null, false],
  [', ', 0, null, false],
  [', bad', 0, null, false],
  [null, 0, null, false],
  ['34.0.0.1', 0, '34.0.0.1', true],
];

describe(`envoyproxy/envoy test/common/http/utility_test.cc @ v1.39.0 (${commit.slice(0, 12)})`, () => {
  for (const [xff, n, expected, allow] of calls) {
    it(`TEST(HttpUtility, getLastAddressFromXFF): ${xff === null ? 'no header' : JSON.stringify(xff)}, skip ${n}`, () => {
      const headers: Record<string, string> = xff === null ? {} : { 'x-forwarded-for': xff };
      const result = envoyMutateRequest({ peer, headers, config: { xffNumTrustedHops: n, internalAddressConfig: everyAddress } });
      expect(result.clientIp).toBe(expected ?? peer);
      expect(result.internal).toBe(allow);
    });
  }

  // appendXff: through use_remote_address true, which appends the peer (a loopback peer is replaced by Envoy's own
  // address, so the test's 127.0.0.1 is written as a plain peer here, with the same text expected).
  it('TEST(HttpUtility, appendXff): no header, then one entry', () => {
    expect(
      envoyMutateRequest({ peer: '127.0.0.1', config: { useRemoteAddress: true, localAddress: '127.0.0.1' } }).upstreamHeaders[
        'x-forwarded-for'
      ],
    ).toBe('127.0.0.1');
    expect(
      envoyMutateRequest({
        peer: '127.0.0.1',
        headers: { 'x-forwarded-for': '10.0.0.1' },
        config: { useRemoteAddress: true, localAddress: '127.0.0.1' },
      }).upstreamHeaders['x-forwarded-for'],
    ).toBe('10.0.0.1,127.0.0.1');
  });
  it.skip('TEST(HttpUtility, appendXff): a pipe address appends nothing; the engine models IP peers only', () => {});
});
