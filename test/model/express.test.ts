/**
 * Differential test of the `express` strategy against the real proxy-addr 2.0.8
 * (the npm package, a devDependency) behind Express's own compilation of
 * `trust proxy`, on valid and invalid input: addresses of both families,
 * IPv4-mapped addresses, ports, host names, malformed and odd-but-accepted
 * address texts, empty entries, extra spaces, tabs, several header lines, and
 * trust lists with good and bad entries. Where Express throws, the model must
 * answer null with a warning that Express refuses the setting.
 *
 * Express's side is reproduced from its source, expressjs/express:
 * - lib/utils.js `compileTrust` (v5.2.1, commit dbac741a49a5a64336b70c06e85c2e2706e36336, line 194; the same
 *   function in 4.21.2, commit 1faf228935aa0a13111f92c28ee795be64ce3f0f, line 215);
 * - lib/application.js `set`: `case 'trust proxy': this.set('trust proxy fn', compileTrust(val))`, so a setting
 *   proxy-addr cannot compile throws from `app.set`;
 * - lib/request.js: `req.ip` is `proxyaddr(this, this.app.get('trust proxy fn'))`.
 * Node joins several X-Forwarded-For lines with ", " (Node's http docs, `message.headers`: duplicates of headers
 * other than the listed ones are joined with ', '), so the request handed to proxy-addr carries one joined line.
 */
import fc from 'fast-check';
import proxyaddr from 'proxy-addr';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { resolveClientIp } from '../../src/model/index.ts';
import { validAddress, validRange } from './arbitraries.ts';

type TrustFn = (addr: string, i: number) => boolean;

/** Express's compileTrust (lib/utils.js, cited above), reproduced for the test; a function setting is not modelled. */
function compileTrust(val: unknown): TrustFn {
  if (val === true) return () => true;
  if (typeof val === 'number') return (_a, i) => i < (val as number);
  if (typeof val === 'string') val = val.split(',').map((v) => v.trim());
  return proxyaddr.compile((val || []) as string[]);
}

/** What Express answers: req.ip, or the TypeError that app.set('trust proxy', …) throws. */
function express(remoteAddr: string, lines: readonly string[], trust: unknown): { ip: string | undefined } | { error: string } {
  let fn: TrustFn;
  try {
    fn = compileTrust(trust);
  } catch (error) {
    return { error: (error as Error).message };
  }
  const req = {
    socket: { remoteAddress: remoteAddr },
    connection: { remoteAddress: remoteAddr },
    headers: lines.length ? { 'x-forwarded-for': lines.join(', ') } : {},
  } as unknown as IncomingMessage;
  return { ip: proxyaddr(req, fn) };
}

/** True when ipaddr.js (through proxy-addr) reads the text as an address: Node only ever reports such a peer. */
function readableAddress(text: string): boolean {
  if (text.includes('/')) return false;
  try {
    proxyaddr.compile(text);
    return true;
  } catch {
    return false;
  }
}

/** Runs the model and the real thing on one input and compares them. */
function compare(remoteAddr: string, lines: readonly string[], trust: unknown): void {
  const real = express(remoteAddr, lines, trust);
  const ours = resolveClientIp({ remoteAddr, headers: { 'X-Forwarded-For': [...lines] }, strategy: { kind: 'express', trust } as never });
  const label = JSON.stringify({ remoteAddr, lines, trust });
  if ('error' in real) {
    expect(ours.clientIp, label).toBeNull();
    const refusal = ours.issues.find((issue) => issue.input === 'trust' && issue.message.startsWith('Express refuses'));
    expect(refusal, label).toBeDefined();
    // The warning names proxy-addr's error (the part before the echoed entry).
    expect(refusal!.message, label).toContain(`“${real.error.split(':')[0]}”`);
  } else {
    expect(ours.clientIp, label).toBe(real.ip);
  }
}

