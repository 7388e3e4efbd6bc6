/**
 * src/model/gateway/resolver-strategies.ts through `resolveClientIp`: the resolver's `envoy-gateway` and
 * `nginx-gateway-fabric` strategies, on test vectors transcribed from the implementations' own tests and docs (each
 * vector names its source). Expectations are the upstream ones, never computed by the model. A `null` client means no
 * answer: a refused configuration, a rejected request or a closed connection. Peers an upstream test leaves open are
 * marked as ours.
 *
 * Versions: envoyproxy/envoy v1.39.0 (Go module origin 8eea3285d6bdb89f8ea34632cfe7ce1608a8f374);
 * envoyproxy/gateway v1.9.0 (commit 39763b1c07ec30a5526fe70434a2cfe4181de642); nginx/nginx-gateway-fabric v2.6.7
 * (commit 5e34a17a8f7787e90f41d1af91258a556f0795b4); nginx/nginx-tests 76bb761cdcaeb6cb024d605c2ef91bf8d8a602d7.
 */
import { describe, expect, it } from 'vitest';
import { resolveClientIp, type HeaderInput, type Strategy } from '../../../src/model/index.ts';

interface Vector {
  source: string;
  peer: string;
  headers: HeaderInput;
  proxyProtocolSource?: string;
  strategy: Strategy;
  clientIp: string | null;
}

const ENVOY = 'envoyproxy/envoy v1.39.0';
const EG = 'envoyproxy/gateway v1.9.0';
const eg = (clientIPDetection?: object): Strategy => ({ kind: 'envoy-gateway', clientIPDetection }) as Strategy;
const hops = (numTrustedHops: number) => eg({ xForwardedFor: { numTrustedHops } });
const cidrs = (...trustedCIDRs: string[]) => eg({ xForwardedFor: { trustedCIDRs } });

