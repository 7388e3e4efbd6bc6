/**
 * ingress-nginx e2e test/e2e/settings/forwarded_headers.go (DescribeSetting "use-forwarded-headers") at
 * controller-v1.15.1, run against the model's ingress-nginx policy. Each request: the e2e runner pod sends
 * `X-Forwarded-For: 1.2.3.4` (with X-Forwarded-Host/-Port/-Proto/-Scheme, which the model does not follow).
 */
import { E2E_RUNNER_POD, type E2eCase } from '../e2e-request.ts';
import { describeE2eFile } from '../e2e-suite.ts';

const describeText = '[Setting] use-forwarded-headers';

const cases: E2eCase[] = [
  {
    spec: `${describeText} should trust X-Forwarded headers when setting is true / ensuring single values are parsed correctly`,
    line: 55,
    config: { useForwardedHeaders: true },
    request: { peer: E2E_RUNNER_POD, xForwardedFor: ['1.2.3.4'] },
    body: [
      { line: 70, regexp: '(\\s)host=myhost' },
      { line: 71, contains: 'x-forwarded-host=myhost' },
      { line: 72, contains: 'x-forwarded-proto=myproto' },
      { line: 73, contains: 'x-forwarded-scheme=myproto' },
      { line: 74, contains: 'x-forwarded-port=1234' },
      { line: 75, contains: 'x-forwarded-for=1.2.3.4' },
    ],
  },
  {
    spec: `${describeText} should trust X-Forwarded headers when setting is true / ensuring that first entry in X-Forwarded-Host is used as the best host`,
    line: 77,
    config: { useForwardedHeaders: true },
    request: { peer: E2E_RUNNER_POD, xForwardedFor: ['1.2.3.4'] },
    body: [
      { line: 91, regexp: '(\\s)host=myhost.com' },
      { line: 92, contains: 'x-forwarded-host=myhost.com' },
    ],
  },
  {
    spec: `${describeText} should not trust X-Forwarded headers when setting is false`,
    line: 95,
    config: { useForwardedHeaders: false },
    request: { peer: E2E_RUNNER_POD, xForwardedFor: ['1.2.3.4'] },
    body: [
      { line: 121, contains: 'host=forwarded-headers' },
      { line: 122, contains: 'x-forwarded-port=80' },
      { line: 123, contains: 'x-forwarded-proto=http' },
      { line: 124, contains: 'x-forwarded-scheme=http' },
      { line: 125, contains: 'x-original-forwarded-for=1.2.3.4' },
      { line: 126, contains: 'x-original-forwarded-host=myhost' },
      { line: 128, notRegexp: '(\\s)host=myhost' },
      { line: 129, notContains: 'x-forwarded-host=myhost' },
      { line: 130, notContains: 'x-forwarded-proto=myproto' },
      { line: 131, notContains: 'x-forwarded-scheme=myproto' },
      { line: 132, notContains: 'x-forwarded-port=1234' },
      { line: 133, notContains: 'x-forwarded-for=1.2.3.4' },
    ],
  },
];

describeE2eFile('test/e2e/settings/forwarded_headers.go', cases);
