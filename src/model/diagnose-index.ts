/**
 * The diagnose index: every diagnosable state (`diagnosableStates()`) as compact, plain JSON, so the diagnose widget
 * reads a file written at build time instead of tracing the whole scenario space in the reader's browser. Encoding
 * and decoding are exact inverses; a state is written as indices into the index's own tables, so the file needs no
 * knowledge of the model to read and is checked against the model it was written from.
 */
import type { CauseId } from './cause-ids.ts';
import type { DiagnosableState, ObservedRoles } from './diagnose.ts';
import type { ParamRecord } from './params.ts';
import type { Role } from './roles.ts';
import type { ScenarioId } from './trace.ts';

/** The format's version: a reader refuses an index of another version rather than misread it. */
export const DIAGNOSE_INDEX_VERSION = 1;

/** The index as written to the file. */
export interface DiagnoseIndex {
  version: typeof DIAGNOSE_INDEX_VERSION;
  /** Each scenario that has states: its id and its parameters' names and values, in the order the states index them. */
  scenarios: { id: ScenarioId; params: [string, string[]][] }[];
  /** The roles and causes the states name, by position. */
  roles: Role[];
  causes: CauseId[];
  /**
   * One line per state, space-separated: scenario position, each parameter's value position (one base-36 digit each),
   * cause position, then the observed roles (remote_addr, X-Forwarded-For, X-Real-IP, PROXY source) as role positions in
   * base 36, a list joined with ".", "-" for none received and "~" for an empty list.
   */
  states: string[];
}

/** Writes states as an index. Throws where a parameter has more values than one base-36 digit holds. */
export function encodeDiagnoseIndex(
  states: readonly DiagnosableState[],
  scenarios: readonly { id: ScenarioId; params: readonly { name: string; values: readonly string[] }[] }[],
): DiagnoseIndex {
  const roles: Role[] = [];
  const causes: CauseId[] = [];
  const position = <T>(table: T[], item: T): string => {
    let i = table.indexOf(item);
    if (i < 0) i = table.push(item) - 1;
    return i.toString(36);
  };
  const role = (r: Role | null): string => (r === null ? '-' : position(roles, r));
  const list = (rs: readonly Role[] | null): string =>
    rs === null ? '-' : rs.length === 0 ? '~' : rs.map((r) => position(roles, r)).join('.');
  const listed = scenarios.map((s) => ({ id: s.id, params: s.params.map((p): [string, string[]] => [p.name, [...p.values]]) }));
  for (const s of listed)
    for (const [name, values] of s.params) if (values.length > 36) throw new Error(`${s.id}: ${name} has more than 36 values`);
  const lines = states.map((state) => {
    const at = listed.findIndex((s) => s.id === state.scenario);
    if (at < 0) throw new Error(`no scenario ${state.scenario} in the index`);
    const indices = listed[at]!.params.map(([name, values]) => {
      const i = values.indexOf(state.params[name] ?? '');
      if (i < 0) throw new Error(`${state.scenario}: ${name}=${state.params[name]} is not one of its values`);
      return i.toString(36);
    });
    const o = state.observed;
    return [
      at.toString(36),
      indices.join(''),
      position(causes, state.cause),
      role(o.remoteAddr),
      list(o.xForwardedFor),
      role(o.xRealIp),
      role(o.proxyProtocol),
    ].join(' ');
  });
  return { version: DIAGNOSE_INDEX_VERSION, scenarios: listed, roles, causes, states: lines };
}

/** Reads an index back into states. Throws on another version or a line that does not fit the index's tables. */
export function decodeDiagnoseIndex(index: DiagnoseIndex): DiagnosableState[] {
  if (index.version !== DIAGNOSE_INDEX_VERSION)
    throw new Error(`diagnose index version ${String(index.version)}, expected ${DIAGNOSE_INDEX_VERSION}`);
  const at = <T>(table: readonly T[], text: string): T => {
    const item = table[parseInt(text, 36)];
    if (item === undefined) throw new Error(`diagnose index: no entry ${text}`);
    return item;
  };
  const role = (text: string): Role | null => (text === '-' ? null : at(index.roles, text));
  const list = (text: string): Role[] | null => (text === '-' ? null : text === '~' ? [] : text.split('.').map((t) => at(index.roles, t)));
  return index.states.map((line) => {
    const [scenarioAt, indices, causeAt, remoteAddr, xForwardedFor, xRealIp, proxyProtocol] = line.split(' ');
    if (proxyProtocol === undefined) throw new Error(`diagnose index: short line "${line}"`);
    const scenario = at(index.scenarios, scenarioAt!);
    if (indices!.length !== scenario.params.length) throw new Error(`diagnose index: "${line}" does not fit ${scenario.id}`);
    const params: ParamRecord = Object.fromEntries(scenario.params.map(([name, values], i) => [name, at(values, indices![i]!)]));
    const remote = role(remoteAddr!);
    if (remote === null) throw new Error(`diagnose index: "${line}" has no remote_addr`);
    const observed: ObservedRoles = {
      remoteAddr: remote,
      xForwardedFor: list(xForwardedFor!),
      xRealIp: role(xRealIp!),
      proxyProtocol: role(proxyProtocol),
    };
    return { scenario: scenario.id, params, cause: at(index.causes, causeAt!), observed };
  });
}
