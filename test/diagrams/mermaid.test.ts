/**
 * The generated Mermaid text, checked against hand-written diagrams. The addresses are the page's address plan
 * (client 203.0.113.7, node B 192.0.2.12, the app pod 198.18.1.10 on node A). The behaviour drawn: IPVS without SNAT,
 * k8s.io/kubernetes v1.37.2 pkg/proxy/ipvs/proxier.go, syncEndpoint (with externalTrafficPolicy Local and no local
 * endpoint it uses the cluster's endpoints: "the reply will have the POD address and will be discarded", kubernetes PR
 * 97081); nginx's answers, src/http/ngx_http_parse.c ngx_http_parse_request_line (a PROXY line read as a request line
 * is answered 400) and src/core/ngx_proxy_protocol.c ngx_proxy_protocol_read ("broken header": closed without a
 * response); kube-proxy's drop, k8s.io/kubernetes v1.37.2 pkg/proxy/iptables/proxier.go syncProxyRules (DROP, "has no
 * local endpoints").
 */
import { describe, expect, it } from 'vitest';
import { describeTrace, flowchart, sequenceDiagram } from '../../src/diagrams/mermaid.ts';
import { definitions, scenarioStates, trace } from '../../src/model/index.ts';
import { traced } from '../model/helpers.ts';

/** The diagram without its accessibility header lines, which carry the long drop sentence. */
function body(text: string): string[] {
  return text.split('\n').filter((line) => !/^\s*acc(Title|Descr):/.test(line));
}

describe('IPVS, Local, entering the node without an endpoint: the reply bypasses node B (kube-proxy’s IPVS proxier)', () => {
  const t = traced('nodeport', { externalTrafficPolicy: 'Local', proxyMode: 'ipvs' });

  it('the sequence diagram draws the reply with the reply’s addresses: from the pod to the client, not the request’s', () => {
    // The pod received 203.0.113.7 → 198.18.1.10; its reply is 198.18.1.10 → 203.0.113.7. Node A never saw node B's
    // DNAT, so nothing rewrites the source back to 192.0.2.12, the address the client connected to.
    expect(body(sequenceDiagram(t))).toEqual([
      'sequenceDiagram',
      '  participant client as Client',
      '  participant nodeB as Node B',
      '  participant nodeA as Node A (endpoint)',
      '  client->>nodeB: 203.0.113.7 → 192.0.2.12',
      '  Note over nodeB: DNAT: destination 192.0.2.12 → 198.18.1.10',
      '  nodeB->>nodeA: 203.0.113.7 → 198.18.1.10',
      '  nodeA-->>client: reply 198.18.1.10 → 203.0.113.7',
      '  Note over client: 203.0.113.7 connected to 192.0.2.12 and<br/>expects the reply from there#59; a reply<br/>from 198.18.1.10 matches no connection,<br/>so the connection never completes<br/>(time-out)',
    ]);
  });

  it('no arrow towards the client carries the request’s addresses 203.0.113.7 → 198.18.1.10', () => {
    expect(sequenceDiagram(t)).not.toMatch(/->>client: 203\.0\.113\.7 → 198\.18\.1\.10/);
  });

  it('the flowchart shows the reply from the pod’s address and a time-out, not a plain drop', () => {
    expect(body(flowchart(t))).toEqual([
      'flowchart TB',
      '  client["Client"]',
      '  nodeB["Node B"]',
      '  nodeA["Node A (endpoint)"]',
      '  client --> nodeB',
      '  nodeB -->|"DNAT"| nodeA',
      '  nodeA -.->|"reply from 198.18.1.10"| client',
      '  dropped(["✕ no reply → time-out"])',
      '  client -.-x dropped',
      '  class dropped drop',
      '  class client,nodeB,nodeA onpath',
    ]);
  });

  it('behind an L7 load balancer the reply goes to the load balancer 192.0.2.2, which opened the connection to node B', () => {
    const lines = body(sequenceDiagram(traced('loadbalancer', { externalTrafficPolicy: 'Local', proxyMode: 'ipvs' })));
    expect(lines).toContain('  nodeA-->>lb: reply 198.18.1.10 → 192.0.2.2');
  });
});

describe('a request nginx answers with HTTP 400 is not drawn as "dropped" (nginx’s request-line and PROXY protocol parsers)', () => {
  it('ingress-nginx without use-proxy-protocol behind a PROXY protocol load balancer: the note and the end node say HTTP 400', () => {
    const t = traced('ingress', { lb: 'l4-proxy-protocol' });
    expect(sequenceDiagram(t)).toContain(
      'Note over ingress: Not delivered: nginx in the ingress<br/>controller pod answers HTTP 400 Bad<br/>Request',
    );
    expect(flowchart(t)).toContain('dropped(["✕ HTTP 400"])');
    expect(flowchart(t)).not.toContain('✕ dropped');
  });
  it('a listener that expects PROXY protocol and gets plain HTTP closes the connection; the HTTP load balancer in front answers 502', () => {
    const t = traced('ingress', { lb: 'l7-http', useProxyProtocol: 'true' });
    expect(flowchart(t)).toContain('dropped(["✕ closed, no response → HTTP 502"])');
  });
  it('kube-proxy’s drop on a node without a local endpoint: dropped, the client times out', () => {
    expect(flowchart(traced('nodeport', { externalTrafficPolicy: 'Local' }))).toContain('dropped(["✕ dropped → time-out"])');
  });
});

