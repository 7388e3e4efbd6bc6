/**
 * `npm run lab`: rebuilds the guide's topologies on the real Linux network
 * stack (network namespaces, kube-proxy's own proxier and health check server, HAProxy, nginx
 * configured from the client-IP slice of ingress-nginx's own rendered template, nginx as
 * the app's PROXY listener, Traefik's own entry point and proxy (lab/traefik), NGINX Gateway Fabric's and
 * haproxy-ingress's test-expected configuration on nginx and HAProxy (lab/gateway-configs.ts), an echo app), runs every case, compares each
 * with the model, prints a table and "N passed, N failed", and writes
 * lab/evidence.json. Needs root. Everything it creates is removed at the end,
 * also when a case fails or the run is interrupted.
 * With --if-possible it exits 0 with a one-line notice where it cannot run.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildCases, type LabCase, type LabMode, type SkippedCase } from './cases.ts';
import { expectation, observe, verdict, type Observation } from './compare.ts';
import { gatewayLoadBalancerConfig, haproxyIngressConfig, ngfNginxConfig } from './gateway-configs.ts';
import { haproxyConfig, passthroughRules } from './haproxy-config.ts';
import { proxyListenerConfig } from './nginx-app-config.ts';
import { realipNginxConfig } from './nginx-realip-config.ts';
import { sliceIngressNginxConf } from './ingress-nginx-slice.ts';
import { ingressNginxConfigMap, renderIngressNginxConf, rendererPath, rendererVersion } from './ingress-nginx/render.ts';
import { lab } from './plan.ts';
import {
  buildKubeProxy,
  buildNetexec,
  deleteMasqueradeRule,
  kubeProxyReleases,
  kubeProxyVersion,
  proxierSpec,
  ruleDump,
  startKubeProxy,
  type KubeProxyRelease,
  type RuleDump,
} from './proxier.ts';
import { Registry } from './services.ts';
import { LAB_MAX_SECONDS, normalizeLabTranscript, peerOfTranscript, transcriptCheck } from './transcript.ts';
import { must, Processes, run } from './shell.ts';
import { build, destroy, namespaces } from './topology.ts';
import { buildTraefik, traefikArgs, traefikClientIp, traefikHaproxyConfig, traefikRelease } from './traefik/lab.ts';

const ifPossible = process.argv.includes('--if-possible');
/** The kube-proxy releases this run uses: both, or with --pinned-only the pinned one alone. */
const releases = process.argv.includes('--pinned-only') ? kubeProxyReleases.slice(0, 1) : kubeProxyReleases;
/** The kube-proxy binaries of the releases the lab runs, built by missingRequirements. */
const kubeProxyBinaries = new Map<KubeProxyRelease, string>();
/** The lab's Traefik binary (lab/traefik), built by missingRequirements. */
let traefikBinary = '';
/** The lab's echo server, agnhost's netexec (lab/kube-proxy/netexec), built by missingRequirements. */
let netexecBinary = '';
/** The groups whose verdict depends on kube-proxy: the second release runs only these. */
const kubeProxyGroups = new Set(['pod-to-pod', 'nodeport', 'loadbalancer', 'health-check', 'gotcha']);
const started = performance.now();
/** netexec's ports in each app pod: the app's, the gotcha Service's, and the one the PROXY listener relays to. */
const APP_NETEXEC_PORTS = [8080, 8082, 8083] as const;

