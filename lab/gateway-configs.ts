/**
 * NGINX Gateway Fabric's and haproxy-ingress's client-IP configuration as their own unit tests expect it, transcribed
 * as data with a citation (neither generator can be built here: the Go module proxy refuses both modules), and a small
 * renderer that puts those exact lines into a minimal nginx server or HAProxy frontend with the lab's addresses.
 *
 * Substitutions, and nothing else, are made to the transcribed lines: the listen port (8080 / :80) becomes the lab
 * gateway's address and port; the trusted addresses in `set_real_ip_from` become the lab's (the test's list, one line
 * per address, stands for any list); nothing else in a line changes. What the renderer adds around them is the lab's
 * own plumbing, said where it is written: the foreground boilerplate, `proxy_pass` / `server` to the echo app, and one
 * lab header carrying the gateway's own client variable (`$remote_addr`, `%[src]`) so the lab can read it.
 */
import { labNginxConfOpening } from './nginx-foreground.ts';

/** Where a transcribed block comes from: repository, tag, commit, file and test. */
export interface UpstreamSource {
  repo: string;
  tag: string;
  commit: string;
  path: string;
  test: string;
}

/** Transcribed lines with their source. */
export interface TranscribedBlock {
  source: UpstreamSource;
  lines: readonly string[];
}

/** The header the lab's gateways add to carry their own client variable to the echo app (lab plumbing, not upstream). */
export const LAB_CLIENT_HEADER = 'X-Lab-Gateway-Client';

const NGF = { repo: 'nginx/nginx-gateway-fabric', tag: 'v2.6.7', commit: '5e34a17a8f7787e90f41d1af91258a556f0795b4' } as const;
const NGF_SERVERS_TEST = 'internal/controller/nginx/config/servers_test.go';

/**
 * NGINX Gateway Fabric v2.6.7, internal/controller/nginx/config/servers_test.go. Each test counts substrings of the
 * generated server blocks; these are the expected substrings of the plain-HTTP IPv4 server (`listen 8080;`).
 */
export const ngfTranscribed = {
  /** TestExecuteServers_IPFamily, "http and ssl servers with IPv4 IP family": no rewriteClientIP, no realip line. */
  default: {
    source: { ...NGF, path: NGF_SERVERS_TEST, test: 'TestExecuteServers_IPFamily/http and ssl servers with IPv4 IP family' },
    lines: ['listen 8080;'],
  },
  /** TestExecuteServers_RewriteClientIP, "rewrite client IP settings configured with x-forwarded-for" (IPRecursive true). */
  xForwardedFor: {
    source: {
      ...NGF,
      path: NGF_SERVERS_TEST,
      test: 'TestExecuteServers_RewriteClientIP/rewrite client IP settings configured with x-forwarded-for',
    },
    lines: ['listen 8080;', 'set_real_ip_from 10.1.1.3/32;', 'real_ip_header X-Forwarded-For;', 'real_ip_recursive on;'],
  },
  /** TestExecuteServers_RewriteClientIP, "rewrite client IP settings configured with proxy protocol" (IPRecursive false: "real_ip_recursive on;" counted 0). */
  proxyProtocol: {
    source: {
      ...NGF,
      path: NGF_SERVERS_TEST,
      test: 'TestExecuteServers_RewriteClientIP/rewrite client IP settings configured with proxy protocol',
    },
    lines: ['listen 8080 proxy_protocol;', 'set_real_ip_from 10.56.73.51/32;', 'real_ip_header proxy_protocol;'],
  },
  /**
   * TestCreateLocations_InferenceBackends, proxySetHeaders: the base headers every location gets, as {Name, Value}
   * data; written here in nginx's own `proxy_set_header NAME VALUE;` form (the template's quoting is not transcribed).
   */
  baseHeaders: {
    source: { ...NGF, path: NGF_SERVERS_TEST, test: 'TestCreateLocations_InferenceBackends (proxySetHeaders)' },
    lines: ['proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;', 'proxy_set_header X-Real-IP $remote_addr;'],
  },
} as const satisfies Record<string, TranscribedBlock>;

/** NGINX Gateway Fabric's rewriteClientIP as the lab runs it: the mode, the trusted addresses (lab form), recursion. */
export interface NgfLabConfig {
  mode: 'none' | 'XForwardedFor' | 'ProxyProtocol';
  trusted: string[];
  setIPRecursively: boolean;
}

