/**
 * Checks a manifest against an OpenAPI v3 schema as the API server's strict field validation would read it (kubectl's
 * default since 1.27, `--validate=strict`): every field must be declared, types and formats must hold, required
 * fields must be there, enums, patterns, lengths and bounds must hold. Reads the Kubernetes API's own spec
 * (api/openapi-spec/v3 of k8s.io/kubernetes) and CRDs' `openAPIV3Schema` alike. CEL rules
 * (`x-kubernetes-validations`) are not evaluated: the count of those met on the way is returned, so a test can say so.
 */

/** A schema object, as the spec writes it. */
export type Schema = { readonly [keyword: string]: unknown };

/** What a check found: its problems (empty when the manifest is valid) and how many CEL rules it could not evaluate. */
export interface SchemaCheck {
  problems: string[];
  celRulesNotEvaluated: number;
}

/** Looks a `$ref` up (e.g. `#/components/schemas/io.k8s.api.core.v1.Service`). */
export type RefResolver = (ref: string) => Schema | undefined;

/** The JSON type of a value, as schemas name them. */
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Checks `value` against `schema`; `path` names the field in messages. */
export function checkSchema(value: unknown, schema: Schema, resolve: RefResolver, path = ''): SchemaCheck {
  const result: SchemaCheck = { problems: [], celRulesNotEvaluated: 0 };
  walk(value, schema, resolve, path || '.', result);
  return result;
}

function walk(value: unknown, schema: Schema, resolve: RefResolver, path: string, out: SchemaCheck): void {
  const say = (problem: string): void => {
    out.problems.push(`${path}: ${problem}`);
  };
  if (typeof schema.$ref === 'string') {
    const target = resolve(schema.$ref);
    if (!target) return say(`unresolved schema ${schema.$ref}`);
    walk(value, target, resolve, path, out);
  }
  if (Array.isArray(schema.allOf)) for (const part of schema.allOf as Schema[]) walk(value, part, resolve, path, out);
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const options = schema[keyword];
    if (!Array.isArray(options)) continue;
    const passing = (options as Schema[]).filter((option) => checkSchema(value, option, resolve, path).problems.length === 0).length;
    if (keyword === 'oneOf' ? passing !== 1 : passing === 0) say(`matches ${passing} of the ${keyword} choices`);
  }
  if (Array.isArray(schema['x-kubernetes-validations']))
    out.celRulesNotEvaluated += (schema['x-kubernetes-validations'] as unknown[]).length;
  if (value === null && schema.nullable === true) return;
  const type = schema.type as string | undefined;
  const actual = typeOf(value);
  if (schema.format === 'int-or-string' || schema['x-kubernetes-int-or-string'] === true) {
    if (actual !== 'integer' && actual !== 'string') say(`must be an integer or a string, not ${actual}`);
    return;
  }
  if (type && !(type === actual || (type === 'number' && actual === 'integer'))) return say(`must be ${type}, not ${actual}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) say(`must be one of ${(schema.enum as unknown[]).join(', ')}`);
  if (typeof value === 'string') {
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) say(`longer than ${schema.maxLength}`);
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) say(`shorter than ${schema.minLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) say(`does not match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (schema.format === 'int32' && (value < -(2 ** 31) || value >= 2 ** 31)) say('out of int32 range');
    if (typeof schema.maximum === 'number' && value > schema.maximum) say(`above ${schema.maximum}`);
    if (typeof schema.minimum === 'number' && value < schema.minimum) say(`below ${schema.minimum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) say(`more than ${schema.maxItems} items`);
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) say(`fewer than ${schema.minItems} items`);
    if (schema.items && typeof schema.items === 'object')
      value.forEach((item, i) => walk(item, schema.items as Schema, resolve, `${path}[${i}]`, out));
  }
  if (actual === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required as string[] | undefined) ?? []) if (!(name in record)) say(`missing required field ${name}`);
    const open = schema['x-kubernetes-preserve-unknown-fields'] === true;
    for (const [name, item] of Object.entries(record)) {
      const at = `${path === '.' ? '' : path}.${name}`;
      if (name in properties) walk(item, properties[name]!, resolve, at, out);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
        walk(item, schema.additionalProperties as Schema, resolve, at, out);
      else if (schema.additionalProperties !== true && !open && (schema.properties !== undefined || schema.additionalProperties === false))
        out.problems.push(`${at}: unknown field`);
    }
  }
}
