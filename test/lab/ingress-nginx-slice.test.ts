/**
 * The client-IP slice of ingress-nginx's rendered nginx.conf (lab/ingress-nginx-slice.ts).
 *
 * The fixtures are nginx.conf files rendered by ingress-nginx's own template code and nginx.tmpl at controller-v1.11.0
 * (module k8s.io/ingress-nginx v0.0.0-20240708192948-52c50467d67d) through lab/ingress-nginx/build.sh's renderer:
 * `proxy-protocol` with use-forwarded-headers, compute-full-forwarded-for, use-proxy-protocol, enable-real-ip and
 * proxy-real-ip-cidr 198.18.20.0/24; `forwarded-headers` with use-forwarded-headers and compute-full-forwarded-for.
 * Where the renderer is built, every variant the lab runs is rendered and sliced here too, and where nginx with the
 * headers-more module is installed, `nginx -t` checks that each slice runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientIpTermIn, formatNginxConf, parseNginxConf, sliceIngressNginxConf, type Directive } from '../../lab/ingress-nginx-slice.ts';
import { ingressNginxConfigMap, renderIngressNginxConf, rendererPath } from '../../lab/ingress-nginx/render.ts';
import { ingressNginxDefaults } from '../../src/model/ingress-nginx.ts';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, 'fixtures', `ingress-nginx-controller-v1.11.0-${name}.conf`), 'utf8');
const proxyProtocol = fixture('proxy-protocol');
const forwardedHeaders = fixture('forwarded-headers');
const target = { listen: '198.19.1.30:10003', upstream: '198.19.1.10:8080', dir: '/tmp/fg-test' };

/** Every directive name in a configuration, nested ones included. */
function names(directives: readonly Directive[]): string[] {
  return directives.flatMap((d) => [d.name, ...names(d.block ?? [])]);
}

/** The rendered text with `extra` inserted right after the first line that contains `after`. */
function insertAfter(text: string, after: string, extra: string): string {
  const i = text.indexOf(after);
  if (i === -1) throw new Error(`fixture lacks ${after}`);
  const end = text.indexOf('\n', i);
  return `${text.slice(0, end + 1)}${extra}\n${text.slice(end + 1)}`;
}

describe('parseNginxConf', () => {
  it('reads directives, nested blocks and Lua blocks, and writes them back unchanged', () => {
    const parsed = parseNginxConf(proxyProtocol);
    const strip = (ds: readonly Directive[]): unknown => ds.map(({ line: _line, block, ...d }) => ({ ...d, block: block && strip(block) }));
    expect(strip(parseNginxConf(formatNginxConf(parsed)))).toEqual(strip(parsed));
    expect(parsed.map((d) => d.name)).toEqual([
      'pid',
      'daemon',
      'worker_processes',
      'worker_rlimit_nofile',
      'worker_shutdown_timeout',
      'events',
      'http',
      'stream',
    ]);
    const http = parsed.find((d) => d.name === 'http')!.block!;
    expect(http.find((d) => d.name === 'init_by_lua_block')?.lua).toContain('lua_ingress.set_config');
    expect(http.find((d) => d.name === 'real_ip_header')?.args).toEqual(['proxy_protocol']);
  });

  it('fails on an unbalanced block', () => {
    expect(() => parseNginxConf('http { server { listen 80; }')).toThrow(/missing "}"/);
  });
});