/** One NGF gateway server in the lab: where it listens, its configuration, and the HAProxy ports in front of it. */
export interface LabGatewayServer<Config> {
  listen: string;
  config: Config;
  lbPort: number;
  lbProxyPort: number;
}

/**
 * The transcribed lines for one NGF configuration, substituted: the port, and the trusted addresses (one line per lab
 * address in place of the test's lines). The XForwardedFor test has IPRecursive true; with setIPRecursively false its
 * `real_ip_recursive on;` is left out, as the proxy-protocol test (IPRecursive false) counts it 0; the proxy-protocol
 * test has IPRecursive false, so ProxyProtocol with recursion is not offered.
 */
export function ngfServerLines(config: NgfLabConfig, listen: string): string[] {
  if (config.mode === 'ProxyProtocol' && config.setIPRecursively)
    throw new Error('gateway-configs: no NGF test expects ProxyProtocol with setIPRecursively');
  const block =
    config.mode === 'none'
      ? ngfTranscribed.default
      : config.mode === 'XForwardedFor'
        ? ngfTranscribed.xForwardedFor
        : ngfTranscribed.proxyProtocol;
  if (config.mode === 'none' && config.trusted.length > 0)
    throw new Error('gateway-configs: no NGF test expects trusted addresses without a mode');
  const out: string[] = [];
  let trustedWritten = false;
  for (const line of block.lines) {
    if (line.startsWith('listen 8080')) out.push(line.replace('listen 8080', `listen ${listen}`));
    else if (line.startsWith('set_real_ip_from ')) {
      if (!trustedWritten) out.push(...config.trusted.map((address) => `set_real_ip_from ${address};`));
      trustedWritten = true;
    } else if (line === 'real_ip_recursive on;') {
      if (config.setIPRecursively) out.push(line);
    } else out.push(line);
  }
  return out;
}

/**
 * One nginx configuration with a server per NGF gateway: the transcribed server lines, then a location with the
 * transcribed base headers, the lab header with `$remote_addr` (realip's result) and `proxy_pass` to the echo app.
 */
export function ngfNginxConfig(dir: string, servers: readonly LabGatewayServer<NgfLabConfig>[], upstream: string): string {
  return [
    ...labNginxConfOpening(dir),
    ...servers.flatMap((server) => [
      '  server {',
      ...ngfServerLines(server.config, server.listen).map((line) => `    ${line}`),
      '    location / {',
      ...ngfTranscribed.baseHeaders.lines.map((line) => `      ${line}`),
      `      proxy_set_header ${LAB_CLIENT_HEADER} $remote_addr;`,
      `      proxy_pass http://${upstream};`,
      '    }',
      '  }',
    ]),
    '}',
    '',
  ].join('\n');
}

const HAPROXY_INGRESS = { repo: 'jcmoraisjr/haproxy-ingress', tag: 'v0.16.1', commit: '5cda817e35489ea12ba2ad2bf31857a7c7eb3b96' } as const;
const HAPROXY_INSTANCE_TEST = 'pkg/haproxy/instance_test.go';

/** haproxy-ingress v0.16.1, pkg/haproxy/instance_test.go: the `_front_http` frontend's client-IP lines. */
export const haproxyIngressTranscribed = {
  /** TestInstanceGlobalBind, case 0 and 2: the HTTP bind without accept-proxy (`bind 127.0.0.1:80`). */
  bind: {
    source: { ...HAPROXY_INGRESS, path: HAPROXY_INSTANCE_TEST, test: 'TestInstanceGlobalBind (case 2)' },
    lines: ['bind 127.0.0.1:80'],
  },
  /** TestInstanceGlobalBind, case 1 (AcceptProxy true): `bind :80 accept-proxy`. */
  bindAcceptProxy: {
    source: { ...HAPROXY_INGRESS, path: HAPROXY_INSTANCE_TEST, test: 'TestInstanceGlobalBind (case 1)' },
    lines: ['bind :80 accept-proxy'],
  },
  /** TestInstanceFrontend (ForwardFor "add", OriginalForwardedForHdr X-Original-Forwarded-For, RealIPHdr X-Real-IP). */
  forwardforAdd: {
    source: { ...HAPROXY_INGRESS, path: HAPROXY_INSTANCE_TEST, test: 'TestInstanceFrontend' },
    lines: [
      'http-request set-header X-Original-Forwarded-For %[hdr(x-forwarded-for)] if { hdr(x-forwarded-for) -m found }',
      'http-request del-header x-forwarded-for',
      'option forwardfor',
      'http-request set-header X-Real-IP %[src]',
    ],
  },
} as const satisfies Record<string, TranscribedBlock>;

