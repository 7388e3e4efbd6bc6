/**
 * HAProxy as the cloud load balancer: an HTTP listener with `option forwardfor`,
 * a TCP proxy, and a TCP proxy with `send-proxy`. The listener that keeps the
 * client address is plain DNAT in the load balancer's namespace (see `passthroughRules`).
 */
import { lab } from './plan.ts';
import type { LabFrontend } from './services.ts';

/** The HAProxy configuration for every proxying frontend. */
export function haproxyConfig(dir: string, frontends: readonly LabFrontend[]): string {
  const lines = [
    'global',
    `  pidfile ${dir}/haproxy.pid`,
    '  maxconn 512',
    'defaults',
    '  timeout connect 500ms',
    '  retries 0',
    '  timeout client 3s',
    '  timeout server 3s',
  ];
  for (const f of frontends) {
    if (f.kind === 'l4-passthrough') continue;
    const target = `${f.node === 'A' ? lab.nodeA : lab.nodeB}:${f.service.nodePort}`;
    const mode = f.kind === 'l7-http' ? 'http' : 'tcp';
    lines.push(
      `listen fe${f.port}`,
      `  mode ${mode}`,
      `  bind ${lab.lbVip}:${f.port}`,
      ...(f.kind === 'l7-http' ? ['  option forwardfor'] : []),
      `  server node ${target}${f.kind === 'l4-proxy-protocol' ? ' send-proxy' : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** DNAT rules in the load balancer's namespace for listeners that keep the client address: the destination changes, the source does not. */
export function passthroughRules(frontends: readonly LabFrontend[]): string {
  const rules = frontends
    .filter((f) => f.kind === 'l4-passthrough')
    .map(
      (f) =>
        `-A PREROUTING -d ${lab.lbVip}/32 -p tcp -m tcp --dport ${f.port} -j DNAT --to-destination ${f.node === 'A' ? lab.nodeA : lab.nodeB}:${f.service.nodePort}`,
    );
  return ['*nat', ...rules, 'COMMIT', ''].join('\n');
}
