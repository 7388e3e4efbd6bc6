/**
 * ingress-nginx e2e test/e2e/settings/enable_real_ip.go (DescribeSetting "enable-real-ip") at controller-v1.15.1,
 * run against the model's ingress-nginx policy. Each request: the e2e runner pod sends `X-Forwarded-For: 1.2.3.4`
 * (with X-Forwarded-Host/-Port/-Proto, which the model does not follow).
 */
import { E2E_RUNNER_POD, type E2eCase } from '../e2e-request.ts';
import { describeE2eFile } from '../e2e-suite.ts';

const describeText = '[Setting] enable-real-ip';

const cases: E2eCase[] = [
  {
    spec: `${describeText} trusts X-Forwarded-For header only when setting is true / ensuring single values are parsed correctly`,
    line: 55,
    config: { enableRealIp: true },
    request: { peer: E2E_RUNNER_POD, xForwardedFor: ['1.2.3.4'] },
    body: [
      { line: 69, notRegexp: '(\\s)host=myhost' },
      { line: 70, notContains: 'x-forwarded-host=myhost' },
      { line: 71, notContains: 'x-forwarded-proto=myproto' },
      { line: 72, notContains: 'x-forwarded-port=1234' },
      { line: 73, contains: 'host=forwarded-for-header' },
      { line: 74, contains: 'x-forwarded-host=forwarded-for-header' },
      { line: 75, contains: 'x-forwarded-proto=http' },
      { line: 76, contains: 'x-forwarded-port=80' },
      { line: 77, contains: 'x-forwarded-for=1.2.3.4' },
    ],
  },
  {
    spec: `${describeText} should not trust X-Forwarded-For header when setting is false`,
    line: 80,
    config: { enableRealIp: false },
    request: { peer: E2E_RUNNER_POD, xForwardedFor: ['1.2.3.4'] },
    body: [
      { line: 105, contains: 'host=forwarded-for-header' },
      { line: 106, contains: 'x-forwarded-port=80' },
      { line: 107, contains: 'x-forwarded-proto=http' },
      { line: 108, contains: 'x-original-forwarded-for=1.2.3.4' },
      { line: 109, contains: 'x-original-forwarded-host=myhost' },
      { line: 111, notRegexp: '(\\s)host=myhost' },
      { line: 112, notContains: 'x-forwarded-host=myhost' },
      { line: 113, notContains: 'x-forwarded-proto=myproto' },
      { line: 114, notContains: 'x-forwarded-port=1234' },
      { line: 115, notContains: 'x-forwarded-for=1.2.3.4' },
    ],
  },
];

describeE2eFile('test/e2e/settings/enable_real_ip.go', cases);