describe('the text alternative names places, roles and the scenario, never their ids', () => {
  const t = traced('nodeport', { externalTrafficPolicy: 'Cluster' });
  const header = (text: string) => text.split('\n').filter((line) => /^\s*acc(Title|Descr):/.test(line));

  it('titles both diagrams by the scenario title and describes remote_addr by its role name', () => {
    const [seqTitle, seqDescr] = header(sequenceDiagram(t));
    const [flowTitle, flowDescr] = header(flowchart(t));
    expect(seqTitle).toBe('  accTitle: Hops of the NodePort scenario');
    expect(flowTitle).toBe('  accTitle: Path of the NodePort scenario');
    expect(seqDescr).toBe(flowDescr);
    expect(seqDescr).toContain('The request goes from the client, then node B, then node A, then the app pod.');
    expect(seqDescr).toContain('(the entry node)');
    expect(seqDescr).not.toMatch(/\((entry-node|client|load-balancer)\)/);
  });

  it('names pod to pod’s node roles after the caller', () => {
    expect(describeTrace(traced('pod-to-pod', { caller: 'node', placement: 'other-node' }))).toContain('(the caller’s node)');
  });
});

describe('every state of every scenario', () => {
  const states = definitions.flatMap((scenario) => [...scenarioStates(scenario)].map((params) => trace(scenario.id, params)));
  /** A label's text with Mermaid's entities and line breaks taken out: what is left must hold no character Mermaid reads as syntax. */
  const bare = (text: string) => text.replace(/<br\/>/g, ' ').replace(/#\d+;/g, '');

  it('the sequence diagram declares every participant before an arrow or a note uses it, and escapes every label', () => {
    for (const t of states) {
      const declared = new Set<string>();
      for (const line of sequenceDiagram(t).split('\n').slice(3)) {
        const participant = /^ {2}participant (\w+) as (.+)$/.exec(line);
        const arrow = /^ {2}(\w+)(->>|-->>)(\w+): (.+)$/.exec(line);
        const note = /^ {2}Note over (\w+): (.+)$/.exec(line);
        if (participant) {
          declared.add(participant[1]!);
          expect(bare(participant[2]!)).not.toMatch(/[#;"<>]/);
        } else if (arrow) {
          expect(declared, `${t.id} ${line}`).toContain(arrow[1]);
          expect(declared, `${t.id} ${line}`).toContain(arrow[3]);
          expect(bare(arrow[4]!)).not.toMatch(/[#;"<>]/);
        } else if (note) {
          expect(declared, `${t.id} ${line}`).toContain(note[1]);
          expect(bare(note[2]!)).not.toMatch(/[#;"<>]/);
        } else throw new Error(`${t.id}: unexpected line ${line}`);
      }
    }
  });

  it('the flowchart declares every node an edge joins, reaches the app when delivered, and draws exactly one drop when not', () => {
    for (const t of states) {
      const text = flowchart(t);
      const nodes = new Set([...text.matchAll(/^ {2}(\w+)\["([^"]*)"\]$/gm)].map((m) => m[1]!));
      for (const edge of text.matchAll(/^ {2}(\w+) -(?:->|\.->|\.-x)(?:\|"([^"]*)"\|)? (\w+)$/gm)) {
        expect(nodes.has(edge[1]!) || edge[1] === 'dropped', `${t.id} ${edge[0]}`).toBe(true);
        expect(nodes.has(edge[3]!) || edge[3] === 'dropped', `${t.id} ${edge[0]}`).toBe(true);
        if (edge[2]) expect(bare(edge[2])).not.toMatch(/[#;"<>]/);
      }
      if (t.delivered) expect(nodes.has('app')).toBe(true);
      expect(text.match(/^ {2}dropped\(/gm)?.length ?? 0).toBe(t.delivered ? 0 : 1);
    }
  });

  it('a delivered request’s last arrow reaches the app with the addresses and X-Forwarded-For the answer says the app sees', () => {
    for (const t of states.filter((s) => s.observed)) {
      const last = sequenceDiagram(t)
        .split('\n')
        .findLast((line) => /->>app: /.test(line));
      const o = t.observed!;
      expect(last, t.id).toBeDefined();
      const [addresses, ...headers] = last!.slice(last!.indexOf(': ') + 2).split('<br/>');
      expect(addresses!.split(' → ')[0]).toBe(o.remoteAddr.ip);
      const xff = headers.find((h) => h.startsWith('X-Forwarded-For: '));
      expect(xff ?? null, `${t.id} ${JSON.stringify(t.params)}`).toBe(
        o.xForwardedFor ? `X-Forwarded-For: ${o.xForwardedFor.map((a) => (a.port ? `${a.ip}:${a.port}` : a.ip)).join(', ')}` : null,
      );
    }
  });
});

describe('notes', () => {
  it('a long note is broken into lines of at most 40 characters, a short one is left whole', () => {
    const t = traced('nodeport', { externalTrafficPolicy: 'Local', proxyMode: 'ipvs' });
    const note = sequenceDiagram(t)
      .split('\n')
      .find((line) => line.startsWith('  Note over client: '))!;
    const lines = note.slice('  Note over client: '.length).split('<br/>');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.replace(/#\d+;/g, ';').length).toBeLessThanOrEqual(40);
    expect(sequenceDiagram(traced('nodeport'))).toContain('  Note over nodeB: DNAT: destination 192.0.2.12 → 198.18.1.10');
  });
});
