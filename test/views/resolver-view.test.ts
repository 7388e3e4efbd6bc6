/** The resolver's answer as the widget shows it: long walks shortened, each message next to its input, no answer for an unreadable input. */
import { describe, expect, it } from 'vitest';
import { resolverView } from '../../src/views/resolver-view.ts';
import { defaultResolverState } from '../../src/views/resolver-state.ts';

/** An X-Forwarded-For line of `count` addresses 198.18.0.1, 198.18.0.2, … */
const chain = (count: number) => `X-Forwarded-For: ${Array.from({ length: count }, (_, i) => `198.18.0.${i + 1}`).join(', ')}`;

describe('resolverView', () => {
  it('shows a short walk whole', () => {
    const view = resolverView({ ...defaultResolverState, headers: chain(2), trusted: '198.18.0.0/15, 192.0.2.0/24' });
    expect(view.steps.some((step) => step.includes('skipped'))).toBe(false);
    expect(view.clientIp).toEqual({ value: '198.18.0.1', text: '198.18.0.1' });
  });
  it('keeps six steps at each end of a long walk and says how many it skipped', () => {
    const long = resolverView({ ...defaultResolverState, headers: chain(20), trusted: '198.18.0.0/15, 192.0.2.0/24' });
    const whole = resolverView({ ...defaultResolverState, headers: chain(2), trusted: '198.18.0.0/15, 192.0.2.0/24' });
    expect(long.steps).toHaveLength(13);
    expect(long.steps[6]).toMatch(/^… \d+ steps skipped …$/);
    expect(long.steps[0]).toBe(whole.steps[0]);
    expect(long.steps.at(-1)).toBe(whole.steps.at(-1));
    const skipped = Number(/\d+/.exec(long.steps[6]!)![0]);
    expect(skipped).toBeGreaterThan(0);
  });
  it('an empty trust proxy box gets no answer, and its message next to the box and among the warnings', () => {
    const view = resolverView({ ...defaultResolverState, strategy: 'express', trust: '' });
    expect(view.clientIp.value).toBe('');
    expect(view.steps).toEqual([]);
    expect(view.messages.trust).toHaveLength(1);
    expect(view.warnings).toEqual(view.messages.trust);
  });
  it('a pasted line that is not a header: a message next to the headers box, and a warning', () => {
    const view = resolverView({ ...defaultResolverState, headers: 'X-Forwarded-For: 203.0.113.7\nnot a header' });
    expect(view.messages.headers).toEqual(['Line 2 is not a header (expected "Name: value"): “not a header”.']);
    expect(view.warnings).toContain(view.messages.headers[0]);
  });
  it('has a message list for every input, empty when nothing is wrong', () => {
    expect(resolverView(defaultResolverState).messages).toEqual({
      remoteAddr: [],
      headers: [],
      trusted: [],
      hops: [],
      strategy: [],
      trust: [],
      header: [],
      proxyProtocol: [],
    });
  });
});
