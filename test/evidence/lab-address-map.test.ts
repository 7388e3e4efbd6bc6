/** The lab-to-page address table shown beside raw lab output, by hand from the lab's plan (lab/plan.ts). */
import { describe, expect, it } from 'vitest';
import { labAddressRows } from '../../src/evidence/lab-address-map.ts';
import { mentionsLabAddress } from '../../src/evidence/lab-address-match.ts';

describe('labAddressRows', () => {
  const rows = labAddressRows();
  it('maps the lab addresses seen in raw output to the page’s address plan', () => {
    const byLab = Object.fromEntries(rows.map((r) => [r.lab, r.page]));
    expect(byLab['198.18.10.7']).toBe('203.0.113.7');
    expect(byLab['198.18.20.2']).toBe('192.0.2.2');
    expect(byLab['198.18.20.11']).toBe('192.0.2.11');
    expect(byLab['198.18.20.12']).toBe('192.0.2.12');
    expect(byLab['198.19.1.1']).toBe('198.18.1.1');
    expect(byLab['198.19.1.10']).toBe('198.18.1.10');
    expect(byLab['198.19.3.10']).toBe('198.18.1.10');
    expect(byLab['198.19.1.30']).toBe('198.18.1.30');
    expect(byLab['198.19.2.20']).toBe('198.18.2.20');
  });
  it('each lab address appears once, so the table reads one way', () => {
    expect(new Set(rows.map((r) => r.lab)).size).toBe(rows.length);
  });
});

describe('mentionsLabAddress', () => {
  it('finds whole addresses only: 198.19.1.1 is not in 198.19.1.10', () => {
    // netexec's /clientip line and /header JSON, as the lab's raw output shows them.
    expect(mentionsLabAddress('clientip: 198.19.1.10:40312', '198.19.1.10')).toBe(true);
    expect(mentionsLabAddress('clientip: 198.19.1.10:40312', '198.19.1.1')).toBe(false);
    expect(mentionsLabAddress('{"X-Forwarded-For":["198.19.1.10"]}', '198.19.1.1')).toBe(false);
    expect(mentionsLabAddress('http://198.18.20.12:30002/', '198.18.20.12')).toBe(true);
    expect(mentionsLabAddress('198.18.20.120', '198.18.20.12')).toBe(false);
  });
  it('a.b.c.x stands for any address of that /24', () => {
    expect(mentionsLabAddress('curl http://198.19.200.17:20007/', '198.19.200.x')).toBe(true);
    expect(mentionsLabAddress('curl http://198.19.201.17/', '198.19.200.x')).toBe(false);
  });
});
