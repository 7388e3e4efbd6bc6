/**
 * The client-IP slice of an nginx.conf rendered by ingress-nginx's own template (lab/ingress-nginx/build.sh), runnable
 * on Debian's nginx-light with the headers-more module, which has no OpenResty/Lua.
 *
 * An explicit allowlist keeps, per context, what decides the client address (the realip directives, the `geo` and
 * `map` blocks, `more_set_input_headers`, `listen ... proxy_protocol`, the `proxy_set_header` lines) and what nginx
 * needs to run the one proxying location; everything else is removed. The listen address and the upstream become the
 * lab's, and every path moves under the lab's directory. Every removed directive (its arguments, its block, the text
 * of a Lua block) is checked: if one names a client-IP variable or header, the slice throws, so a template that
 * decides the client address in code the slice drops cannot pass for the lab's configuration.
 */

import { foregroundMainDirectives, labWorkerConnections, tempPathDirectives } from './nginx-foreground.ts';

/** One directive of an nginx configuration: its name, its arguments as written, and its block, if it has one. */
export interface Directive {
  name: string;
  args: string[];
  /** The directives inside its `{ }`, for a block directive other than a Lua block. */
  block?: Directive[];
  /** The text between the braces of a `*_by_lua_block`, unparsed. */
  lua?: string;
  /** The line it starts on, for error messages. */
  line: number;
}

/** Where the slice puts the ingress server, its upstream and its files. */
export interface SliceTarget {
  /** The address and port the ingress server listens on, e.g. 198.19.1.30:10000. */
  listen: string;
  /** The app endpoint the location proxies to, e.g. 198.19.1.10:8080. */
  upstream: string;
  /** The directory for the pid, logs and temporary files. */
  dir: string;
  /** The ConfigMap's forwarded-for-header, when not X-Forwarded-For: its name and variable are client-IP terms too. */
  forwardedForHeader?: string;
}

/** Reads an nginx configuration into directives; `*_by_lua_block` bodies are kept as text. */
export function parseNginxConf(text: string): Directive[] {
  let i = 0;
  let line = 1;
  const peekSpace = () => {
    for (;;) {
      const c = text[i];
      if (c === undefined) return;
      if (c === '\n') line++;
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
      else if (c === '#') while (i < text.length && text[i] !== '\n') i++;
      else return;
    }
  };
  const word = (): string => {
    const start = i;
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      i++;
      while (i < text.length && text[i] !== quote) {
        if (text[i] === '\\') i++;
        if (text[i] === '\n') line++;
        i++;
      }
      i++;
      return text.slice(start, i);
    }
    while (i < text.length && !/[\s;{}]/.test(text[i]!)) {
      if (text[i] === '$' && text[i + 1] === '{') while (i < text.length && text[i] !== '}') i++;
      i++;
    }
    return text.slice(start, i);
  };
  /** The body of a Lua block up to its closing brace, skipping Lua strings and comments. */
  const luaBody = (): string => {
    const start = i;
    let depth = 1;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '\n') line++;
      if (c === '"' || c === "'") {
        i++;
        while (i < text.length && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      } else if (c === '-' && text[i + 1] === '-') {
        while (i < text.length && text[i] !== '\n') i++;
        continue;
      } else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        i++;
        return text.slice(start, i - 1);
      }
      i++;
    }
    throw new Error(`nginx.conf: unterminated Lua block (line ${line})`);
  };
  const block = (nested: boolean): Directive[] => {
    const out: Directive[] = [];
    for (;;) {
      peekSpace();
      if (i >= text.length) {
        if (nested) throw new Error('nginx.conf: missing "}" at the end');
        return out;
      }
      if (text[i] === '}') {
        if (!nested) throw new Error(`nginx.conf: unexpected "}" (line ${line})`);
        i++;
        return out;
      }
      const at = line;
      const name = word();
      const args: string[] = [];
      for (;;) {
        peekSpace();
        const c = text[i];
        if (c === undefined) throw new Error(`nginx.conf: directive "${name}" not terminated (line ${at})`);
        if (c === ';') {
          i++;
          out.push({ name, args, line: at });
          break;
        }
        if (c === '{') {
          i++;
          out.push(
            name.endsWith('_by_lua_block') ? { name, args, lua: luaBody(), line: at } : { name, args, block: block(true), line: at },
          );
          break;
        }
        if (c === '}') throw new Error(`nginx.conf: unexpected "}" in "${name}" (line ${line})`);
        args.push(word());
      }
    }
  };
  return block(false);
}

