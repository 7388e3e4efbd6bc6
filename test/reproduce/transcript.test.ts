/** Reading pasted transcripts and comparing them with a state's expected one. */
import { describe, expect, it } from 'vitest';
import { trace, type Role } from '../../src/model/index.ts';
import { everyNthState } from '../model/helpers.ts';
import { plan } from '../../src/model/addresses.ts';
import { expectedTranscript, rolePlaceholders, transcriptText, type ExpectedLine } from '../../src/reproduce/echo-server.ts';
import {
  compareTranscript,
  diagnoseFieldsOf,
  MAX_PASTE_CHARS,
  parseTranscript,
  type PastedTranscript,
} from '../../src/reproduce/transcript.ts';
import { pasteResultHtml, pasteVerdict } from '../../src/views/reproduce-view.ts';

/** Addresses a reader's cluster might have, one per role, none of them the guide's own. */
const readerAddresses: Record<Role, string> = {
  client: '198.51.100.200',
  'source-pod': '10.244.2.7',
  'load-balancer': '10.0.0.250',
  'entry-node': '10.0.0.12',
  'entry-node-bridge': '10.244.2.1',
  'endpoint-node': '10.0.0.11',
  'ingress-pod': '10.244.1.30',
  'gateway-pod': '10.244.1.31',
  spoofed: '203.0.113.66',
  'app-pod': '10.244.1.10',
  'cluster-ip': '10.96.0.10',
  'node-port': '10.0.0.13',
  'lb-vip': '198.51.100.10',
};

/** What a reader's terminal shows for a state: every placeholder replaced by that reader's address, ports by one. */
function readerOutput(lines: readonly ExpectedLine[]): string {
  let text = transcriptText(lines).replaceAll('<port>', '51234').replaceAll('…', 'Connection timed out after 5001 milliseconds');
  for (const [role, placeholder] of Object.entries(rolePlaceholders)) text = text.replaceAll(placeholder, readerAddresses[role as Role]);
  return text;
}

function read(text: string): PastedTranscript {
  const pasted = parseTranscript(text);
  if ('problem' in pasted) throw new Error(pasted.problem);
  return pasted;
}

describe('parseTranscript', () => {
  it('refuses an empty box, an oversized paste and another server’s output, with a message', () => {
    expect(parseTranscript('  \n')).toHaveProperty('problem');
    expect(parseTranscript('x'.repeat(1_000_000))).toEqual({ problem: expect.stringContaining('1,000,000 characters') });
    expect(parseTranscript('Hostname: app\nIP: 10.244.1.10\nRemoteAddr: 10.0.0.12:4312')).toEqual({
      problem: expect.stringContaining('not what the command prints'),
    });
    expect(parseTranscript('{"X-Forwarded-For":["203.0.113.7"]}')).toHaveProperty('problem');
    expect(MAX_PASTE_CHARS).toBeLessThan(1_000_000);
  });

  it('reads labels in any case, curl errors as exit codes, and says what it skipped', () => {
    const pasted = read('$ for p in …\nCLIENTIP: 10.0.0.12:4312\nheader?key=X-Forwarded-For: curl: (28) Operation timed out\n');
    expect(pasted.answers).toEqual({
      clientip: { kind: 'answer', text: '10.0.0.12:4312' },
      'header?key=X-Forwarded-For': { kind: 'failure', curlExit: 28 },
    });
    expect(pasted.messages).toEqual(['Missing: “header?key=X-Real-IP:”; compared without it.', '1 other line ignored.']);
  });
});

