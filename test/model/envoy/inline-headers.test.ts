import { describe, expect, it } from 'vitest';
import { parseEnvoyAddress } from '../../../src/model/envoy/address.ts';
import { detectCustomHeader } from '../../../src/model/envoy/custom-header.ts';
import { envoyInlineRequestHeaders, firstEnvoyHeaderValue } from '../../../src/model/envoy/inline-headers.ts';

// Expectations from Envoy v1.39.0 test/common/http/header_map_impl_test.cc (github.com/envoyproxy/envoy, module
// github.com/envoyproxy/envoy@v1.39.0), each test named below.
describe('firstEnvoyHeaderValue', () => {
  it('joins a repeated inline header with "," (HeaderMapImplTest.DoubleInlineAdd: content-length foo, bar -> "foo,bar")', () => {
    expect(firstEnvoyHeaderValue({ 'Content-Length': ['foo', 'bar'] }, 'content-length')).toBe('foo,bar');
    expect(firstEnvoyHeaderValue({ 'Content-Length': ['5', '6'] }, 'Content-Length')).toBe('5,6');
  });

  it('adds no "," after an empty first value (HeaderMapImplTest.InlineAppend: via "" then "1.0 fred" -> "1.0 fred")', () => {
    expect(firstEnvoyHeaderValue({ Via: ['', '1.0 fred'] }, 'via')).toBe('1.0 fred');
    expect(firstEnvoyHeaderValue({ Via: ['', '1.0 fred', '1.1 nowhere.com'] }, 'via')).toBe('1.0 fred,1.1 nowhere.com');
  });

  it('keeps a header that is not inline as separate entries, get()[0] being the first (HeaderMapImplTest.DoubleCookieAdd: set-cookie foo, bar)', () => {
    expect(envoyInlineRequestHeaders.has('set-cookie')).toBe(false);
    expect(firstEnvoyHeaderValue({ 'Set-Cookie': ['foo', 'bar'] }, 'set-cookie')).toBe('foo');
  });

  it('says null when the header is absent', () => {
    expect(firstEnvoyHeaderValue({ 'X-Real-IP': '203.0.113.7' }, 'x-forwarded-for')).toBeNull();
  });

  it('lists the client-address headers a custom-header detection may name as inline (envoy/http/header_map.h INLINE_REQ_STRING_HEADERS)', () => {
    for (const name of ['x-forwarded-for', 'x-envoy-external-address', 'host']) expect(envoyInlineRequestHeaders.has(name)).toBe(true);
    expect(envoyInlineRequestHeaders.has('x-real-ip')).toBe(false);
  });
});

describe('detectCustomHeader on a repeated header', () => {
  const peer = parseEnvoyAddress('192.0.2.2');
  if (!peer.ok) throw new Error('the test peer is an address');
  const params = (headers: Record<string, string[]>) => ({ headers, peer: peer.address });
  it('finds no address in a repeated inline header, whose value is the joined lines', () => {
    const result = detectCustomHeader({ headerName: 'x-forwarded-for' }, params({ 'X-Forwarded-For': ['203.0.113.7', '198.51.100.1'] }));
    expect(result.address).toBeNull();
  });

  it('reads the first line of a repeated header that is not inline', () => {
    const result = detectCustomHeader({ headerName: 'x-real-ip' }, params({ 'X-Real-IP': ['203.0.113.7', '198.51.100.1'] }));
    expect(result.address?.text).toBe('203.0.113.7');
  });
});
