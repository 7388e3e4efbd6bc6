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
}

/** The shape of lab/evidence.json that the site reads. */
export interface EvidenceFile {
  generated: string;
  versions: { kernel: string; iptables: string; haproxy: string; nginx: string };
  cases: { id: string; command: string; raw: string; verdict: 'pass' | 'fail'; reason: string }[];
  skipped: { id: string; why: string }[];
}

/** The id of a scenario state, as the lab names its cases: the scenario and its complete parameters in their order. */
export function stateId(scenario: string, params: Record<string, string>): string {
  return `${scenario}?${new URLSearchParams(params)}`;
}

/** The file name a state's evidence is served under. */
export function evidenceFileName(scenario: string, params: Record<string, string>): string {
  return `${contentHash(stateId(scenario, params))}.json`;
}

/** "Linux 6.x with HAProxy 2.6 and nginx 1.22", from the versions the lab recorded. */
export function observedOn(file: EvidenceFile): string {
  const haproxy = /version (\S+)/.exec(file.versions.haproxy)?.[1] ?? file.versions.haproxy;
  const nginx = /nginx\/(\S+)/.exec(file.versions.nginx)?.[1] ?? file.versions.nginx;
  const iptables = /v(\S+)/.exec(file.versions.iptables)?.[1] ?? file.versions.iptables;
  return `Linux ${file.versions.kernel} with iptables ${iptables} (nf_tables), HAProxy ${haproxy} and nginx ${nginx}, on ${file.generated}`;
}

/** Every state the lab ran or skipped, as pages show them. */
export function allStateEvidence(file: EvidenceFile): StateEvidence[] {
  const on = observedOn(file);
  return [
    ...file.cases.map((c) => ({ id: c.id, verdict: c.verdict, observedOn: on, command: c.command, raw: c.raw, reason: c.reason })),
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
