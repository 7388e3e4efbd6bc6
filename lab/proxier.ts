/**
 * kube-proxy's own code in the lab: builds lab/kube-proxy (a small Go main linking
 * k8s.io/kubernetes' pkg/proxy/iptables, nftables and healthcheck at a pinned release),
 * writes each node's spec from the Registry, starts one process per node namespace,
 * waits for its first complete sync, and dumps the rules it wrote.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabMode } from './cases.ts';
import { lab } from './plan.ts';
import type { LabService } from './services.ts';
import { must, run, type Processes } from './shell.ts';

/** The releases the lab runs: the pinned one (every case) and the second one (kube-proxy's cases only). */
export const kubeProxyReleases = ['v1.37.2', 'v1.36.3'] as const;

/** A release of kube-proxy the lab runs. */
export type KubeProxyRelease = (typeof kubeProxyReleases)[number];

/** The lab's node names as kube-proxy knows them (Node objects, EndpointSlice nodeName). */
export const nodeNames = { A: 'node-a', B: 'node-b' } as const;

/** The Service range the lab's ClusterIPs come from (kube-proxy drops traffic to unallocated ClusterIPs in it). */
const serviceCidr = `${lab.serviceBase.slice(0, 3).join('.')}.0/24`;

/** Runs lab/kube-proxy/build.sh with one argument; returns the binary's path it prints, or throws with its error. */
async function buildFromKubernetesModule(target: string, what: string): Promise<string> {
  const result = await run(join(import.meta.dirname, 'kube-proxy', 'build.sh'), [target], 40 * 60_000);
  if (result.code !== 0) throw new Error(`building ${what} failed: ${result.stderr.trim().slice(-2000)}`);
  return result.stdout.trim();
}

/** Builds (or finds up to date) the kube-proxy binary of a release; returns its path. A cold build takes minutes. */
export function buildKubeProxy(release: KubeProxyRelease): Promise<string> {
  return buildFromKubernetesModule(release, `kube-proxy ${release}`);
}

/**
 * Builds the lab's echo server, agnhost's netexec from the pinned k8s.io/kubernetes (lab/kube-proxy/netexec; seconds
 * once kube-proxy's dependencies are cached); returns the binary's path or throws.
 */
export function buildNetexec(): Promise<string> {
  return buildFromKubernetesModule('netexec', 'netexec');
}

/** The k8s.io/kubernetes version linked into a binary, from the binary's own build information. */
export async function kubeProxyVersion(binary: string): Promise<string> {
  return (await must(binary, ['--version'])).trim();
}

/** The spec one node's kube-proxy reads: the node, the mode, every Service with its single endpoint. */
export function proxierSpec(node: 'A' | 'B', mode: LabMode, services: readonly LabService[]): object {
  return {
    nodeName: nodeNames[node],
    nodeIP: node === 'A' ? lab.nodeA : lab.nodeB,
    mode,
    clusterCIDR: lab.clusterCidr,
    serviceCIDR: serviceCidr,
    services: services.map((s) => ({
      name: s.name,
      type: s.type,
      clusterIP: s.clusterIp,
      port: s.port,
      nodePort: s.nodePort,
      externalTrafficPolicy: s.policy,
      healthCheckNodePort: s.healthCheckNodePort ?? 0,
      // kube-proxy writes its load-balancer-IP rules from the Service's status, as the cloud controller sets it.
      loadBalancerIngressIP: s.type === 'LoadBalancer' ? lab.lbVip : '',
      endpoints: [{ ip: s.endpoint.ip, port: s.endpoint.port, nodeName: nodeNames[s.endpoint.node], ready: true }],
    })),
  };
}

/**
 * Starts kube-proxy for one node inside its namespace (iptables-nft only, its xtables lock under the run's
 * directory) and resolves once it printed "synced"; the process is recorded so the run stops it by PID.
 */
export function startKubeProxy(
  processes: Processes,
  namespace: string,
  binary: string,
  spec: object,
  dir: string,
  label: string,
): Promise<ChildProcess> {
  const specFile = join(dir, `kube-proxy-${label}.json`);
  writeFileSync(specFile, JSON.stringify(spec, null, 1));
  const child = spawn(
    'ip',
    ['netns', 'exec', namespace, 'env', `XTABLES_LOCKFILE=${join(dir, `xtables-${label}.lock`)}`, binary, specFile],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  processes.children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 50_000) stderr += chunk.toString();
  });
  child.on('exit', () => writeFileSync(join(dir, `kube-proxy-${label}.log`), stderr));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`kube-proxy in ${namespace} did not sync within 60 s:\n${stderr.slice(-2000)}`)),
      60_000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('synced\n')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kube-proxy in ${namespace} exited (${code}) before syncing:\n${stderr.slice(-2000)}`));
    });
  });
}

/** A node's rules as kube-proxy left them, and the command that listed them (without the run's tag). */
export interface RuleDump {
  node: 'A' | 'B';
  command: string;
  dump: string;
}

/** Lists a node's rules after sync: `iptables-save` in iptables mode, `nft list ruleset` in nftables mode. */
export async function ruleDump(node: 'A' | 'B', namespace: string, mode: LabMode): Promise<RuleDump> {
  const args = mode === 'iptables' ? ['iptables-save'] : ['nft', 'list', 'ruleset'];
  const dump = await must('ip', ['netns', 'exec', namespace, ...args]);
  // iptables-save stamps each table with the time; left out so the evidence changes only when the rules do.
  const stable = dump.replace(/^# (Generated by|Completed on) .*\n/gm, '');
  return { node, command: `ip netns exec ${namespace.replace(/^fg\d+[a-z]*-/, 'fg-')} ${args.join(' ')}`, dump: stable };
}

/** Splits one iptables-save rule line into arguments, honouring its double quotes. */
export function ruleArgs(line: string): string[] {
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

/**
 * Deletes kube-proxy's own "masquerade traffic for … external destinations" rule of one Service from a node's
 * real nat table (iptables mode), for the case that shows why it exists. Returns the command, for the evidence.
 */
export async function deleteMasqueradeRule(namespace: string, rules: RuleDump, service: LabService): Promise<string> {
  const comment = `masquerade traffic for default/${service.name}:http external destinations`;
  const line = rules.dump.split('\n').find((l) => l.startsWith('-A KUBE-EXT-') && l.includes(`"${comment}"`));
  if (!line) throw new Error(`kube-proxy wrote no rule "${comment}" on this node`);
  const args = ['-t', 'nat', '-D', ...ruleArgs(line).slice(1)];
  await must('ip', ['netns', 'exec', namespace, 'iptables', ...args]);
  const shown = args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ');
  return `ip netns exec ${namespace.replace(/^fg\d+[a-z]*-/, 'fg-')} iptables ${shown}`;
}
