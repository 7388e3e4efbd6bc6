/**
 * Which lab case stands in for an ingress state of a release the lab cannot build. The expectations come from the
 * two templates (lab/ingress-nginx/README.md: controller-v1.11.0's nginx.tmpl against controller-v1.15.1's; the one
 * client-IP change is kubernetes/ingress-nginx PR 12768, commit cf0a44191, released in controller-v1.13.0), not from
 * the model.
 */
import { describe, expect, it } from 'vitest';
import { allTraces } from '../../src/diagrams/states.ts';
import { fieldValues } from '../../src/views/fields.ts';
import { ingressLabStandIn, ingressTemplatesDiffer } from '../../src/evidence/ingress-release.ts';

describe('ingressTemplatesDiffer', () => {
  it('only use-proxy-protocol and use-forwarded-headers together read differently since v1.13.0', () => {
    expect(ingressTemplatesDiffer({ useProxyProtocol: 'true', useForwardedHeaders: 'true' })).toBe(true);
    expect(ingressTemplatesDiffer({ useProxyProtocol: 'true', useForwardedHeaders: 'false' })).toBe(false);
    expect(ingressTemplatesDiffer({ useProxyProtocol: 'false', useForwardedHeaders: 'true' })).toBe(false);
    expect(ingressTemplatesDiffer({ useProxyProtocol: 'false', useForwardedHeaders: 'false', computeFullForwardedFor: 'true' })).toBe(
      false,
    );
  });
});

describe('ingressLabStandIn', () => {
  const base = { lb: 'l4-proxy-protocol', useProxyProtocol: 'true', useForwardedHeaders: 'false' };
  it('a v1.13-or-later state looks up the lab case of the release the lab renders, all else equal', () => {
    expect(ingressLabStandIn('ingress', { ...base, ingressNginxVersion: 'v1.13-or-later' })).toEqual({
      params: { ...base, ingressNginxVersion: 'v1.12-or-earlier' },
      templatesDiffer: false,
    });
  });
  it('says where the templates differ', () => {
    const both = { ...base, useForwardedHeaders: 'true', ingressNginxVersion: 'v1.13-or-later' };
    expect(ingressLabStandIn('ingress', both)?.templatesDiffer).toBe(true);
  });
  it('needs no stand-in for the release the lab renders, nor for other scenarios', () => {
    expect(ingressLabStandIn('ingress', { ...base, ingressNginxVersion: 'v1.12-or-earlier' })).toBeUndefined();
    expect(ingressLabStandIn('nodeport', { proxyMode: 'nftables' })).toBeUndefined();
  });
});

describe('the stand-in keeps its verdict', () => {
  // The lab's verdict compares the v1.12-or-earlier state's model answer; it holds for the v1.13-or-later state only if
  // the model answers both alike wherever the templates do. This fails if the model's release difference spreads.
  it('the model answers every ingress state alike for both releases where the templates do not differ', () => {
    const answers = new Map<string, string>();
    let compared = 0;
    for (const t of allTraces()) {
      if (t.id !== 'ingress' || ingressTemplatesDiffer(t.params)) continue;
      const key = JSON.stringify({ ...t.params, ingressNginxVersion: '' });
      const answer = JSON.stringify(fieldValues(t));
      const other = answers.get(key);
      if (other === undefined) answers.set(key, answer);
      else {
        expect(answer, key).toBe(other);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
