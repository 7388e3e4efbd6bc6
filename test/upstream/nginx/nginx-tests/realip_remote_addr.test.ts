/**
 * nginx-tests realip_remote_addr.t: every case asserts `$realip_remote_addr` (the peer before realip, sent as
 * X-Real-IP by add_header), not the address realip chose. `resolveClientIp` answers the chosen client only, so each
 * case is listed as not expressible. Configuration: `set_real_ip_from 127.0.0.1/32; set_real_ip_from 192.0.2.1/32;
 * real_ip_header X-Forwarded-For;`, client at 127.0.0.1.
 */
import { type RealipCase, describeRealipFile } from './realip-case.ts';

const common = {
  peer: '127.0.0.1',
  setRealIpFrom: ['127.0.0.1/32', '192.0.2.1/32'],
  realIpHeader: 'X-Forwarded-For',
  realIpRecursive: false,
  status: '200 OK',
  assertion: 'like' as const,
  pattern: /X-Real-IP: 127.0.0.1/m,
  notExpressible: 'asserts $realip_remote_addr (the original peer), which resolveClientIp does not return',
};

const cases: RealipCase[] = [
  { name: 'request', line: 67, request: "http_get('/1')", headers: {}, ...common },
  { name: 'request redirect', line: 68, request: "http_get('/') (index redirect)", headers: {}, ...common },
  { name: 'realip', line: 70, request: "http_xff('/1', '192.0.2.1')", headers: { 'X-Forwarded-For': '192.0.2.1' }, ...common },
  {
    name: 'realip redirect',
    line: 71,
    request: "http_xff('/', '192.0.2.1') (index redirect)",
    headers: { 'X-Forwarded-For': '192.0.2.1' },
    ...common,
  },
];

describeRealipFile('realip_remote_addr.t', cases);
