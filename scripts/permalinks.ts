/**
 * The permalink manifest: every published page, the canonical URL of every state of every scenario widget with the
 * answer it showed, and the resolver's presets and documented examples with theirs, as recorded. Stored compactly:
 * per scenario its parameter order and values, one row per state (its value indices and an answer hash), and one
 * table of distinct answers. `checkManifest` says where the site no longer keeps a recorded promise;
 * scripts/permalinks-record.ts writes a new one from `currentManifest`, refusing a changed answer that no revision covers.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { combinations, definitions, trace } from '../src/model/index.ts';
import { STATE_VERSION, STATE_VERSION_PARAM } from '../src/model/params.ts';
import { revisionsCovering } from '../src/revisions/revised-states.ts';
import { type Revision, revisions } from '../src/revisions/revisions.ts';
import { fieldNames, fieldNamesOf, fieldValues } from '../src/views/fields.ts';
import { scenarioQuery } from '../src/views/permalink.ts';
import { defaultResolverState, nginxRealipPresets, applyPreset, stateFromQuery, stateToQuery } from '../src/views/resolver-state.ts';
import { resolverView } from '../src/views/resolver-view.ts';

/** Where the manifest lives, from the repository root. */
export const MANIFEST_FILE = 'permalinks/manifest.json';

/** The page whose `<Claim resolver=…>`s are the resolver's documented examples. */
export const RESOLVER_PAGE_SOURCE = 'content/docs/tools/resolver.mdx';

/** The answer fields the resolver widget shows, in the order its answers are stored. */
export const resolverFields = ['clientIp', 'warnings'] as const;

/** One scenario's recorded states. */
export interface ScenarioRecord {
  /** The scenario's parameters in its order, each with its values as they were when recorded. */
  params: [name: string, values: string[]][];
  /** One row per state: the value index of each parameter (base 36, one character each), a space, the answer hash. */
  states: string[];
}

/** One recorded resolver state: its canonical query, where it comes from, and its answer hash. */
export interface ResolverRecord {
  query: string;
  from: string;
  answer: string;
}

/** The whole manifest, as committed. */
export interface Manifest {
  /** The day it was recorded: a changed answer needs a revision dated on or after it. */
  recorded: string;
  /** The state format version every recorded link carries. */
  stateVersion: string;
  /** Every published page, as a path under the site's base. */
  pages: string[];
  /** The scenario widgets' answer fields, in the order every scenario answer stores them. */
  scenarioFields: string[];
  scenarios: Record<string, ScenarioRecord>;
  /** The resolver widget's answer fields, in the order every resolver answer stores them. */
  resolverFields: string[];
  resolver: ResolverRecord[];
  /** Each distinct answer by its hash: the fields' machine-readable values. */
  answers: Record<string, string[]>;
}

/** The hash that names an answer: short, and stable for the same values in the same order. */
export function answerHash(values: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 12);
}

/** A scenario state's answer: the value of every answer field, in the contract's order. */
export function scenarioAnswer(t: ReturnType<typeof trace>): string[] {
  const values = fieldValues(t);
  return fieldNamesOf(t.id).map((name) => values[name].value);
}

/** A resolver state's answer: the client IP and the warnings. */
export function resolverAnswer(query: URLSearchParams): string[] {
  const view = resolverView(stateFromQuery(query).state);
  return [view.clientIp.value, view.warnings.join('\n')];
}

/** The recorded canonical query of one row. */
export function rowQuery(record: ScenarioRecord, row: string): string {
  const indices = row.split(' ')[0]!;
  const query = new URLSearchParams();
  record.params.forEach(([name, values], i) => query.set(name, values[parseInt(indices[i]!, 36)]!));
  query.set(STATE_VERSION_PARAM, STATE_VERSION);
  return query.toString();
}

