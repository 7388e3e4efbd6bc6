/**
 * Envoy's own tests of the address parser its X-Forwarded-For readers use, as data, run against the model's
 * parseEnvoyAddress (src/model/envoy/address.ts).
 *
 * Sources: envoyproxy/envoy at tag v1.39.0 (commit 8eea3285d6bdb89f8ea34632cfe7ce1608a8f374), read from the Go module
 * github.com/envoyproxy/envoy@v1.39.0: test/common/network/utility_test.cc TEST(NetworkUtility, ParseInternetAddress)
 * (non-Windows branch; the interface-zone cases need the test host's interfaces and are left out), and
 * test/common/network/ip_address_parsing_test.cc (parseIPv4 and parseIPv6; parseInternetAddressNoThrow tries the
 * first, then the second, so a text either accepts is an address). `asString()` is written there as `1.2.3.4:0` or
 * `[::1]:0`; the address part is what the model prints.
 */
import { describe, expect, it } from 'vitest';
import { parseEnvoyAddress } from '../../../../../../../src/model/envoy/address.ts';

const commit = '8eea3285d6bdb89f8ea34632cfe7ce1608a8f374';

/** EXPECT_EQ(Utility::parseInternetAddressNoThrow(text), nullptr). */
const refusedByParseInternetAddress = [
  '',
  '1.2.3',
  '1.2.3.4.5',
  '1.2.3.256',
  'foo',
  '0:0:0:0',
  'fffff::',
  '/foo',
  '[::]',
  '[::1]:1',
  'fe80::1%',
];

/** EXPECT_EQ(asString, parseInternetAddressNoThrow(text)->asString()). */
const readByParseInternetAddress: [string, string][] = [
  ['1.2.3.4', '1.2.3.4:0'],
  ['0.0.0.0', '0.0.0.0:0'],
  ['127.0.0.1', '127.0.0.1:0'],
  ['::1', '[::1]:0'],
  ['::', '[::]:0'],
  ['1::2:3', '[1::2:3]:0'],
  ['a::1', '[a::1]:0'],
  ['a:b:c:d::', '[a:b:c:d::]:0'],
];

/** ip_address_parsing_test.cc: texts neither parseIPv4 nor parseIPv6 accepts (ParseIPv4Invalid that are no IPv6 either, ParseIPv6Invalid that are no IPv4). */
const refusedByBothParsers = [
  '1.2',
  '1',
  '256.0.0.1',
  '1.2.3.999',
  'not_an_ip',
  'abc.def.ghi.jkl',
  '127.1',
  '0x7f.0.0.1',
  '1.2.3.4.',
  '.1.2.3.4',
  '1..2.3.4',
  ' 1.2.3.4',
  '1.2.3.4 ',
  '1.2. 3.4',
  '::g',
  'gggg::1',
  '1:::1',
  ':::1',
  '1::2::3',
  '1:2:3:4:5:6:7:8:9',
  ' ::1',
  '::1 ',
  ':: 1',
];

/** ip_address_parsing_test.cc ParseIPv6Valid: EXPECT_TRUE(parseIPv6(text).ok()); parseIPv4 refuses each, so each is IPv6. */
const readAsIpv6 = ['::', '::ffff:127.0.0.1', '2001:db8::1', 'fe80::1', '2001:0db8:0000:0000:0000:0000:0000:0001'];

describe(`envoyproxy/envoy test/common/network @ v1.39.0 (${commit.slice(0, 12)})`, () => {
  for (const text of refusedByParseInternetAddress) {
    it(`TEST(NetworkUtility, ParseInternetAddress): ${JSON.stringify(text)} is nullptr`, () => {
      expect(parseEnvoyAddress(text).ok).toBe(false);
    });
  }
  for (const [text, asString] of readByParseInternetAddress) {
    it(`TEST(NetworkUtility, ParseInternetAddress): ${JSON.stringify(text)} is ${asString}`, () => {
      const parsed = parseEnvoyAddress(text);
      const address = asString.replace(/:0$/, '').replace(/^\[(.*)\]$/, '$1');
      expect(parsed.ok && parsed.address.text).toBe(address);
    });
  }
  for (const text of refusedByBothParsers) {
    it(`ip_address_parsing_test.cc: ${JSON.stringify(text)} is neither IPv4 nor IPv6`, () => {
      expect(parseEnvoyAddress(text).ok).toBe(false);
    });
  }
  for (const text of readAsIpv6) {
    it(`TEST(IpAddressParsingTest, ParseIPv6Valid): ${JSON.stringify(text)} is IPv6 (an IPv4-mapped address included)`, () => {
      const parsed = parseEnvoyAddress(text);
      expect(parsed.ok && parsed.address.family).toBe('v6');
    });
  }
});
