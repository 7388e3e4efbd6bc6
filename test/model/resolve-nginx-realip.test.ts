/**
 * The resolver's nginx-realip strategy (src/model/resolve.ts) as nginx's realip module behaves, by hand. Sources:
 * nginx's documentation of ngx_http_realip_module (https://nginx.org/en/docs/http/ngx_http_realip_module.html:
 * set_real_ip_from, real_ip_header default X-Real-IP, real_ip_recursive default off), nginx/nginx
 * src/http/modules/ngx_http_realip_module.c and ngx_http_get_forwarded_addr_internal in src/http/ngx_http_core_module.c,
 * and nginx/nginx-tests realip.t (commit 76bb761cdcaeb6cb024d605c2ef91bf8d8a602d7; transcribed whole in
 * test/upstream/nginx/nginx-tests/realip.test.ts). The guide's own choices are marked where they differ from nginx.
 */
import { describe, expect, it } from 'vitest';
import { resolveClientIp } from '../../src/model/index.ts';

const xff = (value: string | string[]) => ({ 'X-Forwarded-For': value });

describe('nginx realip', () => {
  it('reads the header only when the TCP peer is trusted', () => {
    const r = resolveClientIp({
      remoteAddr: '203.0.113.9',
      headers: xff('198.51.100.1'),
      strategy: { kind: 'nginx-realip', trusted: ['192.0.2.0/24'], recursive: true },
    });
    expect(r.clientIp).toBe('203.0.113.9');
  });
  it('changes nothing without any set_real_ip_from, and says so', () => {
    // ngx_http_realip_module.c: the handler returns NGX_DECLINED when set_real_ip_from gave no address list.
    const r = resolveClientIp({ remoteAddr: '192.0.2.2', headers: xff('198.51.100.1'), strategy: { kind: 'nginx-realip', trusted: [] } });
    expect(r.clientIp).toBe('192.0.2.2');
    expect(r.warnings.join(' ')).toContain('set_real_ip_from');
  });
  it('with real_ip_recursive off, takes the rightmost entry even when that one is trusted', () => {
    // realip.t 'realip recursive off': X-Forwarded-For "192.0.2.1, 10.0.1.1, 127.0.0.1", all but the first trusted,
    // answers 127.0.0.1.
    const r = resolveClientIp({
      remoteAddr: '192.0.2.2',
      headers: xff('203.0.113.7, 192.0.2.3'),
      strategy: { kind: 'nginx-realip', trusted: ['192.0.2.0/24'], recursive: false },
    });
    expect(r.clientIp).toBe('192.0.2.3');
  });
  it('recursive is off unless asked for', () => {
    const r = resolveClientIp({
      remoteAddr: '192.0.2.2',
      headers: xff('203.0.113.7, 192.0.2.3'),
      strategy: { kind: 'nginx-realip', trusted: ['192.0.2.0/24'] },
    });
    expect(r.clientIp).toBe('192.0.2.3');
  });
  it('with real_ip_recursive on, walks right to left to the first untrusted address', () => {
    // realip.t 'realip recursive on': "10.0.1.1, 192.0.2.1, 127.0.0.1" answers 192.0.2.1.
    const r = resolveClientIp({
      remoteAddr: '192.0.2.2',
      headers: xff('198.51.100.66, 203.0.113.7, 192.0.2.3'),
      strategy: { kind: 'nginx-realip', trusted: ['192.0.2.0/24'], recursive: true },
    });
    expect(r.clientIp).toBe('203.0.113.7');
  });
  it('with everything trusted, takes the leftmost entry, and warns that it is forgeable', () => {
    // ngx_http_get_forwarded_addr_internal keeps walking while addresses are trusted and returns the last one read.
    const r = resolveClientIp({
      remoteAddr: '192.0.2.2',
      headers: xff('198.51.100.66, 203.0.113.7'),
      strategy: { kind: 'nginx-realip', trusted: ['0.0.0.0/0'], recursive: true },
    });
    expect(r.clientIp).toBe('198.51.100.66');
    expect(r.warnings.some((w) => w.includes('forge'))).toBe(true);
  });
  it('reads several X-Forwarded-For lines as one list, in order', () => {
    // realip.t 'realip multi xff recursive on': three header lines read as one list.
    const r = resolveClientIp({
      remoteAddr: '192.0.2.2',
      headers: xff(['198.51.100.66', '203.0.113.7, 192.0.2.3']),
      strategy: { kind: 'nginx-realip', trusted: ['192.0.2.0/24'], recursive: true },
    });
    expect(r.clientIp).toBe('203.0.113.7');
  });
  it('reads another header when told to (real_ip_header X-Real-IP)', () => {
    const r = resolveClientIp({
      remoteAddr: '192.0.2.2',
      headers: { 'X-Real-IP': '203.0.113.7', 'X-Forwarded-For': '198.51.100.66' },
      strategy: { kind: 'nginx-realip', trusted: ['192.0.2.2'], header: 'X-Real-IP' },
    });
    expect(r.clientIp).toBe('203.0.113.7');
  });
  it('says that its default header differs from nginx’s own (X-Real-IP)', () => {
    // The guide's choice: the strategy defaults to X-Forwarded-For; nginx's real_ip_header default is X-Real-IP.
    const r = resolveClientIp({ remoteAddr: '192.0.2.2', strategy: { kind: 'nginx-realip', trusted: ['192.0.2.2'] } });
    expect(r.steps.join(' ')).toContain('X-Real-IP');
  });
});
