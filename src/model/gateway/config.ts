/**
 * A strict reader for gateway configurations: every field must be known, and a
 * real field that the model does not cover is refused by name, so no answer
 * silently ignores a setting that would change it.
 */
import { parseIp } from '../ip.ts';
import { GatewayConfigError } from './types.ts';

/** How the model treats a field it knows: read it, or refuse it because the answer would depend on it. */
export type FieldRule = 'read' | 'not-modelled';

/**
 * Checks an object's fields against the known ones and returns it as a record.
 * Undefined configuration reads as an empty object; anything else that is not a plain object is an error.
 */
export function readObject(value: unknown, path: string, fields: Record<string, FieldRule>): Record<string, unknown> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new GatewayConfigError('invalid-value', path, `must be an object, not ${describe(value)}.`);
  }
  const record = value as Record<string, unknown>;
  for (const [name, fieldValue] of Object.entries(record)) {
    if (fieldValue === undefined) continue;
    const rule = fields[name];
    if (rule === undefined) {
      const known = Object.keys(fields);
      throw new GatewayConfigError(
        'unknown-field',
        join(path, name),
        `unknown field${known.length ? `; known fields here: ${known.join(', ')}` : ''}.`,
      );
    }
    if (rule === 'not-modelled') {
      throw new GatewayConfigError(
        'not-modelled',
        join(path, name),
        'a real field this guide does not model; the answer would depend on it.',
      );
    }
  }
  return record;
}

/** A boolean field, or its default when absent. */
export function readBoolean(record: Record<string, unknown>, path: string, name: string, fallback: boolean): boolean {
  const value = record[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean')
    throw new GatewayConfigError('invalid-value', join(path, name), `must be true or false, not ${describe(value)}.`);
  return value;
}

/** A whole-number field from min to max, or its default when absent. */
export function readInteger(
  record: Record<string, unknown>,
  path: string,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = record[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new GatewayConfigError(
      'invalid-value',
      join(path, name),
      `must be a whole number from ${min} to ${max}, not ${describe(value)}.`,
    );
  }
  return value;
}

/** A string field limited to some values, or its default when absent. */
export function readChoice<T extends string>(
  record: Record<string, unknown>,
  path: string,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = record[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new GatewayConfigError('invalid-value', join(path, name), `must be one of ${choices.join(', ')}, not ${describe(value)}.`);
  }
  return value as T;
}

/** A list of CIDRs or single addresses in the usual text form (`10.0.0.0/8`, `2001:db8::/32`, `192.0.2.7`); each entry checked. */
export function readCidrList(record: Record<string, unknown>, path: string, name: string): string[] | undefined {
  const value = record[name];
  if (value === undefined) return undefined;
  const here = join(path, name);
  if (!Array.isArray(value)) throw new GatewayConfigError('invalid-value', here, `must be a list of CIDRs, not ${describe(value)}.`);
  return value.map((entry, i) => {
    if (typeof entry !== 'string' || !isCidrText(entry)) {
      throw new GatewayConfigError('invalid-value', `${here}[${i}]`, `is not a CIDR or an IP address: ${describe(entry)}.`);
    }
    return entry.trim();
  });
}

/** Refuses a configuration that sets two fields of which the implementation allows at most one. */
export function exclusive(record: Record<string, unknown>, path: string, names: readonly string[]): void {
  const set = names.filter((name) => record[name] !== undefined);
  if (set.length > 1) {
    throw new GatewayConfigError('exclusive-fields', join(path, set[1]!), `cannot be set together with ${set[0]}: choose one.`);
  }
}

/** True for `address` or `address/prefix` with a prefix within the family's width. */
export function isCidrText(text: string): boolean {
  const [address, prefix, ...rest] = text.trim().split('/');
  if (rest.length > 0 || address === undefined) return false;
  const parsed = parseIp(address);
  if (!parsed.ok) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (parsed.value.family === 'ipv4' ? 32 : 128);
}

/** A field's dotted path. */
function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** A value as an error message shows it. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
}
