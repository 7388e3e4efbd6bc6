/** facts.md §5: nginx's realip module, through the resolver's nginx-realip strategy. Expectations written by hand. */
import { describe, expect, it } from 'vitest';
import { resolveClientIp } from '../../src/model/index.ts';

const xff = (value: string | string[]) => ({ 'X-Forwarded-For': value });

describe('facts §5: nginx realip', () => {
  it('reads the header only when the TCP peer is trusted', () => {
    const r = resolveClientIp({
      remoteAddr: '203.0.113.9',
      headers: xff('198.51.100.1'),
      strategy: { kind: 'nginx-realip', trusted: ['192.0.2.0/24'], recursive: true },
    });
    expect(r.clientIp).toBe('203.0.113.9');
  });
  it('changes nothing without any set_real_ip_from, and says so', () => {
    const r = resolveClientIp({ remoteAddr: '192.0.2.2', headers: xff('198.51.100.1'), strategy: { kind: 'nginx-realip', trusted: [] } });
    expect(r.clientIp).toBe('192.0.2.2');
    expect(r.warnings.join(' ')).toContain('set_real_ip_from');
  });
  it('with real_ip_recursive off, takes the rightmost entry even when that one is trusted', () => {
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
    const r = resolveClientIp({
      remoteAddr: '192.0.2.2',
      headers: xff('198.51.100.66, 203.0.113.7, 192.0.2.3'),
      strategy: { kind: 'nginx-realip', trusted: ['192.0.2.0/24'], recursive: true },
    });
    expect(r.clientIp).toBe('203.0.113.7');
  });
  it('with everything trusted, takes the leftmost entry, and warns that it is forgeable', () => {
    const r = resolveClientIp({
      remoteAddr: '192.0.2.2',
      headers: xff('198.51.100.66, 203.0.113.7'),
      strategy: { kind: 'nginx-realip', trusted: ['0.0.0.0/0'], recursive: true },
    });
    expect(r.clientIp).toBe('198.51.100.66');
    expect(r.warnings.some((w) => w.includes('forge'))).toBe(true);
  });
  it('reads several X-Forwarded-For lines as one list, in order', () => {
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
    const r = resolveClientIp({ remoteAddr: '192.0.2.2', strategy: { kind: 'nginx-realip', trusted: ['192.0.2.2'] } });
    expect(r.steps.join(' ')).toContain('X-Real-IP');
  });
});
