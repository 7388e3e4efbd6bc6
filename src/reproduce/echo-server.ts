/**
 * The echo server a reader runs to reproduce a state: agnhost's `netexec`, the image Kubernetes' own end-to-end tests
 * use. Read in k8s.io/kubernetes@v1.37.2 test/images/agnhost/netexec/netexec.go: `/clientip` writes `r.RemoteAddr`
 * (Go's "ip:port" of the TCP peer); `/header?key=K` writes `r.Header.Get(K)`, the first line of that header only;
 * `/header` writes every header as JSON. The tag is test/images/agnhost/VERSION (2.66.1), the same one
 * test/utils/image/manifest.go names for registry.k8s.io/e2e-test-images. The image carries curl (its Dockerfile's
 * `apk add … curl …`), so the same image serves as the calling pod.
 *
 * This module computes what the reader should see, in netexec's own format, from a trace: the lines of the transcript
 * the recipe's command prints, with placeholders for the addresses that differ from cluster to cluster.
 */
import type { Address, Role, Trace } from '../model/index.ts';
import { expectedFailure, type ClientFailure } from '../model/failure.ts';

/** The echo server's image, as Kubernetes' e2e tests pin it (test/utils/image/manifest.go, v1.37.2). */
export const ECHO_IMAGE = 'registry.k8s.io/e2e-test-images/agnhost:2.66.1';

/** The port netexec listens on (`--http-port`, default 8080). */
export const ECHO_PORT = 8080;

/** The requests the recipe sends, in order, each printed on its own line as `path: answer`. */
export const echoPaths = ['clientip', 'header?key=X-Forwarded-For', 'header?key=X-Real-IP'] as const;

/** One of the requests the recipe sends. */
export type EchoPath = (typeof echoPaths)[number];

/**
 * One piece of an expected line: literal text, an address the reader's cluster decides (its role, and the guide's
 * address for it, which the lab maps onto its own), or a port.
 */
export type ExpectedPart = { text: string } | { role: Role; ip: string } | { port: 'any' };

/** How an address part is written: the page writes its role's placeholder; the lab writes its own address for it. */
export type AddressWriter = (part: { role: Role; ip: string }) => string;

/** The page's writer: the placeholder of the part's role. */
export const placeholderOf: AddressWriter = (part) => rolePlaceholders[part.role];

/** What one request should print: netexec's answer, or curl's error when the request fails. */
export type ExpectedAnswer = { kind: 'answer'; parts: ExpectedPart[] } | { kind: 'failure'; failure: ClientFailure; curlExit: number };

/** One expected line of the transcript. */
export interface ExpectedLine {
  path: EchoPath;
  answer: ExpectedAnswer;
}

/** How a placeholder reads, per role: the reader's own address for it. The forged address is literal: the recipe sends it. */
export const rolePlaceholders: Record<Role, string> = {
  client: '<your-public-ip>',
  'source-pod': '<client-pod-ip>',
  'load-balancer': '<load-balancer-source-ip>',
  'entry-node': '<entry-node-ip>',
  'entry-node-bridge': '<entry-node-cni-gateway-ip>',
  'endpoint-node': '<app-node-ip>',
  'ingress-pod': '<ingress-nginx-pod-ip>',
  'gateway-pod': '<gateway-pod-ip>',
  spoofed: '203.0.113.66',
  'app-pod': '<app-pod-ip>',
  'cluster-ip': '<cluster-ip>',
  'node-port': '<node-ip>',
  'lb-vip': '<load-balancer-ip>',
};

/** The placeholder for a peer's port: the client side of a TCP connection picks it. */
export const PORT_PLACEHOLDER = '<port>';

/** What each placeholder stands for, in words, for the table under the expected output. */
export const placeholderMeanings: Record<Role, string> = {
  client: 'the address your machine’s requests leave from, as the internet sees it (behind NAT, your router’s)',
  'source-pod': 'the calling pod’s IP (kubectl get pod client -o wide)',
  'load-balancer': 'the address your load balancer connects to the nodes from (its private address, or one of its proxy range)',
  'entry-node': 'the InternalIP of the node the request entered (kubectl get nodes -o wide)',
  'entry-node-bridge': 'the entry node’s pod-network gateway, the bridge address on its pod CIDR (often cni0, x.x.x.1)',
  'endpoint-node': 'the InternalIP of the node running the app pod',
  'ingress-pod': 'the ingress-nginx controller pod’s IP (kubectl -n ingress-nginx get pods -o wide)',
  'gateway-pod': 'the gateway’s data-plane pod IP',
  spoofed: 'the forged X-Forwarded-For entry the command sends',
  'app-pod': 'the app pod’s IP',
  'cluster-ip': 'the Service’s ClusterIP',
  'node-port': 'a node’s InternalIP',
  'lb-vip': 'the load balancer’s IP or hostname',
};