describe('compareTranscript', () => {
  it('every state’s expected output, as a reader’s cluster prints it, matches that state (every 50th state)', () => {
    let compared = 0;
    for (const { id, params } of everyNthState(50)) {
      const expected = expectedTranscript(trace(id, params));
      if (!expected) continue;
      const result = compareTranscript(expected, read(readerOutput(expected)));
      expect(result.matches, `${id} ${new URLSearchParams(params)}: ${JSON.stringify(result.lines)}`).toBe(true);
      compared++;
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('another state’s output matches only where its shape differs (roles are the reader’s to check), and says which line differs', () => {
    const local = expectedTranscript(trace('nodeport', { externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' }))!;
    const cluster = expectedTranscript(trace('nodeport', { externalTrafficPolicy: 'Cluster', entry: 'node-without-endpoint' }))!;
    const result = compareTranscript(local, read(readerOutput(cluster)));
    // The peer's shape is the same (an address and a port): only telling two roles apart could tell them apart.
    expect(result.matches).toBe(true);
    const timeout = expectedTranscript(trace('nodeport', { externalTrafficPolicy: 'Local', entry: 'node-without-endpoint' }))!;
    const refused = compareTranscript(timeout, read(readerOutput(local)));
    expect(refused.matches).toBe(false);
    expect(refused.lines[0]!.why).toBe('The app answered; in this state the request should fail (curl exit 28).');
  });

  it('holds a placeholder to one address and two placeholders to two addresses', () => {
    const expected = expectedTranscript(trace('ingress', { useForwardedHeaders: 'true', computeFullForwardedFor: 'true' }))!;
    expect(transcriptText(expected)).toBe(
      'clientip: <ingress-nginx-pod-ip>:<port>\nheader?key=X-Forwarded-For: <your-public-ip>, <entry-node-ip>\nheader?key=X-Real-IP: <your-public-ip>',
    );
    const good = 'clientip: 10.244.1.30:5000\nheader?key=X-Forwarded-For: 198.51.100.200, 10.0.0.12\nheader?key=X-Real-IP: 198.51.100.200';
    expect(compareTranscript(expected, read(good)).matches).toBe(true);
    const twoClients = good.replace('X-Real-IP: 198.51.100.200', 'X-Real-IP: 198.51.100.201');
    expect(compareTranscript(expected, read(twoClients)).lines[2]!.why).toBe(
      '<your-public-ip> was 198.51.100.200 on an earlier line, 198.51.100.201 here.',
    );
    const sameTwice = good.replace('198.51.100.200, 10.0.0.12', '10.0.0.12, 10.0.0.12');
    expect(compareTranscript(expected, read(sameTwice)).matches).toBe(false);
    expect(compareTranscript(expected, read(good.replace('10.244.1.30:5000', 'ingress:5000'))).lines[0]!.why).toBe(
      '“ingress” is not an IP address.',
    );
  });
});

describe('the paste box', () => {
  it('diagnoses a transcript that does not match, with the pasted addresses and no ports', () => {
    const expected = expectedTranscript(trace('nodeport', { externalTrafficPolicy: 'Local', entry: 'node-without-endpoint' }));
    const verdict = pasteVerdict(
      expected,
      'clientip: 10.0.0.12:4312\nheader?key=X-Forwarded-For: 203.0.113.66, 198.51.100.200\nheader?key=X-Real-IP:',
      '/',
    );
    expect(verdict).toMatchObject({ comparison: { matches: false } });
    expect('diagnoseHref' in verdict && new URL(verdict.diagnoseHref!, 'https://x/').searchParams.get('xForwardedFor')).toBe(
      '203.0.113.66, 198.51.100.200',
    );
    expect(diagnoseFieldsOf(read('clientip: [2001:db8::1]:443\nheader?key=X-Real-IP:'))).toEqual({
      remoteAddr: '2001:db8::1',
      xForwardedFor: 'none',
      xRealIp: 'none',
      proxyProtocol: 'none',
    });
  });

  it('lists the address each placeholder stood for when the paste matches', () => {
    const expected = expectedTranscript(trace('nodeport', { externalTrafficPolicy: 'Cluster', entry: 'node-without-endpoint' }));
    const html = pasteResultHtml(
      pasteVerdict(expected, 'clientip: 10.0.0.12:4312\nheader?key=X-Forwarded-For:\nheader?key=X-Real-IP:', '/'),
    );
    expect(html).toBe(
      '<p><strong>Matches this state</strong>, if these are right:</p><ul><li><code>&#60;entry-node-ip&#62;</code> is 10.0.0.12</li></ul>',
    );
  });

  it('says “nothing” for a header the state does not send', () => {
    const expected = expectedTranscript(trace('nodeport', { externalTrafficPolicy: 'Cluster', entry: 'node-without-endpoint' }));
    const html = pasteResultHtml(pasteVerdict(expected, 'clientip: 10.0.0.12:4312\nheader?key=X-Real-IP: 10.0.0.9', '/'));
    expect(html).toContain('got <code>10.0.0.9</code>, expected nothing. The app received this header; in this state it receives none.');
  });

  it('never writes pasted markup as markup', () => {
    const html = pasteResultHtml(pasteVerdict(null, 'clientip: <img src=x onerror=alert(1)>:1', '/'));
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img');
    expect(plan.client).toBe('203.0.113.7');
  });
});