/** What the lab needs on the machine, each with the reason it is missing, if it is. */
async function missingRequirements(): Promise<string[]> {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('root (network namespaces and iptables need it)');
  for (const [command, pkg] of [
    ['ip', 'iproute2'],
    ['iptables', 'iptables'],
    ['haproxy', 'haproxy'],
    ['nginx', 'nginx-light'],
    ['curl', 'curl'],
    ['nft', 'nftables'],
    ['bridge', 'iproute2'],
  ] as const) {
    if ((await run('sh', ['-c', `command -v ${command}`])).code !== 0) missing.push(`${command} (Debian package ${pkg})`);
  }
  const iptables = await run('iptables', ['-V']);
  if (iptables.code === 0 && !iptables.stdout.includes('nf_tables'))
    missing.push('iptables with the nf_tables backend (update-alternatives --set iptables /usr/sbin/iptables-nft)');
  if (!existsSync('/usr/lib/nginx/modules/ngx_http_headers_more_filter_module.so'))
    missing.push('nginx headers-more module (Debian package libnginx-mod-http-headers-more-filter)');
  if (!existsSync('/proc/sys/net/bridge')) missing.push('br_netfilter (modprobe br_netfilter)');
  // ingress-nginx's own template renders the ingress configuration: build the renderer (fast when up to date).
  if ((await run('sh', ['-c', 'command -v go'])).code !== 0)
    missing.push("go 1.26 or newer (to build ingress-nginx's template renderer and kube-proxy)");
  else {
    const built = await run('bash', [join(import.meta.dirname, 'ingress-nginx', 'build.sh')], 900_000);
    if (built.code !== 0 || !existsSync(rendererPath))
      missing.push(`ingress-nginx's template renderer (lab/ingress-nginx/build.sh failed: ${built.stderr.trim().split('\n').at(-1)})`);
    // kube-proxy's own proxier and health check server, one binary per release (minutes when cold, instant when up to
    // date); not built where the lab cannot run anyway.
    for (const release of missing.length === 0 ? releases : []) {
      try {
        kubeProxyBinaries.set(release, await buildKubeProxy(release));
      } catch (error) {
        missing.push(`kube-proxy ${release} (lab/kube-proxy/build.sh failed: ${String(error).trim().split('\n').at(-1)})`);
      }
    }
    // The app: agnhost's netexec, the echo server the pages' recipes run.
    if (missing.length === 0) {
      try {
        netexecBinary = await buildNetexec();
      } catch (error) {
        missing.push(`netexec (lab/kube-proxy/build.sh netexec failed: ${String(error).trim().split('\n').at(-1)})`);
      }
    }
    // Traefik's own entry point and proxy (lab/traefik; minutes when cold, instant when up to date).
    if (missing.length === 0) {
      try {
        traefikBinary = await buildTraefik();
      } catch (error) {
        missing.push(`Traefik ${traefikRelease()} (lab/traefik/build.sh failed: ${String(error).trim().split('\n').at(-1)})`);
      }
    }
  }
  return missing;
}

