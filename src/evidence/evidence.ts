/**
 * The lab's evidence (lab/evidence.json, written by `npm run lab` and
 * committed) as the pages show it: per scenario state, the command the lab
 * ran, what came back, and the verdict against the model. Shared by the build
 * (which writes one small file per state) and the pages.
 */
import { contentHash } from '../diagrams/hash.ts';
import { scenarioPermalink } from '../views/permalink.ts';
import { ingressLabStandIn } from './ingress-release.ts';
import { isCloudProvider } from '../model/cloud/load-balancers.ts';

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
  /** For ingress states: the ingress-nginx release whose template the lab rendered, e.g. "controller-v1.11.0". */
  ingressNginx?: string;
  /** Set when the page's state is not the lab's own case but an ingress release the lab cannot build (ingress-release.ts). */
  standIn?: StandIn;
  /** Where the lab ran the page's "Reproduce it" command too: whether netexec printed exactly the expected output. */
  transcriptMatched?: boolean;
}

/** How the lab's case for another ingress release relates to the page's state, and which state that case is. */
export interface StandIn {
  /** same-template: the two templates configure this state alike; templates-differ: they do not, so the lab has no evidence. */
  kind: 'same-template' | 'templates-differ';
  scenario: string;
  params: Record<string, string>;
}

/** kube-proxy's part of a state's evidence: the release and mode, each node's rules (served as files), other releases. */
export interface KubeProxyEvidence {
  release: string;
  mode: string;
  rules: { node: string; command: string; file: string }[];
  /** Other releases run on the same case; same: they observed exactly what this release's rules gave. */
  otherReleases: { release: string; verdict: 'pass' | 'fail'; reason: string; same: boolean }[];
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
  otherReleaseCases: { id: string; release: string; verdict: 'pass' | 'fail'; reason: string; observed?: unknown }[];
}

/** The shape of lab/evidence.json that the site reads. */
export interface EvidenceFile {
  generated: string;
  versions: { kernel: string; iptables: string; haproxy: string; nginx: string; ingressNginx?: string; kubeProxy?: string };
  cases: {
    id: string;
    command: string;
    raw: string;
    verdict: 'pass' | 'fail';
    reason: string;
    observed?: unknown;
    kubeProxy?: { release: string; mode: string };
    /** The page's transcript, expected and as netexec printed it (lab/transcript.ts), where the state has one. */
    transcript?: { expected: string; observed: string };
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
      text: `# ${r.command}\n# kube-proxy: ${run.release}, ${run.mode} mode, node ${r.node}, right after its sync${run.edits.length ? `\n# then the lab ran, on the Service of its masquerade gotcha cases only: ${run.edits.join('; ')}` : ''}\n${r.dump}`,
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
      .map((o) => ({
        release: o.release,
        verdict: o.verdict,
        reason: o.reason,
        same: JSON.stringify(o.observed) === JSON.stringify(c.observed),
      })),
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

/** The file name of a state's command and raw output as plain text, for readers without JavaScript (beside its evidence file). */
export function evidenceOutputFileName(scenario: string, params: Record<string, string>): string {
  return `${contentHash(stateId(scenario, params))}.txt`;
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

/** Why a provider's states are not run: no provider's load balancer runs here. */
export const PROVIDERS_ARE_MODEL_ONLY =
  'A provider’s load balancer cannot run here: its behaviour is read in its controller’s code and documentation (src/model/cloud/providers.ts cites each), not observed';

/** Every state the lab ran or skipped, as pages show them. */
export function allStateEvidence(file: EvidenceFile): StateEvidence[] {
  const on = observedOn(file);
  const ingressNginx = /ingress-nginx (controller-v\S+)/.exec(file.versions.ingressNginx ?? '')?.[1];
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
        ...(ingressNginx && c.id.startsWith('ingress?') ? { ingressNginx } : {}),
        ...(c.transcript ? { transcriptMatched: c.transcript.observed === c.transcript.expected } : {}),
      };
    }),
    ...file.skipped.map((s) => ({ id: s.id, verdict: 'not-run' as const, observedOn: on, reason: s.why })),
  ];
}

/**
 * The evidence a page shows for a state: the lab's own case, or for an ingress release the lab cannot build, the
 * case of the release it renders, marked as a stand-in (or, where the two templates differ, as not observed).
 */
export function evidenceForState(
  byId: ReadonlyMap<string, StateEvidence>,
  scenario: string,
  params: Record<string, string>,
): StateEvidence | undefined {
  const own = byId.get(stateId(scenario, params));
  // A provider's state is not recorded one by one (tens of thousands, in every scenario with a provider): no provider
  // runs here at all, so every such state says so by this rule.
  if (!own && params.cloud !== undefined && isCloudProvider(params.cloud))
    return { id: stateId(scenario, params), verdict: 'not-run', observedOn: '', reason: PROVIDERS_ARE_MODEL_ONLY };
  const standIn = ingressLabStandIn(scenario, params);
  if (own || !standIn) return own;
  const lab = byId.get(stateId(scenario, standIn.params));
  if (!lab || lab.verdict === 'not-run') return undefined;
  const link: StandIn = { kind: standIn.templatesDiffer ? 'templates-differ' : 'same-template', scenario, params: standIn.params };
  if (!standIn.templatesDiffer) return { ...lab, standIn: link };
  return {
    id: lab.id,
    verdict: 'not-run',
    observedOn: lab.observedOn,
    reason: 'not observed in the lab for ingress-nginx v1.13 or later (no such release can be built here)',
    standIn: link,
  };
}

