/**
 * nginx-tests realip.t ("Tests for nginx realip module"), every like() of it. Configuration: at http level
 * `set_real_ip_from 127.0.0.1/32; set_real_ip_from 10.0.1.0/24;` and `add_header X-IP $remote_addr;`. Server
 * 127.0.0.1:8080: location / (defaults: real_ip_header X-Real-IP, real_ip_recursive off); /custom
 * (real_ip_header X-Real-IP-Custom); /1 (X-Forwarded-For, recursive off); /2 (X-Forwarded-For, recursive on). Server
 * 127.0.0.1:8081: `return 204` (realip acts in the post-read phase, before the return). The client connects from
 * 127.0.0.1.
 */
import { type RealipCase, describeRealipFile } from './realip-case.ts';

const trusted = ['127.0.0.1/32', '10.0.1.0/24'];
const peer = '127.0.0.1';

/** A request to server 8080 or 8081 with the location's directives. */
function at(
  location: '/' | '/custom' | '/1' | '/2' | '8081 /',
): Pick<RealipCase, 'setRealIpFrom' | 'realIpHeader' | 'realIpRecursive' | 'status' | 'peer'> {
  const header = location === '/custom' ? 'X-Real-IP-Custom' : location === '/1' || location === '/2' ? 'X-Forwarded-For' : 'X-Real-IP';
  return {
    peer,
    setRealIpFrom: trusted,
    realIpHeader: header,
    realIpRecursive: location === '/2',
    status: location === '8081 /' ? '204 No Content' : '200 OK',
  };
}

const cases: RealipCase[] = [
  {
    // The file's precondition (plan skip_all unless it holds): with no header, X-IP is the peer.
    name: "skip_all guard 'no 127.0.0.1 on host'",
    line: 78,
    request: 'GET / (no header)',
    ...at('/'),
    headers: {},
    assertion: 'like',
    pattern: /X-IP: 127.0.0.1/m,
  },
  {
    name: 'realip',
    line: 85,
    request: 'GET / with X-Real-IP: 192.0.2.1',
    ...at('/'),
    headers: { 'X-Real-IP': '192.0.2.1' },
    assertion: 'like',
    pattern: /^X-IP: 192.0.2.1/m,
  },
  {
    name: 'realip custom',
    line: 92,
    request: 'GET /custom with X-Real-IP-Custom: 192.0.2.1',
    ...at('/custom'),
    headers: { 'X-Real-IP-Custom': '192.0.2.1' },
    assertion: 'like',
    pattern: /^X-IP: 192.0.2.1/m,
  },
  {
    name: 'realip multi',
    line: 99,
    request: "http_xff('/1', '10.0.0.1, 192.0.2.1')",
    ...at('/1'),
    headers: { 'X-Forwarded-For': '10.0.0.1, 192.0.2.1' },
    assertion: 'like',
    pattern: /^X-IP: 192.0.2.1/m,
  },
  {
    name: 'realip recursive off',
    line: 101,
    request: "http_xff('/1', '192.0.2.1, 10.0.1.1, 127.0.0.1')",
    ...at('/1'),
    headers: { 'X-Forwarded-For': '192.0.2.1, 10.0.1.1, 127.0.0.1' },
    assertion: 'like',
    pattern: /^X-IP: 127.0.0.1/m,
  },
  {
    name: 'realip recursive on',
    line: 103,
    request: "http_xff('/2', '10.0.1.1, 192.0.2.1, 127.0.0.1')",
    ...at('/2'),
    headers: { 'X-Forwarded-For': '10.0.1.1, 192.0.2.1, 127.0.0.1' },
    assertion: 'like',
    pattern: /^X-IP: 192.0.2.1/m,
  },
  {
    name: 'realip multi xff recursive off',
    line: 106,
    request: 'GET /1 with two X-Forwarded-For lines',
    ...at('/1'),
    headers: { 'X-Forwarded-For': ['192.0.2.1', '127.0.0.1, 10.0.1.1'] },
    assertion: 'like',
    pattern: /^X-IP: 10.0.1.1/m,
  },
  {
    name: 'realip multi xff recursive on',
    line: 114,
    request: 'GET /2 with three X-Forwarded-For lines',
    ...at('/2'),
    headers: { 'X-Forwarded-For': ['10.0.1.1', '192.0.2.1', '127.0.0.1'] },
    assertion: 'like',
    pattern: /^X-IP: 192.0.2.1/m,
  },
  {
    name: 'realip post read',
    line: 124,
    request: 'GET / on server 8081 (return 204) with X-Real-IP: 192.0.2.1',
    ...at('8081 /'),
    headers: { 'X-Real-IP': '192.0.2.1' },
    assertion: 'like',
    pattern: / 204 .*192.0.2.1/s,
  },
];

describeRealipFile('realip.t', cases);
