/** Build-time access to the lab's evidence file (server only). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allStateEvidence, stateId, type EvidenceFile, type StateEvidence } from './evidence.ts';

let cache: Map<string, StateEvidence> | undefined;

/** The lab's evidence by state id, read once. */
export function evidenceById(): Map<string, StateEvidence> {
  if (!cache) {
    const file = JSON.parse(readFileSync(join(process.cwd(), 'lab', 'evidence.json'), 'utf8')) as EvidenceFile;
    cache = new Map(allStateEvidence(file).map((e) => [e.id, e]));
  }
  return cache;
}

/** The evidence for one scenario state, or undefined when the lab has none for it. */
export function evidenceFor(scenario: string, params: Record<string, string>): StateEvidence | undefined {
  return evidenceById().get(stateId(scenario, params));
}
