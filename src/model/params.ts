/**
 * Scenario parameters: their names and values, exactly as they appear in a
 * page's query string, and the one function that reads untrusted values.
 */
import { quote } from './text.ts';

/** A parameter: its name, its values (the first is the default), and how a page labels it. */
export interface ParamSpec<Name extends string = string, Value extends string = string> {
  name: Name;
  label: string;
  values: readonly Value[];
  default: Value;
  /** A short sentence per value, for controls and tables. */
  help: Readonly<Record<Value, string>>;
}

/** Declares a parameter whose first value is its default. */
export function param<const Name extends string, const Value extends string>(
  name: Name,
  label: string,
  help: Readonly<Record<Value, string>> & { [K in Value]: string },
): ParamSpec<Name, Value> {
  const values = Object.keys(help) as Value[];
  return { name, label, values, default: values[0]!, help };
}

/** The typed values of a list of parameters. */
export type ParamValues<Specs extends readonly ParamSpec[]> = {
  [Spec in Specs[number] as Spec['name']]: Spec['values'][number];
};

/** Complete parameters, by name, as strings. */
export type ParamRecord = Record<string, string>;

/** Untrusted parameters as a URL or a caller gives them. */
export type RawParams = Partial<Record<string, string>> | URLSearchParams | undefined | null;

/** Reads one raw value from either form of untrusted parameters. */
function rawEntries(raw: RawParams): [string, unknown][] {
  if (raw === null || raw === undefined) return [];
  if (typeof URLSearchParams !== 'undefined' && raw instanceof URLSearchParams) return [...raw.entries()];
  if (typeof raw !== 'object') return [];
  return Object.entries(raw);
}

/**
 * Fills in and checks parameters: every parameter gets a valid value (its
 * default when missing or invalid); unknown names and invalid values are named
 * in the notices. Never throws.
 */
export function normalizeParams(specs: readonly ParamSpec[], raw: RawParams): { params: ParamRecord; notices: string[] } {
  const notices: string[] = [];
  const params: ParamRecord = Object.fromEntries(specs.map((spec) => [spec.name, spec.default]));
  const known = new Map(specs.map((spec) => [spec.name, spec]));
  for (const [name, value] of rawEntries(raw)) {
    const spec = known.get(name);
    if (!spec) {
      notices.push(`Unknown parameter ${quote(name)} is ignored.`);
      continue;
    }
    if (value === undefined) continue;
    if (typeof value === 'string' && (spec.values as readonly string[]).includes(value)) {
      params[name] = value;
    } else {
      notices.push(`${spec.name}=${quote(String(value))} is not one of ${spec.values.join(', ')}; the default ${spec.default} is used.`);
    }
  }
  return { params, notices };
}

/** Every combination of the parameters' values, in a stable order (defaults first). */
export function* combinations(specs: readonly ParamSpec[]): Generator<ParamRecord> {
  const indices = specs.map(() => 0);
  for (;;) {
    yield Object.fromEntries(specs.map((spec, i) => [spec.name, spec.values[indices[i]!]!]));
    let i = specs.length - 1;
    while (i >= 0 && indices[i] === specs[i]!.values.length - 1) indices[i--] = 0;
    if (i < 0) return;
    indices[i]!++;
  }
}