/** Envoy Gateway's clientIPDetection, and the raw Envoy settings it maps onto (the existing `envoy` strategy, as a regression). */
const envoyVectors: Vector[] = [
  // use_remote_address true / false with hops 0, 1, 2 (raw Envoy)
  {
    source: `${ENVOY} test/common/http/conn_manager_utility_test.cc DocumentationExample1`,
    peer: '192.0.2.5',
    headers: { 'x-forwarded-for': '203.0.113.128,203.0.113.10,203.0.113.1' },
    strategy: { kind: 'envoy', useRemoteAddress: true, xffNumTrustedHops: 0 },
    clientIp: '192.0.2.5',
  },
  {
    source: `${ENVOY} conn_manager_utility_test.cc UseRemoteAddressWithXFFTrustedHops`,
    peer: '203.0.113.128',
    headers: { 'x-forwarded-for': '198.51.100.1' },
    strategy: { kind: 'envoy', useRemoteAddress: true, xffNumTrustedHops: 1 },
    clientIp: '198.51.100.1',
  },
  {
    source: `${ENVOY} conn_manager_utility_test.cc DocumentationExample3`,
    peer: '192.0.2.5',
    headers: { 'x-forwarded-for': '203.0.113.128,203.0.113.10,203.0.113.1' },
    strategy: { kind: 'envoy', useRemoteAddress: true, xffNumTrustedHops: 2 },
    clientIp: '203.0.113.10',
  },
  {
    source: `${ENVOY} conn_manager_utility_test.cc DocumentationExample4`,
    peer: '10.11.12.13',
    headers: { 'x-forwarded-for': '203.0.113.128,203.0.113.10,203.0.113.1,192.0.2.5' },
    strategy: { kind: 'envoy', useRemoteAddress: true, xffNumTrustedHops: 2 },
    clientIp: '203.0.113.1',
  },
  {
    source: `${ENVOY} conn_manager_utility_test.cc DocumentationExample2`,
    peer: '10.11.12.13',
    headers: { 'x-forwarded-for': '203.0.113.128,203.0.113.10,203.0.113.1,192.0.2.5' },
    strategy: { kind: 'envoy', useRemoteAddress: false, xffNumTrustedHops: 0 },
    clientIp: '192.0.2.5',
  },
  {
    source: `${ENVOY} conn_manager_utility_test.cc UseXFFTrustedHopsWithoutRemoteAddress`,
    peer: '127.0.0.1',
    headers: { 'x-forwarded-for': '198.51.100.2, 198.51.100.1' },
    strategy: { kind: 'envoy', useRemoteAddress: false, xffNumTrustedHops: 1 },
    clientIp: '198.51.100.2',
  },
  // too few entries and malformed entries fall back to the peer (peer ours: the conn_manager fixture's 10.0.0.3)
  {
    source: `${ENVOY} test/common/http/utility_test.cc getLastAddressFromXFF (num_to_skip 3 of 3 entries: nullptr) + conn_manager_utility.cc:267-271`,
    peer: '10.0.0.3',
    headers: { 'x-forwarded-for': '192.0.2.10, 192.0.2.1, 10.0.0.1' },
    strategy: { kind: 'envoy', useRemoteAddress: false, xffNumTrustedHops: 3 },
    clientIp: '10.0.0.3',
  },
  {
    source: `${ENVOY} utility_test.cc getLastAddressFromXFF (", bad": nullptr) + conn_manager_utility.cc:267-271`,
    peer: '10.0.0.3',
    headers: { 'x-forwarded-for': ', bad' },
    strategy: { kind: 'envoy', useRemoteAddress: false, xffNumTrustedHops: 0 },
    clientIp: '10.0.0.3',
  },

  // envoy-gateway: no clientIPDetection = use_remote_address true, 0 hops (listener.go:370): Envoy's DocumentationExample1
  {
    source: `${EG} internal/xds/translator/listener.go:370 + ${ENVOY} DocumentationExample1`,
    peer: '192.0.2.5',
    headers: { 'x-forwarded-for': '203.0.113.128,203.0.113.10,203.0.113.1' },
    strategy: eg(),
    clientIp: '192.0.2.5',
  },
  // numTrustedHops N = the Nth entry from the right (N-1 on the XFF extension)
  {
    source: `${EG} site/content/en/latest/tasks/traffic/client-traffic-policy.md:396-456 (peer 10.244.0.9: the appended XFF entry in its output)`,
    peer: '10.244.0.9',
    headers: { 'x-forwarded-for': '1.1.1.1,2.2.2.2' },
    strategy: hops(2),
    clientIp: '1.1.1.1',
  },
  {
    source: `${EG} api/v1alpha1/clienttrafficpolicy_types.go:327-338 NumTrustedHops example (peer ours)`,
    peer: '10.244.0.9',
    headers: { 'x-forwarded-for': '203.0.113.128, 203.0.113.10, 203.0.113.1' },
    strategy: hops(2),
    clientIp: '203.0.113.10',
  },
  {
    source: `${EG} test/e2e/tests/authorization_client_ip.go AuthzWithClientIP "first route-denied IP" (testdata numTrustedHops 1; peer ours)`,
    peer: '172.18.0.1',
    headers: { 'x-forwarded-for': '192.168.1.1' },
    strategy: hops(1),
    clientIp: '192.168.1.1',
  },
  {
    source: `${EG} listener.go:141-150 (0 stays 0) + ${ENVOY} xff_test.cc XffNumTrustedHopsTest (hops 0: rightmost)`,
    peer: '192.0.2.2',
    headers: { 'x-forwarded-for': '203.0.113.66, 203.0.113.7' },
    strategy: hops(0),
    clientIp: '203.0.113.7',
  },
  {
    source: `${EG} listener.go:141-150 (2 becomes 1) + ${ENVOY} utility_test.cc getLastAddressFromXFF (too few: nullptr), so the peer`,
    peer: '192.0.2.2',
    headers: { 'x-forwarded-for': '203.0.113.7' },
    strategy: hops(2),
    clientIp: '192.0.2.2',
  },
  // trustedCIDRs: the right-to-left walk once the peer is trusted (peer ours: kind's Docker network, which the test's 172.0.0.0/8 covers)
  {
    source: `${EG} test/e2e/tests/authorization_client_ip.go AuthzWithClientIPTrustedCIDRs "first route-allowed IP with trusted proxies" + testdata/authorization-client-ip-trusted-cidrs.yaml`,
    peer: '172.18.0.1',
    headers: { 'x-forwarded-for': '192.168.2.1,172.16.1.17,10.0.1.12' },
    strategy: cidrs('172.0.0.0/8', '10.0.0.0/8', '::/0'),
    clientIp: '192.168.2.1',
  },
  {
    source: `${EG} authorization_client_ip.go AuthzWithClientIPTrustedCIDRs "first route-not allowed IP with an untrusted proxy"`,
    peer: '172.18.0.1',
    headers: { 'x-forwarded-for': '192.168.2.1,192.168.1.1,10.0.1.12' },
    strategy: cidrs('172.0.0.0/8', '10.0.0.0/8', '::/0'),
    clientIp: '192.168.1.1',
  },
  {
    source: `${ENVOY} conn_manager_utility_test.cc DocumentationExample7 (through Envoy Gateway's trustedCIDRs)`,
    peer: '192.0.2.5',
    headers: { 'x-forwarded-for': '203.0.113.128,203.0.113.10,192.0.2.1' },
    strategy: cidrs('192.0.2.0/24'),
    clientIp: '203.0.113.10',
  },
  {
    source: `${ENVOY} conn_manager_utility_test.cc UseXFFTrustedCIDRs (all trusted: leftmost)`,
    peer: '198.51.100.10',
    headers: { 'x-forwarded-for': '198.51.100.2, 198.51.100.1' },
    strategy: cidrs('198.51.100.0/24'),
    clientIp: '198.51.100.2',
  },
  {
    source: `${ENVOY} conn_manager_utility_test.cc UseXFFTrustedCIDRsFailsOnBadIP`,
    peer: '198.51.100.10',
    headers: { 'x-forwarded-for': '10.3.2.1, a.b.c.d, 198.51.100.1' },
    strategy: cidrs('198.51.100.0/24'),
    clientIp: '198.51.100.10',
  },
  {
    source: `${ENVOY} test/extensions/http/original_ip_detection/xff/xff_test.cc XffTrustedCidrsTest.RemoteNotTrusted`,
    peer: '10.10.11.11',
    headers: { 'x-forwarded-for': '1.2.3.4,2.2.2.2' },
    strategy: cidrs('192.0.2.0/24', '198.51.100.0/24', '2001:db8:7e57:1::/64'),
    clientIp: '10.10.11.11',
  },
  {
    source: `${ENVOY} xff_test.cc XffTrustedCidrsTest.XFFHasTooManyEntries (21 entries: nothing detected, so the peer)`,
    peer: '192.0.2.11',
    headers: {
      'x-forwarded-for':
        '10.1.1.1, 10.2.2.2, 10.3.3.3, 10.4.4.4, 10.5.5.5, 10.6.6.6, 10.7.7.7,10.8.8.8,10.9.9.9, 10.10.10.10, 10.11.11.11, 10.12.12.12, 10.13.13.13, 10.14.14.14, 10.15.15.15, 10.16.16.16, 10.17.17.17, 10.18.18.18, 10.19.19.19, 10.20.20.20, 10.21.21.21',
    },
    strategy: cidrs('192.0.2.0/24', '198.51.100.0/24', '2001:db8:7e57:1::/64'),
    clientIp: '192.0.2.11',
  },
  // customHeader (the custom-header extension); peer = the fixture's default 10.0.0.3 / 192.0.2.200
  {
    source: `${ENVOY} conn_manager_utility_test.cc OriginalIPDetectionExtension (header present)`,
    peer: '10.0.0.3',
    headers: { 'x-cdn-detected-ip': '2.1.3.4' },
    strategy: eg({ customHeader: { name: 'x-cdn-detected-ip' } }),
    clientIp: '2.1.3.4',
  },
  {
    source: `${ENVOY} conn_manager_utility_test.cc OriginalIPDetectionExtension (header missing: default behaviour)`,
    peer: '10.0.0.3',
    headers: {},
    strategy: eg({ customHeader: { name: 'x-cdn-detected-ip' } }),
    clientIp: '10.0.0.3',
  },
  {
    source: `${ENVOY} test/extensions/http/original_ip_detection/custom_header/custom_header_test.cc CustomHeaderTest.Detection (missing: reject) + ${EG} listener.go:163-165 (failClosed: 403)`,
    peer: '192.0.2.200',
    headers: { 'x-other': 'abc' },
    strategy: eg({ customHeader: { name: 'x-real-ip', failClosed: true } }),
    clientIp: null,
  },
  {
    source: `${ENVOY} custom_header_test.cc CustomHeaderTest.Detection (not an IP: reject) + failClosed`,
    peer: '192.0.2.200',
    headers: { 'x-real-ip': 'not-a-real-ip' },
    strategy: eg({ customHeader: { name: 'x-real-ip', failClosed: true } }),
    clientIp: null,
  },
  // a refused ClientTrafficPolicy: both numTrustedHops and trustedCIDRs (CEL rule)
  {
    source: `${EG} api/v1alpha1/clienttrafficpolicy_types.go:325 "only one of numTrustedHops or trustedCIDRs must be set"`,
    peer: '192.0.2.2',
    headers: { 'x-forwarded-for': '203.0.113.7' },
    strategy: eg({ xForwardedFor: { numTrustedHops: 1, trustedCIDRs: ['192.0.2.0/24'] } }),
    clientIp: null,
  },
];

