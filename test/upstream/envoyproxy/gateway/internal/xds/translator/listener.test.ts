/**
 * Envoy Gateway's own translator test data for client IP detection and the PROXY listener filter, as data.
 *
 * Source: github.com/envoyproxy/gateway@v1.9.0 (Go module proxy), internal/xds/translator/testdata:
 * in/xds-ir/<name>.yaml (the IR in) and out/xds-ir/<name>.listeners.yaml (the Envoy listeners out), run by
 * internal/xds/translator/translator_test.go TestTranslateXds. The IR's `clientIPDetection` and `proxyProtocol` are
 * the ClientTrafficPolicy spec's, copied unchanged by internal/gatewayapi/clienttrafficpolicy.go (its own test
 * data, internal/gatewayapi/testdata/clienttrafficpolicy-client-ip-detection.{in,out}.yaml, shows the same
 * values in and out; see ../gatewayapi/clienttrafficpolicy.test.ts), so each IR below is written as a spec.
 * Expected values are the generated connection manager's client-IP fields, copied from the .listeners.yaml files
 * (`rejectWithStatus: { code: Forbidden }` is 403). A field absent there is absent here.
 */
import { describe, expect, it } from 'vitest';
import type { HcmConfig } from '../../../../../../../src/model/envoy/index.ts';
import { envoyGatewayHcmConfig, envoyGatewayProxyProtocol } from '../../../../../../../src/model/gateway/envoy-gateway.ts';

const version = 'v1.9.0';

interface Case {
  /** Test data file and listener name. */
  source: string;
  spec: object;
  hcm: HcmConfig;
}

const cases: Case[] = [
  {
    source: 'client-ip-detection first-listener (port 8081)',
    spec: { clientIPDetection: { xForwardedFor: { numTrustedHops: 2, disableXForwardedForAppend: true } } },
    hcm: { useRemoteAddress: false, originalIpDetection: { xff: { xffNumTrustedHops: 1, skipXffAppend: true } } },
  },
  {
    source: 'client-ip-detection second-listener (port 8082)',
    spec: { clientIPDetection: { customHeader: { name: 'x-my-custom-header', failClosed: false } } },
    hcm: {
      useRemoteAddress: false,
      originalIpDetection: { customHeader: { headerName: 'x-my-custom-header', allowExtensionToSetAddressAsTrusted: true } },
    },
  },
  {
    source: 'client-ip-detection third-listener (port 8083)',
    spec: { clientIPDetection: { customHeader: { name: 'x-my-custom-header', failClosed: true } } },
    hcm: {
      useRemoteAddress: false,
      originalIpDetection: {
        customHeader: { headerName: 'x-my-custom-header', allowExtensionToSetAddressAsTrusted: true, rejectWithStatus: { code: 403 } },
      },
    },
  },
  {
    source: 'client-ip-detection fourth-listener (port 8084)',
    spec: { clientIPDetection: { xForwardedFor: { trustedCIDRs: ['192.168.1.0/24', '10.0.0.0/16', '172.16.0.0/12'] } } },
    hcm: {
      useRemoteAddress: false,
      originalIpDetection: {
        xff: {
          skipXffAppend: false,
          xffTrustedCidrs: {
            cidrs: [
              { addressPrefix: '192.168.1.0', prefixLen: 24 },
              { addressPrefix: '10.0.0.0', prefixLen: 16 },
              { addressPrefix: '172.16.0.0', prefixLen: 12 },
            ],
          },
        },
      },
    },
  },
  {
    source: 'geoip-authorization-direct-source-ip first-listener',
    spec: { clientIPDetection: { directSourceIP: {} } },
    hcm: { useRemoteAddress: true },
  },
  {
    source: 'http-route first-listener (no clientIPDetection)',
    spec: {},
    hcm: { useRemoteAddress: true },
  },
];

describe(`Envoy Gateway ${version} internal/xds/translator/testdata: client IP detection`, () => {
  for (const c of cases) {
    it(c.source, () => {
      expect(envoyGatewayHcmConfig(c.spec)).toEqual(c.hcm);
    });
  }
});

describe(`Envoy Gateway ${version} internal/xds/translator/testdata: PROXY listener filter`, () => {
  it('listener-proxy-protocol: proxyProtocol { optional: false } adds an empty ProxyProtocol filter (header required)', () => {
    expect(envoyGatewayProxyProtocol({ proxyProtocol: { optional: false } })).toEqual({ allowRequestsWithoutProxyProtocol: false });
  });
  it('http-route: no proxyProtocol, no filter', () => {
    expect(envoyGatewayProxyProtocol({})).toBeNull();
  });
});
