/**
 * Registers a transcribed packet-flow file as Vitest cases: each upstream case becomes one test, run against the
 * model under every pod network, or one skipped test that says why the model cannot express it.
 */
import { describe, expect, it } from 'vitest';
import {
  KUBERNETES_REPOSITORY,
  KUBERNETES_VERSION,
  type PacketFlowGroup,
  goTestName,
  mapPacketFlowCase,
  modelVerdict,
  podNetworks,
  traceMapped,
} from './packet-flow.ts';

/** How the suite is cited and which kube-proxy mode its rules are. */
export interface PacketFlowFile {
  path: string;
  proxyMode: 'iptables' | 'nftables';
  groups: PacketFlowGroup[];
  /** Cases where upstream and the model disagree, by Go test name, with what each says: skipped until the model is fixed. */
  disagreements?: Record<string, string>;
  /** How many packetFlowTest cases each Go test function runs upstream, counted by hand from the file. */
  upstreamCounts: Record<string, number>;
}

/** Declares the Vitest cases of one transcribed file. */
export function describePacketFlowFile(file: PacketFlowFile): void {
  const cite = `${KUBERNETES_REPOSITORY} ${KUBERNETES_VERSION} ${file.path}`;
  describe(cite, () => {
    it('transcribes every packetFlowTest case of the file (counted per Go test function)', () => {
      const counts: Record<string, number> = {};
      for (const group of file.groups) {
        const fn = group.test.split('/')[0]!;
        counts[fn] = (counts[fn] ?? 0) + group.cases.length;
      }
      expect(counts).toEqual(file.upstreamCounts);
    });
    for (const group of file.groups) {
      for (const c of group.cases) {
        const name = `${goTestName(group, c)} (line ${c.line})`;
        const mapped = mapPacketFlowCase(group, c, file.proxyMode);
        if (mapped.kind === 'not-expressible') {
          it.skip(`${name}: not expressible: ${mapped.reason}`, () => {});
          continue;
        }
        const title = `${name}${mapped.projection ? ` [${mapped.projection}]` : ''}`;
        const run = () => {
          for (const podNetwork of podNetworks) {
            const verdict = modelVerdict(traceMapped(mapped, podNetwork));
            expect({ ...verdict, podNetwork }, `${mapped.scenario} ${JSON.stringify(mapped.params)}`).toMatchObject({
              ...mapped.expected,
              podNetwork,
            });
          }
        };
        const disagreement = file.disagreements?.[goTestName(group, c)];
        if (disagreement) it.skip(`DISAGREES WITH THE MODEL: ${title}: ${disagreement}`, run);
        else it(title, run);
      }
    }
  });
}
