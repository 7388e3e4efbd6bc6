/**
 * The lab's evidence (lab/evidence.json, written by `npm run lab` and
 * committed) as the pages show it: per scenario state, the command the lab
 * ran, what came back, and the verdict against the model. Shared by the build
 * (which writes one small file per state) and the pages.
 */
import { contentHash } from '../diagrams/hash.ts';

/** What a page shows for one state. */
export interface StateEvidence {
  id: string;
  verdict: 'pass' | 'fail' | 'not-run';
  observedOn: string;
  command?: string;
  raw?: string;
  reason: string;
  /** The kube-proxy whose rules the request met, with where each node's rule dump is served and other releases' verdicts. */
  kubeProxy?: KubeProxyEvidence;
}

/** kube-proxy's part of a state's evidence: the release and mode, each node's rules (served as files), other releases. */
export interface KubeProxyEvidence {
  release: string;
  mode: string;
  rules: { node: string; command: string; file: string }[];
  otherReleases: { release: string; verdict: 'pass' | 'fail'; reason: string }[];
}

/** One node's rules as kube-proxy wrote them in one run of the lab. */
interface RuleDumpRecord {
  node: string;
  command: string;
  dump: string;
}

/** The lab's kube-proxy runs: per release and mode, each node's rule dump and the edits the lab made after the sync. */
interface KubeProxyRecord {
  releases: string[];
  runs: { release: string; mode: string; rules: RuleDumpRecord[]; edits: string[] }[];
  otherReleaseCases: { id: string; release: string; verdict: 'pass' | 'fail'; reason: string }[];
}

/** The shape of lab/evidence.json that the site reads. */
export interface EvidenceFile {
  generated: string;
  versions: { kernel: string; iptables: string; haproxy: string; nginx: string };
  cases: {
    id: string;
    command: string;
    raw: string;
    verdict: 'pass' | 'fail';
    reason: string;
    kubeProxy?: { release: string; mode: string };
  }[];
  skipped: { id: string; why: string }[];
  kubeProxy?: KubeProxyRecord;
}

/** The file a node's rule dump is served under (one per release, mode and node, shared by every state of that run). */
export function ruleDumpFileName(release: string, mode: string, node: string): string {
  return `rules-${contentHash(`${release} ${mode} ${node}`)}.txt`;
}

/** Every rule dump of the lab's kube-proxy runs, as files to serve beside the per-state evidence. */
export function ruleDumpFiles(file: EvidenceFile): { name: string; text: string }[] {
  return (file.kubeProxy?.runs ?? []).flatMap((run) =>
    run.rules.map((r) => ({
      name: ruleDumpFileName(run.release, run.mode, r.node),
      text: `# ${r.command}\n# kube-proxy: ${run.release}, ${run.mode} mode, node ${r.node}${run.edits.length ? `\n# then: ${run.edits.join('; ')}` : ''}\n${r.dump}`,
    })),
  );
}

/** A case's kube-proxy evidence: its release and mode, the rule dump files of that run, and the other releases' verdicts. */
function kubeProxyEvidence(file: EvidenceFile, c: EvidenceFile['cases'][number]): KubeProxyEvidence | undefined {
  if (!c.kubeProxy || !file.kubeProxy) return undefined;
  const { release, mode } = c.kubeProxy;
  const run = file.kubeProxy.runs.find((r) => r.release === release && r.mode === mode);
  return {
    release,
    mode,
    rules: (run?.rules ?? []).map((r) => ({ node: r.node, command: r.command, file: ruleDumpFileName(release, mode, r.node) })),
    otherReleases: file.kubeProxy.otherReleaseCases
      .filter((o) => o.id === c.id)
      .map((o) => ({ release: o.release, verdict: o.verdict, reason: o.reason })),
  };
}

/** The id of a scenario state, as the lab names its cases: the scenario and its complete parameters in their order. */
export function stateId(scenario: string, params: Record<string, string>): string {
  return `${scenario}?${new URLSearchParams(params)}`;
}

/** The file name a state's evidence is served under. */
export function evidenceFileName(scenario: string, params: Record<string, string>): string {
  return `${contentHash(stateId(scenario, params))}.json`;
}

/** "Linux 6.x with kube-proxy v1.37.2's own rules, HAProxy 2.6 and nginx 1.22", from the versions the lab recorded. */
export function observedOn(file: EvidenceFile): string {
  const haproxy = /version (\S+)/.exec(file.versions.haproxy)?.[1] ?? file.versions.haproxy;
  const nginx = /nginx\/(\S+)/.exec(file.versions.nginx)?.[1] ?? file.versions.nginx;
  const iptables = /v(\S+)/.exec(file.versions.iptables)?.[1] ?? file.versions.iptables;
  const kubeProxy = /k8s\.io\/kubernetes (v\S+)/.exec(file.kubeProxy?.releases[0] ?? '')?.[1];
  const rules = kubeProxy ? `kube-proxy ${kubeProxy}'s own rules (iptables ${iptables}, nf_tables)` : `iptables ${iptables} (nf_tables)`;
  return `Linux ${file.versions.kernel} with ${rules}, HAProxy ${haproxy} and nginx ${nginx}, on ${file.generated}`;
}

/** Every state the lab ran or skipped, as pages show them. */
export function allStateEvidence(file: EvidenceFile): StateEvidence[] {
  const on = observedOn(file);
  return [
    ...file.cases.map((c) => {
      const kubeProxy = kubeProxyEvidence(file, c);
      return {
        id: c.id,
        verdict: c.verdict,
        observedOn: on,
        command: c.command,
        raw: c.raw,
        reason: c.reason,
        ...(kubeProxy ? { kubeProxy } : {}),
      };
    }),
    ...file.skipped.map((s) => ({ id: s.id, verdict: 'not-run' as const, observedOn: on, reason: s.why })),
  ];
}

/** The texts a page shows for a state's evidence, or for its absence. */
export function evidenceView(evidence: StateEvidence | undefined): { headline: string; command: string; raw: string } {
  if (!evidence) {
    return {
      headline:
        'The lab did not run this exact combination; the answer above comes from the model alone. The lab covers every pod-to-pod state, every NodePort and LoadBalancer state in iptables and nftables modes, and a set of ingress-nginx states.',
      command: '',
      raw: '',
    };
  }
  if (evidence.verdict === 'not-run') return { headline: `Not run in the lab: ${evidence.reason}.`, command: '', raw: '' };
  const agreement =
    evidence.verdict === 'pass'
      ? 'the real software agreed with the model'
      : `the real software disagreed with the model: ${evidence.reason}`;
  return {
    headline: `Observed in the lab on ${evidence.observedOn}: ${agreement}.`,
    command: evidence.command ?? '',
    raw: evidence.raw ?? '',
  };
}
