/**
 * The permalink manifest: every published page, the canonical URL of every state of every scenario widget with the
 * answer it showed, and the states of the widgets whose state is their page's query (the resolver: its default,
 * presets and documented examples; the migration widget: every combination of its enumerable inputs and its
 * documented examples) with theirs, as recorded. Stored compactly: per scenario (and per widget grid) its parameter
 * order and values, one row per state (its value indices and an answer hash), and one table of distinct answers. `checkManifest` says where the site no longer keeps a recorded promise;
 * scripts/permalinks-record.ts writes a new one from `currentManifest`, refusing a changed answer that no revision covers.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { scenarioStates, definitions, trace } from '../src/model/index.ts';
import { STATE_VERSION, STATE_VERSION_PARAM } from '../src/model/params.ts';
import { revisionsCovering } from '../src/revisions/revised-states.ts';
import { type Revision, revisions } from '../src/revisions/revisions.ts';
import { fieldNames, fieldNamesOf, fieldValues } from '../src/views/fields.ts';
import {
  defaultMigrationState,
  loadBalancerChoices,
  migrationBoxes,
  migrationFieldNames,
  migrationStateFromQuery,
  migrationStateToQuery,
  migrationView,
} from '../src/views/migration-view.ts';
import { migrationTargets } from '../src/model/index.ts';
import { scenarioQuery } from '../src/views/permalink.ts';
import { defaultResolverState, resolverPresets, applyPreset, stateFromQuery, stateToQuery } from '../src/views/resolver-state.ts';
import { resolverView } from '../src/views/resolver-view.ts';

/** Where the manifest lives, from the repository root. */
export const MANIFEST_FILE = 'permalinks/manifest.json';

/** The page whose `<Claim resolver=…>`s are the resolver's documented examples. */
export const RESOLVER_PAGE_SOURCE = 'content/docs/tools/resolver.mdx';

/** The page whose `<Claim migration=…>`s are the migration widget's documented examples. */
export const MIGRATION_PAGE_SOURCE = 'content/docs/migrate-from-ingress-nginx.mdx';

/** The answer fields the resolver widget shows, in the order its answers are stored. */
export const resolverFields = ['clientIp', 'warnings'] as const;

/** A named state of a query widget: its query and where it comes from. */
export interface NamedState {
  query: URLSearchParams;
  from: string;
}

/** A widget whose whole state is its page's query: what the manifest records of it, and how its page opens a link. */
export interface QueryWidget {
  /** Its key in the manifest. */
  id: string;
  /** Its page, as a site path: a revision that names it covers its changed answers. */
  page: string;
  /** The page source whose `<Claim {id}="…">`s are its documented examples. */
  source: string;
  /** Its answer fields, in the order its answers are stored. */
  fields: readonly string[];
  /** Its enumerable inputs in canonical query order, each with its values (a free-text input: its default alone); every combination is a state. Empty: none. */
  grid(): [name: string, values: string[]][];
  /** States recorded by name besides the grid and the documented examples (a default, presets). */
  named(): NamedState[];
  /** Opens a link as the page does: the canonical query of the state it opens, and the notices it shows. */
  open(query: URLSearchParams): { canonical: string; notices: string[] };
  /** The answer a link shows: each answer field's value. */
  answer(query: URLSearchParams): string[];
}

/** The resolver (tools/resolver/): its default, presets and documented examples. */
const resolverWidget: QueryWidget = {
  id: 'resolver',
  page: '/tools/resolver/',
  source: RESOLVER_PAGE_SOURCE,
  fields: resolverFields,
  grid: () => [],
  named: () => [
    { query: stateToQuery(defaultResolverState).query, from: 'default' },
    ...Object.entries(resolverPresets).map(([name, preset]) => ({
      query: stateToQuery(applyPreset(defaultResolverState, preset)).query,
      from: `preset ${name}`,
    })),
  ],
  open(query) {
    const { state, notices } = stateFromQuery(query);
    return { canonical: stateToQuery(state).query.toString(), notices };
  },
  answer: (query) => resolverAnswer(query),
};

/** The migration widget (migrate-from-ingress-nginx/): every target × load balancer × box, the free text at its default, and the documented examples. */
const migrationWidget: QueryWidget = {
  id: 'migration',
  page: '/migrate-from-ingress-nginx/',
  source: MIGRATION_PAGE_SOURCE,
  fields: migrationFieldNames,
  grid() {
    // Every input in the order migrationStateToQuery writes them (so a row reads back as the canonical query), the
    // free-text ones with their default value alone.
    const defaults = [...migrationStateToQuery(defaultMigrationState)].filter(([name]) => name !== STATE_VERSION_PARAM);
    const enumerable: Record<string, readonly string[]> = {
      target: migrationTargets,
      loadBalancer: loadBalancerChoices,
      ...Object.fromEntries(migrationBoxes.map((name) => [name, ['false', 'true']])),
    };
    return defaults.map(([name, value]) => [name, [...(enumerable[name] ?? [value])]]);
  },
  named: () => [],
  open(query) {
    const { state, notices } = migrationStateFromQuery(query);
    return { canonical: migrationStateToQuery(state).toString(), notices };
  },
  answer(query) {
    const { fields } = migrationView(migrationStateFromQuery(query).state);
    return migrationFieldNames.map((name) => fields[name]);
  },
};

