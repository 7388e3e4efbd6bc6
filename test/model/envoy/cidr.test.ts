/** src/model/envoy/cidr.ts: Envoy's CidrRange. Expectations written by hand. */
import { describe, expect, it } from 'vitest';
import { parseEnvoyAddress } from '../../../src/model/envoy/address.ts';
import { compileCidr, compileCidrs, findCidr } from '../../../src/model/envoy/cidr.ts';

const addr = (t: string) => {
  const p = parseEnvoyAddress(t);
  if (!p.ok) throw new Error(t);
  return p.address;
};

describe('compileCidr', () => {
  it('omitted prefix_len is 0: every address of the family', () => {
    const { cidrs } = compileCidrs([{ addressPrefix: '10.0.0.1' }]);
    expect(findCidr(cidrs, addr('203.0.113.7'))).toBeDefined();
    expect(findCidr(cidrs, addr('2001:db8::1'))).toBeUndefined();
  });
  it('drops host bits and matches its own family only', () => {
    const { cidrs } = compileCidrs([{ addressPrefix: '192.0.2.77', prefixLen: 24 }]);
    expect(findCidr(cidrs, addr('192.0.2.1'))).toBeDefined();
    expect(findCidr(cidrs, addr('192.0.3.1'))).toBeUndefined();
    expect(findCidr(cidrs, addr('::ffff:192.0.2.1'))).toBeUndefined();
  });
  it('cuts an IPv4 prefix longer than 32 to 32; refuses more than 128 and bad addresses', () => {
    const cut = compileCidr({ addressPrefix: '192.0.2.1', prefixLen: 40 });
    expect(cut.ok && cut.cidr.prefixLen).toBe(32);
    expect(compileCidr({ addressPrefix: '2001:db8::', prefixLen: 129 }).ok).toBe(false);
    expect(compileCidr({ addressPrefix: 'bogus', prefixLen: 8 }).ok).toBe(false);
  });
});
