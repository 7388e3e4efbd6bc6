/**
 * Traefik's own tests of the forwarded-headers middleware, as data: the TestServeHTTP table of
 * pkg/middlewares/forwardedheaders/forwarded_header_test.go at tag v3.6.24
 * (commit cc336581846996ffbd01b1290fd5b44787bad324), read from a snapshot of traefik/traefik (the Go module
 * proxy refuses github.com/traefik/traefik/v3 here). Expectations are Traefik's; each is `req.Header.Get(name)`
 * after ServeHTTP, "" for an absent header. Only the columns of the headers the model covers are transcribed
 * (X-Forwarded-For, X-Real-Ip and the managed X- headers the middleware deletes or keeps); the columns it sets
 * from the request itself (X-Forwarded-Proto, -Port, -Host, -Server) and the cases about them alone are left out.
 */
import { describe, expect, it } from 'vitest';
import { traefikForwardedHeaders } from '../../../../../../../src/model/gateway/traefik.ts';

interface Case {
  desc: string;
  insecure: boolean;
  trustedIps: string[];
  remoteAddr: string;
  incomingHeaders: Record<string, string[]>;
  expectedHeaders: Record<string, string>;
}

/** The four "X-Forwarded headers" fixtures' incoming lines. */
const xForwarded = {
  'X-Forwarded-For': ['10.0.1.0, 10.0.1.12'],
  'X-Forwarded-Uri': ['/bar'],
  'X-Forwarded-Method': ['GET'],
  'X-Forwarded-Tls-Client-Cert': ['Cert'],
  'X-Forwarded-Tls-Client-Cert-Info': ['CertInfo'],
  'X-Forwarded-Prefix': ['/prefix'],
};
const kept = {
  'X-Forwarded-For': '10.0.1.0, 10.0.1.12',
  'X-Forwarded-Uri': '/bar',
  'X-Forwarded-Method': 'GET',
  'X-Forwarded-Tls-Client-Cert': 'Cert',
  'X-Forwarded-Tls-Client-Cert-Info': 'CertInfo',
  'X-Forwarded-Prefix': '/prefix',
};
const deleted = {
  'X-Forwarded-For': '',
  'X-Forwarded-Uri': '',
  'X-Forwarded-Method': '',
  'X-Forwarded-Tls-Client-Cert': '',
  'X-Forwarded-Tls-Client-Cert-Info': '',
  'X-Forwarded-Prefix': '',
};
/** The Connection cases' managed headers, each sent as "foo" (X-Forwarded-Proto, -Host, -Port columns left out). */
const foo = {
  'X-Forwarded-For': ['foo'],
  'X-Forwarded-Uri': ['foo'],
  'X-Forwarded-Method': ['foo'],
  'X-Forwarded-Tls-Client-Cert': ['foo'],
  'X-Forwarded-Tls-Client-Cert-Info': ['foo'],
  'X-Forwarded-Prefix': ['foo'],
  'X-Real-Ip': ['foo'],
};
const connection = { Connection: [Object.keys(foo).join(', ')] };
const fooKept = Object.fromEntries(Object.keys(foo).map((k) => [k, 'foo']));
const fooDeleted = Object.fromEntries(Object.keys(foo).map((k) => [k, '']));