/** Writes directives back as nginx configuration text. */
export function formatNginxConf(directives: readonly Directive[], indent = ''): string {
  return directives
    .map((d) => {
      const head = [d.name, ...d.args].join(' ');
      if (d.lua !== undefined) return `${indent}${head} {${d.lua}}\n`;
      if (d.block) return `${indent}${head} {\n${formatNginxConf(d.block, `${indent}  `)}${indent}}\n`;
      return `${indent}${head};\n`;
    })
    .join('');
}

/** The realip module's directives: each decides the client address by itself. */
const realipDirectives = ['real_ip_header', 'set_real_ip_from', 'real_ip_recursive'];

/** Variables and header names through which nginx reads or sends a client address. */
const clientIpTerms = [
  'remote_addr', // $remote_addr, $binary_remote_addr, $realip_remote_addr, ngx.var.remote_addr
  'proxy_add_x_forwarded_for',
  'x_forwarded_for', // $http_x_forwarded_for, $full_x_forwarded_for
  'x-forwarded-for', // the header, and X-Forwarded-For-Proxy-Protocol
  'forwarded_for', // $forwarded_for_proxy_protocol
  'proxy_protocol_addr',
  'the_real_ip',
  'x-real-ip',
  'x_real_ip',
  'realip',
  'real_ip', // the realip directives
  'http_forwarded',
  'x-original-forwarded-for',
];

/** The first client-IP term a directive (with its block or Lua text) names, or null. */
export function clientIpTermIn(d: Directive, extraTerms: readonly string[] = []): string | null {
  const text = (d.lua !== undefined ? `${d.name} ${d.args.join(' ')} ${d.lua}` : formatNginxConf([d])).toLowerCase();
  for (const term of [...clientIpTerms, ...extraTerms.map((t) => t.toLowerCase())]) if (text.includes(term)) return term;
  return null;
}

/** The directives kept unchanged, per context (everything else is removed or rewritten below). */
const keep = {
  events: ['multi_accept', 'use'],
  http: [
    ...realipDirectives,
    'geo',
    'map',
    'more_set_input_headers',
    'log_format',
    'underscores_in_headers',
    'ignore_invalid_headers',
    'client_header_buffer_size',
    'large_client_header_buffers',
    'client_header_timeout',
    'client_body_buffer_size',
    'client_body_timeout',
    'keepalive_timeout',
    'keepalive_requests',
    'tcp_nopush',
    'tcp_nodelay',
    'reset_timedout_connection',
    'log_subrequest',
    'types_hash_max_size',
    'map_hash_bucket_size',
    'proxy_headers_hash_max_size',
    'proxy_headers_hash_bucket_size',
    'variables_hash_bucket_size',
    'variables_hash_max_size',
    'limit_req_status',
    'limit_conn_status',
    'default_type',
    'server_tokens',
    'more_clear_headers',
    'uninitialized_variable_warn',
    'server_name_in_redirect',
    'port_in_redirect',
  ],
  server: [...realipDirectives, 'server_name', 'set', 'more_set_input_headers', 'port_in_redirect'],
  location: [
    ...realipDirectives,
    'set',
    'more_set_input_headers',
    'proxy_set_header',
    'proxy_pass',
    'proxy_http_version',
    'proxy_connect_timeout',
    'proxy_send_timeout',
    'proxy_read_timeout',
    'proxy_buffering',
    'proxy_buffer_size',
    'proxy_buffers',
    'proxy_max_temp_file_size',
    'proxy_request_buffering',
    'proxy_cookie_domain',
    'proxy_cookie_path',
    'proxy_next_upstream',
    'proxy_next_upstream_timeout',
    'proxy_next_upstream_tries',
    'proxy_redirect',
    'client_max_body_size',
    'port_in_redirect',
  ],
} as const;