const NGF = 'nginx/nginx-gateway-fabric v2.6.7';
const NGINX_TESTS = 'nginx/nginx-tests 76bb761cdcae';
const ngf = (rewriteClientIP?: object): Strategy => ({ kind: 'nginx-gateway-fabric', rewriteClientIP }) as Strategy;
const cidr = (value: string) => ({ type: 'CIDR', value });
const ip = (value: string) => ({ type: 'IPAddress', value });

/** NGINX Gateway Fabric's rewriteClientIP. */
const ngfVectors: Vector[] = [
  // NGF's own example (the peer must be trusted for realip to act: the only trusted address)
  {
    source: `${NGF} apis/v1alpha2/nginxproxy_types.go:254-265 SetIPRecursively (enabled)`,
    peer: '55.55.55.1',
    headers: { 'X-Forwarded-For': '11.11.11.11, 22.22.22.22, 55.55.55.1' },
    strategy: ngf({ mode: 'XForwardedFor', trustedAddresses: [cidr('55.55.55.1/32')], setIPRecursively: true }),
    clientIp: '22.22.22.22',
  },
  {
    source: `${NGF} nginxproxy_types.go:260-261 SetIPRecursively (disabled: "55.55.55.1 would be selected")`,
    peer: '55.55.55.1',
    headers: { 'X-Forwarded-For': '11.11.11.11, 22.22.22.22, 55.55.55.1' },
    strategy: ngf({ mode: 'XForwardedFor', trustedAddresses: [cidr('55.55.55.1/32')], setIPRecursively: false }),
    clientIp: '55.55.55.1',
  },
  {
    source: `${NGF} docs/proposals/rewrite-client-ip.md (set_real_ip_from 3.3.3.3, recursive on: 2.2.2.2)`,
    peer: '3.3.3.3',
    headers: { 'X-Forwarded-For': '1.1.1.1, 2.2.2.2, 3.3.3.3' },
    strategy: ngf({ mode: 'XForwardedFor', trustedAddresses: [ip('3.3.3.3')], setIPRecursively: true }),
    clientIp: '2.2.2.2',
  },
  {
    source: `${NGF} docs/proposals/rewrite-client-ip.md (also trust 2.2.2.2: the user's 1.1.1.1)`,
    peer: '3.3.3.3',
    headers: { 'X-Forwarded-For': '1.1.1.1, 2.2.2.2, 3.3.3.3' },
    strategy: ngf({ mode: 'XForwardedFor', trustedAddresses: [ip('3.3.3.3'), ip('2.2.2.2')], setIPRecursively: true }),
    clientIp: '1.1.1.1',
  },
  {
    source: `${NGF} docs/proposals/rewrite-client-ip.md ("If real_ip_recursive is off, NGINX will set $remote_addr to 3.3.3.3")`,
    peer: '3.3.3.3',
    headers: { 'X-Forwarded-For': '1.1.1.1, 2.2.2.2, 3.3.3.3' },
    strategy: ngf({ mode: 'XForwardedFor', trustedAddresses: [ip('3.3.3.3')] }),
    clientIp: '3.3.3.3',
  },
  {
    source: `${NGF} nginxproxy_types.go:268-270 ("If the request does not come from a trusted address, NGINX will not rewrite"; inputs ours)`,
    peer: '203.0.113.9',
    headers: { 'X-Forwarded-For': '198.51.100.1' },
    strategy: ngf({ mode: 'XForwardedFor', trustedAddresses: [cidr('192.0.2.0/24')], setIPRecursively: true }),
    clientIp: '203.0.113.9',
  },
  {
    source: `${NGF} nginxproxy_types.go:272 ("If no addresses are provided, NGINX will not rewrite"; NGF's default)`,
    peer: '192.0.2.2',
    headers: { 'X-Forwarded-For': '203.0.113.66, 203.0.113.7' },
    strategy: ngf(),
    clientIp: '192.0.2.2',
  },
  // no mode: no real_ip_header (servers_template.go:53-55), so nginx's default X-Real-IP: nginx-tests realip.t 'realip'
  {
    source: `${NGF} internal/controller/nginx/config/servers_template.go:50-57 + ${NGINX_TESTS} realip.t 'realip'`,
    peer: '127.0.0.1',
    headers: { 'X-Real-IP': '192.0.2.1' },
    strategy: ngf({ trustedAddresses: [cidr('127.0.0.1/32'), cidr('10.0.1.0/24')] }),
    clientIp: '192.0.2.1',
  },
  // ProxyProtocol: real_ip_header proxy_protocol: nginx-tests proxy_protocol.t 'tcp4 client realip'
  {
    source: `${NGF} internal/controller/nginx/config/servers.go:1936-1948 + ${NGINX_TESTS} proxy_protocol.t 'tcp4 client realip'`,
    peer: '127.0.0.1',
    headers: {},
    proxyProtocolSource: '192.0.2.1',
    strategy: ngf({ mode: 'ProxyProtocol', trustedAddresses: [cidr('127.0.0.1/32')] }),
    clientIp: '192.0.2.1',
  },
  // refused: mode without trustedAddresses (CEL rule nginxproxy_types.go:59)
  {
    source: `${NGF} tests/cel/nginxproxy_test.go TestNginxProxyRewriteClientIP "Validate NginxProxy is invalid when trustedAddresses is not set and mode is set"`,
    peer: '192.0.2.2',
    headers: { 'X-Forwarded-For': '203.0.113.7' },
    strategy: ngf({ mode: 'XForwardedFor' }),
    clientIp: null,
  },
];

