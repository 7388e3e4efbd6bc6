/**
 * proxy-addr's own test suite, every case, as data, run against the model's `express` strategy.
 *
 * Source: jshttp/proxy-addr test/test.js at tag v2.0.7 (commit 1cdd2f78e0fcc23ceae4723e6b837345c2499772; the same
 * file as the stored repository's newest commit a4b9038d57d98515b23fa74afe6ce6b0c23bd85e). The repository holds
 * nothing newer than 2.0.7, while Express here runs proxy-addr 2.0.8 (npm), whose only change is its IPv4-mapped
 * matching rules. That 2.0.7 suite, run unchanged against the installed 2.0.8, passes all 70 cases: none of its
 * expectations changed, so every expectation below is the suite's own (the 2.0.8 difference is covered by
 * test/model/express.test.ts against the real package).
 *
 * How the suite's calls map onto Express's `trust proxy`, the setting the strategy takes:
 * - an array is what Express hands proxy-addr as it is (lib/utils.js compileTrust: `proxyaddr.compile(val || [])`);
 * - a string is, to proxy-addr, a one-entry array (`compile`: `trust = [val]`), so it is given as that array;
 * - the suite's function `all` (returns true) is what Express compiles `true` to (`function(){ return true }`), and
 *   its `none` (returns false) is what `false` compiles to (`proxyaddr.compile([])`, proxy-addr's trustNone);
 * - `proxyaddr.all(req, trust)` with a trust argument: `req.ip` is its last address (proxy-addr's `proxyaddr`
 *   returns `addrs[addrs.length - 1]` of `alladdrs`);
 * - a case that expects a throw: Express's `app.set('trust proxy', …)` throws, so the model answers null with a
 *   warning that Express refuses the setting;
 * - an undefined socket address: the suite expects `undefined`, no address; the model's "no address" is null.
 * Cases about something the model cannot express (a trust function of the reader's own, calls without a request or
 * without trust, a number handed to proxy-addr, the unfiltered address list) are listed with `it.skip` and why.
 */
import { describe, expect, it } from 'vitest';
import { resolveClientIp } from '../../../../../src/model/index.ts';

const version = 'proxy-addr test/test.js at v2.0.7 (1cdd2f78e0fcc23ceae4723e6b837345c2499772), run against 2.0.8';

/** A setting as Express takes it. */
type Trust = boolean | string[];

/** One case of the suite: its describe path and name, and what it asserts. */
type Case =
  | { test: string; expect: 'answer'; socket: string | undefined; xff?: string; trust: Trust; ip: string | null }
  | { test: string; expect: 'accepts'; trust: Trust }
  | { test: string; expect: 'refuses'; trust: string[]; error: 'invalid IP address' | 'invalid range on address' }
  | { test: string; expect: 'unchanged'; trust: string[] }
  | { test: string; expect: 'skip'; reason: string };

const FUNCTION = 'the trust argument is a function of the test’s own; Express’s trust proxy takes true, false, a number or a list';
const TRUST10X =
  'trust10x is a function of the test’s own (a regular expression /^10\\./ on the address text); no trust proxy setting is that function';