const cases: Case[] = [
  {
    desc: 'all Empty',
    insecure: true,
    trustedIps: [],
    remoteAddr: '',
    incomingHeaders: {},
    expectedHeaders: {
      'X-Forwarded-For': '',
      'X-Forwarded-Uri': '',
      'X-Forwarded-Method': '',
      'X-Forwarded-Tls-Client-Cert': '',
      'X-Forwarded-Tls-Client-Cert-Info': '',
    },
  },
  {
    desc: 'insecure true with incoming X-Forwarded headers',
    insecure: true,
    trustedIps: [],
    remoteAddr: '',
    incomingHeaders: { ...xForwarded, X_forwarded_proto: ['https'], X_forwarded_for: ['10.0.0.1'] },
    expectedHeaders: { ...kept, X_forwarded_proto: 'https', X_forwarded_for: '10.0.0.1' },
  },
  {
    desc: 'insecure false with incoming X-Forwarded headers',
    insecure: false,
    trustedIps: [],
    remoteAddr: '',
    incomingHeaders: { ...xForwarded, X_forwarded_proto: ['https'], X_forwarded_for: ['10.0.0.1'], X_forwarded_host: ['evil.example'] },
    expectedHeaders: { ...deleted, X_forwarded_proto: '', X_forwarded_for: '', X_forwarded_host: '' },
  },
  {
    desc: 'insecure false with incoming X-Forwarded headers and valid Trusted Ips',
    insecure: false,
    trustedIps: ['10.0.1.100'],
    remoteAddr: '10.0.1.100:80',
    incomingHeaders: { ...xForwarded, X_forwarded_proto: ['https'], X_forwarded_for: ['10.0.0.1'] },
    expectedHeaders: { ...kept, X_forwarded_proto: 'https', X_forwarded_for: '10.0.0.1' },
  },
  {
    desc: 'insecure false with incoming X-Forwarded headers and invalid Trusted Ips',
    insecure: false,
    trustedIps: ['10.0.1.100'],
    remoteAddr: '10.0.1.101:80',
    incomingHeaders: xForwarded,
    expectedHeaders: deleted,
  },
  {
    desc: 'insecure false with incoming X-Forwarded headers and valid Trusted Ips CIDR',
    insecure: false,
    trustedIps: ['1.2.3.4/24'],
    remoteAddr: '1.2.3.156:80',
    incomingHeaders: xForwarded,
    expectedHeaders: kept,
  },
  {
    desc: 'insecure false with incoming X-Forwarded headers and invalid Trusted Ips CIDR',
    insecure: false,
    trustedIps: ['1.2.3.4/24'],
    remoteAddr: '10.0.1.101:80',
    incomingHeaders: xForwarded,
    expectedHeaders: deleted,
  },
  {
    desc: 'xForwardedFor with multiple header(s) values',
    insecure: true,
    trustedIps: [],
    remoteAddr: '',
    incomingHeaders: { 'X-Forwarded-For': ['10.0.0.4, 10.0.0.3', '10.0.0.2, 10.0.0.1', '10.0.0.0'] },
    expectedHeaders: { 'X-Forwarded-For': '10.0.0.4, 10.0.0.3, 10.0.0.2, 10.0.0.1, 10.0.0.0' },
  },
  {
    desc: 'xRealIP populated from remote address',
    insecure: false,
    trustedIps: [],
    remoteAddr: '10.0.1.101:80',
    incomingHeaders: {},
    expectedHeaders: { 'X-Real-Ip': '10.0.1.101' },
  },
  {
    desc: 'xRealIP was already populated from previous headers',
    insecure: true,
    trustedIps: [],
    remoteAddr: '10.0.1.101:80',
    incomingHeaders: { 'X-Real-Ip': ['10.0.1.12'] },
    expectedHeaders: { 'X-Real-Ip': '10.0.1.12' },
  },
  {
    desc: 'Untrusted: Connection header has no effect on X- forwarded headers',
    insecure: false,
    trustedIps: [],
    remoteAddr: '',
    incomingHeaders: { Connection: [`${connection.Connection[0]}, X_forwarded_proto`], ...foo, X_forwarded_proto: ['spoofed'] },
    expectedHeaders: { ...fooDeleted, X_forwarded_proto: '' },
  },
  {
    desc: 'Trusted (insecure): Connection header has no effect on X- forwarded headers',
    insecure: true,
    trustedIps: [],
    remoteAddr: '',
    incomingHeaders: { ...connection, ...foo },
    expectedHeaders: fooKept,
  },
  {
    desc: 'insecure false preserves non-matching underscore headers',
    insecure: false,
    trustedIps: [],
    remoteAddr: '10.0.1.101:80',
    incomingHeaders: { X_custom_header: ['value'], X_forwarded_proto: ['spoofed'] },
    expectedHeaders: { X_custom_header: 'value', X_forwarded_proto: '' },
  },
];

describe('traefik v3.6.24 forwarded_header_test.go TestServeHTTP (client-IP columns)', () => {
  for (const c of cases) {
    it(c.desc, () => {
      const after = traefikForwardedHeaders(c.remoteAddr, c.incomingHeaders, { insecure: c.insecure, trustedIPs: c.trustedIps });
      for (const [name, value] of Object.entries(c.expectedHeaders)) {
        expect(after[name.toLowerCase()]?.[0] ?? '', name).toBe(value);
      }
    });
  }
});
