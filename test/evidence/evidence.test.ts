/** The evidence a page shows: the lab's case or its stand-in, and the texts and links of the disclosure. Hand-made evidence. */
import { describe, expect, it } from 'vitest';
import {
  evidenceForState,
  evidenceView,
  ruleDumpFileName,
  ruleDumpFiles,
  stateId,
  type EvidenceFile,
  type StateEvidence,
} from '../../src/evidence/evidence.ts';
import { allStateEvidence } from '../../src/evidence/evidence.ts';

const ingress = {
  lb: 'l4-proxy-protocol',
  externalTrafficPolicy: 'Local',
  entry: 'node-with-endpoint',
  podNetwork: 'bridge',
  useForwardedHeaders: 'false',
  computeFullForwardedFor: 'false',
  useProxyProtocol: 'true',
  spoofedHeader: 'present',
  proxyRealIpCidr: '0.0.0.0/0',
  ingressNginxVersion: 'v1.12-or-earlier',
};
const both = { ...ingress, useForwardedHeaders: 'true' };
const observed = { delivered: true, remoteAddr: '198.19.1.30' };

const file: EvidenceFile = {
  generated: '2026-11-26',
  versions: {
    kernel: '6.1',
    iptables: 'iptables v1.8.9 (nf_tables)',
    haproxy: 'HAProxy version 2.6.12',
    nginx: 'nginx version: nginx/1.22.1',
    ingressNginx: 'ingress-nginx controller-v1.11.0 (k8s.io/ingress-nginx v0.0.0-20240708192948-52c50467d67d): nginx.tmpl rendered',
  },
  cases: [
    {
      id: stateId('ingress', ingress),
      command: 'curl',
      raw: 'raw',
      verdict: 'pass',
      reason: 'same addresses',
      observed,
      kubeProxy: { release: 'k8s.io/kubernetes v1.37.2', mode: 'iptables' },
    },
    {
      id: stateId('ingress', both),
      command: 'curl',
      raw: 'raw',
      verdict: 'pass',
      reason: 'same addresses',
      observed,
      kubeProxy: { release: 'k8s.io/kubernetes v1.37.2', mode: 'iptables' },
    },
    {
      id: 'nodeport?proxyMode=nftables',
      command: 'curl',
      raw: 'raw',
      verdict: 'pass',
      reason: 'same addresses',
      observed,
      kubeProxy: { release: 'k8s.io/kubernetes v1.37.2', mode: 'nftables' },
    },
  ],
  skipped: [],
  kubeProxy: {
    releases: ['k8s.io/kubernetes v1.37.2', 'k8s.io/kubernetes v1.36.3'],
    runs: [
      {
        release: 'k8s.io/kubernetes v1.37.2',
        mode: 'iptables',
        rules: [{ node: 'A', command: 'ip netns exec fg-node-a iptables-save', dump: '*nat\n' }],
        edits: [],
      },
      {
        release: 'k8s.io/kubernetes v1.37.2',
        mode: 'nftables',
        rules: [
          { node: 'A', command: 'ip netns exec fg-node-a nft list ruleset', dump: 'table ip kube-proxy {}\n' },
          { node: 'B', command: 'ip netns exec fg-node-b nft list ruleset', dump: 'table ip kube-proxy {}\n' },
        ],
        edits: [],
      },
    ],
    otherReleaseCases: [
      { id: 'nodeport?proxyMode=nftables', release: 'k8s.io/kubernetes v1.36.3', verdict: 'pass', reason: 'same addresses', observed },
      {
        id: stateId('ingress', ingress),
        release: 'k8s.io/kubernetes v1.36.3',
        verdict: 'fail',
        reason: 'dropped',
        observed: { delivered: false },
      },
    ],
  },
};
const byId = new Map<string, StateEvidence>(allStateEvidence(file).map((e) => [e.id, e]));