/** The exit code curl reports for each failure, as the recipe runs it (`curl -sS -m 5 -f`: -f turns an HTTP error into exit 22). */
export function curlExitOf(failure: ClientFailure): number {
  switch (failure.kind) {
    case 'timeout':
      return 28;
    case 'reset':
      return 56;
    case 'refused':
      return 7;
    case 'http-status':
      return 22;
    case 'empty-reply':
      return 52;
  }
}

/** The parts of one header entry: the address, and `:port` where the proxy wrote one (Azure Application Gateway). */
function entryParts(address: Address): ExpectedPart[] {
  const ip: ExpectedPart = address.role === 'spoofed' ? { text: address.ip } : { role: address.role, ip: address.ip };
  return address.port === undefined ? [ip] : [ip, { text: ':' }, { port: 'any' }];
}

/** The parts of a header line's value: its entries joined by ", ", as Go prints a single header line. */
function listParts(values: readonly Address[]): ExpectedPart[] {
  return values.flatMap((value, i) => (i === 0 ? entryParts(value) : [{ text: ', ' }, ...entryParts(value)]));
}

/**
 * The transcript the recipe's command should print for a trace: for a delivered request, netexec's answers (the TCP
 * peer with any port; the first X-Forwarded-For line, since `Header.Get` returns the first; the first X-Real-IP line),
 * computed from the header lines the app received; for a request that never arrives, curl's exit code on every line.
 * Null where netexec cannot answer at all: a PROXY protocol header reaches the app itself, which netexec does not read.
 */
export function expectedTranscript(trace: Pick<Trace, 'delivered' | 'dropCode' | 'hops' | 'observed'>): ExpectedLine[] | null {
  if (!trace.delivered || !trace.observed) {
    const failure = expectedFailure(trace);
    if (!failure) return null;
    const answer: ExpectedAnswer = { kind: 'failure', failure, curlExit: curlExitOf(failure) };
    return echoPaths.map((path) => ({ path, answer }));
  }
  if (trace.observed.proxyProtocol) return null;
  const received = trace.hops.at(-1)?.headers ?? [];
  const firstLine = (name: string) => received.find((line) => line.name.toLowerCase() === name.toLowerCase())?.values ?? [];
  const peer = trace.observed.remoteAddr;
  return [
    { path: 'clientip', answer: { kind: 'answer', parts: [...entryParts({ ...peer, port: undefined }), { text: ':' }, { port: 'any' }] } },
    { path: 'header?key=X-Forwarded-For', answer: { kind: 'answer', parts: listParts(firstLine('X-Forwarded-For')) } },
    { path: 'header?key=X-Real-IP', answer: { kind: 'answer', parts: listParts(firstLine('X-Real-IP').slice(0, 1)) } },
  ];
}

/**
 * One expected answer as text, addresses written by `writeAddress` (placeholders by default); a failure reads as
 * curl's message starts (`curl: (28) …`).
 */
export function answerText(answer: ExpectedAnswer, writeAddress: AddressWriter = placeholderOf): string {
  if (answer.kind === 'failure') return `curl: (${answer.curlExit}) …`;
  return answer.parts.map((part) => ('text' in part ? part.text : 'role' in part ? writeAddress(part) : PORT_PLACEHOLDER)).join('');
}

/** The expected transcript as the reader's terminal shows it, a line per request (addresses as in answerText). */
export function transcriptText(lines: readonly ExpectedLine[], writeAddress: AddressWriter = placeholderOf): string {
  return lines.map((line) => `${line.path}: ${answerText(line.answer, writeAddress)}`.trimEnd()).join('\n');
}

/** The roles whose placeholders appear in a transcript, in order of first appearance. */
export function transcriptRoles(lines: readonly ExpectedLine[]): Role[] {
  const seen = new Set<Role>();
  for (const line of lines)
    if (line.answer.kind === 'answer') for (const part of line.answer.parts) if ('role' in part) seen.add(part.role);
  return [...seen];
}

/**
 * The shell loop that prints the transcript: one request per path to `base` (scheme, host and port), each line
 * labelled with its path; `forged`, when given, is sent as the client's own X-Forwarded-For. Double quotes only, so
 * the loop can be wrapped in `sh -c '…'`.
 */
export function transcriptCommand(base: string, forged?: string): string {
  const header = forged ? ` -H "X-Forwarded-For: ${forged}"` : '';
  return `for p in ${echoPaths.map((path) => (path.includes('?') ? `"${path}"` : path)).join(' ')}; do printf "%s: " "$p"; curl -sS -m 5 -f${header} "${base}/$p"; echo; done`;
}
