/** Lists of addresses and ranges as readers type them, shared by the resolver and the diagnose page. */
import { parseRange } from '../model/ip.ts';

/** Splits a list typed with commas, spaces or new lines. */
export function splitTrusted(text: string): string[] {
  return text.split(/[\s,]+/).filter((part) => part !== '');
}

/** Splits a typed list of addresses or ranges into the ones that parse and the ones that do not. */
export function splitTrustedList(text: string): { valid: string[]; invalid: string[] } {
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const part of splitTrusted(text)) (parseRange(part).ok ? valid : invalid).push(part);
  return { valid, invalid };
}
