/**
 * The nginx realip matrix on the load balancer: plain nginx with the realip module, one server per trust set and
 * recursion, each answering the `$remote_addr` realip derived. It tests nginx's realip module itself, not
 * ingress-nginx (whose configuration comes from its own template: lab/ingress-nginx-slice.ts).
 */

import { labNginxConfOpening } from './nginx-foreground.ts';

/** A realip matrix server: where it listens, which peers it trusts, and whether realip walks recursively. */
export interface RealipServer {
  listen: string;
  trusted: string[];
  recursive: boolean;
}

/** The nginx configuration for the realip matrix, every path under the lab's directory, in the foreground, one process. */
export function realipNginxConfig(dir: string, servers: readonly RealipServer[]): string {
  return [
    ...labNginxConfOpening(dir),
    ...servers.flatMap((r) => [
      '  server {',
      `    listen ${r.listen};`,
      '    real_ip_header X-Forwarded-For;',
      `    real_ip_recursive ${r.recursive ? 'on' : 'off'};`,
      ...r.trusted.map((t) => `    set_real_ip_from ${t};`),
      '    location / { default_type text/plain; return 200 "$remote_addr"; }',
      '  }',
    ]),
    '}',
    '',
  ].join('\n');
}
