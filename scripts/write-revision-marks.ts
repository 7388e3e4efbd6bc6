/**
 * Writes each scenario's revision marks into public/revision-marks/<scenario>.json: which of its states a correction
 * revised, without the corrections' text. The scenario widget fetches its scenario's file when it starts, to label a
 * revised state as the reader changes the controls; the server renders the default state's label itself.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarios } from '../src/model/index.ts';
import { revisionMarks } from '../src/revisions/revised-states.ts';

/** Writes one file per scenario; returns how many scenarios have at least one revision. */
export function writeRevisionMarks(): { scenarios: number; revised: number } {
  const dir = join('public', 'revision-marks');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let revised = 0;
  for (const { id } of scenarios) {
    const marks = revisionMarks(id);
    if (marks.length > 0) revised++;
    writeFileSync(join(dir, `${id}.json`), JSON.stringify(marks));
  }
  return { scenarios: scenarios.length, revised };
}
