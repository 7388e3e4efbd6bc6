/**
 * src/model/gateway/traefik.ts. Expectations come from Traefik v3.6.24's documentation
 * (docs/content/reference/install-configuration/entrypoints.md: forwardedHeaders.trustedIPs / insecure trust the
 * X-Forwarded-* information; proxyProtocol.trustedIPs / insecure: "can accept connections with or without PROXY
 * protocol headers", insecure replaces every remote address), from go-proxyproto v0.12.0's policy comments (USE the
 * header's address, IGNORE it but accept the connection), and from Go's net/http/httputil.ReverseProxy
 * documentation (the client IP is appended to any prior X-Forwarded-For, comma and space separated).
 */
import { describe, expect, it } from 'vitest';
import { forwardThroughGateway } from '../../../src/model/gateway/index.ts';
import { configProblem } from './helpers.ts';

const traefik = (config: object | undefined, peer: string, headers?: Record<string, string | string[]>, proxyProtocolSource?: string) =>
  forwardThroughGateway({ implementation: 'traefik', config, peer, headers, proxyProtocolSource });

const spoofed = { 'X-Forwarded-For': '192.0.2.66', 'X-Real-Ip': '192.0.2.67' };

describe('forwardedHeaders', () => {
  it('default: an untrusted peer’s X-Forwarded-For and X-Real-Ip are dropped; the peer is appended and becomes X-Real-Ip', () => {
    const result = traefik(undefined, '198.51.100.10', spoofed);
    expect(result.clientIp).toBe('198.51.100.10');
    expect(result.upstreamHeaders).toEqual({ 'x-forwarded-for': '198.51.100.10', 'x-real-ip': '198.51.100.10' });
  });
  it('a trusted peer: the received list is kept and the peer appended; a received X-Real-Ip passes unchanged', () => {
    const result = traefik({ forwardedHeaders: { trustedIPs: ['10.0.0.0/8'] } }, '10.1.2.3', spoofed);
    expect(result.clientIp).toBe('10.1.2.3');
    expect(result.upstreamHeaders).toEqual({ 'x-forwarded-for': '192.0.2.66, 10.1.2.3', 'x-real-ip': '192.0.2.67' });
  });
  it('a trusted peer without X-Real-Ip: X-Real-Ip is the peer, never taken from X-Forwarded-For', () => {
    const result = traefik({ forwardedHeaders: { trustedIPs: ['10.1.2.3'] } }, '10.1.2.3', { 'X-Forwarded-For': '203.0.113.9' });
    expect(result.upstreamHeaders['x-real-ip']).toBe('10.1.2.3');
  });
  it('insecure trusts every peer; several received lines go on as one', () => {
    const result = traefik({ forwardedHeaders: { insecure: true } }, '198.51.100.10', { 'X-Forwarded-For': ['192.0.2.1', '192.0.2.2'] });
    expect(result.upstreamHeaders['x-forwarded-for']).toBe('192.0.2.1, 192.0.2.2, 198.51.100.10');
    expect(result.upstreamHeaderLines).toBeUndefined();
  });
  it('notAppendXForwardedFor (v3.7): the peer is not appended, and nothing is sent when nothing was kept', () => {
    const config = { forwardedHeaders: { trustedIPs: ['10.0.0.0/8'], notAppendXForwardedFor: true } };
    expect(traefik(config, '10.1.2.3', { 'X-Forwarded-For': '203.0.113.9' }).upstreamHeaders['x-forwarded-for']).toBe('203.0.113.9');
    expect(traefik(config, '198.51.100.10', spoofed).upstreamHeaders['x-forwarded-for']).toBeUndefined();
  });
});

describe('proxyProtocol', () => {
  const config = { proxyProtocol: { trustedIPs: ['10.0.0.0/8'] } };
  it('a trusted PROXY sender: the PROXY source becomes the client and the peer for forwardedHeaders', () => {
    const result = traefik(config, '10.1.2.3', { 'X-Forwarded-For': '192.0.2.66' }, '203.0.113.9');
    expect(result.clientIp).toBe('203.0.113.9');
    // The client itself is the "peer" the forwarded-headers check sees: its own X-Forwarded-For is dropped.
    expect(result.upstreamHeaders).toEqual({ 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '203.0.113.9' });
  });
  it('PROXY is optional: a connection without it keeps its peer', () => {
    expect(traefik(config, '10.1.2.3').clientIp).toBe('10.1.2.3');
  });
  it('an untrusted sender’s PROXY header is ignored', () => {
    expect(traefik(config, '198.51.100.10', {}, '203.0.113.9').clientIp).toBe('198.51.100.10');
  });
  it('insecure uses every PROXY header', () => {
    expect(traefik({ proxyProtocol: { insecure: true } }, '198.51.100.10', {}, '203.0.113.9').clientIp).toBe('203.0.113.9');
  });
  it('without a proxyProtocol section a PROXY header is a malformed request: 400', () => {
    const result = traefik(undefined, '10.1.2.3', {}, '203.0.113.9');
    expect(result.clientIp).toBeNull();
    expect(result.rejected?.status).toBe(400);
  });
  it('trusting the load balancer for PROXY and forwardedHeaders: the client’s X-Forwarded-For is still dropped unless the client is trusted', () => {
    const both = { proxyProtocol: { trustedIPs: ['10.0.0.0/8'] }, forwardedHeaders: { trustedIPs: ['10.0.0.0/8'] } };
    expect(traefik(both, '10.1.2.3', { 'X-Forwarded-For': '192.0.2.66' }, '203.0.113.9').upstreamHeaders['x-forwarded-for']).toBe(
      '203.0.113.9',
    );
  });
});

describe('configuration errors', () => {
  it('names unknown fields and invalid values', () => {
    expect(configProblem(() => traefik({ forwardedHeaders: { trustedIps: [] } }, '10.1.2.3'))).toBe(
      'unknown-field forwardedHeaders.trustedIps',
    );
    expect(configProblem(() => traefik({ ipStrategy: { depth: 1 } }, '10.1.2.3'))).toBe('unknown-field ipStrategy');
    expect(configProblem(() => traefik({ forwardedHeaders: { trustedIPs: ['10.0.0.0/40'] } }, '10.1.2.3'))).toBe(
      'invalid-value forwardedHeaders.trustedIPs[0]',
    );
    expect(configProblem(() => traefik({ proxyProtocol: {} }, '10.1.2.3'))).toBe('invalid-value proxyProtocol.trustedIPs');
    expect(configProblem(() => traefik({ forwardedHeaders: { insecure: 'true' } }, '10.1.2.3'))).toBe(
      'invalid-value forwardedHeaders.insecure',
    );
  });
});
