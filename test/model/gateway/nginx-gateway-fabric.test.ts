/**
 * src/model/gateway/nginx-gateway-fabric.ts. Expectations come from nginx's documentation (ngx_http_realip_module:
 * set_real_ip_from, real_ip_header with its default X-Real-IP, real_ip_recursive; ngx_http_proxy_module:
 * $proxy_add_x_forwarded_for is the received X-Forwarded-For plus ", " and $remote_addr, or $remote_addr alone;
 * ngx_http_core_module listen proxy_protocol) and from NGINX Gateway Fabric's own examples: the rewriteClientIP
 * proposal (docs/proposals/rewrite-client-ip.md) and the setIPRecursively comment in apis/v1alpha2/nginxproxy_types.go,
 * both at tag v2.6.7. Addresses of the examples are kept as NGF wrote them.
 */
import { describe, expect, it } from 'vitest';
import { forwardThroughGateway } from '../../../src/model/gateway/index.ts';
import { configProblem } from './helpers.ts';

const ngf = (config: object | undefined, peer: string, headers?: Record<string, string | string[]>, proxyProtocolSource?: string) =>
  forwardThroughGateway({ implementation: 'nginx-gateway-fabric', config, peer, headers, proxyProtocolSource });

const xff = (mode: 'XForwardedFor' | 'ProxyProtocol', trusted: string[], setIPRecursively?: boolean) => ({
  rewriteClientIP: {
    mode,
    trustedAddresses: trusted.map((value) => ({ type: value.includes('/') ? 'CIDR' : 'IPAddress', value })),
    setIPRecursively,
  },
});

describe('without rewriteClientIP (NGF default: no realip)', () => {
  it('the client is the peer; X-Forwarded-For gets the peer appended, X-Real-IP is the peer', () => {
    const result = ngf(undefined, '198.51.100.10', { 'X-Forwarded-For': '203.0.113.9', 'X-Real-IP': '203.0.113.66' });
    expect(result.clientIp).toBe('198.51.100.10');
    expect(result.upstreamHeaders).toEqual({ 'x-forwarded-for': '203.0.113.9, 198.51.100.10', 'x-real-ip': '198.51.100.10' });
  });
  it('without a received X-Forwarded-For, $proxy_add_x_forwarded_for is $remote_addr alone', () => {
    expect(ngf({}, '198.51.100.10').upstreamHeaders['x-forwarded-for']).toBe('198.51.100.10');
  });
  it('several received X-Forwarded-For lines are joined with ", " before the appended address', () => {
    const result = ngf({}, '198.51.100.10', { 'X-Forwarded-For': ['192.0.2.1', '192.0.2.2, 192.0.2.3'] });
    expect(result.upstreamHeaders['x-forwarded-for']).toBe('192.0.2.1, 192.0.2.2, 192.0.2.3, 198.51.100.10');
  });
});

describe('mode XForwardedFor: the rewrite-client-ip proposal example (client 1.1.1.1, proxies 2.2.2.2 and 3.3.3.3)', () => {
  const headers = { 'X-Forwarded-For': '1.1.1.1, 2.2.2.2, 3.3.3.3' };
  it('set_real_ip_from 3.3.3.3, recursive: $remote_addr is 2.2.2.2, the first untrusted from the right', () => {
    const result = ngf(xff('XForwardedFor', ['3.3.3.3'], true), '3.3.3.3', headers);
    expect(result.clientIp).toBe('2.2.2.2');
    // $proxy_add_x_forwarded_for appends $remote_addr after realip: the client appears twice.
    expect(result.upstreamHeaders).toEqual({ 'x-forwarded-for': '1.1.1.1, 2.2.2.2, 3.3.3.3, 2.2.2.2', 'x-real-ip': '2.2.2.2' });
  });
  it('trusting 2.2.2.2 as well, recursive: $remote_addr is the user, 1.1.1.1', () => {
    expect(ngf(xff('XForwardedFor', ['3.3.3.3', '2.2.2.2'], true), '3.3.3.3', headers).clientIp).toBe('1.1.1.1');
  });
  it('real_ip_recursive off: the rightmost address, 3.3.3.3', () => {
    expect(ngf(xff('XForwardedFor', ['3.3.3.3'], false), '3.3.3.3', headers).clientIp).toBe('3.3.3.3');
  });
});

describe('mode XForwardedFor: the setIPRecursively example in nginxproxy_types.go', () => {
  const headers = { 'X-Forwarded-For': '11.11.11.11, 22.22.22.22, 55.55.55.1' };
  it('trusted 55.55.55.1/32, recursive: 22.22.22.22; not recursive: 55.55.55.1 (the peer is the trusted address)', () => {
    expect(ngf(xff('XForwardedFor', ['55.55.55.1/32'], true), '55.55.55.1', headers).clientIp).toBe('22.22.22.22');
    expect(ngf(xff('XForwardedFor', ['55.55.55.1/32']), '55.55.55.1', headers).clientIp).toBe('55.55.55.1');
  });
});

