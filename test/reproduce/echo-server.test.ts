/**
 * The expected transcript, stated by hand for a few states. netexec's format is from
 * k8s.io/kubernetes@v1.37.2 test/images/agnhost/netexec/netexec.go: clientIPHandler writes r.RemoteAddr ("ip:port"),
 * headerHandler with a key writes r.Header.Get(key), the first line of that header only.
 */
import { describe, expect, it } from 'vitest';
import { trace } from '../../src/model/index.ts';
import { expectedTranscript, transcriptCommand, transcriptText } from '../../src/reproduce/echo-server.ts';

/** The transcript of a state, as text. */
function expectedText(id: string, params: Record<string, string>): string | null {
  const lines = expectedTranscript(trace(id, params));
  return lines && transcriptText(lines);
}

describe('expectedTranscript', () => {
  it('Local with an endpoint on the entry node: the client itself, no headers', () => {
    expect(expectedText('nodeport', { externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' })).toBe(
      'clientip: <your-public-ip>:<port>\nheader?key=X-Forwarded-For:\nheader?key=X-Real-IP:',
    );
  });

  it('Cluster through a node without the endpoint: the entry node, masqueraded', () => {
    expect(expectedText('nodeport', { externalTrafficPolicy: 'Cluster', entry: 'node-without-endpoint' })).toBe(
      'clientip: <entry-node-ip>:<port>\nheader?key=X-Forwarded-For:\nheader?key=X-Real-IP:',
    );
  });

  it('Local through a node without the endpoint: curl times out on every request', () => {
    expect(expectedText('nodeport', { externalTrafficPolicy: 'Local', entry: 'node-without-endpoint' })).toBe(
      'clientip: curl: (28) …\nheader?key=X-Forwarded-For: curl: (28) …\nheader?key=X-Real-IP: curl: (28) …',
    );
  });

  it('ingress-nginx trusting everything: the forged entry in both headers, the controller pod as the peer', () => {
    expect(expectedText('ingress', { useForwardedHeaders: 'true', spoofedHeader: 'present' })).toBe(
      'clientip: <ingress-nginx-pod-ip>:<port>\nheader?key=X-Forwarded-For: 203.0.113.66\nheader?key=X-Real-IP: 203.0.113.66',
    );
  });

  it('a load balancer that adds its own X-Forwarded-For line: netexec shows only the first line, the forged one', () => {
    // HAProxy's option forwardfor adds a header line of its own; Go's Header.Get returns the first line.
    expect(
      expectedText('loadbalancer', {
        lb: 'l7-http',
        externalTrafficPolicy: 'Local',
        entry: 'node-with-endpoint',
        spoofedHeader: 'present',
      }),
    ).toBe('clientip: <load-balancer-source-ip>:<port>\nheader?key=X-Forwarded-For: 203.0.113.66\nheader?key=X-Real-IP:');
  });

  it('no transcript where a PROXY protocol header reaches the app: netexec reads plain HTTP', () => {
    expect(expectedText('loadbalancer', { lb: 'l4-proxy-protocol', proxyProtocol: 'true' })).toBeNull();
  });
});

describe('transcriptCommand', () => {
  it('labels each request with its path and sends the forged header where asked', () => {
    expect(transcriptCommand('http://<load-balancer-ip>', '203.0.113.66')).toBe(
      'for p in clientip "header?key=X-Forwarded-For" "header?key=X-Real-IP"; do printf "%s: " "$p"; curl -sS -m 5 -f -H "X-Forwarded-For: 203.0.113.66" "http://<load-balancer-ip>/$p"; echo; done',
    );
  });

  it('uses double quotes only, so it can be wrapped in sh -c', () => {
    expect(transcriptCommand('http://a')).not.toContain("'");
  });
});