/** What the slice removed, each with the context it was in; checked by `checkRemoved`. */
interface Removed {
  context: string;
  directive: Directive;
}

/** The innermost directive of `d` (itself or one in its block) that names a client-IP term, with the blocks around it. */
function offending(
  d: Directive,
  extraTerms: readonly string[],
  path: string[],
): { path: string[]; directive: Directive; term: string } | null {
  const term = clientIpTermIn(d, extraTerms);
  if (!term) return null;
  const here = [...path, [d.name, ...d.args].join(' ')];
  for (const child of d.block ?? []) {
    const inner = offending(child, extraTerms, here);
    if (inner) return inner;
  }
  return { path, directive: d, term };
}

/** Throws if a removed directive names a client-IP term: the slice would then not be the template's behaviour. */
function checkRemoved(removed: readonly Removed[], extraTerms: readonly string[]): void {
  for (const { context, directive } of removed) {
    const found = offending(directive, extraTerms, [context]);
    if (found)
      throw new Error(
        `ingress-nginx slice: the removed directive "${[found.directive.name, ...found.directive.args].join(' ')}" (line ${found.directive.line}, in ${found.path.join(' > ')}) touches the client address ("${found.term}"); the slice cannot run this configuration faithfully`,
      );
  }
}

/** True for a proxying location: it has a proxy_pass. */
const proxies = (d: Directive) => d.name === 'location' && (d.block ?? []).some((c) => c.name === 'proxy_pass');

/** A directive with its log path moved under the lab's directory (`access_log off` stays). */
function accessLog(d: Directive, dir: string): Directive {
  return d.args[0] === 'off' ? d : { ...d, args: [`${dir}/access.log`, ...d.args.slice(1)] };
}

/** Keeps a context's allowlisted directives, applies `rewrite` to the rest (return null to remove), and records what goes. */
function filter(
  context: string,
  directives: readonly Directive[],
  allowed: readonly string[],
  removed: Removed[],
  rewrite: (d: Directive) => Directive | Directive[] | null = () => null,
): Directive[] {
  const out: Directive[] = [];
  for (const d of directives) {
    if (allowed.includes(d.name)) {
      out.push(d);
      continue;
    }
    const replaced = rewrite(d);
    if (replaced === null) removed.push({ context, directive: d });
    else out.push(...(Array.isArray(replaced) ? replaced : [replaced]));
  }
  return out;
}

/** The ingress server's listen directives: the plain-HTTP one moved to the lab's address, keeping `proxy_protocol`. */
function listenDirectives(listens: readonly Directive[], target: SliceTarget, removed: Removed[]): Directive[] {
  const plain = listens.filter((l) => !l.args.includes('ssl'));
  if (plain.length !== 1)
    throw new Error(`ingress-nginx slice: expected one plain-HTTP listen in the ingress server, found ${plain.length}`);
  const proxyProtocol = plain[0]!.args.includes('proxy_protocol');
  for (const l of listens) {
    if (l === plain[0]) continue;
    // A TLS listener the lab does not use: it must expect PROXY protocol exactly when the HTTP one does.
    if (l.args.includes('proxy_protocol') !== proxyProtocol)
      throw new Error(`ingress-nginx slice: the listeners disagree on proxy_protocol (line ${l.line})`);
    removed.push({ context: 'server', directive: l });
  }
  return [
    {
      name: 'listen',
      args: [
        target.listen,
        ...(proxyProtocol ? ['proxy_protocol'] : []),
        ...(plain[0]!.args.includes('default_server') ? ['default_server'] : []),
      ],
      line: plain[0]!.line,
    },
  ];
}

