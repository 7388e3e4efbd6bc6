/** src/model/envoy/xff.ts: Envoy's X-Forwarded-For readers. Expectations written by hand from utility.cc's rules. */
import { describe, expect, it } from 'vitest';
import { compileCidrs } from '../../../src/model/envoy/cidr.ts';
import { appendToHeader, joinedHeader, lastAddressFromXff, lastNonTrustedAddressFromXff } from '../../../src/model/envoy/xff.ts';

describe('joinedHeader and appendToHeader', () => {
  it('joins several lines with "," and skips empty ones', () => {
    expect(joinedHeader({ 'X-Forwarded-For': ['203.0.113.1', '', '198.51.100.2'] }, 'x-forwarded-for')).toBe('203.0.113.1,198.51.100.2');
    expect(joinedHeader({}, 'x-forwarded-for')).toBeNull();
  });
  it('appends with "," and without a separator to an empty or absent header', () => {
    expect(appendToHeader('a, b', '192.0.2.5')).toBe('a, b,192.0.2.5');
    expect(appendToHeader('', '192.0.2.5')).toBe('192.0.2.5');
    expect(appendToHeader(null, '192.0.2.5')).toBe('192.0.2.5');
  });
});

describe('lastAddressFromXff', () => {
  const at = (xff: string | null, skip: number) => lastAddressFromXff(xff, skip).address?.text ?? null;
  it('counts empty entries, so a double comma shifts the position', () => {
    expect(at('203.0.113.1,,198.51.100.2', 1)).toBeNull();
    expect(at('203.0.113.1,,198.51.100.2', 2)).toBe('203.0.113.1');
  });
  it('refuses an entry with a port and a trailing comma', () => {
    expect(at('203.0.113.1:4711', 0)).toBeNull();
    expect(at('203.0.113.1,', 0)).toBeNull();
  });
  it('only a one-entry header read without skipping may decide "internal"', () => {
    expect(lastAddressFromXff('10.0.0.1', 0).allowTrustedAddressChecks).toBe(true);
    expect(lastAddressFromXff('10.0.0.2,10.0.0.1', 0).allowTrustedAddressChecks).toBe(false);
  });
});

describe('lastNonTrustedAddressFromXff', () => {
  const { cidrs } = compileCidrs([{ addressPrefix: '10.0.0.0', prefixLen: 8 }]);
  it('walks past trusted entries; a non-address before the answer ends it with nothing', () => {
    expect(lastNonTrustedAddressFromXff('203.0.113.1, 10.0.0.2, 10.0.0.1', cidrs).address?.text).toBe('203.0.113.1');
    expect(lastNonTrustedAddressFromXff('203.0.113.1, proxy, 10.0.0.1', cidrs).address).toBeNull();
    expect(lastNonTrustedAddressFromXff('proxy, 203.0.113.1, 10.0.0.1', cidrs).address?.text).toBe('203.0.113.1');
  });
  it('all trusted: the leftmost; absent: nothing; 21 entries: nothing', () => {
    const all = lastNonTrustedAddressFromXff('10.0.0.3, 10.0.0.1', cidrs);
    expect(all.address?.text).toBe('10.0.0.3');
    expect(all.allTrusted).toBe(true);
    expect(lastNonTrustedAddressFromXff(null, cidrs).address).toBeNull();
    expect(lastNonTrustedAddressFromXff(Array(21).fill('203.0.113.1').join(','), cidrs).address).toBeNull();
  });
});
