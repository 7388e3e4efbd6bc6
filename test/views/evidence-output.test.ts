import { describe, expect, it } from 'vitest';
import { labAddressRows } from '../../src/evidence/lab-address-map.ts';
import {
  OUTPUT_FILE_LINK_TEXT,
  evidenceOutputHtml,
  evidenceOutputText,
  evidenceSourcesHtml,
  outputFileLinkHtml,
  rowsShown,
} from '../../src/views/evidence-output.ts';

/** A NodePort case through node B as the lab runs it: the client's namespace, node B's lab address as the peer. */
const view = {
  software: ["Rules written by kube-proxy v1.37.2's own proxier, iptables mode."],
  ruleDumps: [{ text: 'node B (iptables-save)', href: '/kb/evidence/rules-1.txt' }],
  otherReleases: ["kube-proxy v1.36.3's own proxier, on the same case: same result."],
  command: "ip netns exec fg-client curl -sS http://198.18.20.12:30080/ -H 'X-Test: <b>'",
  raw: '\n{"remote_addr":"198.18.20.12"}\n',
};

describe('rowsShown', () => {
  it('keeps the rows whose lab address the command or output shows, in the table order', () => {
    const shown = rowsShown(view, labAddressRows());
    expect(shown.map((row) => row.lab)).toEqual(['198.18.20.12']);
    expect(shown[0]?.page).toBe('192.0.2.12');
  });

  it('matches whole addresses only: 198.18.20.1 is not in 198.18.20.12', () => {
    const rows = [{ lab: '198.18.20.1', page: '192.0.2.1', role: 'a node' }];
    expect(rowsShown(view, rows)).toEqual([]);
  });
});

describe('evidenceOutputHtml', () => {
  it('is empty where the lab ran nothing', () => {
    expect(evidenceOutputHtml({ command: '', raw: '' }, labAddressRows())).toBe('');
  });

  it('writes the command and output escaped, and a table of the addresses shown only', () => {
    const html = evidenceOutputHtml(view, labAddressRows());
    expect(html).toContain('<pre data-evidence-command>');
    expect(html).toContain('X-Test: &#60;b&#62;');
    expect(html).not.toContain('<b>');
    expect(html.match(/<tr data-lab-address=/g)).toHaveLength(1);
    expect(html).toContain('<tr data-lab-address="198.18.20.12"><td><code>198.18.20.12</code></td><td><code>192.0.2.12</code></td>');
  });

  it('leaves the table out when the output shows no lab address', () => {
    const html = evidenceOutputHtml({ command: 'true', raw: 'ok' }, labAddressRows());
    expect(html).not.toContain('<table');
  });
});

describe('evidenceOutputText', () => {
  it('is the software, the rule dumps, the command, the output without its blank edges, then each address shown', () => {
    expect(evidenceOutputText(view, labAddressRows())).toBe(
      [
        "# The lab's software",
        "Rules written by kube-proxy v1.37.2's own proxier, iptables mode.",
        "kube-proxy v1.36.3's own proxier, on the same case: same result.",
        '',
        "# Each node's rules as kube-proxy wrote them",
        'node B (iptables-save): /kb/evidence/rules-1.txt',
        '',
        "# The lab's command",
        view.command,
        '',
        '# Its raw output',
        '{"remote_addr":"198.18.20.12"}',
        '',
        '# The lab runs in 198.18.0.0/15, so its output shows its own addresses; each stands for an address of this page (ports differ too: the lab gives each variant its own).',
        `198.18.20.12 = 192.0.2.12: ${rowsShown(view, labAddressRows())[0]?.role}`,
        '',
      ].join('\n'),
    );
  });

  it('leaves out the sections it has nothing for', () => {
    const text = evidenceOutputText({ ...view, software: [], ruleDumps: [], otherReleases: [], raw: 'ok' }, labAddressRows());
    expect(text.startsWith(`# The lab's command\n${view.command}\n\n# Its raw output\nok\n\n# The lab runs in`)).toBe(true);
    expect(text).not.toMatch(/software|rules as kube-proxy/);
  });
});

describe('evidenceSourcesHtml', () => {
  it('writes the software, the rule dumps as links and the other releases, escaped', () => {
    expect(evidenceSourcesHtml(view)).toBe(
      '<p>Rules written by kube-proxy v1.37.2&#39;s own proxier, iptables mode.</p>' +
        '<p>Each node\'s rules as kube-proxy wrote them: <a href="/kb/evidence/rules-1.txt">node B (iptables-save)</a></p>' +
        '<p>kube-proxy v1.36.3&#39;s own proxier, on the same case: same result.</p>',
    );
  });

  it('leaves out the parts it has nothing for', () => {
    expect(evidenceSourcesHtml({ software: [], ruleDumps: [], otherReleases: [] })).toBe('');
    expect(evidenceSourcesHtml({ ...view, ruleDumps: [], otherReleases: [] })).not.toContain('rules as kube-proxy');
  });
});

describe('outputFileLinkHtml', () => {
  it('links the text file, its address escaped', () => {
    expect(outputFileLinkHtml('/kb/evidence/a.txt?x="1"')).toBe(
      `<a href="/kb/evidence/a.txt?x=&#34;1&#34;">${OUTPUT_FILE_LINK_TEXT.replace("'", '&#39;')}</a>`,
    );
  });
});
