/**
 * nginx configurations. `ingressServer` follows ingress-nginx's template
 * (rootfs/etc/nginx/template/nginx.tmpl, v1.13+) for one set of ConfigMap
 * options, so the lab tests ingress-nginx and not plain nginx; `realipServer`
 * is a bare realip setup for the nginx-realip matrix.
 */
import type { IngressNginxConfig } from '../src/model/ingress-nginx.ts';

/** The options an ingress server is built from, and where it listens and proxies to. */
export interface IngressServer {
  id: number;
  listen: string;
  upstream: string;
  config: IngressNginxConfig;
}

/** The http-level maps and geo blocks one ingress server needs, named by its id. */
function ingressMaps(s: IngressServer): string[] {
  const c = s.config;
  const lines: string[] = [];
  if (c.useForwardedHeaders && c.computeFullForwardedFor) {
    const last = c.useProxyProtocol ? '$proxy_protocol_addr' : '$realip_remote_addr';
    lines.push(
      `map $http_x_forwarded_for $full_x_forwarded_for_${s.id} {`,
      `  default "$http_x_forwarded_for, ${last}";`,
      `  '' "${last}";`,
      '}',
    );
  }
  if (c.useForwardedHeaders && c.useProxyProtocol) {
    lines.push(
      `geo $proxy_protocol_addr $proxy_protocol_addr_trusted_${s.id} {`,
      '  default 0;',
      ...c.proxyRealIpCidr.map((cidr) => `  ${cidr} 1;`),
      '}',
    );
    lines.push(
      `map $proxy_protocol_addr_trusted_${s.id} $forwarded_for_proxy_protocol_${s.id} {`,
      '  default $proxy_protocol_addr;',
      '  1 $http_x_forwarded_for;',
      '}',
    );
  }
  return lines;
}

/** One ingress-nginx server block for one set of options. */
function ingressBlock(s: IngressServer): string[] {
  const c = s.config;
  const lines = ['server {', `  listen ${s.listen}${c.useProxyProtocol ? ' proxy_protocol' : ''};`];
  if (c.useForwardedHeaders || c.useProxyProtocol || c.enableRealIp) {
    const header =
      c.useForwardedHeaders && c.useProxyProtocol
        ? 'X-Forwarded-For-Proxy-Protocol'
        : c.useProxyProtocol
          ? 'proxy_protocol'
          : 'X-Forwarded-For';
    lines.push(`  real_ip_header ${header};`, '  real_ip_recursive on;', ...c.proxyRealIpCidr.map((cidr) => `  set_real_ip_from ${cidr};`));
    if (c.useForwardedHeaders && c.useProxyProtocol)
      lines.push(`  more_set_input_headers "X-Forwarded-For-Proxy-Protocol: $forwarded_for_proxy_protocol_${s.id}";`);
  }
  const xff = c.useForwardedHeaders && c.computeFullForwardedFor ? `$full_x_forwarded_for_${s.id}` : '$remote_addr';
  lines.push(
    '  location / {',
    '    proxy_set_header X-Real-IP $remote_addr;',
    `    proxy_set_header X-Forwarded-For ${xff};`,
    '    proxy_set_header X-Original-Forwarded-For $http_x_forwarded_for;',
    '    proxy_http_version 1.1;',
    `    proxy_pass http://${s.upstream};`,
    '  }',
    '}',
  );
  return lines;
}

/** A realip matrix server: returns the $remote_addr nginx derived. */
export interface RealipServer {
  listen: string;
  trusted: string[];
  recursive: boolean;
}

/** A whole nginx configuration, every path under the lab's directory, in the foreground, one process. */
export function nginxConfig(dir: string, ingress: readonly IngressServer[], realip: readonly RealipServer[]): string {
  return [
    'load_module /usr/lib/nginx/modules/ngx_http_headers_more_filter_module.so;',
    'daemon off;',
    'master_process off;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log info;`,
    `lock_file ${dir}/nginx.lock;`,
    'events { worker_connections 256; }',
    'http {',
    `  access_log off;`,
    `  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;`,
    '  proxy_connect_timeout 1s; proxy_read_timeout 2s;',
    ...ingress.flatMap((s) => [...ingressMaps(s), ...ingressBlock(s)]).map((l) => `  ${l}`),
    ...realip
      .flatMap((r) => [
        'server {',
        `  listen ${r.listen};`,
        '  real_ip_header X-Forwarded-For;',
        `  real_ip_recursive ${r.recursive ? 'on' : 'off'};`,
        ...r.trusted.map((t) => `  set_real_ip_from ${t};`),
        '  location / { default_type text/plain; return 200 "$remote_addr"; }',
        '}',
      ])
      .map((l) => `  ${l}`),
    '}',
    '',
  ].join('\n');
}
