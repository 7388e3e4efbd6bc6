/**
 * NGINX Gateway Fabric's own test of how NginxProxy.spec.rewriteClientIP becomes the controller's settings, as
 * data: TestBuildRewriteIPSettings in internal/controller/state/dataplane/configuration_test.go at tag v2.6.7
 * (commit 5e34a17a8f7787e90f41d1af91258a556f0795b4), read from a snapshot of nginx/nginx-gateway-fabric.
 * NGF's expected Mode "proxy_protocol" / "X-Forwarded-For" is the real_ip_header value it writes.
 */
import { describe, expect, it } from 'vitest';
import { nginxGatewayFabricRealip, readNginxGatewayFabricConfig } from '../../../../../../../../src/model/gateway/nginx-gateway-fabric.ts';

const cidr = (value: string) => ({ type: 'CIDR', value });

const cases = [
  { msg: 'no rewrite IP settings configured', config: {}, mode: null, trusted: [], recursive: false },
  {
    msg: 'rewrite IP settings configured with proxyProtocol',
    config: { rewriteClientIP: { mode: 'ProxyProtocol', trustedAddresses: [cidr('10.9.9.4/32')], setIPRecursively: true } },
    mode: 'proxy_protocol',
    trusted: ['10.9.9.4/32'],
    recursive: true,
  },
  {
    msg: 'rewrite IP settings configured with xForwardedFor',
    config: { rewriteClientIP: { mode: 'XForwardedFor', trustedAddresses: [cidr('76.89.90.11/24')], setIPRecursively: true } },
    mode: 'X-Forwarded-For',
    trusted: ['76.89.90.11/24'],
    recursive: true,
  },
  {
    msg: 'rewrite IP settings configured with recursive set to false and multiple trusted addresses',
    config: {
      rewriteClientIP: {
        mode: 'XForwardedFor',
        trustedAddresses: [cidr('5.5.5.5/12'), cidr('1.1.1.1/26'), cidr('2.2.2.2/32'), cidr('3.3.3.3/24')],
        setIPRecursively: false,
      },
    },
    mode: 'X-Forwarded-For',
    trusted: ['5.5.5.5/12', '1.1.1.1/26', '2.2.2.2/32', '3.3.3.3/24'],
    recursive: false,
  },
];

describe('nginx-gateway-fabric v2.6.7 configuration_test.go TestBuildRewriteIPSettings', () => {
  for (const c of cases) {
    it(c.msg, () => {
      const d = nginxGatewayFabricRealip(readNginxGatewayFabricConfig(c.config));
      expect(d.realIpHeader).toBe(c.mode);
      expect(d.setRealIpFrom).toEqual(c.trusted);
      expect(d.realIpRecursive).toBe(c.recursive);
    });
  }
});
