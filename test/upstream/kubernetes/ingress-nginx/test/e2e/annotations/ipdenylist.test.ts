/**
 * ingress-nginx e2e test/e2e/annotations/ipdenylist.go (DescribeAnnotation "denylist-source-range") at
 * controller-v1.15.1, run against the model: with use-forwarded-headers on, nginx's access rules see `$remote_addr`
 * after realip, which the model computes (ingressNginxRemoteAddr). The rules are those the test waits for in the
 * generated server block, in the order rootfs/etc/nginx/template/nginx.tmpl writes them (lines 1206-1213: deny lines,
 * then allow lines, then `deny all` when there are allow lines).
 */
import { E2E_RUNNER_POD, type E2eCase } from '../e2e-request.ts';
import { describeE2eFile } from '../e2e-suite.ts';

const describeText = '[Annotations] denylist-source-range';

const denyOnly: E2eCase['access'] = [
  { rule: 'deny', range: '18.0.0.0/8' },
  { rule: 'deny', range: '56.0.0.1' },
];

const denyAndAllow: E2eCase['access'] = [
  { rule: 'deny', range: '18.1.0.0/16' },
  { rule: 'deny', range: '56.0.0.0/8' },
  { rule: 'allow', range: '18.0.0.0/8' },
  { rule: 'allow', range: '55.0.0.0/8' },
  { rule: 'deny', range: 'all' },
];

/** One request of an It: the X-Forwarded-For the runner sends and the status upstream expects. */
function request(
  it: string,
  by: string,
  line: number,
  xff: string,
  status: 200 | 403,
  statusLine: number,
  access: E2eCase['access'],
): E2eCase {
  return {
    spec: `${describeText} ${it} / ${by}`,
    line,
    config: { useForwardedHeaders: true },
    request: { peer: E2E_RUNNER_POD, xForwardedFor: [xff] },
    access,
    status: { line: statusLine, status },
  };
}

const denyIt = 'only deny explicitly denied IPs, allow all others';
const allowIt = 'only allow explicitly allowed IPs, deny all others';

const cases: E2eCase[] = [
  request(denyIt, 'sending request from an explicitly denied IP range', 61, '18.0.0.1', 403, 67, denyOnly),
  request(denyIt, 'sending request from an explicitly denied IP address', 69, '56.0.0.1', 403, 75, denyOnly),
  request(denyIt, 'sending request from an implicitly allowed IP range', 77, '56.0.0.2', 200, 83, denyOnly),
  request(allowIt, 'sending request from an explicitly denied IP range', 115, '18.1.0.1', 403, 121, denyAndAllow),
  request(allowIt, 'sending request from an implicitly denied IP', 123, '10.10.10.10', 403, 129, denyAndAllow),
  request(allowIt, 'sending request from an explicitly allowed IP range', 131, '18.4.0.1', 200, 137, denyAndAllow),
  request(allowIt, 'sending request from an explicitly allowed IP range', 139, '55.55.55.55', 200, 145, denyAndAllow),
];

describeE2eFile('test/e2e/annotations/ipdenylist.go', cases);