const run = (v: Vector) =>
  resolveClientIp({
    remoteAddr: v.peer,
    headers: v.headers,
    strategy: v.strategy,
    ...(v.proxyProtocolSource === undefined ? {} : { proxyProtocolSource: v.proxyProtocolSource }),
  });

describe('envoy-gateway and envoy: upstream vectors', () => {
  for (const v of envoyVectors) {
    it(v.source, () => {
      expect(run(v).clientIp).toBe(v.clientIp);
    });
  }
});

describe('nginx-gateway-fabric: upstream vectors', () => {
  for (const v of ngfVectors) {
    it(v.source, () => {
      expect(run(v).clientIp).toBe(v.clientIp);
    });
  }
});

describe('several X-Forwarded-For lines', () => {
  // From Envoy's code, not an upstream test: X-Forwarded-For is an inline request header, and
  // HeaderMapImpl::insertByKey appends each further line to the one value with "," (envoy v1.39.0
  // source/common/http/header_map_impl.cc:24-33, 158-170, 233-245; envoy/http/header_map.h HEADER_FUNC(ForwardedFor)).
  it('Envoy reads them as one comma-joined value: numTrustedHops 2 takes the second entry from the right', () => {
    const r = resolveClientIp({
      remoteAddr: '192.0.2.2',
      headers: { 'X-Forwarded-For': ['203.0.113.66', '203.0.113.7'] },
      strategy: hops(2),
    });
    expect(r.clientIp).toBe('203.0.113.66');
  });
  // Same code path, custom-header extension: custom_header.cc reads get(header_name)[0], which for an inline header is
  // the joined value "203.0.113.7,198.51.100.1", not an address, so nothing is detected and the peer stays the client.
  it('customHeader on X-Forwarded-For sent as two lines reads the joined value, which is no address', () => {
    const r = resolveClientIp({
      remoteAddr: '192.0.2.2',
      headers: { 'X-Forwarded-For': ['203.0.113.7', '198.51.100.1'] },
      strategy: eg({ customHeader: { name: 'X-Forwarded-For' } }),
    });
    expect(r.clientIp).toBe('192.0.2.2');
  });
});

