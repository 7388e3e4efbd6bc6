/**
 * What the client gets when a request is not delivered, in words, and the stray reply of IPVS without SNAT. The
 * failures themselves are the model's (src/model/failure.ts, tested in test/model); here: that the words follow them.
 * Addresses are the pages' plan: client 203.0.113.7, load balancer 192.0.2.2, node B 192.0.2.12, app pod 198.18.1.10.
 */
import { describe, expect, it } from 'vitest';
import { clientOutcome, strayReply } from '../../src/views/outcome.ts';
import { expectedFailure } from '../../src/model/failure.ts';
import { definitions, scenarioStates, trace } from '../../src/model/index.ts';
import { traced } from '../model/helpers.ts';

describe('clientOutcome', () => {
  it('none for a delivered request', () => {
    expect(clientOutcome(traced('nodeport'))).toBeNull();
  });
  it('a drop with nobody in front: the drop, then what the client gets', () => {
    const outcome = clientOutcome(traced('nodeport', { externalTrafficPolicy: 'Local' }));
    expect(outcome).toEqual({
      failure: { kind: 'timeout' },
      phrase: 'the packet is dropped (the client times out)',
      badge: 'dropped → time-out',
    });
  });
  it('an HTTP answer that reaches the client unchanged is said once, by who answers', () => {
    const outcome = clientOutcome(traced('ingress', { lb: 'l4-proxy-protocol' }));
    expect(outcome?.phrase).toBe('nginx in the ingress controller pod answers HTTP 400 Bad Request');
    expect(outcome?.badge).toBe('HTTP 400');
  });
  it('an HTTP load balancer in front turns the drop into its own answer, and is named', () => {
    const outcome = clientOutcome(traced('ingress', { lb: 'l7-http', useProxyProtocol: 'true' }));
    expect(outcome?.failure).toEqual({ kind: 'http-status', status: 502 });
    expect(outcome?.phrase).toBe('the connection closes without a response (the load balancer answers the client HTTP 502)');
    expect(outcome?.badge).toBe('closed, no response → HTTP 502');
  });
  it('for every state of every scenario: words exactly when not delivered, and the failure is the model’s', () => {
    for (const scenario of definitions) {
      for (const params of scenarioStates(scenario)) {
        const t = trace(scenario.id, params);
        const outcome = clientOutcome(t);
        expect(outcome === null).toBe(t.delivered);
        if (outcome) {
          expect(outcome.failure).toEqual(expectedFailure(t));
          expect(outcome.phrase).not.toBe('');
          expect(outcome.badge).not.toBe('');
        }
      }
    }
  });
});

describe('strayReply', () => {
  it('IPVS without SNAT, Local, node without an endpoint: the pod replies to the client from its own address', () => {
    const t = traced('nodeport', { externalTrafficPolicy: 'Local', proxyMode: 'ipvs' });
    const reply = strayReply(t);
    expect(reply).toMatchObject({
      index: t.hops.length - 1,
      src: { ip: '198.18.1.10' },
      dst: { ip: '203.0.113.7' },
      to: 'client',
      expectedFrom: { ip: '192.0.2.12' },
    });
  });
  it('behind an HTTP load balancer the reply goes to the load balancer, which connected to node B', () => {
    expect(strayReply(traced('loadbalancer', { externalTrafficPolicy: 'Local', proxyMode: 'ipvs' }))).toMatchObject({
      dst: { ip: '192.0.2.2' },
      to: 'load-balancer',
      expectedFrom: { ip: '192.0.2.12' },
    });
  });
  it('none for a drop where the packet is (iptables drops on the entry node) and none for a delivered request', () => {
    expect(strayReply(traced('nodeport', { externalTrafficPolicy: 'Local' }))).toBeNull();
    expect(strayReply(traced('nodeport'))).toBeNull();
  });
});
