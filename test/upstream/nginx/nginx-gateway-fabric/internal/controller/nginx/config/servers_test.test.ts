/**
 * NGINX Gateway Fabric's own test of the realip directives it writes into its server blocks, as data:
 * TestExecuteServers_RewriteClientIP in internal/controller/nginx/config/servers_test.go at tag v2.6.7
 * (commit 5e34a17a8f7787e90f41d1af91258a556f0795b4), read from a snapshot of nginx/nginx-gateway-fabric (the Go
 * module proxy refuses the module here). NGF's test feeds the controller's dataplane settings and counts lines in
 * four server blocks (two HTTP, two HTTPS, dual stack); here the same settings are written as the NginxProxy
 * fields they come from (buildRewriteClientIPConfig: a trusted value with a prefix is type CIDR, one without is
 * type IPAddress), and each count of 4 (or 0) becomes "every server block has (or lacks) this directive".
 */
import { describe, expect, it } from 'vitest';
import { nginxGatewayFabricRealip, readNginxGatewayFabricConfig } from '../../../../../../../../src/model/gateway/nginx-gateway-fabric.ts';

/** One server block's realip lines and listen parameter, as NGF's servers_template.go writes them. */
function serverBlockLines(config: object): string[] {
  const d = nginxGatewayFabricRealip(readNginxGatewayFabricConfig(config));
  return [
    `listen 8080${d.listenParameter};`,
    `listen 8443 ssl${d.listenParameter};`,
    ...d.setRealIpFrom.map((a) => `set_real_ip_from ${a};`),
    ...(d.realIpHeader ? [`real_ip_header ${d.realIpHeader};`] : []),
    ...(d.realIpRecursive ? ['real_ip_recursive on;'] : []),
  ];
}

const cases = [
  {
    msg: 'rewrite client IP settings configured with proxy protocol',
    config: {
      rewriteClientIP: { mode: 'ProxyProtocol', trustedAddresses: [{ type: 'CIDR', value: '10.56.73.51/32' }], setIPRecursively: false },
    },
    present: [
      'set_real_ip_from 10.56.73.51/32;',
      'real_ip_header proxy_protocol;',
      'listen 8080 proxy_protocol;',
      'listen 8443 ssl proxy_protocol;',
    ],
    absent: ['real_ip_recursive on;'],
  },
  {
    msg: 'rewrite client IP settings configured with x-forwarded-for',
    config: {
      rewriteClientIP: {
        mode: 'XForwardedFor',
        trustedAddresses: [
          { type: 'CIDR', value: '10.1.1.3/32' },
          { type: 'IPAddress', value: '2.2.2.2' },
          { type: 'CIDR', value: '2001:db8::/32' },
        ],
        setIPRecursively: true,
      },
    },
    present: [
      'set_real_ip_from 10.1.1.3/32;',
      'set_real_ip_from 2.2.2.2;',
      'set_real_ip_from 2001:db8::/32;',
      'real_ip_header X-Forwarded-For;',
      'real_ip_recursive on;',
      'listen 8080;',
      'listen 8443 ssl;',
    ],
    absent: [],
  },
];

describe('nginx-gateway-fabric v2.6.7 servers_test.go TestExecuteServers_RewriteClientIP', () => {
  for (const c of cases) {
    it(c.msg, () => {
      const lines = serverBlockLines(c.config);
      for (const line of c.present) expect(lines).toContain(line);
      for (const line of c.absent) expect(lines).not.toContain(line);
    });
  }
});