/** The forwardfor values the lab runs. `ifmissing` (`option forwardfor if-none`) has no test expectation: not run. */
export type HaproxyIngressForwardfor = 'add' | 'update' | 'ignore';

/** haproxy-ingress's ConfigMap keys as the lab runs them. */
export interface HaproxyIngressLabConfig {
  forwardfor: HaproxyIngressForwardfor;
  useProxyProtocol: boolean;
}

/**
 * The frontend's client-IP lines for one configuration, from TestInstanceFrontend's lines. `add` is the test's block
 * as it stands. No test renders `update` or `ignore`: they are composed from the same lines, as keys.md ("Forwardfor")
 * describes them and haproxy.tmpl's sourceIP block (v0.16.1, lines 1531-1541) renders them: `update` keeps only
 * `option forwardfor`, `ignore` none of the X-Forwarded-For lines; both keep the X-Real-IP line (real-ip-hdr's
 * default, X-Real-IP, keys.md).
 */
export function haproxyIngressSourceLines(forwardfor: HaproxyIngressForwardfor): string[] {
  const [setOriginal, del, option, realIp] = haproxyIngressTranscribed.forwardforAdd.lines;
  if (forwardfor === 'add') return [setOriginal, del, option, realIp];
  if (forwardfor === 'update') return [option, realIp];
  return [realIp];
}

/** The bind line for one configuration: the transcribed bind with the lab's address and port. */
export function haproxyIngressBindLine(config: HaproxyIngressLabConfig, listen: string): string {
  const [line] = config.useProxyProtocol ? haproxyIngressTranscribed.bindAcceptProxy.lines : haproxyIngressTranscribed.bind.lines;
  return line.replace(/^bind \S+/, `bind ${listen}`);
}

/** The HAProxy global and defaults of the lab's gateways: foreground, pid under the lab's directory, short timeouts. */
function haproxyOpening(dir: string, name: string, mode: 'http' | 'tcp'): string[] {
  return [
    'global',
    `  pidfile ${dir}/${name}.pid`,
    '  maxconn 512',
    'defaults',
    `  mode ${mode}`,
    '  timeout connect 500ms',
    '  retries 0',
    '  timeout client 3s',
    '  timeout server 3s',
  ];
}

/**
 * One HAProxy configuration with a frontend per haproxy-ingress gateway: the transcribed bind and client-IP lines,
 * the lab header with `%[src]`, and a backend to the echo app (the lab's upstream name `app`).
 */
export function haproxyIngressConfig(dir: string, servers: readonly LabGatewayServer<HaproxyIngressLabConfig>[], upstream: string): string {
  const lines = haproxyOpening(dir, 'haproxy-ingress', 'http');
  for (const [i, server] of servers.entries())
    lines.push(
      `frontend _front_http_${i}`,
      `    ${haproxyIngressBindLine(server.config, server.listen)}`,
      `    http-request set-header ${LAB_CLIENT_HEADER} %[src]`,
      ...haproxyIngressSourceLines(server.config.forwardfor).map((line) => `    ${line}`),
      '    default_backend app',
    );
  lines.push('backend app', `    server s1 ${upstream}`);
  return `${lines.join('\n')}\n`;
}

/** HAProxy as a TCP load balancer in front of each gateway: one frontend without and one with `send-proxy`. */
export function gatewayLoadBalancerConfig(dir: string, name: string, vip: string, servers: readonly LabGatewayServer<unknown>[]): string {
  const lines = haproxyOpening(dir, name, 'tcp');
  for (const s of servers)
    for (const [port, proxy] of [
      [s.lbPort, false],
      [s.lbProxyPort, true],
    ] as const)
      lines.push(`listen lb${port}`, `  bind ${vip}:${port}`, `  server gateway ${s.listen}${proxy ? ' send-proxy' : ''}`);
  return `${lines.join('\n')}\n`;
}