/** The ingress server: the catch-all server with the proxying location, everything else of it removed. */
function ingressServer(server: Directive, target: SliceTarget, removed: Removed[]): Directive {
  const children = server.block ?? [];
  const listens = children.filter((c) => c.name === 'listen');
  const rest = filter('server', children, keep.server, removed, (d) => {
    if (d.name === 'listen') return [];
    if (d.name === 'access_log') return accessLog(d, target.dir);
    if (proxies(d))
      return {
        ...d,
        block: filter('location', d.block ?? [], keep.location, removed, (c) =>
          c.name === 'access_log' ? accessLog(c, target.dir) : null,
        ),
      };
    return null;
  });
  return { ...server, block: [...listenDirectives(listens, target, removed), ...rest] };
}

/** True when a stream{} block serves no client: every server in it listens on loopback (ingress-nginx's own Lua endpoint). */
function streamServesNoClient(stream: Directive): boolean {
  return (stream.block ?? [])
    .filter((d) => d.name === 'server')
    .every((s) => (s.block ?? []).filter((d) => d.name === 'listen').every((l) => /^(127\.0\.0\.1:|unix:)/.test(l.args[0] ?? '')));
}

/**
 * The runnable client-IP slice of a rendered ingress-nginx nginx.conf, listening and proxying where the lab says.
 * Throws when the configuration has not the expected shape (one catch-all server with one proxying location), when
 * its stream{} block serves TCP or UDP services, or when a removed directive touches the client address.
 */
export function sliceIngressNginxConf(rendered: string, target: SliceTarget): string {
  const removed: Removed[] = [];
  const top = parseNginxConf(rendered);
  const http = top.filter((d) => d.name === 'http');
  if (http.length !== 1) throw new Error(`ingress-nginx slice: expected one http block, found ${http.length}`);
  for (const d of top) {
    if (d.name === 'http' || d.name === 'events') continue;
    // TCP and UDP services live in stream{}; the lab's path is HTTP, so the block may go only if it serves none.
    if (d.name === 'stream' && !streamServesNoClient(d))
      throw new Error('ingress-nginx slice: the stream block serves TCP/UDP services; the slice keeps only the HTTP path');
    if (d.name !== 'stream') removed.push({ context: 'main', directive: d });
  }
  const events = top.find((d) => d.name === 'events');
  const eventsBlock = filter('events', events?.block ?? [], keep.events, removed);

  const servers = (http[0]!.block ?? []).filter((d) => d.name === 'server');
  const ingress = servers.filter((s) => (s.block ?? []).some(proxies));
  if (ingress.length !== 1) throw new Error(`ingress-nginx slice: expected one server with a proxying location, found ${ingress.length}`);
  const httpBlock = filter('http', http[0]!.block ?? [], keep.http, removed, (d) => {
    if (d === ingress[0]) return ingressServer(d, target, removed);
    if (d.name === 'access_log') return accessLog(d, target.dir);
    if (d.name === 'upstream' && d.args[0] === 'upstream_balancer') {
      // The Lua balancer picks the endpoint at run time; the slice names the lab's one endpoint instead.
      for (const c of d.block ?? []) removed.push({ context: 'upstream', directive: c });
      return { ...d, block: [{ name: 'server', args: [target.upstream], line: d.line }] };
    }
    return null;
  });

  const extra = target.forwardedForHeader
    ? [target.forwardedForHeader, `http_${target.forwardedForHeader.toLowerCase().replaceAll('-', '_')}`]
    : [];
  checkRemoved(removed, extra);

  const dir = target.dir;
  const header: Directive[] = [
    { name: 'load_module', args: ['/usr/lib/nginx/modules/ngx_http_headers_more_filter_module.so'], line: 0 },
    ...foregroundMainDirectives(dir).map((d) => ({ ...d, line: 0 })),
    { name: 'events', args: [], block: [{ name: 'worker_connections', args: [labWorkerConnections], line: 0 }, ...eventsBlock], line: 0 },
  ];
  const paths: Directive[] = tempPathDirectives(dir).map((d) => ({ ...d, line: 0 }));
  return `# The client-IP slice of an nginx.conf rendered by ingress-nginx's template (lab/ingress-nginx-slice.ts).\n${formatNginxConf([
    ...header,
    { name: 'http', args: [], block: [...paths, ...httpBlock], line: http[0]!.line },
  ])}`;
}
