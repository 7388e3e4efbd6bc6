/** Which states a revision covers: a family fixes the parameters it names and leaves the others free. */
import { describe, expect, it } from 'vitest';
import { familyCovers, marksCovering } from '../../src/revisions/coverage.ts';
import { revisedFamily, revisedStateQuery, revisionMarks, revisionsCovering } from '../../src/revisions/revised-states.ts';
import type { Revision } from '../../src/revisions/revisions.ts';

/** A revision with only what coverage reads. */
function revision(id: string, states: Revision['states']): Revision {
  return { id, date: '2026-11-26', title: id, states, pages: [], before: '', after: '', why: '', sources: [] };
}

describe('revision coverage', () => {
  const list = [
    revision('local', [{ scenario: 'nodeport', params: 'externalTrafficPolicy=Local' }]),
    revision('ingress-on', [{ scenario: 'ingress', params: 'useProxyProtocol=on' }]),
  ];
  it('a family covers exactly the states with its parameters', () => {
    expect(familyCovers({ a: '1' }, { a: '1', b: '2' })).toBe(true);
    expect(familyCovers({ a: '1', b: '3' }, { a: '1', b: '2' })).toBe(false);
    expect(familyCovers({}, { a: '1' })).toBe(true);
  });
  it('finds the revisions of a state, reading value aliases', () => {
    const nodeport = { externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' };
    expect(revisionsCovering('nodeport', nodeport, list).map((r) => r.id)).toEqual(['local']);
    expect(revisionsCovering('nodeport', { ...nodeport, externalTrafficPolicy: 'Cluster' }, list)).toEqual([]);
    expect(revisionsCovering('loadbalancer', nodeport, list)).toEqual([]);
    expect(revisedFamily({ scenario: 'ingress', params: 'useProxyProtocol=on' })).toEqual({ useProxyProtocol: 'true' });
    expect(marksCovering(revisionMarks('ingress', list), { useProxyProtocol: 'true' }).map((m) => m.id)).toEqual(['ingress-on']);
  });
  it('refuses a revised state the model does not know', () => {
    expect(() => revisedFamily({ scenario: 'nodeport', params: 'externalTrafficPolicy=local' })).toThrow();
    expect(() => revisedFamily({ scenario: 'nodeport', params: 'policy=Local' })).toThrow();
  });
  it('opens a family at its own parameters with every other one at its default', () => {
    expect(revisedStateQuery({ scenario: 'nodeport', params: 'proxyMode=ipvs' }).toString()).toBe(
      'externalTrafficPolicy=Cluster&entry=node-without-endpoint&podNetwork=bridge&source=external&proxyMode=ipvs&spoofedHeader=none&v=1',
    );
  });
});
