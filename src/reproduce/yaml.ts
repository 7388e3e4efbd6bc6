/**
 * A small YAML writer for the recipe's manifests: plain objects, arrays, strings, numbers and booleans, in block
 * style, two spaces per level. Strings are written plain only when YAML would read them back as the same string;
 * anything else is double-quoted (JSON's escaping is valid YAML), so a value never turns into a number, a boolean or
 * null by accident ("true", "80", "on" and "*" are quoted).
 */

/** A value the writer accepts. */
export type YamlValue = string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue | undefined };

/** Words YAML 1.1 or 1.2 reads as something other than a string (kubectl's reader accepts both). */
const reserved = /^(?:true|false|yes|no|on|off|y|n|null|~|)$/i;

/** A string as a YAML scalar: plain when it is safe, else double-quoted. */
export function yamlString(text: string): string {
  const plain = /^[A-Za-z_/][A-Za-z0-9_./:=-]*$/.test(text) && !reserved.test(text) && !/[:#]\s|:$/.test(text) && !/^[0-9+.-]/.test(text);
  return plain ? text : JSON.stringify(text);
}

/** A scalar as YAML text. */
function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return yamlString(value);
  return String(value);
}

/** True for a value written on the line of its key or dash. */
function isScalar(value: YamlValue): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

/** The lines of a value at an indentation. Empty objects and arrays are written inline as `{}` and `[]`. */
function lines(value: YamlValue, indent: string): string[] {
  if (isScalar(value)) return [`${indent}${scalar(value)}`];
  if (Array.isArray(value)) {
    const items = value as readonly YamlValue[];
    if (items.length === 0) return [`${indent}[]`];
    return items.flatMap((item) => {
      if (isScalar(item)) return [`${indent}- ${scalar(item)}`];
      const inner = lines(item, `${indent}  `);
      return [`${indent}- ${inner[0]!.slice(indent.length + 2)}`, ...inner.slice(1)];
    });
  }
  const entries = Object.entries(value).filter((entry): entry is [string, YamlValue] => entry[1] !== undefined);
  if (entries.length === 0) return [`${indent}{}`];
  return entries.flatMap(([key, item]) => {
    const name = `${indent}${yamlString(key)}:`;
    if (isScalar(item)) return [`${name} ${scalar(item)}`];
    if ((Array.isArray(item) && item.length === 0) || (!Array.isArray(item) && Object.keys(item).length === 0))
      return [`${name} ${Array.isArray(item) ? '[]' : '{}'}`];
    return [name, ...lines(item, `${indent}  `)];
  });
}

/** A document as YAML text, without the leading `---`. */
export function toYaml(document: YamlValue): string {
  return lines(document, '').join('\n');
}

/** Several documents as one YAML stream, separated by `---`, as `kubectl apply -f -` reads them. */
export function toYamlStream(documents: readonly YamlValue[]): string {
  return documents.map(toYaml).join('\n---\n');
}