/** Waits until every TCP listener answers, or fails after a few seconds. */
async function waitForListeners(targets: { ns: string; address: string }[]): Promise<void> {
  const deadline = Date.now() + 8000;
  for (const target of targets) {
    for (;;) {
      const probe = await run('ip', ['netns', 'exec', target.ns, 'sh', '-c', `ss -ltn | grep -q ' ${target.address} '`]);
      if (probe.code === 0) break;
      if (Date.now() > deadline) throw new Error(`nothing listens on ${target.address} in ${target.ns}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Sends one case's request with curl, bounded in time. */
async function send(c: LabCase): Promise<{ command: string; stdout: string; stderr: string; code: number }> {
  const args = [
    'netns',
    'exec',
    c.request.from,
    'curl',
    '-sS',
    '--connect-timeout',
    '0.6',
    '--max-time',
    '2',
    '-o',
    '-',
    '-w',
    '\n__STATUS__%{http_code}',
  ];
  for (const header of c.request.headers) args.push('-H', header);
  args.push(...(c.request.curlArgs ?? []));
  args.push(c.request.url);
  const result = await run('ip', args, 4000);
  const shown = args
    .slice(3)
    .map((a) => (/[\s,]/.test(a) ? `'${a.replaceAll('\n', '\\n')}'` : a))
    .join(' ');
  return { command: `${recordedNetnsExec(c)} ${shown}`, ...result };
}

/**
 * How the evidence writes `ip netns exec <namespace>` for a case: without the run's tag, so the evidence file changes
 * only when the evidence does.
 */
function recordedNetnsExec(c: LabCase): string {
  return `ip netns exec ${c.request.from.replace(/^fg\d+[a-z]*-/, 'fg-')}`;
}

/** Runs the page's transcript loop (lab/transcript.ts) from the case's namespace; curl's errors come in order with the answers. */
async function sendLoop(c: LabCase, loop: string): Promise<{ command: string; output: string }> {
  const result = await run('ip', ['netns', 'exec', c.request.from, 'sh', '-c', `(${loop}) 2>&1`], (LAB_MAX_SECONDS * 3 + 4) * 1000);
  return { command: `${recordedNetnsExec(c)} sh -c '${loop}'`, output: result.stdout };
}

/** Runs tasks with at most `limit` at once. */
async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i]!);
      }
    }),
  );
  return results;
}

/** One result of a case. */
interface CaseResult {
  c: LabCase;
  sent: Awaited<ReturnType<typeof send>>;
  seen: Observation;
  expected: Observation;
  /** The page's transcript, as the lab expects it and as netexec printed it, where the state has one. */
  transcript?: { command: string; expected: string; observed: string };
  pass: boolean;
  reason: string;
}

/** What one lab run produced. */
interface RunResult {
  release: KubeProxyRelease;
  mode: LabMode;
  /** Each node's rules as kube-proxy wrote them, listed after its first sync. */
  rules: RuleDump[];
  /** Commands the lab ran on kube-proxy's rules after the sync (the gotcha's deleted masquerade rule). */
  edits: string[];
  results: CaseResult[];
  skipped: SkippedCase[];
  setupSeconds: number;
  casesSeconds: number;
}

/**
 * Builds the topology for one kube-proxy release and mode, runs its cases (the second release: kube-proxy's cases
 * only), and removes everything it made, whatever happens.
 */
async function runLab(mode: LabMode, release: KubeProxyRelease, cleanups: (() => Promise<void>)[]): Promise<RunResult> {
  const pinned = release === kubeProxyReleases[0];
  const tag = `${process.pid % 100000}${mode === 'nftables' ? 'n' : ''}${pinned ? '' : 'p'}`;
  const ns = namespaces(tag);
  const dir = mkdtempSync(join(tmpdir(), 'fg-lab-'));
  const processes = new Processes();
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await processes.stopAll();
    await destroy(ns);
    rmSync(dir, { recursive: true, force: true });
  };
  cleanups.push(cleanup);
  try {
    const setupStart = performance.now();
    const registry = new Registry();
    const built = buildCases(ns, registry, mode);
    const { nginx, traefik, gateways } = built;
    const cases = pinned ? built.cases : built.cases.filter((c) => kubeProxyGroups.has(c.group));
    const skipped = pinned ? built.skipped : [];
    await build(ns);
    // kube-proxy's own proxier writes each node's rules and serves its health check node ports.
    const binary = kubeProxyBinaries.get(release)!;
    const nodes = [
      ['A', ns.nodeA],
      ['B', ns.nodeB],
    ] as const;
    await Promise.all(
      nodes.map(([node, name]) =>
        startKubeProxy(processes, name, binary, proxierSpec(node, mode, registry.services), dir, `${node.toLowerCase()}-${mode}`),
      ),
    );
    const rules = await Promise.all(nodes.map(([node, name]) => ruleDump(node, name, mode)));
    const edits: string[] = [];
    for (const s of registry.services.filter((service) => service.removeMasquerade))
      edits.push(await deleteMasqueradeRule(ns.nodeB, rules[1]!, s));
    await must('ip', ['netns', 'exec', ns.lb, 'iptables-restore'], passthroughRules(registry.frontends));
    // The app is agnhost's netexec, one per port (it listens on every address of its pod); the app pod's PROXY
    // listener is Debian's nginx, so its reaction to a missing header is nginx's, and it relays to netexec on 8083.
    for (const appNs of [ns.appBridge, ns.appRouted])
      for (const port of APP_NETEXEC_PORTS)
        processes.start(appNs, netexecBinary, [`--http-port=${port}`, '--udp-port=-1'], join(dir, `${appNs}-netexec-${port}.log`));
    for (const [appNs, ip] of [
      [ns.appBridge, lab.bridgeA.app],
      [ns.appRouted, lab.routedA.app],
    ] as const) {
      const appDir = join(dir, appNs);
      mkdirSync(appDir, { recursive: true });
      writeFileSync(join(appDir, 'nginx.conf'), proxyListenerConfig(appDir, `${ip}:8081`, '127.0.0.1:8083'));
      processes.start(
        appNs,
        'nginx',
        ['-p', appDir, '-e', join(appDir, 'error.log'), '-c', join(appDir, 'nginx.conf')],
        join(appDir, 'stderr.log'),
      );
    }
    const listeners: { ns: string; address: string }[] = [
      ...[ns.appBridge, ns.appRouted].flatMap((appNs) => APP_NETEXEC_PORTS.map((port) => ({ ns: appNs, address: `*:${port}` }))),
      { ns: ns.appBridge, address: `${lab.bridgeA.app}:8081` },
      { ns: ns.appRouted, address: `${lab.routedA.app}:8081` },
    ];
    // One nginx per ingress-nginx option set, configured from the client-IP slice of what ingress-nginx's template renders.
    for (const [podNs, servers] of nginx.ingress) {
      for (const server of servers) {
        const nginxDir = join(dir, podNs, `ingress-${server.id}`);
        mkdirSync(nginxDir, { recursive: true });
        const [address, port] = server.upstream.split(':') as [string, string];
        const rendered = renderIngressNginxConf(ingressNginxConfigMap(server.config), { address, port });
        writeFileSync(join(nginxDir, 'rendered.conf'), rendered);
        writeFileSync(
          join(nginxDir, 'nginx.conf'),
          sliceIngressNginxConf(rendered, { listen: server.listen, upstream: server.upstream, dir: nginxDir }),
        );
        processes.start(
          podNs,
          'nginx',
          ['-p', nginxDir, '-e', join(nginxDir, 'error.log'), '-c', join(nginxDir, 'nginx.conf')],
          join(nginxDir, 'stderr.log'),
        );
        listeners.push({ ns: podNs, address: server.listen });
      }
    }
    const lbDir = join(dir, 'lb');
    mkdirSync(lbDir);
    writeFileSync(join(lbDir, 'nginx.conf'), realipNginxConfig(lbDir, nginx.realip));
    processes.start(
      ns.lb,
      'nginx',
      ['-p', lbDir, '-e', join(lbDir, 'error.log'), '-c', join(lbDir, 'nginx.conf')],
      join(lbDir, 'stderr.log'),
    );
    writeFileSync(join(lbDir, 'haproxy.cfg'), haproxyConfig(lbDir, registry.frontends));
    processes.start(ns.lb, 'haproxy', ['-db', '-f', join(lbDir, 'haproxy.cfg')], join(lbDir, 'haproxy.log'));
    if (nginx.realip.length > 0) listeners.push({ ns: ns.lb, address: nginx.realip.at(-1)!.listen });
    // Traefik's entry points in node A's namespace, proxying to the echo app, with a TCP HAProxy in front of each.
    const traefikLog = join(dir, 'traefik-clients.log');
    for (const [i, server] of traefik.entries()) {
      const args = traefikArgs(server, lab.loadBalancer, `http://${lab.bridgeA.app}:8080`, traefikLog);
      processes.start(ns.nodeA, traefikBinary, args, join(dir, `traefik-${i}.log`));
      listeners.push({ ns: ns.nodeA, address: server.listen });
    }
    if (traefik.length > 0) {
      writeFileSync(join(lbDir, 'haproxy-traefik.cfg'), traefikHaproxyConfig(lbDir, lab.lbVip, traefik));
      processes.start(ns.lb, 'haproxy', ['-db', '-f', join(lbDir, 'haproxy-traefik.cfg')], join(lbDir, 'haproxy-traefik.log'));
      listeners.push({ ns: ns.lb, address: `${lab.lbVip}:${traefik.at(-1)!.lbProxyPort}` });
    }
    // NGINX Gateway Fabric's and haproxy-ingress's transcribed configuration (lab/gateway-configs.ts) on Debian's nginx
    // and HAProxy in node A's namespace, proxying to the echo app, with a TCP HAProxy in front of each gateway.
    const upstream = `${lab.bridgeA.app}:8080`;
    const gatewayProcesses = [
      {
        name: 'ngf',
        servers: gateways.ngf,
        command: 'nginx',
        config: 'nginx.conf',
        text: (d: string) => ngfNginxConfig(d, gateways.ngf, upstream),
      },
      {
        name: 'haproxy-ingress',
        servers: gateways.haproxyIngress,
        command: 'haproxy',
        config: 'haproxy.cfg',
        text: (d: string) => haproxyIngressConfig(d, gateways.haproxyIngress, upstream),
      },
    ];
    for (const g of gatewayProcesses) {
      if (g.servers.length === 0) continue;
      const gDir = join(dir, g.name);
      mkdirSync(gDir, { recursive: true });
      writeFileSync(join(gDir, g.config), g.text(gDir));
      const args =
        g.command === 'nginx'
          ? ['-p', gDir, '-e', join(gDir, 'error.log'), '-c', join(gDir, g.config)]
          : ['-db', '-f', join(gDir, g.config)];
      processes.start(ns.nodeA, g.command, args, join(gDir, 'stderr.log'));
      writeFileSync(join(lbDir, `haproxy-${g.name}.cfg`), gatewayLoadBalancerConfig(lbDir, `haproxy-${g.name}`, lab.lbVip, g.servers));
      processes.start(ns.lb, 'haproxy', ['-db', '-f', join(lbDir, `haproxy-${g.name}.cfg`)], join(lbDir, `haproxy-${g.name}.log`));
      listeners.push(...g.servers.map((server) => ({ ns: ns.nodeA, address: server.listen })), {
        ns: ns.lb,
        address: `${lab.lbVip}:${g.servers.at(-1)!.lbProxyPort}`,
      });
    }
    const proxied = registry.frontends.filter((f) => f.kind !== 'l4-passthrough').at(-1);
    if (proxied) listeners.push({ ns: ns.lb, address: `${lab.lbVip}:${proxied.port}` });
    await waitForListeners(listeners);
    const setupSeconds = (performance.now() - setupStart) / 1000;

    const casesStart = performance.now();
    const results = await pool(cases, 8, async (c): Promise<CaseResult> => {
      // A state's case first runs the page's own transcript loop, then asks netexec for every header line.
      const planned = transcriptCheck(c.check, c.request.url);
      const said = planned ? await sendLoop(c, planned.loop) : null;
      const sent = await send(c);
      // The gotcha's evidence names the command that deleted kube-proxy's rule before the request.
      if (c.group === 'gotcha' && edits.length) sent.command = `${edits.join(' && ')} && ${sent.command}`;
      const seen: Observation = observe(sent.stdout, sent.code, c.check.kind, said ? peerOfTranscript(said.output) : null);
      if (c.group === 'gateway-traefik' && c.check.kind === 'gateway' && seen.delivered)
        seen.clientIp = traefikClientIp(join(dir, 'traefik-clients.log'), c.check.path);
      const expected = expectation(c.check);
      const outcome = verdict(c.check, seen, expected);
      if (!planned || !said) return { c, sent, seen, expected, ...outcome };
      const transcript = { command: said.command, expected: planned.expected, observed: normalizeLabTranscript(said.output) };
      // The evidence shows the transcript first: it is the page's own command and output.
      sent.command = `${said.command}\n${sent.command}`;
      sent.stdout = `${said.output.trimEnd()}\n${sent.stdout}`;
      // A case that already failed keeps its first difference as its reason.
      const judged = !outcome.pass
        ? outcome
        : transcript.observed === transcript.expected
          ? { pass: true, reason: `${outcome.reason}, and netexec printed the page's expected transcript` }
          : { pass: false, reason: `transcript: page ${JSON.stringify(transcript.expected)}, lab ${JSON.stringify(transcript.observed)}` };
      return { c, sent, seen, expected, transcript, ...judged };
    });
    const casesSeconds = (performance.now() - casesStart) / 1000;

    return { release, mode, rules, edits, results, skipped, setupSeconds, casesSeconds };
  } finally {
    await cleanup();
  }
}

/** The ingress-nginx release whose template, rendered by its own code, configures the lab's ingress servers. */
function ingressNginxVersion(): string {
  const v = rendererVersion();
  return v
    ? `ingress-nginx ${v.release} (${v.module}): nginx.tmpl rendered by its own template code; client-IP slice run on Debian's nginx`
    : 'not built';
}

async function main(): Promise<number> {
  const missing = await missingRequirements();
  if (missing.length > 0) {
    if (ifPossible) {
      console.log(`lab: skipped, this machine lacks ${missing.join(', ')} (CI installs them and runs the lab).`);
      return 0;
    }
    console.error(`lab: cannot run; missing: ${missing.join('; ')}`);
    return 2;
  }
  const cleanups: (() => Promise<void>)[] = [];
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`lab: ${signal}, cleaning up`);
    void Promise.all(cleanups.map((cleanup) => cleanup())).then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const runs: RunResult[] = [];
  for (const release of releases) for (const mode of ['iptables', 'nftables'] as const) runs.push(await runLab(mode, release, cleanups));
  const pinnedRelease = kubeProxyReleases[0];
  const results = runs.filter((r) => r.release === pinnedRelease).flatMap((r) => r.results.map((result) => ({ mode: r.mode, ...result })));
  const otherResults = runs
    .filter((r) => r.release !== pinnedRelease)
    .flatMap((r) => r.results.map((result) => ({ release: r.release, ...result })));
  const skipped = runs.flatMap((r) => r.skipped);
  const linked = new Map<string, string>();
  for (const release of releases) linked.set(release, await kubeProxyVersion(kubeProxyBinaries.get(release)!));
  const setupSeconds = runs.reduce((sum, r) => sum + r.setupSeconds, 0);
  const casesSeconds = runs.reduce((sum, r) => sum + r.casesSeconds, 0);
  const versions = {
    kernel: (await run('uname', ['-r'])).stdout.trim(),
    iptables: (await run('iptables', ['-V'])).stdout.trim(),
    haproxy: (await run('haproxy', ['-v'])).stdout.split('\n')[0]!.trim(),
    nginx: (await run('nginx', ['-v'])).stderr.trim(),
    ingressNginx: ingressNginxVersion(),
    gatewayConfigs:
      'NGINX Gateway Fabric v2.6.7 and haproxy-ingress v0.16.1: the configuration lines their own unit tests expect, transcribed with citations in lab/gateway-configs.ts, run on the nginx and HAProxy above',
    traefik: `github.com/traefik/traefik/v3 ${traefikRelease()}: its own TCP entry point (PROXY listener, forwardedHeaders) and reverse proxy, linked into lab/traefik`,
    kubeProxy: `${linked.get(pinnedRelease)} (kube-proxy's iptables and nftables proxiers and its health check server, linked from the module into lab/kube-proxy)`,
    curl: (await run('curl', ['--version'])).stdout.split('\n')[0]!.trim(),
    node: process.version,
  };
  const failed = [...results, ...otherResults].filter((r) => !r.pass);
  const byGroup = new Map<string, { pass: number; fail: number }>();
  for (const r of [...results, ...otherResults]) {
    const name = 'release' in r ? `${r.c.group} ${r.release}` : r.c.group;
    const g = byGroup.get(name) ?? { pass: 0, fail: 0 };
    if (r.pass) g.pass++;
    else g.fail++;
    byGroup.set(name, g);
  }
  console.log(`lab: ${versions.kernel}, ${versions.iptables}, ${versions.haproxy}, ${versions.nginx}`);
  console.log(`lab: kube-proxy ${[...linked.values()].join(', ')}`);
  console.log('group                    passed  failed');
  for (const [group, g] of byGroup) console.log(`${group.padEnd(24)} ${String(g.pass).padStart(6)}  ${String(g.fail).padStart(6)}`);
  for (const r of failed.slice(0, 40))
    console.log(`FAIL ${'release' in r ? `[kube-proxy ${r.release}] ` : ''}${r.c.id}\n     ${r.reason}\n     ${r.sent.command}`);
  if (skipped.length) console.log(`not run: ${skipped.length} cases (${[...new Set(skipped.map((s) => s.why))].join('; ')})`);
  const evidence = {
    generated: new Date().toISOString().slice(0, 10),
    versions,
    addressMap: 'lab/plan.ts maps the model’s documentation addresses onto 198.18.0.0/15',
    timing: { setupSeconds: Number(setupSeconds.toFixed(2)), casesSeconds: Number(casesSeconds.toFixed(2)) },
    cases: results.map((r) => ({
      id: r.c.id,
      group: r.c.group,
      // The kube-proxy whose rules the request met: kubeProxy.runs holds each node's rule dump for it.
      kubeProxy: r.c.group.startsWith('gateway-') ? undefined : { release: linked.get(pinnedRelease)!, mode: r.mode },
      check: r.c.check,
      command: r.sent.command,
      raw: (r.sent.stdout + (r.sent.stderr ? `\n${r.sent.stderr}` : '')).replace('\n__STATUS__', '\nHTTP status: ').slice(0, 2000),
      observed: r.seen,
      expected: r.expected,
      ...(r.transcript ? { transcript: { expected: r.transcript.expected, observed: r.transcript.observed } } : {}),
      verdict: r.pass ? 'pass' : 'fail',
      reason: r.reason,
    })),
    skipped,
    kubeProxy: {
      releases: [...linked.values()],
      // Each node's rules as kube-proxy itself wrote them, once per release and mode, listed after its first sync.
      runs: runs.map((r) => ({ release: linked.get(r.release)!, mode: r.mode, rules: r.rules, edits: r.edits })),
      // The second release runs kube-proxy's cases again; the pages show the pinned release's cases above.
      otherReleaseCases: otherResults.map((r) => ({
        id: r.c.id,
        release: linked.get(r.release)!,
        command: r.sent.command,
        observed: r.seen,
        expected: r.expected,
        verdict: r.pass ? 'pass' : 'fail',
        reason: r.reason,
      })),
    },
  };
  if (!process.argv.includes('--no-write'))
    writeFileSync(join(import.meta.dirname, 'evidence.json'), `${JSON.stringify(evidence, null, 1)}\n`);
  const total = (performance.now() - started) / 1000;
  console.log(
    `lab: setup ${setupSeconds.toFixed(1)} s, ${results.length + otherResults.length} cases ${casesSeconds.toFixed(1)} s, total ${total.toFixed(1)} s`,
  );
  console.log(`${results.length + otherResults.length - failed.length} passed, ${failed.length} failed`);
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`lab: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