describe('realip trusts only set_real_ip_from', () => {
  it('an untrusted peer keeps its own address, whatever X-Forwarded-For says', () => {
    const result = ngf(xff('XForwardedFor', ['10.0.0.0/8'], true), '198.51.100.10', { 'X-Forwarded-For': '203.0.113.9' });
    expect(result.clientIp).toBe('198.51.100.10');
    expect(result.upstreamHeaders['x-forwarded-for']).toBe('203.0.113.9, 198.51.100.10');
  });
  it('trustedAddresses without a mode: no real_ip_header, so nginx reads its default X-Real-IP from trusted peers', () => {
    const config = { rewriteClientIP: { trustedAddresses: [{ type: 'CIDR', value: '10.0.0.0/8' }] } };
    const headers = { 'X-Forwarded-For': '203.0.113.9', 'X-Real-IP': '192.0.2.44' };
    expect(ngf(config, '10.1.2.3', headers).clientIp).toBe('192.0.2.44');
    expect(ngf(config, '10.1.2.3', { 'X-Forwarded-For': '203.0.113.9' }).clientIp).toBe('10.1.2.3');
  });
});

describe('mode ProxyProtocol: proxy_protocol on every listen, real_ip_header proxy_protocol', () => {
  const config = xff('ProxyProtocol', ['10.0.0.0/8']);
  it('a trusted peer: $remote_addr is the PROXY source', () => {
    const result = ngf(config, '10.1.2.3', { 'X-Forwarded-For': '192.0.2.8' }, '203.0.113.9');
    expect(result.clientIp).toBe('203.0.113.9');
    expect(result.upstreamHeaders).toEqual({ 'x-forwarded-for': '192.0.2.8, 203.0.113.9', 'x-real-ip': '203.0.113.9' });
  });
  it('an untrusted peer: the PROXY header is read but realip keeps the peer', () => {
    expect(ngf(config, '198.51.100.10', {}, '203.0.113.9').clientIp).toBe('198.51.100.10');
  });
  it('no PROXY header: the connection is closed without a response', () => {
    const result = ngf(config, '10.1.2.3');
    expect(result.clientIp).toBeNull();
    expect(result.rejected?.status).toBeUndefined();
  });
  it('a PROXY header on a listener without proxy_protocol: 400', () => {
    expect(ngf(xff('XForwardedFor', ['10.0.0.0/8']), '10.1.2.3', {}, '203.0.113.9').rejected?.status).toBe(400);
    expect(ngf(undefined, '10.1.2.3', {}, '203.0.113.9').rejected?.status).toBe(400);
  });
});

describe('disableBaseHeaders (NGF main, after v2.6.7)', () => {
  it('"*" leaves both headers as received', () => {
    const result = ngf({ disableBaseHeaders: ['*'] }, '198.51.100.10', {
      'X-Forwarded-For': ['192.0.2.1', '192.0.2.2'],
      'X-Real-IP': '192.0.2.9',
    });
    expect(result.upstreamHeaders).toEqual({ 'x-forwarded-for': '192.0.2.1, 192.0.2.2', 'x-real-ip': '192.0.2.9' });
    expect(result.upstreamHeaderLines).toEqual([
      ['x-forwarded-for', '192.0.2.1'],
      ['x-forwarded-for', '192.0.2.2'],
      ['x-real-ip', '192.0.2.9'],
    ]);
  });
  it('X-Real-IP only: X-Forwarded-For is still built; nothing received, no X-Real-IP sent', () => {
    expect(ngf({ disableBaseHeaders: ['X-Real-IP'] }, '198.51.100.10').upstreamHeaders).toEqual({ 'x-forwarded-for': '198.51.100.10' });
  });
});

describe('configuration errors', () => {
  it('names the unknown field, the Hostname entry the model cannot resolve, and invalid values', () => {
    expect(configProblem(() => ngf({ rewriteClientIp: {} }, '10.1.2.3'))).toBe('unknown-field rewriteClientIp');
    expect(configProblem(() => ngf({ rewriteClientIP: { recursive: true } }, '10.1.2.3'))).toBe('unknown-field rewriteClientIP.recursive');
    expect(
      configProblem(() =>
        ngf({ rewriteClientIP: { mode: 'XForwardedFor', trustedAddresses: [{ type: 'Hostname', value: 'lb.example.com' }] } }, '10.1.2.3'),
      ),
    ).toBe('not-modelled rewriteClientIP.trustedAddresses[0].value');
    expect(configProblem(() => ngf(xff('XForwardedFor', ['10.0.0.0/33']), '10.1.2.3'))).toBe(
      'invalid-value rewriteClientIP.trustedAddresses[0].value',
    );
    expect(
      configProblem(() =>
        ngf({ rewriteClientIP: { mode: 'XForwardedFor', trustedAddresses: [{ type: 'CIDR', value: '10.0.0.1' }] } }, '10.1.2.3'),
      ),
    ).toBe('invalid-value rewriteClientIP.trustedAddresses[0].value');
    expect(configProblem(() => ngf({ disableBaseHeaders: ['X-Forwarded-Client'] }, '10.1.2.3'))).toBe(
      'invalid-value disableBaseHeaders[0]',
    );
    expect(configProblem(() => ngf({}, '10.1.2.3:80'))).toBe('invalid-value peer');
  });
});
