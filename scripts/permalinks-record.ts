/**
 * Records the permalink manifest (permalinks/manifest.json) from the model, the widgets' pages and a build: run it
 * after a build whenever the check asks for it. It refuses to record when a recorded page is gone from the build, a
 * recorded link no longer opens its state without a notice (keep the old name or value as an alias in its parameter's
 * spec), or a recorded answer changed and no revision in src/revisions/revisions.ts dated on or after the last
 * recording covers that state.
 *
 * Usage: npm run build && npm run permalinks:record [-- --dist dist]
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import {
  MANIFEST_FILE,
  answerHash,
  checkManifest,
  coveringRevisions,
  currentManifest,
  isFailure,
  queryWidgets,
  readManifest,
  stateCounts,
} from './permalinks.ts';

const args = parseArgs({ options: { dist: { type: 'string', default: 'dist' } } });
const dist = args.values.dist;
if (!existsSync(dist)) {
  console.error(`permalinks:record: no build in ${dist}/; run npm run build first (or pass --dist).`);
  process.exit(1);
}
const started = performance.now();
const today = new Date().toISOString().slice(0, 10);
const previous = readManifest();
const next = currentManifest(dist, today);
const refused: string[] = [];
let revised = 0;
if (previous) {
  for (const problem of checkManifest(previous, dist).filter(isFailure)) {
    if (problem.kind === 'state-answer') {
      const covering = coveringRevisions(problem, previous.recorded);
      if (covering.length > 0) {
        revised++;
        continue;
      }
      refused.push(
        `${problem.subject}\n    answer changed: ${problem.detail}\n    no revision dated ${previous.recorded} or later covers this state: add one to src/revisions/revisions.ts`,
      );
    } else if (problem.kind === 'state-notice') {
      refused.push(
        `${problem.subject}\n    ${problem.detail}\n    a recorded link must keep working: keep the old name or value as an alias in its parameter's spec`,
      );
    } else if (problem.kind === 'page-missing') {
      refused.push(`${problem.subject}: ${problem.detail}; a published page must keep its URL`);
    }
  }
  // Documented examples that left their page stay recorded while they still open without a notice: someone may have linked them.
  for (const widget of queryWidgets) {
    const record = next.widgets[widget.id]!;
    const kept = new Set(record.states.map((entry) => entry.query));
    for (const entry of previous.widgets[widget.id]?.states ?? []) {
      if (kept.has(entry.query) || widget.open(new URLSearchParams(entry.query)).notices.length > 0) continue;
      const values = widget.answer(new URLSearchParams(entry.query));
      next.answers[answerHash(values)] = values;
      record.states.push({ ...entry, answer: answerHash(values) });
      kept.add(entry.query);
    }
  }
}
if (refused.length > 0) {
  console.error(`permalinks:record: refused, ${refused.length} recorded promise${refused.length === 1 ? '' : 's'} broken:\n`);
  for (const line of refused.slice(0, 40)) console.error(`  ${line}`);
  if (refused.length > 40) console.error(`  … and ${refused.length - 40} more`);
  process.exit(1);
}
const config = (await resolveConfig(MANIFEST_FILE)) ?? {};
const text = await format(JSON.stringify(next), { ...config, parser: 'json', filepath: MANIFEST_FILE });
writeFileSync(MANIFEST_FILE, text);
const counts = stateCounts(next);
console.log(
  `permalinks:record: ${MANIFEST_FILE}: ${next.pages.length} pages, ${counts.scenarios} scenario states, ${Object.entries(counts.widgets)
    .map(([id, n]) => `${n} ${id} states`)
    .join(', ')}, ` +
    `${Object.keys(next.answers).length} distinct answers, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB; ` +
    `${revised} changed answer${revised === 1 ? '' : 's'} covered by a revision; ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
