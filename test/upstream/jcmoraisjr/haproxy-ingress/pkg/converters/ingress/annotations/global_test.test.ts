/**
 * haproxy-ingress's own test of the forwardfor ConfigMap key, as data: TestForwardFor in
 * pkg/converters/ingress/annotations/global_test.go at tag v0.16.1 (commit 5cda817e35489ea12ba2ad2bf31857a7c7eb3b96),
 * read from a snapshot of jcmoraisjr/haproxy-ingress. Only the forwardfor column is transcribed (the header-name
 * keys are not modelled). One difference, on purpose: for "non" haproxy-ingress logs a warning and uses "add"; the
 * model refuses the value instead of answering for a default the reader did not choose.
 */
import { describe, expect, it } from 'vitest';
import { readHaproxyIngressConfig } from '../../../../../../../../src/model/gateway/haproxy-ingress.ts';
import { GatewayConfigError } from '../../../../../../../../src/model/gateway/types.ts';

const cases = [
  { index: 0, ffconf: undefined, ffexp: 'add' },
  { index: 2, ffconf: 'add', ffexp: 'add' },
  { index: 3, ffconf: 'ignore', ffexp: 'ignore' },
  { index: 4, ffconf: 'ifmissing', ffexp: 'ifmissing' },
  { index: 5, ffconf: 'update', ffexp: 'update' },
];

describe('haproxy-ingress v0.16.1 global_test.go TestForwardFor', () => {
  for (const c of cases) {
    it(`case ${c.index}: ${c.ffconf ?? '(unset)'} → ${c.ffexp}`, () => {
      expect(readHaproxyIngressConfig(c.ffconf === undefined ? {} : { forwardfor: c.ffconf }).forwardfor).toBe(c.ffexp);
    });
  }
  it('case 1: "non" (haproxy-ingress: warning, then add; the model: an invalid-value error)', () => {
    expect(() => readHaproxyIngressConfig({ forwardfor: 'non' })).toThrow(GatewayConfigError);
  });
});