/** The published pages of a build: every directory with an index.html, as a path under the base. */
export function builtPages(dist: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'index.html') {
        const rel = relative(dist, dir).split(sep).join('/');
        pages.push(rel === '' ? '/' : `/${rel}/`);
      }
    }
  };
  walk(dist);
  return pages.sort();
}

/** The resolver's recorded states: the page's default, each preset applied to it, and each documented example. */
function resolverStates(): { query: URLSearchParams; from: string }[] {
  const states = [{ query: stateToQuery(defaultResolverState).query, from: 'default' }];
  for (const [name, preset] of Object.entries(nginxRealipPresets))
    states.push({ query: stateToQuery(applyPreset(defaultResolverState, preset)).query, from: `preset ${name}` });
  const source = readFileSync(RESOLVER_PAGE_SOURCE, 'utf8');
  source.split('\n').forEach((line, i) => {
    for (const match of line.matchAll(/<Claim\s+resolver="([^"]*)"/g)) {
      const { state, notices } = stateFromQuery(new URLSearchParams(match[1]!));
      if (notices.length > 0) throw new Error(`${RESOLVER_PAGE_SOURCE}:${i + 1}: ${notices.join(' ')}`);
      states.push({ query: stateToQuery(state).query, from: `${RESOLVER_PAGE_SOURCE}:${i + 1}` });
    }
  });
  return states;
}

/** The manifest the model, the resolver page and the build give today. */
export function currentManifest(dist: string, recorded: string): Manifest {
  const answers: Record<string, string[]> = {};
  const remember = (values: string[]) => {
    const hash = answerHash(values);
    answers[hash] = values;
    return hash;
  };
  const scenarios: Record<string, ScenarioRecord> = {};
  for (const definition of definitions) {
    const record: ScenarioRecord = { params: definition.params.map((spec) => [spec.name, [...spec.values]]), states: [] };
    if (definition.params.some((spec) => spec.values.length > 36)) throw new Error(`${definition.id}: more than 36 values`);
    for (const params of combinations(definition.params)) {
      const t = trace(definition.id, params);
      // A state with a notice of its own is another state under a parameter that does not apply (the app pod calling
      // itself "as a node" is the app pod calling itself): its canonical URL is that state's, so it is not a row.
      if (t.notices.length > 0) continue;
      const indices = definition.params.map((spec) => (spec.values as readonly string[]).indexOf(params[spec.name]!).toString(36)).join('');
      record.states.push(`${indices} ${remember(scenarioAnswer(t))}`);
    }
    scenarios[definition.id] = record;
  }
  const resolver = resolverStates().map(({ query, from }) => ({ query: query.toString(), from, answer: remember(resolverAnswer(query)) }));
  const sortedAnswers = Object.fromEntries(Object.entries(answers).sort(([a], [b]) => a.localeCompare(b)));
  return {
    recorded,
    stateVersion: STATE_VERSION,
    pages: builtPages(dist),
    scenarioFields: [...fieldNames],
    scenarios,
    resolverFields: [...resolverFields],
    resolver,
    answers: sortedAnswers,
  };
}

/** One broken promise: what, where, and the recorded and current answers where they differ. */
export interface Problem {
  kind: 'page-missing' | 'state-notice' | 'state-url' | 'state-answer' | 'state-unrecorded' | 'page-unrecorded';
  subject: string;
  detail: string;
  /** For a changed scenario answer: the scenario and the state's parameters, to look for a covering revision. */
  state?: { scenario: string; params: Record<string, string> };
}

/** Says, field by field, how two answers differ. */
function answerDiff(fields: readonly string[], before: readonly string[] | undefined, now: readonly string[]): string {
  if (!before) return 'the recorded answer is missing from the manifest';
  return fields
    .map((field, i) => (before[i] === now[i] ? '' : `${field}: ${JSON.stringify(before[i] ?? '')} → ${JSON.stringify(now[i])}`))
    .filter(Boolean)
    .join('; ');
}