const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
const mapped = v4.map((a) => `::ffff:${a}`);
/** Address texts that are not what they seem: accepted by ipaddr.js with another meaning, or refused. */
const oddAddress = fc.constantFrom(
  '0177.0.0.1', // octal: 127.0.0.1
  '0x7f.0.0.1', // hex
  '0X7f.0.0.1', // 0X is read as octal by parseIntAuto: 0.0.0.1
  '08.0.0.1', // octal prefix with a non-octal digit: 0.0.0.1
  '2130706433', // one number: 127.0.0.1
  '0x0a000001', // 10.0.0.1 as hex
  '1', // 0.0.0.1
  '127.1', // refused: two parts
  '10.0.300.1', // refused: an octet past 255
  '::8:8:8:8:8:8:8:8:8', // refused: too many groups
  '00001::1', // a five-digit group that fits
  'fe80::1%eth0', // zone id
  '::ffff:010.0.0.1', // dotted quad read with parseInt: 10.0.0.1
  '::ffff:0x0a.0.0.1',
  '::ffff:a00:1', // 10.0.0.1, mapped, in hex
  '::1.2.3.4', // refused by ipaddr.js
  '1:2:3:4:5:6:1.2.3.4',
  '[2001:db8::1]',
  '::',
  '0.0.0.0',
  '255.255.255.255',
  '4294967296', // one past 255.255.255.255
);
const withPort = fc.oneof(
  fc.tuple(v4, fc.nat(65535)).map(([a, p]) => `${a}:${p}`),
  fc.tuple(validAddress, fc.nat(65535)).map(([a, p]) => `[${a}]:${p}`),
);
const hostName = fc.constantFrom('localhost', 'proxy', 'myrouter', 'unknown', '_hidden', 'example.com', 'loopback');
const entry = fc.oneof(
  { weight: 6, arbitrary: validAddress },
  { weight: 2, arbitrary: mapped },
  { weight: 2, arbitrary: oddAddress },
  { weight: 1, arbitrary: withPort },
  { weight: 1, arbitrary: hostName },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: validAddress.map((a) => `${a}\t`) },
);
/** Separators between entries: commas with or without spaces, empty entries, and a tab (not a separator to proxy-addr). */
const separator = fc.constantFrom(', ', ',', ' , ', ',,', ', ,', '  ,  ', ' ', '\t,');
/** One X-Forwarded-For line: entries between separators, with stray spaces and commas at its ends. */
const line = fc
  .tuple(fc.array(fc.tuple(entry, separator), { maxLength: 6 }), fc.constantFrom('', ' ', ',', ', '), fc.constantFrom('', ' ', ','))
  .map(([pairs, head, tail]) => head + pairs.map(([e, sep], i) => (i === pairs.length - 1 ? e : e + sep)).join('') + tail);
/** The header as it arrives: absent, or one to three lines (a proxy may add its own line). */
const headerLinesArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant([]) },
  { weight: 6, arbitrary: fc.array(line, { minLength: 1, maxLength: 3 }) },
);
const peer = fc.oneof(validAddress, mapped, v4, fc.constantFrom('::1', '127.0.0.1', '::ffff:127.0.0.1', 'fe80::1%eth0'));
/** Trust list entries proxy-addr accepts, refuses, or reads in a way other software does not. */
const trustEntry = fc.oneof(
  { weight: 6, arbitrary: validRange },
  {
    weight: 2,
    arbitrary: fc.constantFrom('loopback', 'linklocal', 'uniquelocal', '10.0.0.0/8', '::ffff:10.0.0.0/104', '::ffff:a00:2/122'),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '0.0.0.0/0',
      '::/0',
      '10.0.0.0/0.0.0.0',
      'blargh',
      'localhost',
      '',
      ' 10.0.0.1',
      '10.0.0.1 ',
      '10.0.0.1/33',
      '::1/129',
      '10.0.0.0/255.0.255.0',
      '10.0.0.0/ffc0::',
      'fe80::/255.255.255.0',
      '10.0.0.1:80',
      '-1',
      '10.0.0.0/08',
      '10.0.0.0/0xff000000',
      '10.0.0.0/4278190080',
      '::ffff:0:0/96',
      '::ffff:0:0/95',
      '::ffff:0:0/80',
      '::/1',
      '0177.0.0.1/8',
      '2130706433',
      'fe80::%eth0/10',
      'Loopback',
      '10.0.0.0/8/8',
    ),
  },
  { weight: 1, arbitrary: oddAddress },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
