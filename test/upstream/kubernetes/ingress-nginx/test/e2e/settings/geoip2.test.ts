/**
 * ingress-nginx e2e test/e2e/settings/geoip2.go at controller-v1.15.1: its one client-address case (use-forwarded-headers
 * on, X-Forwarded-For decides the GeoIP country) is listed, not run: it needs a GeoIP database, and upstream skips it
 * too ("GeoIP test are temporarily disabled").
 */
import { E2E_RUNNER_POD, type E2eCase } from '../e2e-request.ts';
import { describeE2eFile } from '../e2e-suite.ts';

const cases: E2eCase[] = [
  {
    spec: '[Setting] Geoip2 should only allow requests from specific countries',
    line: 69,
    config: { useForwardedHeaders: true },
    request: { peer: E2E_RUNNER_POD, xForwardedFor: ['8.8.8.8'] },
    notExpressible: 'a GeoIP2 country lookup of $remote_addr (the model has no GeoIP database); skipped upstream as well',
  },
];

describeE2eFile('test/e2e/settings/geoip2.go', cases);
