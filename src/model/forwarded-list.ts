/**
 * Forwarding headers as lists: several header lines, and the comma-separated
 * entries inside each, read as one list in order (RFC 9110 field-line combination),
 * as nginx and proxy-addr read them.
 */

/** Header lines as a request carries them: a name to one value, or to several lines in order. */
export type HeaderInput = Record<string, string | string[]>;

/** Every line of the named header, in order; names compare case-insensitively. Values that are not strings are skipped. */
export function headerLines(headers: HeaderInput | undefined, name: string): string[] {
  if (!headers || typeof headers !== 'object') return [];
  const wanted = name.toLowerCase();
  const lines: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    for (const line of Array.isArray(value) ? value : [value]) {
      if (typeof line === 'string') lines.push(line);
    }
  }
  return lines;
}

/**
 * Splits header lines into their entries, in order, trimmed; empty entries
 * (`a,,b`, a trailing comma) are skipped as nginx and proxy-addr skip them.
 */
export function splitEntries(lines: readonly string[]): string[] {
  const entries: string[] = [];
  for (const line of lines) {
    for (const part of line.split(',')) {
      const entry = part.trim();
      if (entry !== '') entries.push(entry);
    }
  }
  return entries;
}
