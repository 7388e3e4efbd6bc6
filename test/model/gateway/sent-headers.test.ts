/** src/model/gateway/sent-headers.ts: the answer's two header forms and the address checks. */
import { describe, expect, it } from 'vitest';
import { readAddress, readProxySource, sentHeaders } from '../../../src/model/gateway/sent-headers.ts';
import { GatewayConfigError } from '../../../src/model/gateway/types.ts';

describe('sentHeaders', () => {
  it('joins the lines of one header with ", " and gives the wire form only when a header has several lines', () => {
    expect(sentHeaders([['x-real-ip', '192.0.2.1']])).toEqual({ upstreamHeaders: { 'x-real-ip': '192.0.2.1' } });
    expect(
      sentHeaders([
        ['x-forwarded-for', '192.0.2.1'],
        ['x-real-ip', '192.0.2.9'],
        ['x-forwarded-for', '192.0.2.2'],
      ]),
    ).toEqual({
      upstreamHeaders: { 'x-forwarded-for': '192.0.2.1, 192.0.2.2', 'x-real-ip': '192.0.2.9' },
      upstreamHeaderLines: [
        ['x-forwarded-for', '192.0.2.1'],
        ['x-real-ip', '192.0.2.9'],
        ['x-forwarded-for', '192.0.2.2'],
      ],
    });
  });
});

describe('readAddress and readProxySource', () => {
  it('accept bare addresses and refuse anything else by field', () => {
    expect(readAddress(' 2001:db8::1 ', 'peer')).toBe('2001:db8::1');
    expect(() => readAddress('192.0.2.1:80', 'peer')).toThrow(GatewayConfigError);
    expect(readProxySource(undefined)).toBeUndefined();
    expect(() => readProxySource('lb.example')).toThrow(/proxyProtocolSource/);
  });
});