const cases: Case[] = [
  // describe('proxyaddr(req, trust)') > describe('arguments') > describe('req')
  {
    test: 'proxyaddr(req, trust) > arguments > req > should be required',
    expect: 'skip',
    reason: 'Express always passes the request; the model always has one',
  },
  // describe('arguments') > describe('trust')
  {
    test: 'proxyaddr(req, trust) > arguments > trust > should be required',
    expect: 'skip',
    reason: 'Express always passes its compiled trust function; an unset trust proxy is Express’s default, false',
  },
  { test: 'proxyaddr(req, trust) > arguments > trust > should accept a function', expect: 'skip', reason: FUNCTION },
  { test: 'proxyaddr(req, trust) > arguments > trust > should accept an array', expect: 'accepts', trust: [] },
  { test: 'proxyaddr(req, trust) > arguments > trust > should accept a string', expect: 'accepts', trust: ['127.0.0.1'] },
  {
    test: 'proxyaddr(req, trust) > arguments > trust > should reject a number',
    expect: 'skip',
    reason:
      'Express never hands proxy-addr a number: it compiles a number itself as a hop count (i < n), which is what the strategy’s number means',
  },
  { test: 'proxyaddr(req, trust) > arguments > trust > should accept IPv4', expect: 'accepts', trust: ['127.0.0.1'] },
  { test: 'proxyaddr(req, trust) > arguments > trust > should accept IPv6', expect: 'accepts', trust: ['::1'] },
  { test: 'proxyaddr(req, trust) > arguments > trust > should accept IPv4-style IPv6', expect: 'accepts', trust: ['::ffff:127.0.0.1'] },
  { test: 'proxyaddr(req, trust) > arguments > trust > should accept pre-defined names', expect: 'accepts', trust: ['loopback'] },
  {
    test: 'proxyaddr(req, trust) > arguments > trust > should accept pre-defined names in array',
    expect: 'accepts',
    trust: ['loopback', '10.0.0.1'],
  },
  {
    test: 'proxyaddr(req, trust) > arguments > trust > should not alter input array',
    expect: 'unchanged',
    trust: ['loopback', '10.0.0.1'],
  },
  ...['blargh', '10.0.300.1', '::ffff:30.168.1.9000', '-1'].map((entry): Case => ({
    test: 'proxyaddr(req, trust) > arguments > trust > should reject non-IP',
    expect: 'refuses',
    trust: [entry],
    error: 'invalid IP address',
  })),
  ...['10.0.0.1/internet', '10.0.0.1/6000', '::1/6000', '::ffff:a00:2/136', '::ffff:a00:2/-1'].map((entry): Case => ({
    test: 'proxyaddr(req, trust) > arguments > trust > should reject bad CIDR',
    expect: 'refuses',
    trust: [entry],
    error: 'invalid range on address',
  })),
  ...['10.0.0.1/255.0.255.0', '10.0.0.1/ffc0::', 'fe80::/ffc0::', 'fe80::/255.255.255.0', '::ffff:a00:2/255.255.255.0'].map(
    (entry): Case => ({
      test: 'proxyaddr(req, trust) > arguments > trust > should reject bad netmask',
      expect: 'refuses',
      trust: [entry],
      error: 'invalid range on address',
    }),
  ),
  { test: 'proxyaddr(req, trust) > arguments > trust > should be invoked as trust(addr, i)', expect: 'skip', reason: FUNCTION },

  // describe('with all trusted'): the function `all`, which is Express's `true`
  {
    test: 'proxyaddr(req, trust) > with all trusted > should return socket address with no headers',
    expect: 'answer',
    socket: '127.0.0.1',
    trust: true,
    ip: '127.0.0.1',
  },
  {
    test: 'proxyaddr(req, trust) > with all trusted > should return header value',
    expect: 'answer',
    socket: '127.0.0.1',
    xff: '10.0.0.1',
    trust: true,
    ip: '10.0.0.1',
  },
  {
    test: 'proxyaddr(req, trust) > with all trusted > should return furthest header value',
    expect: 'answer',
    socket: '127.0.0.1',
    xff: '10.0.0.1, 10.0.0.2',
    trust: true,
    ip: '10.0.0.1',
  },
  // describe('with none trusted'): the function `none`, which is Express's `false`
  {
    test: 'proxyaddr(req, trust) > with none trusted > should return socket address with no headers',
    expect: 'answer',
    socket: '127.0.0.1',
    trust: false,
    ip: '127.0.0.1',
  },
  {
    test: 'proxyaddr(req, trust) > with none trusted > should return socket address with headers',
    expect: 'answer',
    socket: '127.0.0.1',
    xff: '10.0.0.1, 10.0.0.2',
    trust: false,
    ip: '127.0.0.1',
  },
  // describe('with some trusted'): the function trust10x
  { test: 'proxyaddr(req, trust) > with some trusted > should return socket address with no headers', expect: 'skip', reason: TRUST10X },
  { test: 'proxyaddr(req, trust) > with some trusted > should return socket address when not trusted', expect: 'skip', reason: TRUST10X },
  { test: 'proxyaddr(req, trust) > with some trusted > should return header when socket trusted', expect: 'skip', reason: TRUST10X },
  { test: 'proxyaddr(req, trust) > with some trusted > should return first untrusted after trusted', expect: 'skip', reason: TRUST10X },
  { test: 'proxyaddr(req, trust) > with some trusted > should not skip untrusted', expect: 'skip', reason: TRUST10X },

  // describe('when given array')
  {
    test: 'proxyaddr(req, trust) > when given array > should accept literal IP addresses',
    expect: 'answer',
    socket: '10.0.0.1',
    xff: '192.168.0.1, 10.0.0.2',
    trust: ['10.0.0.1', '10.0.0.2'],
    ip: '192.168.0.1',
  },
  {
    test: 'proxyaddr(req, trust) > when given array > should not trust non-IP addresses',
    expect: 'answer',
    socket: '10.0.0.1',
    xff: '192.168.0.1, 10.0.0.2, localhost',
    trust: ['10.0.0.1', '10.0.0.2'],
    ip: 'localhost',
  },
  {
    test: 'proxyaddr(req, trust) > when given array > should return socket address if none match',
    expect: 'answer',
    socket: '10.0.0.1',
    xff: '192.168.0.1, 10.0.0.2',
    trust: ['127.0.0.1', '192.168.0.100'],
    ip: '10.0.0.1',
  },
  {
    test: 'proxyaddr(req, trust) > when given array > when array empty > should return socket address ',
    expect: 'answer',
    socket: '127.0.0.1',
    trust: [],
    ip: '127.0.0.1',
  },
  {
    test: 'proxyaddr(req, trust) > when given array > when array empty > should return socket address with headers',
    expect: 'answer',
    socket: '127.0.0.1',
    xff: '10.0.0.1, 10.0.0.2',
    trust: [],
    ip: '127.0.0.1',
  },

  // describe('when given IPv4 addresses')
  {
    test: 'proxyaddr(req, trust) > when given IPv4 addresses > should accept literal IP addresses',
    expect: 'answer',
    socket: '10.0.0.1',
    xff: '192.168.0.1, 10.0.0.2',
    trust: ['10.0.0.1', '10.0.0.2'],
    ip: '192.168.0.1',
  },
  {
    test: 'proxyaddr(req, trust) > when given IPv4 addresses > should accept CIDR notation',
    expect: 'answer',
    socket: '10.0.0.1',
    xff: '192.168.0.1, 10.0.0.200',
    trust: ['10.0.0.2/26'],
    ip: '10.0.0.200',
  },
  {
    test: 'proxyaddr(req, trust) > when given IPv4 addresses > should accept netmask notation',
    expect: 'answer',
    socket: '10.0.0.1',
    xff: '192.168.0.1, 10.0.0.200',
    trust: ['10.0.0.2/255.255.255.192'],
    ip: '10.0.0.200',
  },

  // describe('when given IPv6 addresses')
  {
    test: 'proxyaddr(req, trust) > when given IPv6 addresses > should accept literal IP addresses',
    expect: 'answer',
    socket: 'fe80::1',
    xff: '2002:c000:203::1, fe80::2',
    trust: ['fe80::1', 'fe80::2'],
    ip: '2002:c000:203::1',
  },
  {
    test: 'proxyaddr(req, trust) > when given IPv6 addresses > should accept CIDR notation',
    expect: 'answer',
    socket: 'fe80::1',
    xff: '2002:c000:203::1, fe80::ff00',
    trust: ['fe80::/125'],
    ip: 'fe80::ff00',
  },

  // describe('when IP versions mixed')
  {
    test: 'proxyaddr(req, trust) > when IP versions mixed > should match respective versions',
    expect: 'answer',
    socket: '::1',
    xff: '2002:c000:203::1',
    trust: ['127.0.0.1', '::1'],
    ip: '2002:c000:203::1',
  },
  {
    test: 'proxyaddr(req, trust) > when IP versions mixed > should not match IPv4 to IPv6',
    expect: 'answer',
    socket: '::1',
    xff: '2002:c000:203::1',
    trust: ['127.0.0.1'],
    ip: '::1',
  },

  // describe('when IPv4-mapped IPv6 addresses'): the rules 2.0.8 changed; these six expectations hold in 2.0.8 too.
  {
    test: 'proxyaddr(req, trust) > when IPv4-mapped IPv6 addresses > should match IPv4 trust to IPv6 request',
    expect: 'answer',
    socket: '::ffff:a00:1',
    xff: '192.168.0.1, 10.0.0.2',
    trust: ['10.0.0.1', '10.0.0.2'],
    ip: '192.168.0.1',
  },
  {
    test: 'proxyaddr(req, trust) > when IPv4-mapped IPv6 addresses > should match IPv4 netmask trust to IPv6 request',
    expect: 'answer',
    socket: '::ffff:a00:1',
    xff: '192.168.0.1, 10.0.0.2',
    trust: ['10.0.0.1/16'],
    ip: '192.168.0.1',
  },
  {
    test: 'proxyaddr(req, trust) > when IPv4-mapped IPv6 addresses > should match IPv6 trust to IPv4 request',
    expect: 'answer',
    socket: '10.0.0.1',
    xff: '192.168.0.1, 10.0.0.2',
    trust: ['::ffff:a00:1', '::ffff:a00:2'],
    ip: '192.168.0.1',
  },
  {
    test: 'proxyaddr(req, trust) > when IPv4-mapped IPv6 addresses > should match CIDR notation for IPv4-mapped address',
    expect: 'answer',
    socket: '10.0.0.1',
    xff: '192.168.0.1, 10.0.0.200',
    trust: ['::ffff:a00:2/122'],
    ip: '10.0.0.200',
  },
  {
    test: 'proxyaddr(req, trust) > when IPv4-mapped IPv6 addresses > should match CIDR notation for IPv4-mapped address mixed with IPv6 CIDR',
    expect: 'answer',
    socket: '10.0.0.1',
    xff: '192.168.0.1, 10.0.0.200',
    trust: ['::ffff:a00:2/122', 'fe80::/125'],
    ip: '10.0.0.200',
  },
  {
    test: 'proxyaddr(req, trust) > when IPv4-mapped IPv6 addresses > should match CIDR notation for IPv4-mapped address mixed with IPv4 addresses',
    expect: 'answer',
    socket: '10.0.0.1',
    xff: '192.168.0.1, 10.0.0.200',
    trust: ['::ffff:a00:2/122', '127.0.0.1'],
    ip: '10.0.0.200',
  },

  // describe('when given pre-defined names')
  {
    test: 'proxyaddr(req, trust) > when given pre-defined names > should accept single pre-defined name',
    expect: 'answer',
    socket: 'fe80::1',
    xff: '2002:c000:203::1, fe80::2',
    trust: ['linklocal'],
    ip: '2002:c000:203::1',
  },
  {
    test: 'proxyaddr(req, trust) > when given pre-defined names > should accept multiple pre-defined names',
    expect: 'answer',
    socket: '::1',
    xff: '2002:c000:203::1, fe80::2',
    trust: ['loopback', 'linklocal'],
    ip: '2002:c000:203::1',
  },

  // describe('when header contains non-ip addresses')
  {
    test: 'proxyaddr(req, trust) > when header contains non-ip addresses > should stop at first non-ip after trusted',
    expect: 'answer',
    socket: '127.0.0.1',
    xff: 'myrouter, 127.0.0.1, proxy',
    trust: ['127.0.0.1'],
    ip: 'proxy',
  },
  {
    test: 'proxyaddr(req, trust) > when header contains non-ip addresses > should stop at first malformed ip after trusted',
    expect: 'answer',
    socket: '127.0.0.1',
    xff: 'myrouter, 127.0.0.1, ::8:8:8:8:8:8:8:8:8',
    trust: ['127.0.0.1'],
    ip: '::8:8:8:8:8:8:8:8:8',
  },
  {
    test: 'proxyaddr(req, trust) > when header contains non-ip addresses > should provide all values to function',
    expect: 'skip',
    reason: FUNCTION,
  },

  // describe('when socket address undefined'): the suite expects undefined, no address; the model's no address is null.
  {
    test: 'proxyaddr(req, trust) > when socket address undefined > should return undefined as address',
    expect: 'answer',
    socket: undefined,
    trust: ['127.0.0.1'],
    ip: null,
  },
  {
    test: 'proxyaddr(req, trust) > when socket address undefined > should return undefined even with trusted headers',
    expect: 'answer',
    socket: undefined,
    xff: '127.0.0.1, 10.0.0.1',
    trust: ['127.0.0.1'],
    ip: null,
  },

  // describe('proxyaddr.all(req, [trust])')
  {
    test: 'proxyaddr.all(req, [trust]) > arguments > req > should be required',
    expect: 'skip',
    reason: 'Express always passes the request; the model always has one',
  },
  {
    test: 'proxyaddr.all(req, [trust]) > arguments > trust > should be optional',
    expect: 'skip',
    reason: 'without trust, all() lists every address; the model answers req.ip, which Express always computes with a trust function',
  },
  {
    test: 'proxyaddr.all(req, [trust]) > with no headers > should return socket address',
    expect: 'skip',
    reason: 'all() without trust: the unfiltered address list, not req.ip',
  },
  {
    test: 'proxyaddr.all(req, [trust]) > with x-forwarded-for header > should include x-forwarded-for',
    expect: 'skip',
    reason: 'all() without trust: the unfiltered address list, not req.ip',
  },
  {
    test: 'proxyaddr.all(req, [trust]) > with x-forwarded-for header > should include x-forwarded-for in correct order',
    expect: 'skip',
    reason: 'all() without trust: the unfiltered address list, not req.ip',
  },
  // all(req, trust) is ['127.0.0.1', '10.0.0.2']: req.ip is its last address.
  {
    test: 'proxyaddr.all(req, [trust]) > with trust argument > should stop at first untrusted',
    expect: 'answer',
    socket: '127.0.0.1',
    xff: '10.0.0.1, 10.0.0.2',
    trust: ['127.0.0.1'],
    ip: '10.0.0.2',
  },
  // all(req, []) is ['127.0.0.1'].
  {
    test: 'proxyaddr.all(req, [trust]) > with trust argument > should be only socket address for no trust',
    expect: 'answer',
    socket: '127.0.0.1',
    xff: '10.0.0.1, 10.0.0.2',
    trust: [],
    ip: '127.0.0.1',
  },

  // describe('proxyaddr.compile(trust)') > describe('arguments') > describe('trust')
  {
    test: 'proxyaddr.compile(trust) > arguments > trust > should be required',
    expect: 'skip',
    reason: 'Express never calls compile without an argument: it passes `val || []`',
  },
  { test: 'proxyaddr.compile(trust) > arguments > trust > should accept an array', expect: 'accepts', trust: [] },
  { test: 'proxyaddr.compile(trust) > arguments > trust > should accept a string', expect: 'accepts', trust: ['127.0.0.1'] },
  {
    test: 'proxyaddr.compile(trust) > arguments > trust > should reject a number',
    expect: 'skip',
    reason:
      'Express never hands proxy-addr a number: it compiles a number itself as a hop count (i < n), which is what the strategy’s number means',
  },
  { test: 'proxyaddr.compile(trust) > arguments > trust > should accept IPv4', expect: 'accepts', trust: ['127.0.0.1'] },
  { test: 'proxyaddr.compile(trust) > arguments > trust > should accept IPv6', expect: 'accepts', trust: ['::1'] },
  { test: 'proxyaddr.compile(trust) > arguments > trust > should accept IPv4-style IPv6', expect: 'accepts', trust: ['::ffff:127.0.0.1'] },
  { test: 'proxyaddr.compile(trust) > arguments > trust > should accept pre-defined names', expect: 'accepts', trust: ['loopback'] },
  {
    test: 'proxyaddr.compile(trust) > arguments > trust > should accept pre-defined names in array',
    expect: 'accepts',
    trust: ['loopback', '10.0.0.1'],
  },
  ...['blargh', '-1'].map((entry): Case => ({
    test: 'proxyaddr.compile(trust) > arguments > trust > should reject non-IP',
    expect: 'refuses',
    trust: [entry],
    error: 'invalid IP address',
  })),
  ...['10.0.0.1/6000', '::1/6000', '::ffff:a00:2/136', '::ffff:a00:2/-46'].map((entry): Case => ({
    test: 'proxyaddr.compile(trust) > arguments > trust > should reject bad CIDR',
    expect: 'refuses',
    trust: [entry],
    error: 'invalid range on address',
  })),
  {
    test: 'proxyaddr.compile(trust) > arguments > trust > should not alter input array',
    expect: 'unchanged',
    trust: ['loopback', '10.0.0.1'],
  },
];