describe('evidenceForState', () => {
  it('a provider’s state with no case of its own says no provider runs here; a generic one has nothing to say', () => {
    const none = new Map();
    expect(evidenceForState(none, 'ingress', { cloud: 'aws-nlb-ip', lb: 'l4-proxy' })).toMatchObject({
      verdict: 'not-run',
      reason: expect.stringContaining('A provider’s load balancer cannot run here'),
    });
    expect(evidenceForState(none, 'ingress', { cloud: 'generic', lb: 'l4-proxy' })).toBeUndefined();
    // The same rule in every scenario with a provider: the lab records no provider state one by one.
    for (const scenario of ['loadbalancer', 'gateway'])
      expect(evidenceForState(none, scenario, { cloud: 'gke-l7', lb: 'l7-http' })?.verdict).toBe('not-run');
  });
  it('a state the lab ran shows its own case', () => {
    expect(evidenceForState(byId, 'ingress', ingress)?.standIn).toBeUndefined();
    expect(evidenceForState(byId, 'ingress', ingress)?.ingressNginx).toBe('controller-v1.11.0');
  });
  it('a v1.13-or-later state shows the v1.12-or-earlier case where the templates agree, marked as such', () => {
    const e = evidenceForState(byId, 'ingress', { ...ingress, ingressNginxVersion: 'v1.13-or-later' });
    expect(e?.verdict).toBe('pass');
    expect(e?.standIn?.kind).toBe('same-template');
    const view = evidenceView(e, '/kb/');
    expect(view.headline).toContain(
      'Observed with the ingress-nginx controller-v1.11.0 template; v1.13 changed nothing that this state depends on.',
    );
    expect(view.command).toBe('curl');
  });
  it('where the templates differ, says not observed and links the v1.12-or-earlier state', () => {
    const e = evidenceForState(byId, 'ingress', { ...both, ingressNginxVersion: 'v1.13-or-later' });
    expect(e?.verdict).toBe('not-run');
    const view = evidenceView(e, '/kb/');
    expect(view.headline).toMatch(/^Not observed in the lab for ingress-nginx v1\.13 or later \(no such release can be built here\)/);
    expect(view.command).toBe('');
    expect(view.link?.href).toMatch(/^\/kb\/scenarios\/ingress\/\?.*useForwardedHeaders=true.*ingressNginxVersion=v1\.12-or-earlier/);
  });
  it('no stand-in where the lab has no case for the other release either', () => {
    expect(evidenceForState(byId, 'ingress', { ...ingress, lb: 'l7-http', ingressNginxVersion: 'v1.13-or-later' })).toBeUndefined();
  });
});

describe('evidenceView', () => {
  it('names kube-proxy’s release and mode, links each node’s rule dump under the base, and the other release’s result', () => {
    const view = evidenceView(byId.get('nodeport?proxyMode=nftables'), '/kb/field-guide/');
    expect(view.software).toEqual(["Rules written by kube-proxy v1.37.2's own proxier, nftables mode."]);
    expect(view.ruleDumps).toEqual([
      {
        text: 'node A (nft list ruleset)',
        href: `/kb/field-guide/evidence/${ruleDumpFileName('k8s.io/kubernetes v1.37.2', 'nftables', 'A')}`,
      },
      {
        text: 'node B (nft list ruleset)',
        href: `/kb/field-guide/evidence/${ruleDumpFileName('k8s.io/kubernetes v1.37.2', 'nftables', 'B')}`,
      },
    ]);
    expect(view.otherReleases).toEqual(["kube-proxy v1.36.3's own proxier, on the same case: same result."]);
  });
  it('says when another release observed something else', () => {
    const view = evidenceView(byId.get(stateId('ingress', ingress)), '/');
    expect(view.otherReleases).toEqual([
      "kube-proxy v1.36.3's own proxier, on the same case: a different result; the real software disagreed with the model: dropped.",
    ]);
    expect(view.software[1]).toMatch(/^nginx configuration rendered from ingress-nginx controller-v1\.11\.0's own nginx\.tmpl/);
  });
  it('says netexec printed the expected output only where the lab ran the state’s own Reproduce it command and it matched', () => {
    const transcript = { expected: 'clientip: 198.18.20.12:<port>', observed: 'clientip: 198.18.20.12:<port>' };
    const withTranscript = (observed: string) =>
      new Map(
        allStateEvidence({ ...file, cases: file.cases.map((c) => ({ ...c, transcript: { ...transcript, observed } })) }).map((e) => [
          e.id,
          e,
        ]),
      );
    const matched = withTranscript(transcript.observed);
    expect(evidenceView(matched.get(stateId('ingress', ingress)), '/').headline).toContain(
      'netexec printed the output “Reproduce it” expects',
    );
    // A stand-in ran another state's recipe.
    const standIn = evidenceForState(matched, 'ingress', { ...ingress, ingressNginxVersion: 'v1.13-or-later' });
    expect(standIn?.standIn).toBeDefined();
    expect(evidenceView(standIn, '/').headline).not.toContain('netexec');
    expect(evidenceView(withTranscript('clientip: 198.18.20.11:<port>').get(stateId('ingress', ingress)), '/').headline).not.toContain(
      'netexec',
    );
    expect(evidenceView(byId.get(stateId('ingress', ingress)), '/').headline).not.toContain('netexec');
  });
  it('every linked rule dump is a file the build writes', () => {
    const written = new Set(ruleDumpFiles(file).map((f) => f.name));
    const view = evidenceView(byId.get('nodeport?proxyMode=nftables'), '/');
    for (const dump of view.ruleDumps) expect(written.has(dump.href.replace('/evidence/', ''))).toBe(true);
  });
});
