/**
 * ingress-nginx e2e test/e2e/settings/proxy_protocol.go (DescribeSetting "use-proxy-protocol") at controller-v1.15.1,
 * run against the model's ingress-nginx policy. Each request is written on a raw connection from the e2e runner pod:
 * `PROXY TCP4 192.168.0.1 192.168.0.11 56324 <port>`, then the HTTP request.
 */
import { E2E_RUNNER_POD, type E2eCase } from '../e2e-request.ts';
import { describeE2eFile } from '../e2e-suite.ts';

const describeText = '[Setting] use-proxy-protocol';

const cases: E2eCase[] = [
  {
    spec: `${describeText} should respect port passed by the PROXY Protocol`,
    line: 49,
    config: { useProxyProtocol: true },
    request: { peer: E2E_RUNNER_POD, proxyProtocolSource: '192.168.0.1' },
    body: [
      { line: 79, contains: 'host=proxy-protocol' },
      { line: 80, contains: 'x-forwarded-port=1234' },
      { line: 81, contains: 'x-forwarded-proto=http' },
      { line: 82, contains: 'x-forwarded-for=192.168.0.1' },
    ],
  },
  {
    spec: `${describeText} should respect proto passed by the PROXY Protocol server port`,
    line: 86,
    config: { useProxyProtocol: true },
    request: { peer: E2E_RUNNER_POD, proxyProtocolSource: '192.168.0.1' },
    body: [
      { line: 116, contains: 'host=proxy-protocol' },
      { line: 117, contains: 'x-forwarded-port=443' },
      { line: 118, contains: 'x-forwarded-proto=https' },
      { line: 119, contains: 'x-forwarded-for=192.168.0.1' },
    ],
  },
  {
    spec: `${describeText} should enable PROXY Protocol for HTTPS`,
    line: 122,
    config: { useProxyProtocol: true },
    request: { peer: E2E_RUNNER_POD, proxyProtocolSource: '192.168.0.1' },
    note: 'TLS is not modelled; the address headers do not depend on it',
    body: [
      { line: 158, contains: 'host=proxy-protocol' },
      { line: 159, contains: 'x-forwarded-port=1234' },
      { line: 160, contains: 'x-forwarded-proto=https' },
      { line: 161, contains: 'x-scheme=https' },
      { line: 162, contains: 'x-forwarded-for=192.168.0.1' },
    ],
  },
  {
    spec: `${describeText} should enable PROXY Protocol for TCP`,
    line: 165,
    config: { useProxyProtocol: true, enableRealIp: true },
    request: { peer: E2E_RUNNER_POD, proxyProtocolSource: '192.168.0.1' },
    notExpressible:
      'a TCP stream proxied through the tcp-services ConfigMap (nginx stream module), asserting that the controller log contains 192.168.0.1: the model has no stream proxy and no log',
  },
  {
    // cmapData has no proxy-real-ip-cidr here, so the default 0.0.0.0/0 applies (unless ginkgo runs the next spec
    // first: that spec adds 192.168.0.1/32 to the same shared map). Either way the PROXY source 192.168.0.1 is trusted.
    spec: `${describeText} when use-forwarded-headers setting is true should not trust X-Forwarded headers when the client IP address is not trusted`,
    line: 238,
    config: { useProxyProtocol: true, useForwardedHeaders: true },
    request: { peer: E2E_RUNNER_POD, proxyProtocolSource: '192.168.0.1', xForwardedFor: ['192.168.0.111'] },
    body: [
      { line: 268, contains: 'host=proxy-protocol' },
      { line: 269, contains: 'x-forwarded-port=1234' },
      { line: 270, contains: 'x-forwarded-proto=http' },
      { line: 271, contains: 'x-forwarded-for=192.168.0.1' },
    ],
  },
  {
    spec: `${describeText} when use-forwarded-headers setting is true should trust X-Forwarded headers when the client IP address is trusted`,
    line: 274,
    config: { useProxyProtocol: true, useForwardedHeaders: true, proxyRealIpCidr: ['10.0.0.0/8', '192.168.0.1/32'] },
    request: { peer: E2E_RUNNER_POD, proxyProtocolSource: '192.168.0.1', xForwardedFor: ['192.168.0.111'] },
    body: [
      { line: 307, contains: 'host=proxy-protocol' },
      { line: 308, contains: 'x-forwarded-port=1234' },
      { line: 309, contains: 'x-forwarded-proto=http' },
      { line: 310, contains: 'x-forwarded-for=192.168.0.111' },
    ],
  },
];

describeE2eFile('test/e2e/settings/proxy_protocol.go', cases);
