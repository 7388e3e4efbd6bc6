/**
 * Writes one small JSON file per scenario state into public/evidence/, for
 * widgets to fetch when their state changes: the lab's evidence, or null where
 * the lab has none, so a widget never asks for a file that is not there. Beside
 * them, each node's rule dump of each kube-proxy run, as the text file the
 * evidence links to (shared by every state of that run), and each observed state's
 * command and raw output as a text file, which the evidence disclosure links to
 * for readers without JavaScript (the widget renders the same on opening it).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allTraces } from '../src/diagrams/states.ts';
import { evidenceFileName, evidenceOutputFileName, evidenceView, ruleDumpFiles } from '../src/evidence/evidence.ts';
import { labAddressRows } from '../src/evidence/lab-address-map.ts';
import { evidenceOutputText } from '../src/views/evidence-output.ts';
import { evidenceFile, evidenceFor } from '../src/evidence/read.ts';

/** Writes the files (`base`: the site's base path, with its trailing slash); returns how many states have lab evidence, how many state files and how many rule dumps were written. */
export function writeEvidenceFiles(base: string): { withEvidence: number; files: number; ruleDumps: number } {
  const dir = join('public', 'evidence');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let withEvidence = 0;
  let files = 0;
  const rows = labAddressRows();
  for (const t of allTraces()) {
    const evidence = evidenceFor(t.id, t.params) ?? null;
    if (evidence) withEvidence++;
    writeFileSync(join(dir, evidenceFileName(t.id, t.params)), JSON.stringify(evidence));
    files++;
    // The text file names the rule dumps by their full path under the site's base path.
    const view = evidenceView(evidence ?? undefined, base);
    if (view.command !== '') writeFileSync(join(dir, evidenceOutputFileName(t.id, t.params)), evidenceOutputText(view, rows));
  }
  const dumps = ruleDumpFiles(evidenceFile());
  for (const dump of dumps) writeFileSync(join(dir, dump.name), dump.text);
  return { withEvidence, files, ruleDumps: dumps.length };
}