/**
 * Every way the site no longer keeps the manifest's promises: a page gone from the build, a state whose recorded URL
 * gives a notice, canonicalises to another URL, or shows another answer; and, for information, states and pages that
 * the manifest does not hold yet. Pass `dist` undefined to check the states only.
 */
export function checkManifest(manifest: Manifest, dist: string | undefined): Problem[] {
  const problems: Problem[] = [];
  if (dist !== undefined) {
    const built = new Set(builtPages(dist));
    for (const page of manifest.pages)
      if (!built.has(page)) problems.push({ kind: 'page-missing', subject: page, detail: 'no longer in the build' });
    const recorded = new Set(manifest.pages);
    for (const page of built)
      if (!recorded.has(page)) problems.push({ kind: 'page-unrecorded', subject: page, detail: 'not in the manifest' });
  }
  const current = new Set<string>();
  for (const definition of definitions) {
    for (const params of combinations(definition.params)) {
      const t = trace(definition.id, params);
      if (t.notices.length === 0) current.add(`${definition.id}?${scenarioQuery(t)}`);
    }
  }
  const seen = new Set<string>();
  for (const [scenario, record] of Object.entries(manifest.scenarios)) {
    for (const row of record.states) {
      const query = rowQuery(record, row);
      const subject = `${scenario}?${query}`;
      seen.add(subject);
      const t = trace(scenario, new URLSearchParams(query));
      if (t.error || t.notices.length > 0) {
        problems.push({ kind: 'state-notice', subject, detail: t.error ?? t.notices.join(' ') });
        continue;
      }
      const canonical = scenarioQuery(t).toString();
      if (canonical !== query) problems.push({ kind: 'state-url', subject, detail: `its canonical URL is now ?${canonical}` });
      const now = scenarioAnswer(t);
      const hash = row.split(' ')[1]!;
      if (answerHash(now) !== hash)
        problems.push({
          kind: 'state-answer',
          subject,
          // The gateway's answers hold its own fields after the recorded common ones.
          detail: answerDiff(
            [...manifest.scenarioFields, ...fieldNamesOf(scenario).slice(manifest.scenarioFields.length)],
            manifest.answers[hash],
            now,
          ),
          state: { scenario, params: t.params },
        });
    }
  }
  for (const subject of current)
    if (!seen.has(subject)) problems.push({ kind: 'state-unrecorded', subject, detail: 'not in the manifest' });
  for (const entry of manifest.resolver) {
    const subject = `resolver?${entry.query} (${entry.from})`;
    const query = new URLSearchParams(entry.query);
    const { state, notices } = stateFromQuery(query);
    if (notices.length > 0) {
      problems.push({ kind: 'state-notice', subject, detail: notices.join(' ') });
      continue;
    }
    const canonical = stateToQuery(state).query.toString();
    if (canonical !== entry.query) problems.push({ kind: 'state-url', subject, detail: `its canonical URL is now ?${canonical}` });
    const now = resolverAnswer(query);
    if (answerHash(now) !== entry.answer)
      problems.push({ kind: 'state-answer', subject, detail: answerDiff(manifest.resolverFields, manifest.answers[entry.answer], now) });
  }
  return problems;
}

/** Problems that fail the check; the others (new states and pages) only ask for a new recording. */
export function isFailure(problem: Problem): boolean {
  return problem.kind !== 'page-unrecorded' && problem.kind !== 'state-unrecorded';
}

/** The revisions that cover a changed answer: for a scenario state, those whose states cover it; for the resolver, those that name its page. Dated on or after the last recording. */
export function coveringRevisions(problem: Problem, since: string, list: readonly Revision[] = revisions): Revision[] {
  const recent = list.filter((r) => r.date >= since);
  if (problem.state) return revisionsCovering(problem.state.scenario, problem.state.params, recent);
  return recent.filter((r) => r.pages.includes('/tools/resolver/'));
}

/** Reads the committed manifest, or undefined when there is none yet. */
export function readManifest(file = MANIFEST_FILE): Manifest | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : undefined;
}