/** The model's answer for a socket address, an X-Forwarded-For value and a setting. */
function run(socket: string | undefined, xff: string | undefined, trust: Trust) {
  return resolveClientIp({
    remoteAddr: socket as string,
    headers: xff === undefined ? {} : { 'X-Forwarded-For': xff },
    strategy: { kind: 'express', trust },
  });
}

/** The model's refusal warning, if it refuses the setting. */
const refusal = (result: ReturnType<typeof run>) =>
  result.issues.find((issue) => issue.input === 'trust' && issue.message.startsWith('Express refuses'));

describe(version, () => {
  it('lists every it() of test/test.js: 70 tests', () => {
    // Cases that assert several inputs under one name count once, as the suite counts them.
    expect(new Set(cases.map((c) => c.test)).size).toBe(70);
  });

  for (const [i, c] of cases.entries()) {
    const name = `${c.test} [${i + 1}]`;
    switch (c.expect) {
      case 'skip':
        it.skip(`${name}: not modelled, ${c.reason}`, () => {});
        break;
      case 'answer':
        it(name, () => {
          const result = run(c.socket, c.xff, c.trust);
          expect(refusal(result)).toBeUndefined();
          expect(result.clientIp).toBe(c.ip);
        });
        break;
      case 'accepts':
        it(name, () => {
          // The suite asserts only that nothing throws: Express accepts the setting and answers.
          const result = run('127.0.0.1', undefined, c.trust);
          expect(refusal(result)).toBeUndefined();
          expect(result.clientIp).not.toBeNull();
        });
        break;
      case 'refuses':
        it(`${name}: ${c.trust.join(', ')}`, () => {
          const result = run('127.0.0.1', undefined, c.trust);
          expect(result.clientIp).toBeNull();
          expect(refusal(result)?.message).toContain(`“${c.error}”`);
        });
        break;
      case 'unchanged':
        it(name, () => {
          const arr = [...c.trust];
          run('127.0.0.1', undefined, arr);
          expect(arr).toStrictEqual(c.trust);
        });
        break;
    }
  }
});
