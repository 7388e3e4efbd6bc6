/** Build-time access to the lab's evidence file (server only). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allStateEvidence, evidenceForState, type EvidenceFile, type StateEvidence } from './evidence.ts';

let file: EvidenceFile | undefined;
let cache: Map<string, StateEvidence> | undefined;

/** lab/evidence.json as the lab wrote it, read once. */
export function evidenceFile(): EvidenceFile {
  file ??= JSON.parse(readFileSync(join(process.cwd(), 'lab', 'evidence.json'), 'utf8')) as EvidenceFile;
  return file;
}

/** The lab's evidence by state id, read once. */
export function evidenceById(): Map<string, StateEvidence> {
  cache ??= new Map(allStateEvidence(evidenceFile()).map((e) => [e.id, e]));
  return cache;
}

/** The evidence a page shows for one scenario state (the lab's case, or its stand-in), or undefined when the lab has none for it. */
export function evidenceFor(scenario: string, params: Record<string, string>): StateEvidence | undefined {
  return evidenceForState(evidenceById(), scenario, params);
}
