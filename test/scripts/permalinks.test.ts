/** The permalink manifest: recorded rows read back to canonical URLs, and a changed answer, URL or page is found. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  answerHash,
  builtPages,
  checkManifest,
  coveringRevisions,
  currentManifest,
  gainedFields,
  rowQuery,
} from '../../scripts/permalinks.ts';
import type { Revision } from '../../src/revisions/revisions.ts';

/** A build directory holding only the given pages. */
function fakeBuild(pages: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'permalinks-'));
  for (const page of pages) {
    mkdirSync(join(dir, page), { recursive: true });
    writeFileSync(join(dir, page, 'index.html'), '<!doctype html>');
  }
  writeFileSync(join(dir, '404.html'), '<!doctype html>');
  return dir;
}

describe('permalink manifest', () => {
  const dist = fakeBuild(['/', '/scenarios/nodeport/']);
  const manifest = currentManifest(dist, '2026-11-26');

  it('lists the built pages, not 404.html', () => {
    expect(builtPages(dist)).toEqual(['/', '/scenarios/nodeport/']);
  });
  it('stores each state as value indices and an answer hash, read back as the full canonical URL', () => {
    const nodeport = manifest.scenarios.nodeport!;
    expect(nodeport.states[0]).toMatch(/^000000 [0-9a-f]{12}$/);
    expect(rowQuery(nodeport, nodeport.states[0]!)).toBe(
      'externalTrafficPolicy=Cluster&entry=node-without-endpoint&podNetwork=bridge&source=external&proxyMode=iptables&spoofedHeader=none&v=1',
    );
    // By hand: a NodePort request from outside, policy Cluster, entering node B, reaches the app from node B's address
    // (kube-proxy masquerades it: kubernetes v1.37.2 pkg/proxy/iptables/proxier_test.go, TestInternalExternalMasquerade
    // "external to NodePort").
    const answer = manifest.answers[nodeport.states[0]!.split(' ')[1]!]!;
    expect(answer.slice(0, 4)).toEqual(['true', '', '192.0.2.12', 'entry-node']);
  });
  it('finds nothing wrong with what it just recorded', () => {
    expect(checkManifest(manifest, dist)).toEqual([]);
  });
  it('finds a changed answer, names the fields that differ, and which state', () => {
    const tampered = structuredClone(manifest);
    const nodeport = tampered.scenarios.nodeport!;
    const other = [
      'false',
      'no-local-endpoint',
      'not-delivered',
      'not-delivered',
      'not-delivered',
      'not-delivered',
      'not-delivered',
      'not-delivered',
      'not-delivered',
      'not-delivered',
      'none-for-service-type',
    ];
    tampered.answers[answerHash(other)] = other;
    nodeport.states[0] = `${nodeport.states[0]!.split(' ')[0]} ${answerHash(other)}`;
    const problems = checkManifest(tampered, undefined);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.kind).toBe('state-answer');
    expect(problems[0]!.detail).toContain('delivered: "false" → "true"');
    expect(problems[0]!.state).toEqual({ scenario: 'nodeport', params: expect.objectContaining({ externalTrafficPolicy: 'Cluster' }) });
  });
  it('keeps a link whose answer was recorded before a field was appended, and still finds one whose old fields changed', () => {
    const tampered = structuredClone(manifest);
    const loadbalancer = tampered.scenarios.loadbalancer!;
    const [indices, hash] = loadbalancer.states[0]!.split(' ') as [string, string];
    const now = manifest.answers[hash]!;
    // The state as recorded before the sourceRangesSee fields, the last two, existed.
    const before = now.slice(0, -2);
    tampered.answers[answerHash(before)] = before;
    loadbalancer.states[0] = `${indices} ${answerHash(before)}`;
    expect(checkManifest(tampered, undefined)).toEqual([]);
    const changed = ['false', ...before.slice(1)];
    tampered.answers[answerHash(changed)] = changed;
    loadbalancer.states[0] = `${indices} ${answerHash(changed)}`;
    expect(checkManifest(tampered, undefined).map((p) => p.kind)).toEqual(['state-answer']);
    expect(gainedFields(undefined, now)).toBe(false);
    expect(gainedFields(now, now)).toBe(false);
  });
  it('finds a recorded value the model no longer reads, a page gone, and states not recorded', () => {
    const tampered = structuredClone(manifest);
    tampered.scenarios.nodeport!.params[0]![1][0] = 'Clustered';
    tampered.pages.push('/gone/');
    delete tampered.scenarios['pod-to-pod'];
    const kinds = new Set(checkManifest(tampered, dist).map((p) => p.kind));
    expect(kinds).toEqual(new Set(['state-notice', 'page-missing', 'state-unrecorded']));
  });
  it('finds a changed resolver answer', () => {
    const tampered = structuredClone(manifest);
    tampered.widgets.resolver!.states[0]!.answer = answerHash(['198.51.100.1', '']);
    expect(checkManifest(tampered, undefined).map((p) => p.kind)).toEqual(['state-answer']);
  });
  it('records every migration state: target × load balancer × box, the free text at its default, and the documented examples', () => {
    const migration = manifest.widgets.migration!;
    // 7 targets × 4 load balancer choices × 2^5 boxes.
    expect(migration.grid!.states).toHaveLength(7 * 4 * 32);
    expect(rowQuery(migration.grid!, migration.grid!.states[0]!)).toBe(
      'target=envoy-gateway&loadBalancer=auto&useForwardedHeaders=false&proxyRealIpCidr=192.0.2.0%2F24&computeFullForwardedFor=false' +
        '&useProxyProtocol=false&enableRealIp=false&forwardedForHeader=X-Forwarded-For&whitelistSourceRange=203.0.113.0%2F24&forgedHeader=false&v=1',
    );
    const examples = migration.states.map((entry) => entry.query);
    expect(examples).toContain(
      'target=istio&loadBalancer=auto&useForwardedHeaders=true&proxyRealIpCidr=192.0.2.0%2F24&computeFullForwardedFor=false' +
        '&useProxyProtocol=false&enableRealIp=false&forwardedForHeader=X-Client-IP&whitelistSourceRange=203.0.113.0%2F24&forgedHeader=false&v=1',
    );
    expect(migration.states.every((entry) => entry.from.startsWith('content/docs/migrate-from-ingress-nginx.mdx:'))).toBe(true);
  });
  it('finds a changed migration answer, names the field, and a revision naming the page covers it', () => {
    const tampered = structuredClone(manifest);
    const grid = tampered.widgets.migration!.grid!;
    const [indices, hash] = grid.states[0]!.split(' ') as [string, string];
    const other = [...tampered.answers[hash]!];
    other[1] = '198.51.100.1';
    tampered.answers[answerHash(other)] = other;
    grid.states[0] = `${indices} ${answerHash(other)}`;
    const problems = checkManifest(tampered, undefined);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.kind).toBe('state-answer');
    expect(problems[0]!.detail).toMatch(/^afterClientIp: "198\.51\.100\.1" → /);
    const revision = (pages: string[]): Revision => ({
      id: 'x',
      date: '2026-11-26',
      title: '',
      states: [],
      pages,
      before: '',
      after: '',
      why: '',
      sources: [],
    });
    expect(coveringRevisions(problems[0]!, '2026-11-26', [revision(['/migrate-from-ingress-nginx/'])])).toHaveLength(1);
    expect(coveringRevisions(problems[0]!, '2026-11-26', [revision(['/tools/resolver/'])])).toHaveLength(0);
  });
  it('finds a migration link with a parameter the widget does not read, and one with a value it no longer has', () => {
    const tampered = structuredClone(manifest);
    const migration = tampered.widgets.migration!;
    migration.states[0]!.query += '&trustedHops=1';
    migration.grid!.params[0]![1][0] = 'envoy';
    const problems = checkManifest(tampered, undefined).filter((p) => p.kind === 'state-notice');
    expect(problems.map((p) => p.subject.split('?')[0])).toEqual(expect.arrayContaining(['migration']));
    expect(problems.some((p) => p.detail.includes('trustedHops'))).toBe(true);
    expect(problems.some((p) => p.detail.includes('target='))).toBe(true);
  });
  it('accepts a changed answer only with a revision covering the state, dated on or after the recording', () => {
    const revision = (date: string, params: string): Revision => ({
      id: date,
      date,
      title: '',
      states: [{ scenario: 'nodeport', params }],
      pages: [],
      before: '',
      after: '',
      why: '',
      sources: [],
    });
    const problem = {
      kind: 'state-answer' as const,
      subject: '',
      detail: '',
      state: { scenario: 'nodeport', params: { externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' } },
    };
    expect(coveringRevisions(problem, '2026-11-26', [revision('2026-11-26', 'externalTrafficPolicy=Local')])).toHaveLength(1);
    expect(coveringRevisions(problem, '2026-11-27', [revision('2026-11-26', 'externalTrafficPolicy=Local')])).toHaveLength(0);
    expect(coveringRevisions(problem, '2026-11-26', [revision('2026-11-26', 'externalTrafficPolicy=Cluster')])).toHaveLength(0);
  });
});
