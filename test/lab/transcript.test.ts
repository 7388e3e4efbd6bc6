/**
 * The lab's run of the page's transcript (lab/transcript.ts): the page's own loop with the lab's target, forged entry
 * and time limit; netexec's output read back into the page's terms. The netexec lines below are what netexec printed
 * in a network namespace here (k8s.io/kubernetes@v1.37.2 test/images/agnhost/netexec/netexec.go: clientIPHandler
 * writes r.RemoteAddr, headerHandler writes r.Header.Get(key)); the curl line is curl 7.88's own error message.
 */
import { describe, expect, it } from 'vitest';
import { buildCases } from '../../lab/cases.ts';
import { Registry } from '../../lab/services.ts';
import { namespaces } from '../../lab/topology.ts';
import { lab } from '../../lab/plan.ts';
import {
  LAB_MAX_SECONDS,
  expectedLabTranscript,
  labLoop,
  loopOf,
  normalizeLabTranscript,
  peerOfTranscript,
  transcriptCheck,
} from '../../lab/transcript.ts';
import { trace } from '../../src/model/index.ts';
import { recipeFor } from '../../src/reproduce/recipe.ts';

const nodeportForged = {
  podNetwork: 'bridge',
  proxyMode: 'iptables',
  externalTrafficPolicy: 'Cluster',
  source: 'external',
  entry: 'node-without-endpoint',
  spoofedHeader: 'present',
};

describe('labLoop', () => {
  const command = recipeFor(trace('nodeport', nodeportForged)).run.command;

  it('takes the page’s loop and changes only the target, the forged entry and the time limit', () => {
    const loop = labLoop(command, 'http://198.18.20.12:30080');
    expect(loop).toBe(
      loopOf(command)
        .replace('http://<other-node-ip>:<node-port>', 'http://198.18.20.12:30080')
        .replace('-m 5', `-m ${LAB_MAX_SECONDS}`)
        .replace('203.0.113.66', lab.spoofed),
    );
    expect(loop).toContain(`-H "X-Forwarded-For: ${lab.spoofed}"`);
  });

  it('finds the loop inside kubectl exec', () => {
    const command = recipeFor(trace('nodeport', { ...nodeportForged, source: 'pod' })).run.command;
    expect(command.startsWith('kubectl exec client -- sh -c ')).toBe(true);
    expect(labLoop(command, 'http://198.18.20.12:30080').startsWith('for p in clientip ')).toBe(true);
  });

  it('refuses a loop whose shape it does not know', () => {
    expect(() => labLoop('curl http://x/', 'http://y')).toThrow(/no transcript loop/);
    expect(() => labLoop('for p in clientip; do curl "$p"; done', 'http://y')).toThrow(/changed shape/);
  });
});

describe('normalizeLabTranscript', () => {
  it('writes the peer’s port, the forged entry and curl’s wording as the page does', () => {
    const printed = ['clientip: 198.18.20.11:36734', `header?key=X-Forwarded-For: ${lab.spoofed}`, 'header?key=X-Real-IP: ', ''].join('\n');
    expect(normalizeLabTranscript(printed)).toBe(
      ['clientip: 198.18.20.11:<port>', 'header?key=X-Forwarded-For: 203.0.113.66', 'header?key=X-Real-IP:'].join('\n'),
    );
    // curl ends its error line with a newline and the loop's echo adds another: the page has no blank lines.
    const failed = "clientip: curl: (7) Failed to connect to 127.0.0.1 port 8089 after 8 ms: Couldn't connect to server\n\n";
    expect(normalizeLabTranscript(`${failed}${failed.replace('clientip', 'header?key=X-Real-IP')}`)).toBe(
      'clientip: curl: (7) …\nheader?key=X-Real-IP: curl: (7) …',
    );
  });

  it('reads the peer from the clientip line, and nothing from a failure', () => {
    expect(peerOfTranscript('clientip: 198.18.20.11:36734\nheader?key=X-Real-IP:')).toBe('198.18.20.11');
    expect(peerOfTranscript('clientip: [2001:db8::1]:443')).toBe('2001:db8::1');
    expect(peerOfTranscript('clientip: curl: (28) Connection timed out after 2001 milliseconds')).toBeNull();
  });
});

describe('expectedLabTranscript', () => {
  it('writes the lab’s address for each placeholder of the page’s transcript', () => {
    const expected = recipeFor(trace('nodeport', nodeportForged)).expected!;
    // SNAT to node B, which entered the request; the forged line passes untouched.
    expect(expectedLabTranscript(expected, 'bridge')).toBe(
      ['clientip: 198.18.20.12:<port>', 'header?key=X-Forwarded-For: 203.0.113.66', 'header?key=X-Real-IP:'].join('\n'),
    );
  });
});

describe('transcriptCheck', () => {
  const cases = buildCases(namespaces('1'), new Registry(), 'iptables').cases;

  it('plans a transcript for the state cases whose page shows one, and for no other case', () => {
    const planned = cases.filter((c) => transcriptCheck(c.check, c.request.url) !== null);
    expect(planned.length).toBeGreaterThan(500);
    expect(planned.every((c) => c.check.kind === 'trace')).toBe(true);
    for (const c of cases.filter((c) => c.check.kind !== 'trace')) expect(transcriptCheck(c.check, c.request.url)).toBeNull();
  });

  it('points the loop at the origin the case’s own request goes to', () => {
    for (const c of cases.slice(0, 200)) {
      const planned = transcriptCheck(c.check, c.request.url);
      if (planned) expect(planned.loop).toContain(`"${new URL(c.request.url).origin}/$p"`);
    }
  });
});
