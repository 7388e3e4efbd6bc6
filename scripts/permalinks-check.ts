/**
 * Checks the permalink manifest (permalinks/manifest.json) against the model and a build: every recorded page is
 * still built, and every recorded state (each scenario widget state; the resolver's presets and documented examples;
 * the migration widget's every target × load balancer × box and documented examples) still opens without a notice, at the same canonical URL, with the recorded answer. A deliberate change of an answer
 * fails here until it is recorded: a revision in src/revisions/revisions.ts that covers the state, then
 * `npm run permalinks:record`. States and pages the manifest does not hold yet are listed, and fail too: record them.
 *
 * Usage: node scripts/permalinks-check.ts [--dist dist] [--states-only]
 */
import { parseArgs } from 'node:util';
import { MANIFEST_FILE, checkManifest, readManifest, stateCounts } from './permalinks.ts';

const args = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, 'states-only': { type: 'boolean', default: false } } });
const started = performance.now();
const manifest = readManifest();
if (!manifest) {
  console.error(`permalinks: ${MANIFEST_FILE} is missing; run npm run build && npm run permalinks:record`);
  process.exit(1);
}
const problems = checkManifest(manifest, args.values['states-only'] ? undefined : args.values.dist);
const counts = stateCounts(manifest);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (problems.length === 0) {
  console.log(
    `permalinks: ${args.values['states-only'] ? '' : `${manifest.pages.length} pages, `}${counts.scenarios} scenario states and ${Object.entries(
      counts.widgets,
    )
      .map(([id, n]) => `${n} ${id}`)
      .join(', ')} states keep their URL and answer (${seconds} s)`,
  );
  process.exit(0);
}
const byKind = new Map<string, typeof problems>();
for (const problem of problems) byKind.set(problem.kind, [...(byKind.get(problem.kind) ?? []), problem]);
const explain: Record<string, string> = {
  'page-missing': 'recorded pages no longer built',
  'state-notice': 'recorded links that now open with a notice',
  'state-url': 'recorded links whose canonical URL changed',
  'state-answer': 'recorded states whose answer changed (add a revision that covers them, then npm run permalinks:record)',
  'state-unrecorded': 'states not recorded yet (npm run permalinks:record)',
  'page-unrecorded': 'pages not recorded yet (npm run permalinks:record)',
};
for (const [kind, list] of byKind) {
  console.error(`permalinks: ${list.length} ${explain[kind]}:`);
  for (const p of list.slice(0, 10)) console.error(`  ${p.subject}\n    ${p.detail}`);
  if (list.length > 10) console.error(`  … and ${list.length - 10} more`);
}
console.error(`permalinks: ${problems.length} problems (${seconds} s)`);
process.exit(1);
