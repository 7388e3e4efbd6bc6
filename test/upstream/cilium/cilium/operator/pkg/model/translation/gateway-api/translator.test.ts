/**
 * Cilium's own Gateway API translator tests for the connection manager's client-IP settings and the PROXY filter, as data.
 *
 * Source: github.com/cilium/cilium@v1.20.2 (Go module proxy), operator/pkg/model/translation:
 * - gateway-api/translator_test.go Test_translator_Translate_WithXffNumTrustedHops, case
 *   basic_http_listener_with_xff_num_trusted_hops (config UseRemoteAddress true, XFFNumTrustedHops 2, IPv4 and IPv6
 *   on), expected testdata/basic_http_listener_with_xff_num_trusted_hops/cec-output.yaml.
 * - gateway-api/translator_test.go (server header cases), case server_header_overwrite: config-input.yaml with an
 *   empty original_ip_detection_config (UseRemoteAddress false, no hops; IPv4 and IPv6 on), expected cec-output.yaml.
 * - cec_translator_test.go TestSharedIngressTranslator_getListenerProxy: UseProxyProtocol adds the
 *   envoy.filters.listener.proxy_protocol filter (an empty ProxyProtocol, envoy_listener.go withProxyProtocol).
 * The Go tests set the operator's configuration directly; the Helm values here reach it through
 * templates/cilium-configmap.yaml (gateway-api-use-remote-address, gateway-api-xff-num-trusted-hops,
 * enable-gateway-api-proxy-protocol). Expected values are copied from the cec-output.yaml files.
 */
import { describe, expect, it } from 'vitest';
import { ciliumListenerConfig } from '../../../../../../../../../src/model/gateway/cilium.ts';

const version = 'v1.20.2';
const bothFamilies = { ipv4: true, ipv6: true };
/** internalAddressConfig.cidrRanges in both cec-output.yaml files. */
const internalRanges = [
  { addressPrefix: '10.0.0.0', prefixLen: 8 },
  { addressPrefix: '172.16.0.0', prefixLen: 12 },
  { addressPrefix: '192.168.0.0', prefixLen: 16 },
  { addressPrefix: '127.0.0.1', prefixLen: 32 },
  { addressPrefix: '::1', prefixLen: 128 },
];

describe(`Cilium ${version} gateway-api translator`, () => {
  it('basic_http_listener_with_xff_num_trusted_hops: useRemoteAddress true, xffNumTrustedHops 2, internal ranges', () => {
    const listener = ciliumListenerConfig({ useRemoteAddress: true, xffNumTrustedHops: 2 }, bothFamilies);
    expect(listener.hcm).toEqual({ useRemoteAddress: true, xffNumTrustedHops: 2, internalAddressConfig: { cidrRanges: internalRanges } });
    expect(listener.proxyProtocol).toBeNull();
  });
  it('server_header_overwrite: UseRemoteAddress false and no hops → useRemoteAddress: false, no xffNumTrustedHops', () => {
    const listener = ciliumListenerConfig({ useRemoteAddress: false, xffNumTrustedHops: 0 }, bothFamilies);
    expect(listener.hcm).toEqual({ useRemoteAddress: false, internalAddressConfig: { cidrRanges: internalRanges } });
  });
  it('TestSharedIngressTranslator_getListenerProxy: UseProxyProtocol adds the PROXY listener filter (header required)', () => {
    expect(ciliumListenerConfig({ enableProxyProtocol: true }).proxyProtocol).toEqual({ allowRequestsWithoutProxyProtocol: false });
  });
});
