/**
 * The lab's Traefik (lab/traefik/main.go: Traefik's own TCP entry point, PROXY listener, forwardedHeaders middleware
 * and reverse proxy, github.com/traefik/traefik/v3 at the release go.mod pins): its configurations, the flags that set
 * them, the HAProxy that stands in front of it as a TCP load balancer, and the client log it writes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../shell.ts';

/** One side of an entry point's client-IP settings: forwardedHeaders or proxyProtocol. */
export type TraefikTrust = 'none' | 'lb' | 'insecure';

/** One Traefik entry point the lab runs: its address, its settings and the HAProxy frontends in front of it. */
export interface TraefikServer {
  /** Entry point address (host:port) in node A's namespace. */
  listen: string;
  /** forwardedHeaders: no trusted IPs, the load balancer's address, or insecure. */
  forwardedHeaders: TraefikTrust;
  /** proxyProtocol: no section ('none'), trusted IPs = the load balancer's address, or insecure. */
  proxyProtocol: TraefikTrust;
  /** The load balancer's TCP frontend to this entry point, without and with `send-proxy`. */
  lbPort: number;
  lbProxyPort: number;
}

/** The release of github.com/traefik/traefik/v3 that go.mod pins. */
export function traefikRelease(): string {
  const goMod = readFileSync(join(import.meta.dirname, 'go.mod'), 'utf8');
  const release = /github\.com\/traefik\/traefik\/v3 (v\S+)/.exec(goMod)?.[1];
  if (!release) throw new Error('lab/traefik/go.mod pins no github.com/traefik/traefik/v3');
  return release;
}

/** The lab's Traefik binary for the pinned release. */
export function traefikBinary(): string {
  return join(import.meta.dirname, '..', '..', '.cache', 'bin', `traefik-lab-${traefikRelease()}`);
}

/** Builds the lab's Traefik (minutes when cold, instant when up to date); returns the binary's path or throws. */
export async function buildTraefik(): Promise<string> {
  const built = await run('bash', [join(import.meta.dirname, 'build.sh')], 1_200_000);
  const binary = built.stdout.trim();
  if (built.code !== 0 || !existsSync(binary)) throw new Error(built.stderr.trim() || `build.sh exited ${built.code}`);
  return binary;
}

/**
 * The flags of one entry point: forwardedHeaders and proxyProtocol the way the static configuration sets them
 * (entryPoints.<name>.forwardedHeaders.{trustedIPs,insecure}, entryPoints.<name>.proxyProtocol.{trustedIPs,insecure}).
 */
export function traefikArgs(server: TraefikServer, lbAddress: string, upstream: string, clientLog: string): string[] {
  const args = ['-address', server.listen, '-upstream', upstream, '-client-log', clientLog];
  if (server.forwardedHeaders === 'lb') args.push('-forwarded-headers-trusted-ips', `${lbAddress}/32`);
  if (server.forwardedHeaders === 'insecure') args.push('-forwarded-headers-insecure');
  if (server.proxyProtocol !== 'none') args.push('-proxy-protocol');
  if (server.proxyProtocol === 'lb') args.push('-proxy-protocol-trusted-ips', `${lbAddress}/32`);
  if (server.proxyProtocol === 'insecure') args.push('-proxy-protocol-insecure');
  return args;
}

/** HAProxy as a TCP load balancer in front of each entry point: one frontend without and one with `send-proxy`. */
export function traefikHaproxyConfig(dir: string, vip: string, servers: readonly TraefikServer[]): string {
  const lines = [
    'global',
    `  pidfile ${dir}/haproxy-traefik.pid`,
    '  maxconn 512',
    'defaults',
    '  mode tcp',
    '  timeout connect 500ms',
    '  retries 0',
    '  timeout client 3s',
    '  timeout server 3s',
  ];
  for (const s of servers)
    for (const [port, proxy] of [
      [s.lbPort, false],
      [s.lbProxyPort, true],
    ] as const)
      lines.push(`listen tr${port}`, `  bind ${vip}:${port}`, `  server traefik ${s.listen}${proxy ? ' send-proxy' : ''}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The client Traefik saw for a request URI (path and query): the host of the RemoteAddr main.go logged after the entry
 * point (the access log's ClientAddr), or null when no request with that URI reached the handler.
 */
export function traefikClientIp(clientLog: string, path: string): string | null {
  if (!existsSync(clientLog)) return null;
  for (const line of readFileSync(clientLog, 'utf8').split('\n')) {
    if (!line) continue;
    const entry = JSON.parse(line) as { remoteAddr: string; path: string };
    if (entry.path !== path) continue;
    const host = /^\[?([^\]]*?)\]?:\d+$/.exec(entry.remoteAddr)?.[1];
    return host ?? entry.remoteAddr;
  }
  return null;
}