/** Every form the setting takes: true, false, a hop count (odd numbers included), a list, and Express's comma-separated text. */
const trust = fc.oneof(
  fc.boolean(),
  fc.integer({ min: -1, max: 10 }),
  fc.constantFrom(1.5, 0.2, -0.5, Infinity, Number.NaN),
  fc.array(trustEntry, { maxLength: 5 }),
  fc.array(trustEntry, { maxLength: 4 }).map((list) => list.join(',')),
  fc.array(trustEntry, { maxLength: 4 }).map((list) => list.join(' , ')),
);

describe('express strategy against proxy-addr 2.0.8 and Express compileTrust', () => {
  it('answers as Express on random valid and invalid input', () => {
    fc.assert(
      fc.property(peer, headerLinesArb, trust, (remoteAddr, lines, setting) => {
        fc.pre(readableAddress(remoteAddr));
        compare(remoteAddr, lines, setting);
      }),
      { numRuns: 10_000 },
    );
  });

  it('answers as Express for trust lists of ranges over small address pools, where trust matches often', () => {
    const pooled = fc.oneof(validAddress, mapped, fc.constantFrom('10.0.0.1', '10.0.0.2', '::ffff:a00:2', 'fe80::2', '127.0.0.1', '::1'));
    fc.assert(
      fc.property(
        pooled,
        fc.array(pooled, { maxLength: 8 }),
        fc.array(validRange, { minLength: 1, maxLength: 5 }),
        (remoteAddr, list, ranges) => {
          fc.pre(readableAddress(remoteAddr));
          compare(remoteAddr, list.length ? [list.join(', ')] : [], ranges);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('answers as Express on each quirk, one at a time', () => {
    const peers = ['127.0.0.1', '10.0.0.1', '::ffff:10.0.0.1', '::1', 'fe80::1', '192.0.2.2'];
    const headers = [
      ['myrouter, 127.0.0.1, proxy'],
      ['203.0.113.66, 203.0.113.7:4711'],
      ['203.0.113.66, [2001:db8::7]:443'],
      ['203.0.113.66, 0177.0.0.1'],
      ['192.168.0.1, ::ffff:10.0.0.2'],
      ['2001:db8::1, ::ffff:a00:2'],
      ['203.0.113.66,,203.0.113.7, '],
      ['  203.0.113.66 ,\t203.0.113.7'],
      ['203.0.113.66', '10.0.0.2'],
      [''],
      [],
    ];
    const settings: unknown[] = [
      true,
      false,
      0,
      1,
      2,
      5,
      ['0.0.0.0/0'],
      ['::/0'],
      ['192.0.2.0/24'],
      ['loopback'],
      ['uniquelocal', 'loopback'],
      ['::ffff:10.0.0.0/104'],
      ['::ffff:0:0/95'],
      ['10.0.0.0/255.0.0.0'],
      ['10.0.0.1', ''],
      ['localhost'],
      '10.0.0.0/8, loopback',
      'loopback,',
      [],
    ];
    for (const remoteAddr of peers) for (const lines of headers) for (const setting of settings) compare(remoteAddr, lines, setting);
  });

  it('answers null, with a warning about the peer, for a peer Express could not have been given', () => {
    for (const remoteAddr of ['', '192.0.2.2:4711', 'localhost', '[::1]']) {
      const ours = resolveClientIp({ remoteAddr, strategy: { kind: 'express', trust: true } });
      expect(ours.clientIp).toBeNull();
      expect(ours.issues.map((issue) => issue.input)).toContain('remoteAddr');
    }
  });

  it('reads a 100,000-entry header in linear time', () => {
    const header = Array.from({ length: 100_000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`).join(', ');
    const started = performance.now();
    for (const setting of [true, 3, ['10.0.0.0/8'], ['192.0.2.0/24']]) {
      const ours = resolveClientIp({
        remoteAddr: '10.0.0.1',
        headers: { 'X-Forwarded-For': header },
        strategy: { kind: 'express', trust: setting },
      });
      expect(ours.clientIp).toBe((express('10.0.0.1', [header], setting) as { ip: string }).ip);
      expect(ours.steps.length).toBeLessThan(200);
    }
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
