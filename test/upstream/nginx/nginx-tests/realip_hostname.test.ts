/**
 * nginx-tests realip_hostname.t: set_real_ip_from with a hostname (`localhost`, resolved when the configuration loads)
 * and with `unix:`. Server 127.0.0.1:8080 and unix:unix.sock; location /1 `set_real_ip_from localhost;`, /2
 * `set_real_ip_from unix:;` (real_ip_header defaults to X-Real-IP); /unix and /ip proxy to the same server over the
 * unix socket or 127.0.0.1 with `proxy_set_header X-Real-IP 192.0.2.1`.
 */
import { type RealipCase, describeRealipFile } from './realip-case.ts';

const common = { headers: { 'X-Real-IP': '192.0.2.1' }, realIpHeader: 'X-Real-IP', realIpRecursive: false, status: '200 OK' };

const cases: RealipCase[] = [
  {
    name: 'realip unix',
    line: 79,
    request: "http_get('/unix/2'): over the unix socket to /2 (set_real_ip_from unix:)",
    ...common,
    peer: 'unix:',
    setRealIpFrom: ['unix:'],
    assertion: 'like',
    pattern: /X-IP: 192.0.2.1/,
    notExpressible: 'the peer is a unix socket ($remote_addr "unix:"); the model’s peer is an IP address',
  },
  {
    name: 'realip unix - no match',
    line: 80,
    request: "http_get('/unix/1'): over the unix socket to /1 (set_real_ip_from localhost)",
    ...common,
    peer: 'unix:',
    setRealIpFrom: ['localhost'],
    assertion: 'unlike',
    pattern: /X-IP: 192.0.2.1/,
    notExpressible: 'the peer is a unix socket, and set_real_ip_from names a host: neither is in the model',
  },
  {
    name: 'realip hostname',
    line: 82,
    request: "http_get('/ip/1'): from 127.0.0.1 to /1 (set_real_ip_from localhost)",
    ...common,
    peer: '127.0.0.1',
    setRealIpFrom: ['localhost'],
    assertion: 'like',
    pattern: /X-IP: 192.0.2.1/,
    notExpressible:
      'set_real_ip_from with a hostname, which nginx resolves when it loads the configuration; the model reads addresses and CIDRs only (it ignores "localhost" with a warning)',
  },
  {
    // The model cannot read `unix:` either and ignores it with a warning; for a TCP peer nginx's `unix:` matches
    // nothing, so both trust no one here.
    name: 'realip hostname - no match',
    line: 83,
    request: "http_get('/ip/2'): from 127.0.0.1 to /2 (set_real_ip_from unix:)",
    ...common,
    peer: '127.0.0.1',
    setRealIpFrom: ['unix:'],
    assertion: 'unlike',
    pattern: /X-IP: 192.0.2.1/,
  },
];

describeRealipFile('realip_hostname.t', cases);
