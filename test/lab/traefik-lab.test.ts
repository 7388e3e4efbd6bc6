/**
 * The lab's Traefik plumbing (lab/traefik/lab.ts): the flags that configure the entry point, the TCP HAProxy in front
 * of it, and reading the client main.go logged. Flag names are lab/traefik/main.go's; the settings they stand for are
 * Traefik's static configuration (traefik/traefik v3.6.12 pkg/config/static/entrypoints.go: ForwardedHeaders.Insecure,
 * ForwardedHeaders.TrustedIPs, ProxyProtocol.Insecure, ProxyProtocol.TrustedIPs).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { traefikArgs, traefikClientIp, traefikHaproxyConfig, traefikRelease, type TraefikServer } from '../../lab/traefik/lab.ts';

const server = (forwardedHeaders: TraefikServer['forwardedHeaders'], proxyProtocol: TraefikServer['proxyProtocol']): TraefikServer => ({
  listen: '198.18.20.11:7100',
  forwardedHeaders,
  proxyProtocol,
  lbPort: 7200,
  lbProxyPort: 7201,
});

describe('traefikArgs', () => {
  const base = ['-address', '198.18.20.11:7100', '-upstream', 'http://198.19.1.10:8080', '-client-log', '/tmp/c.log'];
  const args = (s: TraefikServer) => traefikArgs(s, '198.18.20.2', 'http://198.19.1.10:8080', '/tmp/c.log');

  it('leaves forwardedHeaders untrusting and proxyProtocol out by default', () => {
    expect(args(server('none', 'none'))).toEqual(base);
  });

  it('trusts the load balancer by its /32, or everyone through insecure', () => {
    expect(args(server('lb', 'lb'))).toEqual([
      ...base,
      '-forwarded-headers-trusted-ips',
      '198.18.20.2/32',
      '-proxy-protocol',
      '-proxy-protocol-trusted-ips',
      '198.18.20.2/32',
    ]);
    expect(args(server('insecure', 'insecure'))).toEqual([
      ...base,
      '-forwarded-headers-insecure',
      '-proxy-protocol',
      '-proxy-protocol-insecure',
    ]);
  });
});

describe('traefikHaproxyConfig', () => {
  it('puts a TCP frontend without and one with send-proxy in front of each entry point', () => {
    const config = traefikHaproxyConfig('/d', '198.18.10.10', [server('none', 'lb')]);
    expect(config).toContain('  mode tcp\n');
    expect(config).toContain('listen tr7200\n  bind 198.18.10.10:7200\n  server traefik 198.18.20.11:7100\n');
    expect(config).toContain('listen tr7201\n  bind 198.18.10.10:7201\n  server traefik 198.18.20.11:7100 send-proxy\n');
    expect(config).not.toContain('forwardfor');
  });
});

describe('traefikClientIp', () => {
  const dir = mkdtempSync(join(tmpdir(), 'traefik-lab-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const log = join(dir, 'clients.log');
  writeFileSync(
    log,
    ['{"path":"/traefik-0","remoteAddr":"198.18.10.7:41234"}', '{"path":"/traefik-1","remoteAddr":"[2001:db8::7]:5555"}', ''].join('\n'),
  );

  it('gives the host of the RemoteAddr logged for a path', () => {
    expect(traefikClientIp(log, '/traefik-0')).toBe('198.18.10.7');
    expect(traefikClientIp(log, '/traefik-1')).toBe('2001:db8::7');
  });

  it('gives null for a path that never reached the handler, or no log at all', () => {
    expect(traefikClientIp(log, '/traefik-2')).toBeNull();
    expect(traefikClientIp(join(dir, 'missing.log'), '/traefik-0')).toBeNull();
  });
});

describe('traefikRelease', () => {
  it('reads the release go.mod pins', () => {
    expect(traefikRelease()).toMatch(/^v3\.\d+\.\d+$/);
  });
});
