/**
 * Differential test against proxy-addr, the package Express uses for
 * `trust proxy`: on random valid address lists and trust settings, the
 * resolver's trusted-cidrs and trusted-hops answer exactly as proxy-addr does.
 */
import fc from 'fast-check';
import proxyaddr from 'proxy-addr';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { resolveClientIp } from '../../src/model/index.ts';
import { validAddress, validRange } from './arbitraries.ts';

const address = validAddress;
const range = validRange;

/** True when proxy-addr can read the text as an address or range: its parser (ipaddr.js) refuses a few valid forms such as ::0.0.0.0. */
function proxyAddrReads(text: string): boolean {
  try {
    proxyaddr.compile(text);
    return true;
  } catch {
    return false;
  }
}

/** A request as proxy-addr reads it: the socket's peer and an X-Forwarded-For line. */
function request(remoteAddr: string, list: string[]): IncomingMessage {
  return {
    socket: { remoteAddress: remoteAddr },
    connection: { remoteAddress: remoteAddr },
    headers: list.length ? { 'x-forwarded-for': list.join(', ') } : {},
  } as unknown as IncomingMessage;
}

describe('differential: resolveClientIp against proxy-addr', () => {
  it('trusted-cidrs answers as proxy-addr with a list of ranges', () => {
    fc.assert(
      fc.property(
        address,
        fc.array(address, { maxLength: 10 }),
        fc.array(range, { minLength: 1, maxLength: 5 }),
        (remoteAddr, list, trusted) => {
          fc.pre([remoteAddr, ...list, ...trusted].every(proxyAddrReads));
          const expected = proxyaddr(request(remoteAddr, list), trusted);
          const actual = resolveClientIp({
            remoteAddr,
            headers: list.length ? { 'X-Forwarded-For': list.join(', ') } : {},
            strategy: { kind: 'trusted-cidrs', trusted },
          });
          expect(actual.clientIp).toBe(expected);
        },
      ),
      { numRuns: 5000 },
    );
  });
  it('trusted-hops answers as proxy-addr with trust proxy = n', () => {
    fc.assert(
      fc.property(address, fc.array(address, { maxLength: 10 }), fc.integer({ min: 0, max: 14 }), (remoteAddr, list, hops) => {
        fc.pre([remoteAddr, ...list].every(proxyAddrReads));
        const expected = proxyaddr(request(remoteAddr, list), (_addr, i) => i < hops);
        const actual = resolveClientIp({
          remoteAddr,
          headers: list.length ? { 'X-Forwarded-For': list.join(', ') } : {},
          strategy: { kind: 'trusted-hops', hops },
        });
        expect(actual.clientIp).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });
});