describe('bad configurations and inputs: a warning under the input at fault, never a throw', () => {
  const inputsOf = (strategy: Strategy, remoteAddr = '192.0.2.2', proxyProtocolSource?: string) => {
    const r = resolveClientIp({
      remoteAddr,
      headers: { 'X-Forwarded-For': '203.0.113.7' },
      strategy,
      ...(proxyProtocolSource === undefined ? {} : { proxyProtocolSource }),
    });
    return { clientIp: r.clientIp, inputs: r.issues.map((issue) => issue.input) };
  };
  it('Envoy Gateway: numTrustedHops that is not a whole number is filed under hops', () => {
    expect(inputsOf(hops(1.5))).toEqual({ clientIp: null, inputs: ['hops'] });
  });
  it('Envoy Gateway: an empty trustedCIDRs list (MinItems 1) and a CIDR without a prefix are filed under trusted', () => {
    expect(inputsOf(cidrs())).toEqual({ clientIp: null, inputs: ['trusted'] });
    expect(inputsOf(cidrs('192.0.2.1'))).toEqual({ clientIp: null, inputs: ['trusted'] });
  });
  it('Envoy Gateway: a customHeader name outside ^[A-Za-z0-9-]+$ is filed under header', () => {
    expect(inputsOf(eg({ customHeader: { name: 'x_real_ip' } }))).toEqual({ clientIp: null, inputs: ['header'] });
  });
  it('Envoy Gateway: failClosed is filed under strategy, and any customHeader warns under header', () => {
    expect(inputsOf(eg({ customHeader: { name: 'X-Real-IP', failClosed: true } }))).toEqual({ clientIp: null, inputs: ['strategy'] });
    expect(inputsOf(eg({ customHeader: { name: 'X-Forwarded-For' } }))).toEqual({ clientIp: '203.0.113.7', inputs: ['header'] });
  });
  it('NGINX Gateway Fabric: a trusted address that is not one is filed under trusted', () => {
    expect(inputsOf(ngf({ mode: 'XForwardedFor', trustedAddresses: [ip('192.0.2.0/24')] }))).toEqual({
      clientIp: null,
      inputs: ['trusted'],
    });
    expect(inputsOf(ngf({ mode: 'XForwardedFor', trustedAddresses: [{ type: 'Hostname', value: 'lb.example' }] }))).toEqual({
      clientIp: null,
      inputs: ['trusted'],
    });
  });
  it('NGINX Gateway Fabric: ProxyProtocol without a PROXY header closes the connection; a PROXY header elsewhere is a 400', () => {
    expect(inputsOf(ngf({ mode: 'ProxyProtocol', trustedAddresses: [cidr('192.0.2.0/24')] }))).toEqual({
      clientIp: null,
      inputs: ['strategy'],
    });
    expect(inputsOf(ngf({ mode: 'XForwardedFor', trustedAddresses: [cidr('192.0.2.0/24')] }), '192.0.2.2', '203.0.113.9')).toEqual({
      clientIp: null,
      inputs: ['proxyProtocol'],
    });
    expect(inputsOf(ngf({ mode: 'ProxyProtocol', trustedAddresses: [cidr('192.0.2.0/24')] }), '192.0.2.2', 'not-an-ip')).toEqual({
      clientIp: null,
      inputs: ['proxyProtocol'],
    });
  });
  it('a bad peer is filed under remoteAddr for both strategies', () => {
    expect(inputsOf(eg(), 'nope')).toEqual({ clientIp: null, inputs: ['remoteAddr'] });
    expect(inputsOf(ngf(), 'nope')).toEqual({ clientIp: null, inputs: ['remoteAddr'] });
    expect(inputsOf(ngf({ mode: 'XForwardedFor', trustedAddresses: [cidr('192.0.2.0/24')] }), 'nope').inputs).toContain('remoteAddr');
  });
  it('garbage in the strategy never throws', () => {
    const garbage: unknown[] = [
      { kind: 'envoy-gateway', clientIPDetection: 5 },
      { kind: 'envoy-gateway', clientIPDetection: { xForwardedFor: null } },
      { kind: 'envoy-gateway', clientIPDetection: { customHeader: { name: 7 } }, extra: true },
      { kind: 'nginx-gateway-fabric', rewriteClientIP: { trustedAddresses: 'x' } },
      { kind: 'nginx-gateway-fabric', rewriteClientIP: { mode: 'Bogus', trustedAddresses: [null] } },
      { kind: 'nginx-gateway-fabric', rewriteClientIP: [] },
    ];
    for (const strategy of garbage) {
      expect(() => resolveClientIp({ remoteAddr: '192.0.2.2', strategy: strategy as Strategy })).not.toThrow();
      expect(resolveClientIp({ remoteAddr: '192.0.2.2', strategy: strategy as Strategy }).clientIp).toBeNull();
    }
  });
});
