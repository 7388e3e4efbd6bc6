/** The resolver's trust proxy box: each kind of text read into the setting Express takes, and bad text named. */
import { describe, expect, it } from 'vitest';
import { parseExpressTrust } from '../../src/views/express-trust.ts';

describe('parseExpressTrust', () => {
  it('reads true and false as booleans', () => {
    expect(parseExpressTrust('true')).toEqual({ ok: true, value: true });
    expect(parseExpressTrust(' false ')).toEqual({ ok: true, value: false });
  });
  it('reads digits as a hop count', () => {
    expect(parseExpressTrust('0')).toEqual({ ok: true, value: 0 });
    expect(parseExpressTrust('2')).toEqual({ ok: true, value: 2 });
  });
  it('reads anything else as Express reads a string setting: split at commas, entries trimmed, empty entries kept', () => {
    expect(parseExpressTrust('loopback, 10.0.0.0/8')).toEqual({ ok: true, value: ['loopback', '10.0.0.0/8'] });
    expect(parseExpressTrust('192.0.2.0/24,')).toEqual({ ok: true, value: ['192.0.2.0/24', ''] });
    expect(parseExpressTrust('10.0.0.1 10.0.0.2')).toEqual({ ok: true, value: ['10.0.0.1 10.0.0.2'] });
    expect(parseExpressTrust('1.5')).toEqual({ ok: true, value: ['1.5'] });
    expect(parseExpressTrust('-1')).toEqual({ ok: true, value: ['-1'] });
  });
  it('names empty text and booleans in another case', () => {
    expect(parseExpressTrust('  ')).toMatchObject({ ok: false, message: expect.stringContaining('true, false, a number of hops') });
    expect(parseExpressTrust('True')).toMatchObject({ ok: false, message: expect.stringContaining('lower case') });
  });
});
