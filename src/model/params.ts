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
  /** Earlier names of this parameter, read as it forever (links in old postmortems use them). */
  nameAliases: readonly string[];
  /** Earlier or alternative spellings of values, each mapped to its canonical value; read silently, forever. */
  valueAliases: Readonly<Record<string, Value>>;
}

/** The query parameter that carries the state format's version: reserved, never a parameter name. */
export const STATE_VERSION_PARAM = 'v';

/** The state format's version written into every link: a link's parameters are read as this version describes. */
export const STATE_VERSION = '1';

/** The spellings a boolean parameter also accepts: `off`/`on`, as nginx and ingress-nginx write them. */
const booleanAliases: Readonly<Record<string, 'false' | 'true'>> = { off: 'false', on: 'true' };

/** Old names and value spellings a parameter keeps accepting. */
export interface ParamAliases<Value extends string> {
  names?: readonly string[];
  values?: Readonly<Record<string, Value>>;
}

/** Declares a parameter whose first value is its default. */
export function param<const Name extends string, const Value extends string>(
  name: Name,
  label: string,
  help: Readonly<Record<Value, string>> & { [K in Value]: string },
  aliases: ParamAliases<NoInfer<Value>> = {},
): ParamSpec<Name, Value> {
  const values = Object.keys(help) as Value[];
  if (name === STATE_VERSION_PARAM) throw new Error(`param: "${STATE_VERSION_PARAM}" is reserved for the state format's version`);
  // Every false/true parameter also reads off/on: the same words the software's own configuration uses.
  const isBoolean = values.length === 2 && values.includes('false' as Value) && values.includes('true' as Value);
  const valueAliases = { ...(isBoolean ? (booleanAliases as Record<string, Value>) : {}), ...aliases.values };
  for (const [alias, canonical] of Object.entries(valueAliases)) {
    if (!values.includes(canonical) || values.includes(alias as Value))
      throw new Error(`param ${name}: bad value alias ${alias} → ${canonical}`);
  }
  return { name, label, values, default: values[0]!, help, nameAliases: aliases.names ?? [], valueAliases };
}

/**
 * The same parameter with another of its values first, so a scenario can open on that value while the name, values,
 * help and aliases stay those of the shared declaration.
 */
export function withDefault<const Name extends string, const Value extends string>(
  spec: ParamSpec<Name, Value>,
  value: NoInfer<Value>,
): ParamSpec<Name, Value> {
  if (!spec.values.includes(value)) throw new Error(`withDefault: ${spec.name} has no value ${value}`);
  return { ...spec, values: [value, ...spec.values.filter((v) => v !== value)], default: value };
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

/** The parameter a name stands for: its own name or one of its old names. */
export function findParam(specs: readonly ParamSpec[], name: string): ParamSpec | undefined {
  return specs.find((spec) => spec.name === name || spec.nameAliases.includes(name));
}

/** The canonical value a raw value stands for (itself or through an alias), or undefined when the parameter has no such value. */
export function canonicalValue(spec: ParamSpec, value: string): string | undefined {
  if ((spec.values as readonly string[]).includes(value)) return value;
  return Object.hasOwn(spec.valueAliases, value) ? spec.valueAliases[value] : undefined;
}

/**
 * Fills in and checks parameters: every parameter gets a valid value (its
 * default when missing or invalid); unknown names and invalid values are named
 * in the notices. Old names and value aliases are read silently, as their
 * canonical name and value. The state format's version (`v`) is not a
 * parameter: version 1 is read silently, any other is named. Never throws.
 */
export function normalizeParams(specs: readonly ParamSpec[], raw: RawParams): { params: ParamRecord; notices: string[] } {
  const notices: string[] = [];
  const params: ParamRecord = Object.fromEntries(specs.map((spec) => [spec.name, spec.default]));
  for (const [name, value] of rawEntries(raw)) {
    if (name === STATE_VERSION_PARAM) {
      if (value !== undefined && value !== STATE_VERSION)
        notices.push(
          `State format ${STATE_VERSION_PARAM}=${quote(String(value))} is unknown; the link is read as version ${STATE_VERSION}.`,
        );
      continue;
    }
    const spec = findParam(specs, name);
    if (!spec) {
      notices.push(`Unknown parameter ${quote(name)} is ignored.`);
      continue;
    }
    if (value === undefined) continue;
    const canonical = typeof value === 'string' ? canonicalValue(spec, value) : undefined;
    if (canonical !== undefined) {
      params[spec.name] = canonical;
    } else {
      notices.push(`${spec.name}=${quote(String(value))} is not one of ${spec.values.join(', ')}; the default ${spec.default} is used.`);
    }
  }
  return { params, notices };
}

/** The canonical names of the parameters `raw` carries (under their own or an old name), whatever their values. */
export function givenNames(specs: readonly ParamSpec[], raw: RawParams): Set<string> {
  const names = new Set<string>();
  for (const [name, value] of rawEntries(raw)) {
    const spec = findParam(specs, name);
    if (spec && value !== undefined) names.add(spec.name);
  }
  return names;
}

/**
 * The canonical query of a state: every parameter of the scenario, in the scenario's order, with its canonical value,
 * then the state format's version. A link built from it keeps its meaning when a default changes.
 */
export function stateQuery(specs: readonly ParamSpec[], params: ParamRecord): URLSearchParams {
  const query = new URLSearchParams();
  for (const spec of specs) query.set(spec.name, params[spec.name] ?? spec.default);
  query.set(STATE_VERSION_PARAM, STATE_VERSION);
  return query;
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