describe('sliceIngressNginxConf on rendered configurations', () => {
  it('keeps the realip directives, the maps, the PROXY listener and the proxy_set_header lines', () => {
    const slice = sliceIngressNginxConf(proxyProtocol, target);
    expect(slice).toContain('  real_ip_header proxy_protocol;\n');
    expect(slice).toContain('  real_ip_recursive on;\n');
    expect(slice).toContain('  set_real_ip_from 198.18.20.0/24;\n');
    expect(slice).toContain(
      '  map $http_x_forwarded_for $full_x_forwarded_for {\n    default "$http_x_forwarded_for, $proxy_protocol_addr";\n',
    );
    expect(slice).toContain('    listen 198.19.1.30:10003 proxy_protocol default_server;\n');
    expect(slice).toContain('      proxy_set_header X-Real-IP $remote_addr;\n');
    expect(slice).toContain('      proxy_set_header X-Forwarded-For $full_x_forwarded_for;\n');
    expect(slice).toContain('      proxy_set_header X-Original-Forwarded-For $http_x_forwarded_for;\n');
    expect(slice).toContain('  upstream upstream_balancer {\n    server 198.19.1.10:8080;\n  }\n');
  });

  it('keeps the realip directives of use-forwarded-headers and a listener without PROXY protocol', () => {
    const slice = sliceIngressNginxConf(forwardedHeaders, target);
    expect(slice).toContain('  real_ip_header X-Forwarded-For;\n');
    expect(slice).toContain('  set_real_ip_from 0.0.0.0/0;\n');
    expect(slice).toContain(
      '  map $http_x_forwarded_for $full_x_forwarded_for {\n    default "$http_x_forwarded_for, $realip_remote_addr";\n',
    );
    expect(slice).toContain('    listen 198.19.1.30:10003 default_server;\n');
  });

  it('removes Lua, TLS, HTTP/2, the other servers and every upstream path', () => {
    for (const rendered of [proxyProtocol, forwardedHeaders]) {
      const slice = sliceIngressNginxConf(rendered, target);
      expect(slice.toLowerCase()).not.toContain('lua');
      expect(slice).not.toMatch(/\bssl|http2|\/tmp\/nginx|\/var\/log|\/etc\/nginx|0\.0\.0\.1|listen 80|listen 443|8181|10246|\bstream \{/);
      const parsed = parseNginxConf(slice);
      expect(names(parsed).filter((n) => n === 'server')).toHaveLength(2); // the ingress server and the upstream's one endpoint
      expect(names(parsed).filter((n) => n === 'location')).toHaveLength(1);
    }
  });

  it('keeps every proxy_set_header line and every realip directive of the rendered configuration', () => {
    for (const rendered of [proxyProtocol, forwardedHeaders]) {
      const count = (text: string, name: string) => names(parseNginxConf(text)).filter((n) => n === name).length;
      const slice = sliceIngressNginxConf(rendered, target);
      expect(count(slice, 'proxy_set_header')).toBe(count(rendered, 'proxy_set_header'));
      // The stream{} block's set_real_ip_from applies to TCP services, which the rendered configurations have none of.
      const streamRealip = parseNginxConf(rendered)
        .find((d) => d.name === 'stream')!
        .block!.filter((d) => d.name === 'set_real_ip_from').length;
      for (const name of ['real_ip_header', 'real_ip_recursive', 'set_real_ip_from', 'map', 'geo'])
        expect(count(slice, name), name).toBe(count(rendered, name) - (name === 'set_real_ip_from' ? streamRealip : 0));
    }
  });
});

describe('the slice refuses a configuration whose removed part touches the client address', () => {
  it('a header line in a location it removes', () => {
    const bad = insertAfter(proxyProtocol, 'location /healthz {', 'proxy_set_header X-Forwarded-For $remote_addr;');
    expect(() => sliceIngressNginxConf(bad, target)).toThrow(
      /removed directive "proxy_set_header X-Forwarded-For \$remote_addr" \(line \d+, in server > location \/healthz\)/,
    );
  });

  it('Lua code that reads or sets a client address', () => {
    const bad = insertAfter(proxyProtocol, 'rewrite_by_lua_block {', 'ngx.req.set_header("X-Real-IP", ngx.var.remote_addr)');
    expect(() => sliceIngressNginxConf(bad, target)).toThrow(/rewrite_by_lua_block.*touches the client address \("remote_addr"\)/);
    const luaXff = insertAfter(forwardedHeaders, 'init_worker_by_lua_block {', 'local xff = ngx.var.http_x_forwarded_for');
    expect(() => sliceIngressNginxConf(luaXff, target)).toThrow(/init_worker_by_lua_block/);
  });

  it('a realip directive in a server it removes', () => {
    const bad = insertAfter(forwardedHeaders, 'listen 8181 default_server', 'real_ip_header X-Real-IP;');
    expect(() => sliceIngressNginxConf(bad, target)).toThrow(/removed directive "real_ip_header X-Real-IP" \(line \d+, in http > server\)/);
  });

  it('a response header or a map-like directive it does not keep', () => {
    const bad = insertAfter(forwardedHeaders, 'server_tokens off;', 'more_set_headers "X-Client: $proxy_protocol_addr";');
    expect(() => sliceIngressNginxConf(bad, target)).toThrow(/more_set_headers/);
  });

  it('a header named by forwarded-for-header, when the target says which', () => {
    const bad = insertAfter(forwardedHeaders, 'location /nginx_status {', 'set $client $http_x_client;');
    expect(() => sliceIngressNginxConf(bad, target)).not.toThrow();
    expect(() => sliceIngressNginxConf(bad, { ...target, forwardedForHeader: 'X-Client' })).toThrow(/http_x_client/);
  });

  it('a stream{} block that serves TCP services', () => {
    const bad = insertAfter(proxyProtocol, '# TCP services', 'server { listen 9000; proxy_pass 198.19.1.10:9000; }');
    expect(() => sliceIngressNginxConf(bad, target)).toThrow(/stream block serves TCP\/UDP services/);
  });

  it('listeners that disagree on PROXY protocol', () => {
    const bad = proxyProtocol.replace('listen 443 proxy_protocol', 'listen 443');
    expect(() => sliceIngressNginxConf(bad, target)).toThrow(/disagree on proxy_protocol/);
  });
});

describe('clientIpTermIn', () => {
  it('names the variable or header a directive touches, and nothing for others', () => {
    const [d] = parseNginxConf('log_format main "$binary_remote_addr";');
    expect(clientIpTermIn(d!)).toBe('remote_addr');
    expect(clientIpTermIn(parseNginxConf('set $x "$the_real_ip";')[0]!)).toBe('the_real_ip');
    expect(clientIpTermIn(parseNginxConf('more_set_input_headers "X-Forwarded-For-Proxy-Protocol: 1";')[0]!)).toBe('x-forwarded-for');
    expect(clientIpTermIn(parseNginxConf('proxy_set_header X-Request-ID $req_id;')[0]!)).toBeNull();
  });
});

const canRender = existsSync(rendererPath);
const canRunNginx =
  existsSync('/usr/lib/nginx/modules/ngx_http_headers_more_filter_module.so') &&
  (() => {
    try {
      execFileSync('nginx', ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

describe.skipIf(!canRender)('every option set the lab runs, rendered by the built renderer', () => {
  const sets = [false, true].flatMap((useForwardedHeaders) =>
    [false, true].flatMap((computeFullForwardedFor) =>
      [false, true].flatMap((useProxyProtocol) =>
        [['0.0.0.0/0'], ['198.18.20.0/24']].map((proxyRealIpCidr) => ({
          ...ingressNginxDefaults,
          useForwardedHeaders,
          computeFullForwardedFor,
          useProxyProtocol,
          proxyRealIpCidr,
        })),
      ),
    ),
  );
  it.each(sets.map((s) => [JSON.stringify(s), s] as const))('%s slices, and runs on nginx where it is installed', (_name, config) => {
    const rendered = renderIngressNginxConf(ingressNginxConfigMap(config), { address: '198.19.1.10', port: '8080' });
    const dir = mkdtempSync(join(tmpdir(), 'fg-slice-'));
    try {
      const slice = sliceIngressNginxConf(rendered, { ...target, listen: '127.0.0.1:10003', dir });
      expect(slice.includes('real_ip_header')).toBe(config.useForwardedHeaders || config.useProxyProtocol);
      if (canRunNginx) {
        writeFileSync(join(dir, 'nginx.conf'), slice);
        execFileSync('nginx', ['-t', '-q', '-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], { stdio: 'pipe' });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