/** Every query widget the manifest records. */
export const queryWidgets: readonly QueryWidget[] = [resolverWidget, migrationWidget];

/** One scenario's recorded states. */
export interface ScenarioRecord {
  /** The scenario's parameters in its order, each with its values as they were when recorded. */
  params: [name: string, values: string[]][];
  /** One row per state: the value index of each parameter (base 36, one character each), a space, the answer hash. */
  states: string[];
}

/** One recorded query-widget state: its canonical query, where it comes from, and its answer hash. */
export interface QueryRecord {
  query: string;
  from: string;
  answer: string;
}

/** One query widget's recorded states. */
export interface WidgetRecord {
  /** Its answer fields, in the order its answers store them. */
  fields: string[];
  /** Every combination of its enumerable inputs, stored like a scenario's states; absent when it has none. */
  grid?: ScenarioRecord;
  /** Its named states and documented examples. */
  states: QueryRecord[];
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
  /** The query widgets' states, by widget id. */
  widgets: Record<string, WidgetRecord>;
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

/** The recorded canonical query of one row (a scenario's or a widget grid's). */
export function rowQuery(record: Pick<ScenarioRecord, 'params'>, row: string): string {
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

/** A query widget's recorded states besides its grid: its named states, then each documented example of its page, canonical. */
export function widgetStates(widget: QueryWidget): NamedState[] {
  const states = widget.named();
  const source = readFileSync(widget.source, 'utf8');
  source.split('\n').forEach((line, i) => {
    for (const match of line.matchAll(new RegExp(`<Claim\\s+${widget.id}="([^"]*)"`, 'g'))) {
      const { canonical, notices } = widget.open(new URLSearchParams(match[1]!));
      if (notices.length > 0) throw new Error(`${widget.source}:${i + 1}: ${notices.join(' ')}`);
      states.push({ query: new URLSearchParams(canonical), from: `${widget.source}:${i + 1}` });
    }
  });
  return states;
}

/** The canonical query of every combination of a grid's values, first parameter slowest, with its row's value indices. */
function gridRows(params: [string, string[]][]): { indices: string; query: string }[] {
  if (params.some(([, values]) => values.length > 36)) throw new Error('a widget input with more than 36 values');
  if (params.length === 0) return [];
  let rows = [''];
  for (const [, values] of params) rows = rows.flatMap((prefix) => values.map((_, i) => prefix + i.toString(36)));
  return rows.map((indices) => ({ indices, query: rowQuery({ params }, indices) }));
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
    for (const params of scenarioStates(definition)) {
      const t = trace(definition.id, params);
      // A state with a notice of its own is another state under a parameter that does not apply (the app pod calling
      // itself "as a node" is the app pod calling itself): its canonical URL is that state's, so it is not a row.
      if (t.notices.length > 0) continue;
      const indices = definition.params.map((spec) => (spec.values as readonly string[]).indexOf(params[spec.name]!).toString(36)).join('');
      record.states.push(`${indices} ${remember(scenarioAnswer(t))}`);
    }
    scenarios[definition.id] = record;
  }
  const widgets: Record<string, WidgetRecord> = {};
  for (const widget of queryWidgets) {
    const params = widget.grid();
    const record: WidgetRecord = { fields: [...widget.fields], states: [] };
    if (params.length > 0)
      record.grid = {
        params,
        states: gridRows(params).map(({ indices, query }) => `${indices} ${remember(widget.answer(new URLSearchParams(query)))}`),
      };
    const seen = new Set<string>();
    for (const { query, from } of widgetStates(widget)) {
      // A documented example stated twice on the page is one state, recorded where it first appears.
      if (seen.has(query.toString())) continue;
      seen.add(query.toString());
      record.states.push({ query: query.toString(), from, answer: remember(widget.answer(query)) });
    }
    widgets[widget.id] = record;
  }
  const sortedAnswers = Object.fromEntries(Object.entries(answers).sort(([a], [b]) => a.localeCompare(b)));
  return {
    recorded,
    stateVersion: STATE_VERSION,
    pages: builtPages(dist),
    scenarioFields: [...fieldNames],
    scenarios,
    widgets,
    answers: sortedAnswers,
  };
}

/**
 * True when a recorded link and today's canonical URL name the same state: equal, or equal but for parameters added
 * since the recording (`recordedNames` lists the recording's), which the old link leaves at values that keep its
 * meaning (the answer check proves it).
 */
export function sameState(recorded: string, canonical: string, recordedNames: readonly string[]): boolean {
  if (recorded === canonical) return true;
  const known = new Set(recordedNames);
  const kept = [...new URLSearchParams(canonical)].filter(([name]) => known.has(name) || name === STATE_VERSION_PARAM);
  return new URLSearchParams(kept).toString() === recorded;
}

/** One broken promise: what, where, and the recorded and current answers where they differ. */
export interface Problem {
  kind: 'page-missing' | 'state-notice' | 'state-url' | 'state-answer' | 'state-unrecorded' | 'page-unrecorded';
  subject: string;
  detail: string;
  /** For a changed scenario answer: the scenario and the state's parameters, to look for a covering revision. */
  state?: { scenario: string; params: Record<string, string> };
  /** For a changed query-widget answer: the widget's page, which a covering revision names. */
  page?: string;
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
    for (const params of scenarioStates(definition)) {
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
      if (
        !sameState(
          query,
          canonical,
          record.params.map(([name]) => name),
        )
      )
        problems.push({ kind: 'state-url', subject, detail: `its canonical URL is now ?${canonical}` });
      const now = scenarioAnswer(t);
      const hash = row.split(' ')[1]!;
      if (answerHash(now) !== hash && !gainedFields(manifest.answers[hash], now))
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
  for (const widget of queryWidgets) {
    const record = manifest.widgets[widget.id];
    if (!record) {
      problems.push({ kind: 'state-unrecorded', subject: widget.id, detail: 'the widget is not in the manifest' });
      continue;
    }
    /** Opens one recorded link and compares its URL and answer with the recording. */
    const checkState = (subject: string, query: string, hash: string) => {
      const { canonical, notices } = widget.open(new URLSearchParams(query));
      if (notices.length > 0) {
        problems.push({ kind: 'state-notice', subject, detail: notices.join(' ') });
        return;
      }
      if (canonical !== query) problems.push({ kind: 'state-url', subject, detail: `its canonical URL is now ?${canonical}` });
      const now = widget.answer(new URLSearchParams(query));
      if (answerHash(now) !== hash)
        problems.push({ kind: 'state-answer', subject, detail: answerDiff(record.fields, manifest.answers[hash], now), page: widget.page });
    };
    const recordedGrid = new Set<string>();
    for (const row of record.grid?.states ?? []) {
      const query = rowQuery(record.grid!, row);
      recordedGrid.add(query);
      checkState(`${widget.id}?${query}`, query, row.split(' ')[1]!);
    }
    for (const { query } of gridRows(widget.grid()))
      if (!recordedGrid.has(query))
        problems.push({ kind: 'state-unrecorded', subject: `${widget.id}?${query}`, detail: 'not in the manifest' });
    for (const entry of record.states) checkState(`${widget.id}?${entry.query} (${entry.from})`, entry.query, entry.answer);
    const recordedStates = new Set(record.states.map((entry) => entry.query));
    for (const { query, from } of widgetStates(widget))
      if (!recordedStates.has(query.toString()))
        problems.push({ kind: 'state-unrecorded', subject: `${widget.id}?${query} (${from})`, detail: 'not in the manifest' });
  }
  return problems;
}

/**
 * True when an answer recorded before some answer fields existed is today's answer without them: every recorded field
 * keeps its value and the new fields come after (fieldNamesOf appends them), so the link keeps its meaning.
 */
export function gainedFields(recorded: readonly string[] | undefined, now: readonly string[]): boolean {
  return recorded !== undefined && recorded.length < now.length && recorded.every((value, i) => value === now[i]);
}

/** Problems that fail the check; the others (new states and pages) only ask for a new recording. */
export function isFailure(problem: Problem): boolean {
  return problem.kind !== 'page-unrecorded' && problem.kind !== 'state-unrecorded';
}

/** The revisions that cover a changed answer: for a scenario state, those whose states cover it; for a query widget's state, those that name its page. Dated on or after the last recording. */
export function coveringRevisions(problem: Problem, since: string, list: readonly Revision[] = revisions): Revision[] {
  const recent = list.filter((r) => r.date >= since);
  if (problem.state) return revisionsCovering(problem.state.scenario, problem.state.params, recent);
  return problem.page === undefined ? [] : recent.filter((r) => r.pages.includes(problem.page!));
}

/** A manifest as recorded before the query widgets had a list of their own: the resolver's states at the top level. */
type ManifestBeforeWidgets = Omit<Manifest, 'widgets'> & { resolverFields: string[]; resolver: QueryRecord[] };

/** Reads the committed manifest, or undefined when there is none yet; an older one reads as the resolver's widget record. */
export function readManifest(file = MANIFEST_FILE): Manifest | undefined {
  if (!existsSync(file)) return undefined;
  const json = JSON.parse(readFileSync(file, 'utf8')) as Manifest | ManifestBeforeWidgets;
  if ('widgets' in json) return json;
  const { resolverFields: fields, resolver: states, ...rest } = json;
  return { ...rest, widgets: { resolver: { fields, states } } };
}

/** How many states a manifest records: scenario states, and each query widget's grid rows and named states. */
export function stateCounts(manifest: Manifest): { scenarios: number; widgets: Record<string, number> } {
  return {
    scenarios: Object.values(manifest.scenarios).reduce((n, s) => n + s.states.length, 0),
    widgets: Object.fromEntries(Object.entries(manifest.widgets).map(([id, w]) => [id, (w.grid?.states.length ?? 0) + w.states.length])),
  };
}