/** What a page shows for a state's evidence, or for its absence: a headline, and behind the disclosure the software, files and output. */
export interface EvidenceView {
  headline: string;
  /** A link after the headline: the lab's state for the release it renders, where this state was not observed. */
  link?: { text: string; href: string };
  /** Which software wrote the configuration the request met: kube-proxy's release and mode, ingress-nginx's template. */
  software: string[];
  /** Each node's rules as kube-proxy wrote them, served as text files. */
  ruleDumps: { text: string; href: string }[];
  /** Other kube-proxy releases' results for the same case, e.g. "kube-proxy v1.36.3: same result." */
  otherReleases: string[];
  command: string;
  raw: string;
}

/** "v1.37.2" from the lab's "k8s.io/kubernetes v1.37.2". */
function releaseName(release: string): string {
  return /(v\d\S*)$/.exec(release)?.[1] ?? release;
}

/** The sentences naming the software whose own code configured the lab for this state. */
function softwareLines(evidence: StateEvidence): string[] {
  const lines: string[] = [];
  const kp = evidence.kubeProxy;
  if (kp) lines.push(`Rules written by kube-proxy ${releaseName(kp.release)}'s own proxier, ${kp.mode} mode.`);
  if (evidence.ingressNginx) {
    lines.push(
      `nginx configuration rendered from ingress-nginx ${evidence.ingressNginx}'s own nginx.tmpl by its own template code; its client-IP part ran on Debian's nginx, with the Lua parts (which need OpenResty) removed by a checked allowlist.`,
    );
  }
  return lines;
}

/** The texts and links a page shows for a state's evidence; base is the site's base path, for the files' and states' links. */
export function evidenceView(evidence: StateEvidence | undefined, base: string): EvidenceView {
  const empty = { software: [], ruleDumps: [], otherReleases: [], command: '', raw: '' };
  if (!evidence) {
    return {
      ...empty,
      headline:
        'The lab did not run this exact combination; the answer above comes from the model alone. The lab covers every pod-to-pod state, every NodePort and LoadBalancer state in iptables and nftables modes, and a set of ingress-nginx states.',
    };
  }
  const standIn = evidence.standIn;
  if (evidence.verdict === 'not-run') {
    const reason = `${evidence.reason.charAt(0).toUpperCase()}${evidence.reason.slice(1)}`;
    if (standIn?.kind === 'templates-differ') {
      return {
        ...empty,
        headline: `${reason}; the v1.12-or-earlier state was observed:`,
        link: {
          text: 'these settings with ingress-nginx v1.12 or earlier',
          href: scenarioPermalink({ id: standIn.scenario, params: standIn.params }, base),
        },
      };
    }
    return { ...empty, headline: `Not run in the lab: ${evidence.reason}.` };
  }
  // A stand-in's transcript was another state's recipe: only a state's own case speaks for its "Reproduce it" output.
  const transcript = evidence.transcriptMatched && !standIn ? ', and netexec printed the output “Reproduce it” expects' : '';
  const agreement =
    evidence.verdict === 'pass'
      ? `the real software agreed with the model${transcript}`
      : `the real software disagreed with the model: ${evidence.reason}`;
  const template =
    standIn?.kind === 'same-template'
      ? ` Observed with the ingress-nginx ${evidence.ingressNginx ?? 'controller-v1.11.0'} template; v1.13 changed nothing that this state depends on.`
      : '';
  const kp = evidence.kubeProxy;
  return {
    headline: `Observed in the lab on ${evidence.observedOn}: ${agreement}.${template}`,
    software: softwareLines(evidence),
    ruleDumps: (kp?.rules ?? []).map((r) => ({
      text: `node ${r.node} (${/(iptables-save|nft list ruleset)/.exec(r.command)?.[1] ?? r.command})`,
      href: `${base}evidence/${r.file}`,
    })),
    otherReleases: (kp?.otherReleases ?? []).map((o) =>
      o.same
        ? `kube-proxy ${releaseName(o.release)}'s own proxier, on the same case: same result.`
        : `kube-proxy ${releaseName(o.release)}'s own proxier, on the same case: a different result; the real software ${o.verdict === 'pass' ? 'agreed with the model' : `disagreed with the model: ${o.reason}`}.`,
    ),
    command: evidence.command ?? '',
    raw: evidence.raw ?? '',
  };
}
