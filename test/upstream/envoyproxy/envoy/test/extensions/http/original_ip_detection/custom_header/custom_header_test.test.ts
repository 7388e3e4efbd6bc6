/**
 * Envoy's own tests of the custom-header original IP detection extension, as data.
 *
 * Source: envoyproxy/envoy test/extensions/http/original_ip_detection/custom_header/custom_header_test.cc at tag
 * v1.39.0 (commit 8eea3285d6bdb89f8ea34632cfe7ce1608a8f374); read from the Go module github.com/envoyproxy/envoy@v1.39.0.
 * Driven through the connection manager: a detected address is the client, a rejection is the status Envoy answers.
 * The fixture: header x-real-ip, allow_extension_to_set_address_as_trusted true, reject_with_status 401.
 */
import { describe, expect, it } from 'vitest';
import { envoyMutateRequest, type CustomHeaderConfig } from '../../../../../../../../../src/model/envoy/index.ts';

const commit = '8eea3285d6bdb89f8ea34632cfe7ce1608a8f374';
const fixture = (code = 401): CustomHeaderConfig => ({
  headerName: 'x-real-ip',
  allowExtensionToSetAddressAsTrusted: true,
  rejectWithStatus: { code },
});
const peer = '192.0.2.200';
const everyAddress = {
  cidrRanges: [
    { addressPrefix: '0.0.0.0', prefixLen: 0 },
    { addressPrefix: '::', prefixLen: 0 },
  ],
};
const run = (headers: Record<string, string>, code?: number) =>
  envoyMutateRequest({
    peer,
    headers: { ...headers, 'x-forwarded-for': '198.51.100.1' },
    config: { originalIpDetection: { customHeader: fixture(code) }, internalAddressConfig: everyAddress },
  });

describe(`envoyproxy/envoy test/extensions/http/original_ip_detection/custom_header/custom_header_test.cc @ v1.39.0 (${commit.slice(0, 12)})`, () => {
  it('TEST_F(CustomHeaderTest, Detection): header missing is rejected with 401', () => {
    expect(run({ 'x-other': 'abc' }).rejected).toEqual({ status: 401 });
  });
  it('TEST_F(CustomHeaderTest, Detection): a bad IP is rejected with 401', () => {
    expect(run({ 'x-real-ip': 'not-a-real-ip' }).rejected).toEqual({ status: 401 });
  });
  it('TEST_F(CustomHeaderTest, Detection): good IPv4, trusted for the internal check', () => {
    const r = run({ 'x-real-ip': '1.2.3.4' });
    expect(r.clientIp).toBe('1.2.3.4');
    expect(r.internal).toBe(true);
    expect(r.rejected).toBeNull();
  });
  it('TEST_F(CustomHeaderTest, Detection): good IPv6', () => {
    const r = run({ 'x-real-ip': 'fc00::1' });
    expect(r.clientIp).toBe('fc00::1');
    expect(r.internal).toBe(true);
  });
  it('TEST_F(CustomHeaderTest, FallbacksToDefaultResponseCode): status 200 becomes 403', () => {
    expect(run({ 'x-other': 'abc' }, 200).rejected).toEqual({ status: 403 });
  });
  it('TEST_F(CustomHeaderTest, SkipXFFAppendBehavior): X-Forwarded-For is never appended', () => {
    for (const headers of [{ 'x-real-ip': '1.2.3.4' }, { 'x-real-ip': 'fc00::1' }]) {
      expect(run(headers).upstreamHeaders['x-forwarded-for']).toBe('198.51.100.1');
    }
  });
});
