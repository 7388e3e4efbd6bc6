/**
 * The renderer of NGINX Gateway Fabric's and haproxy-ingress's transcribed configuration (lab/gateway-configs.ts).
 * Expected lines come from the upstream tests the module cites: nginx/nginx-gateway-fabric v2.6.7 (commit
 * 5e34a17a8f7787e90f41d1af91258a556f0795b4) internal/controller/nginx/config/servers_test.go,
 * TestExecuteServers_RewriteClientIP and TestExecuteServers_IPFamily; jcmoraisjr/haproxy-ingress v0.16.1 (commit
 * 5cda817e35489ea12ba2ad2bf31857a7c7eb3b96) pkg/haproxy/instance_test.go, TestInstanceFrontend and
 * TestInstanceGlobalBind; with the lab's addresses substituted as the module says.
 */
import { describe, expect, it } from 'vitest';
import {
  gatewayLoadBalancerConfig,
  haproxyIngressBindLine,
  haproxyIngressConfig,
  haproxyIngressSourceLines,
  LAB_CLIENT_HEADER,
  ngfNginxConfig,
  ngfServerLines,
  ngfTranscribed,
} from '../../lab/gateway-configs.ts';

const listen = '198.18.20.11:7400';

describe('ngfServerLines', () => {
  it('writes no realip line without rewriteClientIP (TestExecuteServers_IPFamily: listen 8080;)', () => {
    expect(ngfServerLines({ mode: 'none', trusted: [], setIPRecursively: false }, listen)).toEqual([`listen ${listen};`]);
  });

  it('writes the x-forwarded-for test’s lines with the lab’s trusted addresses, one line each', () => {
    expect(ngfServerLines({ mode: 'XForwardedFor', trusted: ['198.18.20.0/24', '0.0.0.0/0'], setIPRecursively: true }, listen)).toEqual([
      `listen ${listen};`,
      'set_real_ip_from 198.18.20.0/24;',
      'set_real_ip_from 0.0.0.0/0;',
      'real_ip_header X-Forwarded-For;',
      'real_ip_recursive on;',
    ]);
  });

  it('leaves real_ip_recursive out when setIPRecursively is false (the proxy-protocol test counts it 0)', () => {
    const lines = ngfServerLines({ mode: 'XForwardedFor', trusted: ['198.18.20.0/24'], setIPRecursively: false }, listen);
    expect(lines).not.toContain('real_ip_recursive on;');
    expect(lines).toContain('real_ip_header X-Forwarded-For;');
  });

  it('writes the proxy-protocol test’s lines: proxy_protocol on the listen, real_ip_header proxy_protocol', () => {
    expect(ngfServerLines({ mode: 'ProxyProtocol', trusted: ['198.18.20.0/24'], setIPRecursively: false }, listen)).toEqual([
      `listen ${listen} proxy_protocol;`,
      'set_real_ip_from 198.18.20.0/24;',
      'real_ip_header proxy_protocol;',
    ]);
  });

  it('refuses combinations no upstream test expects', () => {
    expect(() => ngfServerLines({ mode: 'ProxyProtocol', trusted: ['198.18.20.0/24'], setIPRecursively: true }, listen)).toThrow();
    expect(() => ngfServerLines({ mode: 'none', trusted: ['198.18.20.0/24'], setIPRecursively: false }, listen)).toThrow();
  });

  it('keeps every transcribed line but the substituted ones unchanged', () => {
    const lines = ngfServerLines({ mode: 'XForwardedFor', trusted: ['10.1.1.3/32'], setIPRecursively: true }, '8080');
    expect(lines).toEqual(ngfTranscribed.xForwardedFor.lines);
  });
});

describe('ngfNginxConfig', () => {
  it('puts the base headers, the lab header and proxy_pass in each server’s location', () => {
    const text = ngfNginxConfig(
      '/tmp/x',
      [{ listen, config: { mode: 'none', trusted: [], setIPRecursively: false }, lbPort: 7500, lbProxyPort: 7501 }],
      '198.19.1.10:8080',
    );
    expect(text).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
    expect(text).toContain('proxy_set_header X-Real-IP $remote_addr;');
    expect(text).toContain(`proxy_set_header ${LAB_CLIENT_HEADER} $remote_addr;`);
    expect(text).toContain('proxy_pass http://198.19.1.10:8080;');
    expect(text).toContain('daemon off;');
  });
});

describe('haproxy-ingress lines', () => {
  it('renders forwardfor add as TestInstanceFrontend expects it', () => {
    expect(haproxyIngressSourceLines('add')).toEqual([
      'http-request set-header X-Original-Forwarded-For %[hdr(x-forwarded-for)] if { hdr(x-forwarded-for) -m found }',
      'http-request del-header x-forwarded-for',
      'option forwardfor',
      'http-request set-header X-Real-IP %[src]',
    ]);
  });

  it('composes update and ignore from the same lines', () => {
    expect(haproxyIngressSourceLines('update')).toEqual(['option forwardfor', 'http-request set-header X-Real-IP %[src]']);
    expect(haproxyIngressSourceLines('ignore')).toEqual(['http-request set-header X-Real-IP %[src]']);
  });

  it('puts accept-proxy on the bind with use-proxy-protocol (TestInstanceGlobalBind case 1), with the lab’s address', () => {
    expect(haproxyIngressBindLine({ forwardfor: 'add', useProxyProtocol: true }, '198.18.20.11:7600')).toBe(
      'bind 198.18.20.11:7600 accept-proxy',
    );
    expect(haproxyIngressBindLine({ forwardfor: 'add', useProxyProtocol: false }, '198.18.20.11:7600')).toBe('bind 198.18.20.11:7600');
  });

  it('renders one frontend per gateway, the lab header first, and one backend to the app', () => {
    const text = haproxyIngressConfig(
      '/tmp/x',
      [{ listen: '198.18.20.11:7600', config: { forwardfor: 'update', useProxyProtocol: true }, lbPort: 7700, lbProxyPort: 7701 }],
      '198.19.1.10:8080',
    );
    expect(text).toContain(
      [
        'frontend _front_http_0',
        '    bind 198.18.20.11:7600 accept-proxy',
        `    http-request set-header ${LAB_CLIENT_HEADER} %[src]`,
        '    option forwardfor',
        '    http-request set-header X-Real-IP %[src]',
        '    default_backend app',
        'backend app',
        '    server s1 198.19.1.10:8080',
      ].join('\n'),
    );
  });
});

describe('gatewayLoadBalancerConfig', () => {
  it('fronts each gateway with a TCP listener without and with send-proxy', () => {
    const text = gatewayLoadBalancerConfig('/tmp/x', 'lb', '198.18.10.10', [
      { listen: '198.18.20.11:7400', config: null, lbPort: 7500, lbProxyPort: 7501 },
    ]);
    expect(text).toContain('  mode tcp');
    expect(text).toContain('listen lb7500\n  bind 198.18.10.10:7500\n  server gateway 198.18.20.11:7400\n');
    expect(text).toContain('listen lb7501\n  bind 198.18.10.10:7501\n  server gateway 198.18.20.11:7400 send-proxy\n');
  });
});
