/**
 * NGINX Gateway Fabric's own validation test of rewriteClientIP, as data: TestValidateRewriteClientIP in
 * internal/controller/state/graph/nginxproxy_test.go at tag v2.6.7 (commit 5e34a17a8f7787e90f41d1af91258a556f0795b4),
 * read from a snapshot of nginx/nginx-gateway-fabric. NGF's error count becomes "accepted" (0) or the field the
 * model's GatewayConfigError names (1). One difference, on purpose: NGF accepts a Hostname entry (nginx resolves
 * it when it loads the configuration); the model refuses it as 'not-modelled', since its answer would depend on DNS.
 */
import { describe, expect, it } from 'vitest';
import { readNginxGatewayFabricConfig } from '../../../../../../../../src/model/gateway/nginx-gateway-fabric.ts';
import { GatewayConfigError } from '../../../../../../../../src/model/gateway/types.ts';

/** The problem and path the model reports for a configuration, or 'accepted'. */
function outcome(config: object): string {
  try {
    readNginxGatewayFabricConfig(config);
    return 'accepted';
  } catch (error) {
    if (error instanceof GatewayConfigError) return `${error.problem} ${error.path}`;
    throw error;
  }
}

const manyAddresses = Array.from({ length: 65 }, (_, i) => ({ type: 'CIDR', value: `10.0.${i}.0/24` }));

const cases = [
  {
    name: 'valid rewriteClientIP (without its Hostname entry)',
    config: {
      rewriteClientIP: {
        setIPRecursively: true,
        trustedAddresses: [
          { type: 'CIDR', value: '2001:db8:a0b:12f0::1/128' },
          { type: 'CIDR', value: '10.56.32.11/32' },
          { type: 'IPAddress', value: '1.1.1.1' },
          { type: 'IPAddress', value: '2001:db8:a0b:12f0::1' },
        ],
        mode: 'ProxyProtocol',
      },
    },
    expected: 'accepted',
  },
  {
    name: 'valid rewriteClientIP: its Hostname entry example.com (NGF: valid; the model: not modelled)',
    config: {
      rewriteClientIP: { setIPRecursively: true, trustedAddresses: [{ type: 'Hostname', value: 'example.com' }], mode: 'ProxyProtocol' },
    },
    expected: 'not-modelled rewriteClientIP.trustedAddresses[0].value',
  },
  {
    name: 'invalid CIDR in trustedAddresses',
    config: {
      rewriteClientIP: {
        setIPRecursively: true,
        trustedAddresses: [
          { type: 'CIDR', value: '2001:db8::/129' },
          { type: 'CIDR', value: '10.0.0.1/32' },
        ],
        mode: 'ProxyProtocol',
      },
    },
    expected: 'invalid-value rewriteClientIP.trustedAddresses[0].value',
  },
  {
    name: 'invalid IP address in trustedAddresses',
    config: {
      rewriteClientIP: {
        setIPRecursively: true,
        trustedAddresses: [
          { type: 'IPAddress', value: '1.2.3.4.5' },
          { type: 'IPAddress', value: '10.0.0.1' },
        ],
        mode: 'ProxyProtocol',
      },
    },
    expected: 'invalid-value rewriteClientIP.trustedAddresses[0].value',
  },
  {
    name: 'invalid hostname in trustedAddresses',
    config: {
      rewriteClientIP: {
        setIPRecursively: true,
        trustedAddresses: [
          { type: 'Hostname', value: 'bad-host$%^' },
          { type: 'Hostname', value: 'example.com' },
        ],
        mode: 'ProxyProtocol',
      },
    },
    expected: 'invalid-value rewriteClientIP.trustedAddresses[0].value',
  },
  {
    name: 'invalid when mode is set and trustedAddresses is empty',
    config: { rewriteClientIP: { mode: 'ProxyProtocol' } },
    expected: 'invalid-value rewriteClientIP.trustedAddresses',
  },
  {
    name: 'invalid when trustedAddresses is greater in length than 64',
    config: { rewriteClientIP: { mode: 'ProxyProtocol', trustedAddresses: manyAddresses } },
    expected: 'invalid-value rewriteClientIP.trustedAddresses',
  },
  {
    name: 'invalid when mode is not proxyProtocol or XForwardedFor',
    config: {
      rewriteClientIP: {
        mode: 'invalid',
        trustedAddresses: [
          { type: 'CIDR', value: '2001:db8:a0b:12f0::1/128' },
          { type: 'CIDR', value: '10.0.0.1/32' },
        ],
      },
    },
    expected: 'invalid-value rewriteClientIP.mode',
  },
  {
    // NGF reports two errors; the model stops at the first it checks.
    name: 'invalid when mode is not proxyProtocol or XForwardedFor and trustedAddresses is empty',
    config: { rewriteClientIP: { mode: 'invalid' } },
    expected: 'invalid-value rewriteClientIP.mode',
  },
  {
    name: 'invalid address type in trustedAddresses',
    config: {
      rewriteClientIP: { setIPRecursively: true, trustedAddresses: [{ type: 'invalid', value: '2001:db8::/129' }], mode: 'ProxyProtocol' },
    },
    expected: 'invalid-value rewriteClientIP.trustedAddresses[0].type',
  },
];

describe('nginx-gateway-fabric v2.6.7 nginxproxy_test.go TestValidateRewriteClientIP', () => {
  for (const c of cases) {
    it(c.name, () => expect(outcome(c.config)).toBe(c.expected));
  }
});
